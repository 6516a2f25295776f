-- Schema version 1. Migrations are append-only: never edit this file once released; add 0002_….sql instead.

-- Key/value settings; the organisation profile lives under 'profile' as JSON.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The address book: representatives, the DPO, authorities.
CREATE TABLE parties (
    id             INTEGER PRIMARY KEY,
    role           TEXT NOT NULL CHECK (role IN ('eu-representative', 'uk-representative', 'dpo', 'authority', 'other')),
    name           TEXT NOT NULL,
    contact_person TEXT,
    address        TEXT NOT NULL DEFAULT '[]',  -- JSON array of lines
    email          TEXT,
    country        TEXT
) STRICT;

-- Requesters and authorised agents.
CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    email          TEXT,
    postal_address TEXT,
    phone          TEXT,
    company        TEXT,
    relationship   TEXT CHECK (relationship IN ('customer', 'website-visitor', 'service-end-user', 'employee', 'other'))
) STRICT;

-- Next serial number per reference prefix and year (DSR-2026-0001, …).
CREATE TABLE reference_counters (
    prefix TEXT NOT NULL,
    year   INTEGER NOT NULL,
    next   INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
) STRICT;

CREATE TABLE cases (
    id                   INTEGER PRIMARY KEY,
    reference            TEXT NOT NULL UNIQUE,
    kind                 TEXT NOT NULL CHECK (kind IN ('request', 'complaint', 'correspondence')),
    regime               TEXT NOT NULL,
    channel              TEXT NOT NULL,
    received_at          TEXT NOT NULL,  -- UTC instant, RFC 3339
    received_tz          TEXT NOT NULL,  -- IANA zone of the receiving office
    received_date        TEXT NOT NULL,  -- local date in received_tz: starts the clock
    status               TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'awaiting-information', 'in-progress',
                                                         'extended', 'responded', 'closed', 'rejected', 'withdrawn')),
    outcome              TEXT CHECK (outcome IN ('complied', 'complied-in-part', 'denied', 'withdrawn')),
    outcome_reason       TEXT,
    requester_id         INTEGER NOT NULL REFERENCES people(id),
    agent_id             INTEGER REFERENCES people(id),
    agent_proof_received TEXT,
    party_id             INTEGER REFERENCES parties(id),  -- the counterpart of correspondence with a party
    assignee             TEXT,
    notes                TEXT NOT NULL DEFAULT '',
    legal_hold           INTEGER NOT NULL DEFAULT 0,
    due_on               TEXT,  -- the current response date (respond or extended), for sorting and filtering
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;
CREATE INDEX cases_status_due ON cases (status, due_on);
CREATE INDEX cases_due ON cases (due_on);
CREATE INDEX cases_received ON cases (received_date);

CREATE TABLE case_rights (
    case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "right"  TEXT NOT NULL,
    PRIMARY KEY (case_id, "right")
) STRICT;

CREATE TABLE case_tags (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (case_id, tag)
) STRICT;

CREATE TABLE case_links (
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    linked_case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    PRIMARY KEY (case_id, linked_case_id)
) STRICT;

-- The dated timeline of each case.
CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    type        TEXT NOT NULL CHECK (type IN ('acknowledged', 'id-requested', 'id-received', 'clarification-requested',
                                              'clarification-received', 'extended', 'responded', 'closed', 'rejected',
                                              'withdrawn', 'note')),
    occurred_on TEXT NOT NULL,
    note        TEXT,
    actor       TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_events_case ON case_events (case_id, occurred_on);

-- Statutory, office-target and manual deadlines, each with the reasoning behind its date.
CREATE TABLE deadlines (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL CHECK (kind IN ('acknowledge', 'respond', 'extension-notice', 'extended-respond', 'risk', 'manual')),
    due_on  TEXT NOT NULL,
    basis   TEXT NOT NULL,
    label   TEXT,
    met_on  TEXT
) STRICT;
CREATE UNIQUE INDEX deadlines_statutory ON deadlines (case_id, kind) WHERE kind <> 'manual';
CREATE INDEX deadlines_due ON deadlines (due_on);

-- Every letter in or out.
CREATE TABLE correspondence (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    occurred_on TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    counterpart TEXT NOT NULL CHECK (counterpart IN ('data-subject', 'agent', 'eu-representative', 'uk-representative',
                                                     'dpo', 'authority', 'internal', 'other')),
    party_id    INTEGER REFERENCES parties(id),
    channel     TEXT NOT NULL,
    subject     TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX correspondence_case ON correspondence (case_id, occurred_on);

CREATE TABLE attachments (
    id                INTEGER PRIMARY KEY,
    correspondence_id INTEGER NOT NULL REFERENCES correspondence(id) ON DELETE CASCADE,
    file_name         TEXT NOT NULL,
    media_type        TEXT NOT NULL,
    sha256            TEXT NOT NULL,
    bytes             BLOB NOT NULL
) STRICT;

-- Generated letters: the exact bytes sent, with their hash.
CREATE TABLE letters (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    correspondence_id INTEGER REFERENCES correspondence(id),
    template          TEXT NOT NULL,
    language          TEXT NOT NULL,
    paper             TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    sha256            TEXT NOT NULL,
    pdf               BLOB NOT NULL
) STRICT;

-- The append-only, hash-chained record of every change.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    case_ref  TEXT,
    changes   TEXT NOT NULL,  -- JSON object: field -> [before, after]
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

-- The newest record of the chain, so that removing records from its end is detected too.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
) STRICT;
