//! Allocation of receipts, credit notes and prepayments on real databases.

#[path = "support/ledger.rs"]
mod support;

use kehu::domain::Money;
use kehu::domain::ledger::EntryKind;
use kehu::store::{AddOptions, Allocate, AllocateRequest, EntryRef, Target};
use support::*;

fn outstanding(store: &kehu::store::Store, cid: i64, doc: &str) -> Money {
    store.entry(cid, &EntryRef::parse(doc)).unwrap().outstanding
}

/// Three invoices of a customer with room to spare: 1000 (Jan), 2000 (Feb), 500 (Mar).
fn three_invoices() -> (tempfile::TempDir, kehu::store::Store, String, i64) {
    let (dir, mut store) = temp_store();
    let code = customer(&mut store, "深圳市华强电子有限公司", "100000", 30);
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "1000");
    add(&mut store, &code, "invoice", "2024-02-10", "INV-2", "2000");
    add(&mut store, &code, "invoice", "2024-03-10", "INV-3", "500");
    let cid = id_of(&store, &code);
    (dir, store, code, cid)
}

#[test]
fn receipt_goes_to_the_oldest_invoices_first() {
    let (_dir, mut store, code, cid) = three_invoices();
    let added = add(
        &mut store,
        &code,
        "receipt",
        "2024-03-20",
        "R-1",
        "2,500.00",
    );
    let plan: Vec<(&str, Money)> = added
        .allocations
        .iter()
        .map(|a| (a.debit_doc.as_str(), a.amount))
        .collect();
    assert_eq!(plan, vec![("INV-1", yuan("1000")), ("INV-2", yuan("1500"))]);
    assert_eq!(outstanding(&store, cid, "INV-1"), Money::ZERO);
    assert_eq!(outstanding(&store, cid, "INV-2"), yuan("500"));
    assert_eq!(outstanding(&store, cid, "INV-3"), yuan("500"));
    assert_eq!(added.entry.outstanding, Money::ZERO);
    assert_eq!(added.standing.balance, yuan("1000"));
    // The later of the two dates is when the invoice counts as paid.
    assert_eq!(added.allocations[0].effective_date, d("2024-03-20"));
    assert_consistent(&store);
}

#[test]
fn partial_receipt_leaves_the_rest_of_the_invoice_open() {
    let (_dir, mut store, code, cid) = three_invoices();
    add(&mut store, &code, "receipt", "2024-01-20", "R-1", "300");
    assert_eq!(outstanding(&store, cid, "INV-1"), yuan("700"));
    assert_eq!(store.balance(cid).unwrap().standing.balance, yuan("3200"));
    assert_consistent(&store);
}

#[test]
fn receipt_can_go_to_chosen_invoices_with_amounts() {
    let (_dir, mut store, code, cid) = three_invoices();
    let options = AddOptions {
        allocate: Allocate::To(vec![
            Target {
                entry: EntryRef::parse("INV-3"),
                amount: None,
            },
            Target {
                entry: EntryRef::parse("invoice:INV-2"),
                amount: Some(yuan("100")),
            },
        ]),
        ..AddOptions::default()
    };
    let added = store
        .add_entry(
            &code,
            &input("receipt", "2024-03-20", "R-1", "800"),
            &options,
        )
        .unwrap();
    assert_eq!(outstanding(&store, cid, "INV-3"), Money::ZERO);
    assert_eq!(outstanding(&store, cid, "INV-2"), yuan("1900"));
    assert_eq!(outstanding(&store, cid, "INV-1"), yuan("1000"));
    // 800 − 500 − 100 = 200 waits unapplied.
    assert_eq!(added.entry.outstanding, yuan("-200"));
    assert_consistent(&store);
}

#[test]
fn bad_picks_are_refused_before_anything_is_written() {
    let (_dir, mut store, code, cid) = three_invoices();
    let options = AddOptions {
        allocate: Allocate::To(vec![
            Target {
                entry: EntryRef::parse("INV-3"),
                amount: Some(yuan("600")),
            },
            Target {
                entry: EntryRef::parse("INV-404"),
                amount: None,
            },
        ]),
        ..AddOptions::default()
    };
    let err = store
        .add_entry(
            &code,
            &input("receipt", "2024-03-20", "R-1", "800"),
            &options,
        )
        .unwrap_err();
    assert_eq!(
        codes(err),
        vec![
            ("allocate".to_string(), "doc_no.not_found"),
            ("allocate".to_string(), "allocate.over_open"),
        ]
    );
    assert_eq!(
        store.ledger(cid).unwrap().len(),
        3,
        "the receipt was not written"
    );
}

#[test]
fn prepayment_sits_as_credit_until_allocated() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "广州鑫达贸易有限公司", "50000", 30);
    let cid = id_of(&store, &code);
    let pre = add(&mut store, &code, "prepayment", "2024-01-05", "YS-1", "800");
    assert!(pre.allocations.is_empty());
    assert_eq!(pre.standing.balance, yuan("-800"));
    let inv = add(&mut store, &code, "invoice", "2024-01-20", "INV-1", "1000");
    assert!(
        inv.allocations.is_empty(),
        "an invoice does not take credit unasked"
    );
    let bal = store.balance(cid).unwrap();
    assert_eq!(
        (bal.standing.balance, bal.open_debit, bal.unapplied),
        (yuan("200"), yuan("1000"), yuan("-800"))
    );

    let lines = store.allocate(&code, &AllocateRequest::Auto).unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(
        (lines[0].credit_doc.as_str(), lines[0].debit_doc.as_str()),
        ("YS-1", "INV-1")
    );
    assert_eq!(lines[0].effective_date, d("2024-01-20"));
    assert_eq!(outstanding(&store, cid, "INV-1"), yuan("200"));
    assert_eq!(outstanding(&store, cid, "YS-1"), Money::ZERO);
    let bal = store.balance(cid).unwrap();
    assert_eq!(
        (bal.standing.balance, bal.open_debit, bal.unapplied),
        (yuan("200"), yuan("200"), Money::ZERO)
    );
    assert_consistent(&store);
}

#[test]
fn prepayment_can_be_allocated_to_a_chosen_invoice_later() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "杭州恒通物流有限公司", "50000", 0);
    let cid = id_of(&store, &code);
    add(&mut store, &code, "prepayment", "2024-01-05", "YS-1", "300");
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "1000");
    add(&mut store, &code, "invoice", "2024-01-20", "INV-2", "1000");
    let lines = store
        .allocate(
            &code,
            &AllocateRequest::From {
                entry: EntryRef::doc(EntryKind::Prepayment, "YS-1"),
                targets: vec![Target {
                    entry: EntryRef::parse("INV-2"),
                    amount: None,
                }],
            },
        )
        .unwrap();
    assert_eq!(lines[0].debit_doc, "INV-2");
    assert_eq!(outstanding(&store, cid, "INV-2"), yuan("700"));
    assert_eq!(outstanding(&store, cid, "INV-1"), yuan("1000"));
    // Nothing left on it now.
    let err = store
        .allocate(
            &code,
            &AllocateRequest::From {
                entry: EntryRef::parse("YS-1"),
                targets: vec![],
            },
        )
        .unwrap_err();
    assert_eq!(
        codes(err),
        vec![("allocate".to_string(), "allocate.settled")]
    );
    assert_consistent(&store);
}

#[test]
fn overpayment_stays_unapplied_and_a_new_invoice_can_take_it() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "成都市远航医疗器械有限公司", "50000", 30);
    let cid = id_of(&store, &code);
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "1000");
    let r = add(&mut store, &code, "receipt", "2024-01-15", "R-1", "1200");
    assert_eq!(r.entry.outstanding, yuan("-200"));
    let inv = store
        .add_entry(
            &code,
            &input("invoice", "2024-02-01", "INV-2", "500"),
            &AddOptions {
                allocate: Allocate::OldestFirst,
                ..AddOptions::default()
            },
        )
        .unwrap();
    assert_eq!(inv.allocations.len(), 1);
    assert_eq!(inv.entry.outstanding, yuan("300"));
    assert_eq!(store.balance(cid).unwrap().standing.balance, yuan("300"));
    assert_consistent(&store);
}

#[test]
fn credit_note_allocates_like_a_receipt_and_picks_must_be_on_the_other_side() {
    let (_dir, mut store, code, cid) = three_invoices();
    add(&mut store, &code, "credit", "2024-03-12", "HZ-1", "200");
    assert_eq!(outstanding(&store, cid, "INV-1"), yuan("800"));
    let err = store
        .add_entry(
            &code,
            &input("receipt", "2024-03-20", "R-1", "50"),
            &AddOptions {
                allocate: Allocate::To(vec![Target {
                    entry: EntryRef::parse("HZ-1"),
                    amount: None,
                }]),
                ..AddOptions::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        codes(err),
        vec![("allocate".to_string(), "allocate.same_side")]
    );
}
