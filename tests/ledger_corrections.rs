//! Corrections: confirmation locks, reversal, edits and the ledger audit
//! trail, on real databases.

#[path = "support/ledger.rs"]
mod support;

use kehu::domain::Money;
use kehu::domain::ledger::EntryKind;
use kehu::store::{AddOptions, EntryPatch, EntryRef, Reversal};
use support::*;

#[test]
fn confirmed_entries_are_not_edited_but_reversed() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "南京宏远建材有限公司", "100000", 30);
    let cid = id_of(&store, &code);
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "1000");
    add(&mut store, &code, "invoice", "2024-02-10", "INV-2", "500");
    store.confirm_until(&code, d("2024-01-31")).unwrap();

    let memo = EntryPatch {
        memo: Some("改".into()),
        ..EntryPatch::default()
    };
    let err = store
        .edit_entry(&code, &EntryRef::parse("INV-1"), &memo)
        .unwrap_err();
    assert_eq!(codes(err), vec![("date".to_string(), "entry.locked")]);
    // After the confirmed date, still editable.
    let edited = store
        .edit_entry(&code, &EntryRef::parse("INV-2"), &memo)
        .unwrap();
    assert_eq!(edited.data.memo, "改");
    // No backdating into the confirmed period, and no moving an entry there.
    let err = store
        .add_entry(
            &code,
            &input("receipt", "2024-01-31", "R-1", "10"),
            &AddOptions::default(),
        )
        .unwrap_err();
    assert_eq!(codes(err), vec![("date".to_string(), "date.confirmed")]);
    let back = EntryPatch {
        date: Some("2024-01-15".into()),
        ..EntryPatch::default()
    };
    let err = store
        .edit_entry(&code, &EntryRef::parse("INV-2"), &back)
        .unwrap_err();
    assert_eq!(codes(err), vec![("date".to_string(), "date.confirmed")]);
    // A confirmation is never taken back.
    let err = store.confirm_until(&code, d("2023-12-31")).unwrap_err();
    assert_eq!(
        codes(err),
        vec![("confirmed_until".to_string(), "confirm.backwards")]
    );

    let reversal = Reversal {
        date: "2024-02-15".into(),
        doc_no: None,
        reason: "开错客户".into(),
    };
    let added = store
        .reverse_entry(&code, &EntryRef::parse("INV-1"), &reversal)
        .unwrap();
    assert_eq!(added.entry.data.kind, EntryKind::Invoice);
    assert_eq!(added.entry.data.doc_no, "INV-1-R");
    assert_eq!(added.entry.data.amount, yuan("-1000"));
    assert_eq!(
        added.entry.reverses_id,
        Some(store.entry(cid, &EntryRef::parse("INV-1")).unwrap().id)
    );
    assert_eq!(
        store
            .entry(cid, &EntryRef::parse("INV-1"))
            .unwrap()
            .outstanding,
        Money::ZERO
    );
    assert_eq!(added.standing.balance, yuan("500"));
    let err = store
        .reverse_entry(&code, &EntryRef::parse("INV-1"), &reversal)
        .unwrap_err();
    assert_eq!(codes(err), vec![("doc_no".to_string(), "reverse.already")]);
    assert_eq!(store.confirmed_until(cid).unwrap(), Some(d("2024-01-31")));
    assert_consistent(&store);
}

#[test]
fn reversing_a_receipt_reopens_the_invoices_it_paid() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "武汉市嘉诚科技有限公司", "100000", 30);
    let cid = id_of(&store, &code);
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "1000");
    add(&mut store, &code, "receipt", "2024-01-20", "R-1", "1000");
    let bounced = Reversal {
        date: "2024-01-25".into(),
        doc_no: Some("R-1-退票".into()),
        reason: "支票退票".into(),
    };
    let added = store
        .reverse_entry(&code, &EntryRef::parse("R-1"), &bounced)
        .unwrap();
    assert_eq!(added.entry.data.amount, yuan("1000"));
    assert_eq!(
        store
            .entry(cid, &EntryRef::parse("INV-1"))
            .unwrap()
            .outstanding,
        yuan("1000")
    );
    assert_eq!(
        store
            .entry(cid, &EntryRef::parse("R-1"))
            .unwrap()
            .outstanding,
        Money::ZERO
    );
    assert_eq!(added.entry.outstanding, Money::ZERO);
    assert_eq!(added.standing.balance, yuan("1000"));
    let err = store
        .reverse_entry(
            &code,
            &EntryRef::parse("receipt:R-1-退票"),
            &Reversal {
                reason: "x".into(),
                date: "2024-02-01".into(),
                doc_no: None,
            },
        )
        .unwrap_err();
    assert_eq!(codes(err), vec![("doc_no".to_string(), "reverse.reversal")]);
    let err = store
        .reverse_entry(
            &code,
            &EntryRef::parse("INV-1"),
            &Reversal {
                reason: " ".into(),
                date: "2024-01-01".into(),
                doc_no: None,
            },
        )
        .unwrap_err();
    assert_eq!(
        codes(err),
        vec![
            ("reason".to_string(), "memo.reason_required"),
            ("date".to_string(), "reverse.before_original")
        ]
    );
    let history = store.ledger_history(cid).unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(
        actions,
        vec![
            "create",
            "create",
            "allocate",
            "create",
            "reverse",
            "unallocate",
            "allocate"
        ]
    );
    assert_consistent(&store);
}

#[test]
fn edits_are_audited_and_allocated_amounts_are_fixed() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "西安市德康食品有限公司", "100000", 30);
    let cid = id_of(&store, &code);
    add(&mut store, &code, "invoice", "2024-01-10", "INV-1", "1000");
    // The due date follows a new date when it followed the terms.
    let moved = store
        .edit_entry(
            &code,
            &EntryRef::parse("INV-1"),
            &EntryPatch {
                date: Some("2024-01-20".into()),
                ..EntryPatch::default()
            },
        )
        .unwrap();
    assert_eq!(moved.data.due_date, Some(d("2024-02-19")));
    let changed = store
        .edit_entry(
            &code,
            &EntryRef::parse("INV-1"),
            &EntryPatch {
                amount: Some("1,100".into()),
                ..EntryPatch::default()
            },
        )
        .unwrap();
    assert_eq!(
        (changed.data.amount, changed.outstanding),
        (yuan("1100"), yuan("1100"))
    );
    add(&mut store, &code, "receipt", "2024-02-01", "R-1", "100");
    let err = store
        .edit_entry(
            &code,
            &EntryRef::parse("INV-1"),
            &EntryPatch {
                amount: Some("900".into()),
                ..EntryPatch::default()
            },
        )
        .unwrap_err();
    assert_eq!(codes(err), vec![("amount".to_string(), "amount.allocated")]);
    let updates: Vec<(String, Option<String>, Option<String>)> = store
        .ledger_history(cid)
        .unwrap()
        .into_iter()
        .filter(|h| h.action == "update")
        .map(|h| (h.field, h.old, h.new))
        .collect();
    assert_eq!(
        updates,
        vec![
            (
                "date".into(),
                Some("2024-01-10".into()),
                Some("2024-01-20".into())
            ),
            (
                "due_date".into(),
                Some("2024-02-09".into()),
                Some("2024-02-19".into())
            ),
            (
                "amount".into(),
                Some("1000.00".into()),
                Some("1100.00".into())
            ),
        ]
    );
    assert_eq!(store.balance(cid).unwrap().standing.balance, yuan("1000"));
    assert_consistent(&store);
}

#[test]
fn create_is_audited_with_a_snapshot() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "上海瑞丰电子有限公司", "100000", 30);
    let cid = id_of(&store, &code);
    let mut i = input("invoice", "2024-01-10", "INV-1", "1000");
    i.memo = "货款".into();
    store.add_entry(&code, &i, &AddOptions::default()).unwrap();
    let history = store.ledger_history(cid).unwrap();
    let snapshot: serde_json::Value =
        serde_json::from_str(history[0].new.as_deref().unwrap()).unwrap();
    assert_eq!(snapshot["type"], "invoice");
    assert_eq!(snapshot["amount"], "1000.00");
    assert_eq!(snapshot["due_date"], "2024-02-09");
    assert_eq!(snapshot["memo"], "货款");
    assert_eq!(history[0].operator, "会计小王");
}
