-- Schema version 8: the search index keeps a list of cases for every prefix of one to four
-- characters, so what a person types first ("o", "ol", "DSR", "2026") is read from one list instead
-- of merging the lists of every word that starts with it (100,000 cases, "o": 20 → 0.7 ms to find
-- the first 10,000 matches); the index grows about fourfold (10 → 40 MB at 100,000 cases).
-- It also holds each case's facets (status, kind, regime, open, running) as tokens of their own
-- column, so a search within open cases (the window's default) is counted in the index alone.
-- Casebook refills it from the cases after this migration.
DROP TABLE case_search;
CREATE VIRTUAL TABLE case_search USING fts5(
    reference, name, email, notes, correspondence, facets,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3 4'
);
