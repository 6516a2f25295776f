-- Schema version 19: the search index gathers up to 16 MiB of a write's new entries in memory
-- before it writes them out (SQLite's default is 1 MiB). A write of one case is unchanged; an
-- import of 10,000 cases writes the index in one pass instead of in a dozen pieces merged again
-- and again, which was half of what indexing an import cost.
INSERT INTO case_search (case_search, rank) VALUES ('hashsize', 16777216);
