-- Schema version 3: full-text search over references, names, emails, notes and correspondence.
-- CJK characters are indexed one by one (spaced apart by Casebook), so a two-character Japanese
-- name is found by a phrase query; Latin text by prefix, without diacritics.
CREATE VIRTUAL TABLE case_search USING fts5(
    reference, name, email, notes, correspondence,
    tokenize = "unicode61 remove_diacritics 2"
);
