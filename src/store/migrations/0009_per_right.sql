-- Schema version 9: each right of a request keeps its own dates; responses, extensions and closures
-- can be recorded for one right (with that right's outcome); fee events; the id-failed outcome.
-- Rust then widens two CHECK lists in place (see schema.rs) and recomputes open cases once, audited.
ALTER TABLE case_events ADD COLUMN "right" TEXT;
ALTER TABLE case_events ADD COLUMN outcome TEXT
    CHECK (outcome IN ('complied', 'complied-in-part', 'denied', 'withdrawn', 'id-failed'));
ALTER TABLE deadlines ADD COLUMN "right" TEXT;
DROP INDEX deadlines_statutory;
CREATE UNIQUE INDEX deadlines_statutory ON deadlines (case_id, kind, coalesce("right", '')) WHERE kind <> 'manual';
