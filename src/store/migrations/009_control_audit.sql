-- The audit you can read (issue 13): events that belong to no customer
-- record (sign-ins, refusals, operators, merges, restores), indexes for
-- reading every audit table by customer, operator and date, and triggers
-- that keep every audit table append-only, whichever program writes the file.

CREATE TABLE control_audit (
    id            INTEGER PRIMARY KEY,
    -- sign_in, sign_in_failed, refused, operator_add, operator_passwd,
    -- operator_retire, setting, restore, merge, unmerge
    action        TEXT NOT NULL,
    -- who did it (or tried to): the signed-in operator, or the name given
    operator      TEXT NOT NULL,
    customer_id   INTEGER,
    customer_code TEXT,
    -- what it was about: an operator's name, a permission key, a setting
    subject       TEXT NOT NULL DEFAULT '',
    detail        TEXT,
    at            TEXT NOT NULL
);
CREATE INDEX control_audit_customer ON control_audit (customer_id, id) WHERE customer_id IS NOT NULL;
CREATE INDEX control_audit_at ON control_audit (at);
CREATE INDEX control_audit_operator ON control_audit (operator, at);

-- Deleted customers are found by the code they had.
CREATE INDEX audit_code ON audit (customer_code);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_operator ON audit (operator, at);
CREATE INDEX ledger_audit_at ON ledger_audit (at);
CREATE INDEX ledger_audit_operator ON ledger_audit (operator, at);
CREATE INDEX reconcile_audit_customer ON reconcile_audit (customer_id, id);
CREATE INDEX reconcile_audit_at ON reconcile_audit (at);
CREATE INDEX reconcile_audit_operator ON reconcile_audit (operator, at);

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be changed'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be deleted'); END;
CREATE TRIGGER ledger_audit_append_only_update BEFORE UPDATE ON ledger_audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be changed'); END;
CREATE TRIGGER ledger_audit_append_only_delete BEFORE DELETE ON ledger_audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be deleted'); END;
CREATE TRIGGER reconcile_audit_append_only_update BEFORE UPDATE ON reconcile_audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be changed'); END;
CREATE TRIGGER reconcile_audit_append_only_delete BEFORE DELETE ON reconcile_audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be deleted'); END;
CREATE TRIGGER control_audit_append_only_update BEFORE UPDATE ON control_audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be changed'); END;
CREATE TRIGGER control_audit_append_only_delete BEFORE DELETE ON control_audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be deleted'); END;
