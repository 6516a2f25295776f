-- Schema version 15: a letter's life. A letter is stored first; it may be approved (the approval
-- binds the SHA-256 of the exact PDF) and is sent when its correspondence item exists, dated and
-- with the way it left. A case answered late keeps the reason.
ALTER TABLE letters ADD COLUMN subject TEXT;
ALTER TABLE letters ADD COLUMN approved_by TEXT;
ALTER TABLE letters ADD COLUMN approved_at TEXT;
ALTER TABLE letters ADD COLUMN approval_note TEXT;
ALTER TABLE letters ADD COLUMN approved_sha256 TEXT;
ALTER TABLE letters ADD COLUMN sent_method TEXT CHECK (sent_method IN ('email', 'post', 'portal', 'in-person'));
ALTER TABLE letters ADD COLUMN tracking TEXT;
ALTER TABLE cases ADD COLUMN late_reason TEXT
    CHECK (late_reason IN ('volume', 'complexity', 'third-party', 'identity', 'systems', 'oversight', 'other'));
ALTER TABLE cases ADD COLUMN late_note TEXT;

-- What the window announced today (a deadline or a task, due soon or overdue), so that a restart
-- does not announce it again the same day.
CREATE TABLE reminders (
    item     TEXT NOT NULL,
    shown_on TEXT NOT NULL,
    PRIMARY KEY (item, shown_on)
) STRICT;

-- A task's evidence file is kept as an internal item of the case's correspondence (stored, hashed,
-- saved again like any other file).
ALTER TABLE case_tasks ADD COLUMN evidence_item INTEGER REFERENCES correspondence(id);
