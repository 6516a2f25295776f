-- Schema version 13: an address book that is kept (more kinds of party, organisation, phone,
-- language, notes, retirement); correspondence items with a time of day and a reply-by date; a
-- deadline can be the reply owed to an incoming item. Rust then widens two CHECK lists in place.
-- Columns added after row digests began are left out of a row's digest while NULL (see rows.rs).
ALTER TABLE parties ADD COLUMN organisation TEXT;
ALTER TABLE parties ADD COLUMN phone TEXT;
ALTER TABLE parties ADD COLUMN language TEXT;
ALTER TABLE parties ADD COLUMN notes TEXT;
ALTER TABLE parties ADD COLUMN retired_on TEXT;
ALTER TABLE correspondence ADD COLUMN occurred_time TEXT;
ALTER TABLE correspondence ADD COLUMN reply_by TEXT;
ALTER TABLE deadlines ADD COLUMN correspondence_id INTEGER REFERENCES correspondence(id);
CREATE INDEX correspondence_party ON correspondence (party_id, occurred_on);
CREATE UNIQUE INDEX deadlines_reply ON deadlines (correspondence_id) WHERE correspondence_id IS NOT NULL;
