-- Schema version 6: each audit record's hash covers a SHA-256 digest of its changes instead of the
-- text, so that a retention purge can blank a purged case's changes while the chain still verifies.
-- Rust then re-seals an intact chain in the new form (see schema.rs).
ALTER TABLE audit_log ADD COLUMN changes_sha256 TEXT;
