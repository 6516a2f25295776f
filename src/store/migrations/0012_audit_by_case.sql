-- A case's history read from the audit log without scanning it: the window shows it on the case,
-- `casebook audit --case REF` prints it.
CREATE INDEX audit_log_by_case ON audit_log (case_ref, seq) WHERE case_ref IS NOT NULL;
