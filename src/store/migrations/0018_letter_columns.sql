-- Schema version 18: a letter's own columns, read without its PDF. A row keeps its PDF in the
-- middle (columns were added after it), so reading a later column walked every page of the PDF;
-- this index carries every column a case's list of letters shows, so only the PDF's length is read
-- from the row itself.
DROP INDEX letters_case;
CREATE INDEX letters_case ON letters (case_id, id, template, language, paper, subject, created_at, sha256,
    approved_by, approved_at, approval_note, sent_method, tracking, correspondence_id);
