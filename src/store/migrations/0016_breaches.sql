-- Schema version 16: the breach register (GDPR/UK GDPR Art. 33(5)). A breach is known by its
-- reference (BR-YYYY-NNNN); instants are RFC 3339 in UTC with the zone they were given in.
CREATE TABLE breaches (
    id                 INTEGER PRIMARY KEY,
    reference          TEXT NOT NULL UNIQUE,
    aware_at           TEXT NOT NULL,
    time_zone          TEXT NOT NULL,
    occurred_from      TEXT,
    occurred_to        TEXT,
    discovered_how     TEXT NOT NULL DEFAULT '',
    description        TEXT NOT NULL,
    data_categories    TEXT NOT NULL DEFAULT '[]',
    subject_categories TEXT NOT NULL DEFAULT '[]',
    counts             TEXT NOT NULL DEFAULT '{}',
    consequences       TEXT NOT NULL DEFAULT '',
    measures           TEXT NOT NULL DEFAULT '',
    risk               TEXT CHECK (risk IN ('none', 'risk', 'high')),
    risk_reasoning     TEXT NOT NULL DEFAULT '',
    wrongful_purpose   INTEGER NOT NULL DEFAULT 0 CHECK (wrongful_purpose IN (0, 1)),
    contained_at       TEXT,
    closed_on          TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE breach_regimes (
    breach_id INTEGER NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
    regime    TEXT NOT NULL CHECK (regime IN ('gdpr', 'uk-gdpr', 'ccpa', 'appi')),
    PRIMARY KEY (breach_id, regime)
) STRICT;

-- The authorities to notify, from the address book.
CREATE TABLE breach_authorities (
    breach_id INTEGER NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
    party_id  INTEGER NOT NULL REFERENCES parties(id),
    PRIMARY KEY (breach_id, party_id)
) STRICT;

-- Each notification made: to an authority (its party), the data subjects or the Attorney General.
CREATE TABLE breach_notifications (
    id          INTEGER PRIMARY KEY,
    breach_id   INTEGER NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
    audience    TEXT NOT NULL CHECK (audience IN ('authority', 'subjects', 'attorney-general')),
    party_id    INTEGER REFERENCES parties(id),
    phase       TEXT NOT NULL CHECK (phase IN ('initial', 'preliminary', 'follow-up', 'final')),
    sent_at     TEXT NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('email', 'post', 'portal', 'in-person', 'phone')),
    their_reference TEXT,
    delay_reasons   TEXT,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX breach_notifications_breach ON breach_notifications (breach_id, id);

-- The breach's own timeline: contained, assessed, a note, closed.
CREATE TABLE breach_events (
    id         INTEGER PRIMARY KEY,
    breach_id  INTEGER NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('contained', 'assessed', 'note', 'closed')),
    at         TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

-- The requests and complaints a breach caused.
CREATE TABLE breach_cases (
    breach_id INTEGER NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
    case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    PRIMARY KEY (breach_id, case_id)
) STRICT;
