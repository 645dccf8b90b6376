-- The receivables ledger: entries, allocations, per-customer aggregates,
-- reconciliation locks and the ledger's audit trail.
-- Money is integer fen, signed: positive = the customer owes more (debit).
-- Dates are ISO YYYY-MM-DD text, so they compare and sort as text.

CREATE TABLE ledger_entry (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customer (id),
    kind            TEXT NOT NULL
                    CHECK (kind IN ('opening', 'invoice', 'receipt', 'credit', 'prepayment', 'adjustment')),
    entry_date      TEXT NOT NULL,
    doc_no          TEXT NOT NULL CHECK (doc_no <> ''),
    amount          INTEGER NOT NULL CHECK (amount <> 0),
    -- debits only: what can fall overdue
    due_date        TEXT,
    -- a debit: what is still owed (0..amount); a credit: what is still unallocated (amount..0).
    -- Kept in the row by the allocation transaction so balances and aging are plain aggregates.
    outstanding     INTEGER NOT NULL,
    memo            TEXT NOT NULL DEFAULT '',
    -- set when an invoice was issued over the credit limit
    override_reason TEXT,
    reverses_id     INTEGER REFERENCES ledger_entry (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (customer_id, kind, doc_no),
    CHECK ((amount > 0 AND outstanding BETWEEN 0 AND amount)
        OR (amount < 0 AND outstanding BETWEEN amount AND 0)),
    CHECK ((amount > 0) = (due_date IS NOT NULL))
);
-- Statements and running balances: a customer's entries in date order; the
-- opening balance of a period is a covering sum over it.
CREATE INDEX ledger_entry_by_date ON ledger_entry (customer_id, entry_date, amount);
-- Only what is still open: aging and allocation read this small index alone.
CREATE INDEX ledger_entry_open ON ledger_entry (customer_id, entry_date, due_date, outstanding)
    WHERE outstanding <> 0;
-- An entry is reversed at most once.
CREATE UNIQUE INDEX ledger_entry_reversal ON ledger_entry (reverses_id)
    WHERE reverses_id IS NOT NULL;

-- A credit set against a debit (核销).
CREATE TABLE ledger_allocation (
    id             INTEGER PRIMARY KEY,
    credit_id      INTEGER NOT NULL REFERENCES ledger_entry (id),
    debit_id       INTEGER NOT NULL REFERENCES ledger_entry (id),
    amount         INTEGER NOT NULL CHECK (amount > 0),
    -- the later of the two entries' dates: from then on the debit is paid by this much
    effective_date TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX ledger_allocation_debit ON ledger_allocation (debit_id, effective_date, amount);
CREATE INDEX ledger_allocation_credit ON ledger_allocation (credit_id, effective_date, amount);

-- Per-customer figures, recomputed from the entries in every write
-- transaction that touches the customer: all balances are one scan of this.
CREATE TABLE ledger_account (
    customer_id INTEGER PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,
    balance     INTEGER NOT NULL,
    open_debit  INTEGER NOT NULL,
    unapplied   INTEGER NOT NULL,
    -- earliest due date of what is still owed: overdue when before today
    oldest_due  TEXT,
    last_date   TEXT,
    entries     INTEGER NOT NULL
);

-- Set by reconciliation: entries dated on or before confirmed_until are final.
CREATE TABLE ledger_lock (
    customer_id     INTEGER PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,
    confirmed_until TEXT NOT NULL,
    operator        TEXT NOT NULL,
    at              TEXT NOT NULL
);

-- The ledger's audit trail, apart from the customer `audit` table: its rows
-- name an entry, and its actions (allocate, reverse, override, confirm) are
-- outside that table's CHECK list. No foreign keys: history outlives rows.
CREATE TABLE ledger_audit (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL,
    entry_id    INTEGER,
    action      TEXT NOT NULL
                CHECK (action IN ('create', 'update', 'allocate', 'unallocate', 'reverse', 'override', 'confirm')),
    field       TEXT NOT NULL,
    old         TEXT,
    new         TEXT,
    operator    TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX ledger_audit_customer ON ledger_audit (customer_id, id);
