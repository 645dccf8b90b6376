-- Reconciliations (对账) of a customer's ledger against their statement.
-- Money is integer fen in OUR sign (+ raises what the customer owes us);
-- dates are ISO YYYY-MM-DD text; times ISO 8601 with offset.

-- One reconciliation: whose, which period, which statement file.
CREATE TABLE reconcile_session (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customer (id),
    period_from   TEXT NOT NULL,
    period_to     TEXT NOT NULL CHECK (period_to >= period_from),
    file_name     TEXT NOT NULL,
    -- SHA-256 of the statement file's bytes, lower-case hex
    file_hash     TEXT NOT NULL,
    sign          TEXT NOT NULL CHECK (sign IN ('their_credit_is_our_debit', 'same')),
    -- the matching options of the last automatic run (JSON)
    options       TEXT NOT NULL,
    our_opening   INTEGER NOT NULL,
    their_opening INTEGER NOT NULL,
    opening_note  TEXT,
    -- figures as last saved, for the history list
    our_balance   INTEGER NOT NULL,
    their_balance INTEGER NOT NULL,
    unexplained   INTEGER NOT NULL,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'confirmed')),
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    confirmed_by  TEXT,
    confirmed_at  TEXT,
    CHECK ((status = 'confirmed') = (confirmed_by IS NOT NULL AND confirmed_at IS NOT NULL))
);
CREATE INDEX reconcile_session_customer ON reconcile_session (customer_id, period_to);

-- A match: the lines of both sides that name it (reconcile_line.match_id).
CREATE TABLE reconcile_match (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES reconcile_session (id),
    rule       TEXT NOT NULL CHECK (rule IN ('doc_and_amount', 'amount_and_date', 'group', 'manual')),
    confidence INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    -- why a manual match was accepted although its sides differ
    note       TEXT
);
CREATE INDEX reconcile_match_session ON reconcile_match (session_id);

-- Every line of both sides, where it stands, and the bookkeeper's note on it.
-- Ours name the ledger entry they come from; theirs are numbered by the
-- statement's row. An unmatched line is on one side only, or paired with a
-- line of the other side (same document, other amount; same amount, dates
-- beyond the tolerance).
CREATE TABLE reconcile_line (
    session_id  INTEGER NOT NULL REFERENCES reconcile_session (id),
    side        TEXT NOT NULL CHECK (side IN ('ours', 'theirs')),
    line_id     INTEGER NOT NULL,
    entry_id    INTEGER REFERENCES ledger_entry (id),
    line_date   TEXT NOT NULL,
    doc         TEXT NOT NULL,
    description TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    bucket      TEXT NOT NULL
                CHECK (bucket IN ('matched', 'only', 'amount_mismatch', 'date_outside_tolerance')),
    match_id    INTEGER REFERENCES reconcile_match (id),
    -- for a pair: the line_id of the other side's line
    pair_line   INTEGER,
    note        TEXT,
    PRIMARY KEY (session_id, side, line_id),
    CHECK ((bucket = 'matched') = (match_id IS NOT NULL)),
    CHECK ((bucket IN ('amount_mismatch', 'date_outside_tolerance')) = (pair_line IS NOT NULL)),
    CHECK (side = 'ours' OR entry_id IS NULL)
) WITHOUT ROWID;
CREATE INDEX reconcile_line_match ON reconcile_line (match_id) WHERE match_id IS NOT NULL;

-- Adjusting ledger entries booked from a difference of the session.
CREATE TABLE reconcile_adjustment (
    session_id INTEGER NOT NULL REFERENCES reconcile_session (id),
    entry_id   INTEGER NOT NULL UNIQUE REFERENCES ledger_entry (id),
    reason     TEXT NOT NULL,
    operator   TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (session_id, entry_id)
) WITHOUT ROWID;

-- Who created, saved, adjusted and confirmed which session, and when.
CREATE TABLE reconcile_audit (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('create', 'save', 'adjust', 'confirm')),
    detail      TEXT,
    operator    TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX reconcile_audit_session ON reconcile_audit (session_id, id);

-- Saved statement column mappings with their sign convention: file header ->
-- field key ('' = ignored) as JSON; sign NULL = detect from the totals.
CREATE TABLE statement_mapping (
    name       TEXT PRIMARY KEY,
    columns    TEXT NOT NULL,
    sign       TEXT CHECK (sign IN ('their_credit_is_our_debit', 'same')),
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- A confirmed reconciliation is a record: nothing of it changes any more,
-- whichever program writes to the file.
CREATE TRIGGER reconcile_session_confirmed_update BEFORE UPDATE ON reconcile_session
    WHEN OLD.status = 'confirmed'
    BEGIN SELECT RAISE(ABORT, 'a confirmed reconciliation is read-only'); END;
CREATE TRIGGER reconcile_session_confirmed_delete BEFORE DELETE ON reconcile_session
    WHEN OLD.status = 'confirmed'
    BEGIN SELECT RAISE(ABORT, 'a confirmed reconciliation is read-only'); END;
CREATE TRIGGER reconcile_line_confirmed_insert BEFORE INSERT ON reconcile_line
    WHEN (SELECT status FROM reconcile_session WHERE id = NEW.session_id) = 'confirmed'
    BEGIN SELECT RAISE(ABORT, 'a confirmed reconciliation is read-only'); END;
CREATE TRIGGER reconcile_line_confirmed_update BEFORE UPDATE ON reconcile_line
    WHEN (SELECT status FROM reconcile_session WHERE id = OLD.session_id) = 'confirmed'
    BEGIN SELECT RAISE(ABORT, 'a confirmed reconciliation is read-only'); END;
CREATE TRIGGER reconcile_line_confirmed_delete BEFORE DELETE ON reconcile_line
    WHEN (SELECT status FROM reconcile_session WHERE id = OLD.session_id) = 'confirmed'
    BEGIN SELECT RAISE(ABORT, 'a confirmed reconciliation is read-only'); END;
CREATE TRIGGER reconcile_match_confirmed_insert BEFORE INSERT ON reconcile_match
    WHEN (SELECT status FROM reconcile_session WHERE id = NEW.session_id) = 'confirmed'
    BEGIN SELECT RAISE(ABORT, 'a confirmed reconciliation is read-only'); END;
CREATE TRIGGER reconcile_match_confirmed_update BEFORE UPDATE ON reconcile_match
    WHEN (SELECT status FROM reconcile_session WHERE id = OLD.session_id) = 'confirmed'
    BEGIN SELECT RAISE(ABORT, 'a confirmed reconciliation is read-only'); END;
CREATE TRIGGER reconcile_match_confirmed_delete BEFORE DELETE ON reconcile_match
    WHEN (SELECT status FROM reconcile_session WHERE id = OLD.session_id) = 'confirmed'
    BEGIN SELECT RAISE(ABORT, 'a confirmed reconciliation is read-only'); END;
