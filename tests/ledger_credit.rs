//! Credit control, on-hold customers, document numbers, deletion, on real databases.

#[path = "support/ledger.rs"]
mod support;

use kehu::domain::Money;
use kehu::domain::customer::Status;
use kehu::store::{AddOptions, EntryRef, StoreError};
use support::*;

fn with_override(reason: &str) -> AddOptions {
    AddOptions {
        override_reason: Some(reason.into()),
        ..AddOptions::default()
    }
}

#[test]
fn invoice_over_the_limit_is_refused_with_the_figures() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "深圳市华强电子有限公司", "50000", 30);
    let cid = id_of(&store, &code);
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "48000");
    let err = store
        .add_entry(
            &code,
            &input("invoice", "2024-01-20", "INV-2", "5000"),
            &AddOptions::default(),
        )
        .unwrap_err();
    let StoreError::Invalid(problems) = err else {
        panic!("{err}")
    };
    let p = &problems.0[0];
    assert_eq!((p.field.as_str(), p.code), ("amount", "credit.over_limit"));
    assert!(
        p.message
            .en
            .contains("limit 50,000.00, balance 48,000.00, this invoice 5,000.00, excess 3,000.00"),
        "{}",
        p.message.en
    );
    assert!(p.message.zh.contains("额度 50,000.00"));
    assert_eq!(store.ledger(cid).unwrap().len(), 1, "nothing written");

    // Exactly up to the limit is fine.
    add(&mut store, &code, "invoice", "2024-01-20", "INV-2", "2000");
    assert_eq!(
        store.balance(cid).unwrap().standing.credit_available,
        Some(Money::ZERO)
    );
}

#[test]
fn override_reason_issues_the_invoice_and_is_recorded() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "广州鑫达贸易有限公司", "10000", 30);
    let cid = id_of(&store, &code);
    let added = store
        .add_entry(
            &code,
            &input("invoice", "2024-01-10", "INV-1", "12000"),
            &with_override("老客户，总经理批准"),
        )
        .unwrap();
    assert_eq!(
        added.entry.override_reason.as_deref(),
        Some("老客户，总经理批准")
    );
    assert!(added.standing.over_limit);
    assert_eq!(added.standing.credit_available, Some(yuan("-2000")));
    let history = store.ledger_history(cid).unwrap();
    let row = history.iter().find(|h| h.action == "override").unwrap();
    assert_eq!(row.new.as_deref(), Some("老客户，总经理批准"));
    assert_eq!(
        row.old.as_deref(),
        Some("limit 10000.00, balance 0.00, this invoice 12000.00, excess 2000.00")
    );
    assert_eq!(row.operator, "会计小王");
    // A blank reason is no reason.
    let err = store
        .add_entry(
            &code,
            &input("invoice", "2024-01-11", "INV-2", "1"),
            &with_override("  "),
        )
        .unwrap_err();
    assert_eq!(
        codes(err),
        vec![("amount".to_string(), "credit.over_limit")]
    );
}

#[test]
fn receipts_make_room_and_limit_zero_means_cash_only() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "杭州恒通物流有限公司", "1000", 0);
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "1000");
    add(&mut store, &code, "receipt", "2024-01-15", "R-1", "600");
    add(&mut store, &code, "invoice", "2024-01-20", "INV-2", "600");

    let cash = customer(&mut store, "王芳", "0", 0);
    let err = store
        .add_entry(
            &cash,
            &input("invoice", "2024-01-10", "INV-1", "0.01"),
            &AddOptions::default(),
        )
        .unwrap_err();
    assert_eq!(
        codes(err),
        vec![("amount".to_string(), "credit.over_limit")]
    );
    // Paid in advance, the cash customer can be invoiced.
    add(&mut store, &cash, "prepayment", "2024-01-09", "YS-1", "100");
    add(&mut store, &cash, "invoice", "2024-01-10", "INV-1", "100");
}

#[test]
fn on_hold_customer_is_always_refused_an_invoice() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "成都市远航医疗器械有限公司", "1000000", 30);
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "1000");
    store.set_status(&code, Status::OnHold).unwrap();
    let err = store
        .add_entry(
            &code,
            &input("invoice", "2024-01-20", "INV-2", "10"),
            &with_override("急单"),
        )
        .unwrap_err();
    assert_eq!(codes(err), vec![("status".to_string(), "credit.on_hold")]);
    // Money still comes in from a customer on hold.
    add(&mut store, &code, "receipt", "2024-01-25", "R-1", "1000");
}

#[test]
fn document_number_is_unique_per_customer_and_type() {
    let (_dir, mut store) = temp_store();
    let a = customer(&mut store, "甲公司", "100000", 30);
    let b = customer(&mut store, "乙公司", "100000", 30);
    add(&mut store, &a, "invoice", "2024-01-10", "0001", "10");
    add(&mut store, &a, "receipt", "2024-01-10", "0001", "10");
    add(&mut store, &b, "invoice", "2024-01-10", "0001", "10");
    let err = store
        .add_entry(
            &a,
            &input("invoice", "2024-02-10", "0001", "20"),
            &AddOptions::default(),
        )
        .unwrap_err();
    let StoreError::Invalid(p) = err else {
        panic!()
    };
    assert_eq!(p.0[0].code, "doc_no.duplicate");
    assert!(
        p.0[0].message.en.contains("2024-01-10"),
        "{}",
        p.0[0].message.en
    );
    // Ambiguous without its type.
    let cid = id_of(&store, &a);
    let err = store.entry(cid, &EntryRef::parse("0001")).unwrap_err();
    assert_eq!(codes(err), vec![("doc_no".to_string(), "doc_no.ambiguous")]);
    assert!(store.entry(cid, &EntryRef::parse("receipt:0001")).is_ok());
}

#[test]
fn a_customer_with_entries_cannot_be_deleted() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "沈阳市金泰机械有限公司", "100000", 30);
    let empty = customer(&mut store, "沈阳市金泰贸易有限公司", "0", 0);
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "1000");
    assert!(matches!(
        store.delete_customer(&code),
        Err(StoreError::HasLedger { .. })
    ));
    store.delete_customer(&empty).unwrap();
}

#[test]
fn check_entry_previews_the_refusal_without_writing() {
    use kehu::domain::ledger::credit::{CreditDecision, OverLimit};
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "青岛市启明五金有限公司", "1000", 30);
    let cid = id_of(&store, &code);
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "800");
    let check = store
        .check_entry(&code, &input("invoice", "2024-01-20", "INV-2", "300"))
        .unwrap();
    assert!(check.problems.is_empty());
    assert_eq!(check.data.unwrap().due_date, Some(d("2024-02-19")));
    assert_eq!(
        check.credit,
        CreditDecision::OverLimit(OverLimit {
            limit: yuan("1000"),
            balance: yuan("800"),
            invoice: yuan("300"),
            excess: yuan("100"),
        })
    );
    let dup = store
        .check_entry(&code, &input("invoice", "2024-01-20", "INV-1", "1"))
        .unwrap();
    assert_eq!(dup.problems.0[0].code, "doc_no.duplicate");
    assert!(dup.data.is_none());
    assert_eq!(store.ledger(cid).unwrap().len(), 1);
}
