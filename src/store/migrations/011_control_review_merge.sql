-- Merging duplicate customers (issue 13). The dropped customer stays,
-- archived, pointing at the one kept: its code and name still find the kept
-- one, and the kept one's history reads the dropped one's audit rows through
-- the pointer (the audit tables are append-only, so nothing is rewritten).
ALTER TABLE customer ADD COLUMN merged_into INTEGER;
CREATE INDEX customer_merged_into ON customer (merged_into) WHERE merged_into IS NOT NULL;

-- One merge, with what undoing it needs: the kept customer's fields it
-- replaced, the dropped one's status before, the kept one's ledger lock
-- before, and the last id of each trail when it committed (a later row about
-- either customer means something new touched them: undo is refused).
CREATE TABLE customer_merge (
    id                   INTEGER PRIMARY KEY,
    kept_id              INTEGER NOT NULL,
    dropped_id           INTEGER NOT NULL,
    kept_code            TEXT NOT NULL,
    dropped_code         TEXT NOT NULL,
    -- JSON object: field key -> the kept customer's text before the merge
    kept_before          TEXT NOT NULL,
    dropped_status       TEXT NOT NULL,
    kept_lock_before     TEXT,
    reason               TEXT,
    audit_last           INTEGER NOT NULL DEFAULT 0,
    ledger_audit_last    INTEGER NOT NULL DEFAULT 0,
    reconcile_audit_last INTEGER NOT NULL DEFAULT 0,
    operator             TEXT NOT NULL,
    at                   TEXT NOT NULL,
    undone_at            TEXT,
    undone_by            TEXT
);
CREATE INDEX customer_merge_kept ON customer_merge (kept_id);
CREATE INDEX customer_merge_dropped ON customer_merge (dropped_id);

-- The ledger entries and reconciliation sessions a merge moved.
CREATE TABLE customer_merge_moved (
    merge_id INTEGER NOT NULL REFERENCES customer_merge (id),
    kind     TEXT NOT NULL CHECK (kind = 'entry' OR kind = 'session'),
    row_id   INTEGER NOT NULL,
    PRIMARY KEY (merge_id, kind, row_id)
) WITHOUT ROWID;

-- A confirmed reconciliation stays read-only, except that a merge (and its
-- undo) may move it to another customer: only `customer_id` may change.
DROP TRIGGER reconcile_session_confirmed_update;
CREATE TRIGGER reconcile_session_confirmed_update BEFORE UPDATE ON reconcile_session
    WHEN OLD.status = 'confirmed' AND (
        NEW.id IS NOT OLD.id OR NEW.period_from IS NOT OLD.period_from
        OR NEW.period_to IS NOT OLD.period_to OR NEW.file_name IS NOT OLD.file_name
        OR NEW.file_hash IS NOT OLD.file_hash OR NEW.sign IS NOT OLD.sign
        OR NEW.options IS NOT OLD.options OR NEW.our_opening IS NOT OLD.our_opening
        OR NEW.their_opening IS NOT OLD.their_opening OR NEW.opening_note IS NOT OLD.opening_note
        OR NEW.our_balance IS NOT OLD.our_balance OR NEW.their_balance IS NOT OLD.their_balance
        OR NEW.unexplained IS NOT OLD.unexplained OR NEW.status IS NOT OLD.status
        OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
        OR NEW.updated_at IS NOT OLD.updated_at OR NEW.confirmed_by IS NOT OLD.confirmed_by
        OR NEW.confirmed_at IS NOT OLD.confirmed_at OR NEW.confirm_reason IS NOT OLD.confirm_reason)
    BEGIN SELECT RAISE(ABORT, 'a confirmed reconciliation is read-only'); END;

-- Review (issue 13). With the setting `review_new_customers` on (or an
-- import run with --review) new customers start `pending_review` (the
-- migration's hook widens the status CHECK): editable, not invoiced, until
-- a supervisor approves them. A bookkeeper's credit-limit raise above the
-- supervisor amount waits here, under review on, until approved or rejected.
CREATE TABLE review_change (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL,
    field        TEXT NOT NULL CHECK (field = 'credit_limit'),
    old          TEXT,
    new          TEXT,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    decision     TEXT CHECK (decision = 'approved' OR decision = 'rejected'),
    reason       TEXT,
    decided_by   TEXT,
    decided_at   TEXT
);
CREATE INDEX review_change_open ON review_change (customer_id) WHERE decision IS NULL;
