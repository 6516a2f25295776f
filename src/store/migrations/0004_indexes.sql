-- Schema version 4: indexes measured to matter at 100,000 cases (see README, benchmarks).
CREATE INDEX deadlines_case ON deadlines (case_id);
CREATE INDEX attachments_correspondence ON attachments (correspondence_id);
CREATE INDEX letters_case ON letters (case_id);
-- The case list's order, so its first page is read from the index instead of sorting every case.
CREATE INDEX cases_list_order ON cases (due_on IS NULL, due_on, received_at DESC, id DESC);
CREATE INDEX cases_open_counts ON cases (status, regime, kind);
