-- Wrong-PIN lockouts that survive a restart, and an audit trail that cannot be rewritten.

ALTER TABLE staff ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN locked_until TEXT;

-- A PIN typed without a staff code names nobody: its failures count against the till.
CREATE TABLE till_pin_guards (
    till         TEXT PRIMARY KEY,
    failed_pins  INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);

CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
