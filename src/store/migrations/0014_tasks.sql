-- Schema version 14: the work on a case. A task has an internal due date: set by hand, or a
-- number of working days before the case's response date (then redated when that date moves).
CREATE TABLE case_tasks (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('search-system', 'tell-recipient', 'retrieve-records', 'review', 'other')),
    assignee    TEXT,
    party_id    INTEGER REFERENCES parties(id),
    days_before INTEGER CHECK (days_before BETWEEN 0 AND 250),
    due_on      TEXT,
    basis       TEXT NOT NULL DEFAULT '',
    done_on     TEXT,
    evidence    TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX case_tasks_case ON case_tasks (case_id, id);
CREATE INDEX case_tasks_open ON case_tasks (due_on) WHERE done_on IS NULL;
