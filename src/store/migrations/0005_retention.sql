-- Schema version 5: when a case's personal data was removed at the end of its retention period.
ALTER TABLE cases ADD COLUMN purged_on TEXT;
