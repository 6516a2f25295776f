-- The case list sorted by when a case was received or last changed, or by reference: each order
-- walks its own index and stops at the page, carrying the columns the filters test.
CREATE INDEX cases_by_received ON cases (received_at DESC, id DESC, status, regime, kind);
CREATE INDEX cases_by_updated ON cases (updated_at DESC, id DESC, status, regime, kind);
CREATE INDEX cases_by_reference ON cases (reference, status, regime, kind);
