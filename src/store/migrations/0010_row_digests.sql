-- What each audited write made: the digest of every row it inserted, updated or deleted (NULL when
-- deleted), under the audit record that closed the write. The record's hash covers these entries
-- through rows_sha256, so the record itself, not only the chain, can be checked.
CREATE TABLE audit_rows (
    seq      INTEGER NOT NULL,
    tbl      TEXT NOT NULL,
    row_id   INTEGER NOT NULL,
    case_ref TEXT,
    digest   TEXT,
    PRIMARY KEY (seq, tbl, row_id)
) WITHOUT ROWID;

CREATE INDEX audit_rows_by_row ON audit_rows (tbl, row_id, seq);

ALTER TABLE audit_log ADD COLUMN rows_sha256 TEXT;

-- A person's case is found from the person (a requester's or agent's row digest names its case).
CREATE INDEX cases_requester ON cases (requester_id);
CREATE INDEX cases_agent ON cases (agent_id) WHERE agent_id IS NOT NULL;
