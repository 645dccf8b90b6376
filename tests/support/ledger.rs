//! Shared set-up for the ledger tests: real SQLite files in temp folders.
#![allow(dead_code)]

use chrono::NaiveDate;
use kehu::domain::Money;
use kehu::domain::field::FieldValues;
use kehu::domain::ledger::EntryInput;
use kehu::store::{AddOptions, Added, Store, StoreError};

pub fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("kehu.db")).unwrap();
    store.set_operator("会计小王");
    (dir, store)
}

/// Adds a customer with a credit limit (yuan text) and payment days; returns its code.
pub fn customer(store: &mut Store, name: &str, credit_limit: &str, payment_days: u16) -> String {
    classed_customer(store, name, credit_limit, payment_days, &[])
}

/// `customer` with classification values by dimension code (an empty value: none).
pub fn classed_customer(
    store: &mut Store,
    name: &str,
    credit_limit: &str,
    payment_days: u16,
    classes: &[(&str, &str)],
) -> String {
    let mut values: FieldValues = [
        ("name", name.to_string()),
        ("credit_limit", credit_limit.to_string()),
        ("payment_days", payment_days.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    for (dimension, value) in classes.iter().filter(|(_, v)| !v.is_empty()) {
        values.insert(dimension.to_string(), value.to_string());
    }
    store
        .add_customer(&values, None)
        .unwrap()
        .customer
        .data
        .code
}

pub fn id_of(store: &Store, code: &str) -> i64 {
    store.customer(code).unwrap().unwrap().id
}

pub fn input(kind: &str, date: &str, doc: &str, amount: &str) -> EntryInput {
    EntryInput {
        kind: kind.into(),
        date: date.into(),
        doc_no: doc.into(),
        amount: amount.into(),
        ..EntryInput::default()
    }
}

/// Adds an entry with default options; panics with the problems if refused.
pub fn add(
    store: &mut Store,
    code: &str,
    kind: &str,
    date: &str,
    doc: &str,
    amount: &str,
) -> Added {
    store
        .add_entry(
            code,
            &input(kind, date, doc, amount),
            &AddOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{kind} {doc} refused: {e}"))
}

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// (field, code) of every problem in a refusal.
pub fn codes(err: StoreError) -> Vec<(String, &'static str)> {
    match err {
        StoreError::Invalid(p) => p.iter().map(|p| (p.field.clone(), p.code)).collect(),
        other => panic!("expected problems, got {other}"),
    }
}

/// The ledger's bookkeeping identities, read straight from the tables:
/// every entry's outstanding equals its amount less its allocations, within
/// its bounds; each customer's aggregate row matches its entries.
pub fn assert_consistent(store: &Store) {
    let conn = store.connection();
    let bad_rows: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM ledger_entry e WHERE e.outstanding <>
               e.amount - COALESCE((SELECT SUM(amount) FROM ledger_allocation WHERE debit_id = e.id), 0)
                        + COALESCE((SELECT SUM(amount) FROM ledger_allocation WHERE credit_id = e.id), 0)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        bad_rows, 0,
        "outstanding differs from amount less allocations"
    );
    let bad_accounts: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM (SELECT customer_id, SUM(amount) AS b, SUM(outstanding) AS o, COUNT(*) AS n
                                   FROM ledger_entry GROUP BY customer_id) x
             LEFT JOIN ledger_account a ON a.customer_id = x.customer_id
             WHERE a.balance IS NOT x.b OR x.o IS NOT x.b OR a.entries IS NOT x.n
                OR a.open_debit + a.unapplied IS NOT x.b",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        bad_accounts, 0,
        "ledger_account out of step with the entries"
    );
}
