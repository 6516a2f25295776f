-- Seals over the audit chain: each tags the chain's head at the time with the sealing key of its
-- epoch, a key the program forgets once it has moved on to the next (see src/store/seal.rs).
CREATE TABLE audit_seals (
    epoch     INTEGER PRIMARY KEY,
    seq       INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    at        TEXT NOT NULL,
    tag       TEXT NOT NULL
) STRICT;
