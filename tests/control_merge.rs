//! Merging duplicate customers (issue 13) on real database files: ledger
//! entries, allocations, reconciliation sessions (a confirmed one too) and
//! the audit history follow the kept customer; clashing document numbers
//! refuse the merge; the dropped customer's code finds the kept one; undo
//! is one step and refused once something new touched the kept customer.
//! The CLI: control_merge_cli.rs.

#[path = "support/control.rs"]
mod control;
#[path = "support/ledger.rs"]
mod ledger;
#[path = "support/recon.rs"]
mod recon;

use control::{code_of, values};
use kehu::domain::Money;
use kehu::store::{AuditFilter, ListFilter, Store};

fn session_owner(store: &Store, session: i64) -> i64 {
    store
        .connection()
        .query_row(
            "SELECT customer_id FROM reconcile_session WHERE id = ?1",
            [session],
            |r| r.get(0),
        )
        .unwrap()
}

fn searched(store: &Store, text: &str) -> Vec<String> {
    store
        .list_customers(&ListFilter {
            search: Some(text.into()),
            ..ListFilter::default()
        })
        .unwrap()
        .into_iter()
        .map(|c| c.data.code)
        .collect()
}

/// The sample statement's customer (its ledger, a confirmed reconciliation
/// locking it to 2025-12-31) and a duplicate with its own invoice, receipt
/// and allocation.
struct Books {
    b: recon::Books,
    dup: String,
    dup_id: i64,
    session: i64,
}

fn books() -> Books {
    let mut b = recon::books();
    let p = recon::prepared(&b, &recon::statement(b.dir.path(), "s.csv", false));
    let session = b
        .store
        .save_reconciliation(None, &p.source, &p.reconciliation)
        .unwrap();
    b.store
        .confirm_reconciliation_because(session, None, Some("对方漏记两笔收款"))
        .unwrap();
    let dup = b
        .store
        .add_customer(
            &values(&[
                ("name", "深圳华强电子（重复）"),
                ("phone", "0755-83210000"),
                ("industry", "制造业"),
            ]),
            None,
        )
        .unwrap()
        .customer
        .data
        .code;
    ledger::add(
        &mut b.store,
        &dup,
        "invoice",
        "2026-01-05",
        "DUP-001",
        "1200",
    );
    ledger::add(&mut b.store, &dup, "receipt", "2026-01-20", "DUP-R1", "200");
    let dup_id = ledger::id_of(&b.store, &dup);
    Books {
        b,
        dup,
        dup_id,
        session,
    }
}

#[test]
fn ledger_allocations_sessions_and_history_follow_the_kept_customer_and_undo_restores_them() {
    let Books {
        mut b,
        dup,
        dup_id,
        session,
    } = books();
    let (kept_entries, dropped_entries) = (
        b.store.ledger(dup_id).unwrap().len(),
        b.store.ledger(b.id).unwrap().len(),
    );
    let (kept_balance, dropped_balance) = (
        b.store.balance(dup_id).unwrap().standing.balance,
        b.store.balance(b.id).unwrap().standing.balance,
    );
    let dropped_before = b.store.customer(&b.code).unwrap().unwrap();
    assert_eq!(b.store.confirmed_until(dup_id).unwrap(), None);

    // Keep the duplicate (it has the phone); take the credit terms from the other.
    let take = vec!["credit_limit".to_string(), "payment_days=from-drop".into()];
    let merged = b
        .store
        .merge_customers(&dup, &b.code, &take, Some("同一家公司"))
        .unwrap();
    assert_eq!(
        (merged.entries, merged.sessions),
        (dropped_entries, 1),
        "every entry and the session moved"
    );
    assert_eq!(merged.kept.data.credit_limit, Some(recon::yuan("700000")));
    assert_eq!(merged.kept.data.payment_days, 30);
    assert_eq!(merged.kept.data.phone, "0755-83210000");

    let store = &b.store;
    assert_eq!(
        store.ledger(dup_id).unwrap().len(),
        kept_entries + dropped_entries
    );
    assert!(store.ledger(b.id).unwrap().is_empty());
    assert_eq!(
        store.balance(dup_id).unwrap().standing.balance,
        Money::from_fen(kept_balance.fen() + dropped_balance.fen())
    );
    ledger::assert_consistent(store);
    // The confirmed session moved with its lock: its entries stay final,
    // and it is still read-only in everything but its owner.
    assert_eq!(session_owner(store, session), dup_id);
    let edited = store.connection().execute(
        "UPDATE reconcile_session SET confirm_reason = 'x' WHERE id = ?1",
        [session],
    );
    assert!(edited.is_err(), "a confirmed session stays read-only");
    assert_eq!(
        store.confirmed_until(dup_id).unwrap(),
        Some(recon::day("2025-12-31"))
    );
    // The dropped one is archived, pointing at the kept one; its code and name find it.
    let dropped = store.customer(&b.code).unwrap().unwrap();
    assert_eq!(dropped.data.status.key(), "archived");
    assert_eq!(store.merged_into(b.id).unwrap(), Some(dup.clone()));
    assert_eq!(searched(store, &b.code), vec![dup.clone()]);
    assert_eq!(
        searched(store, &dropped.data.name),
        vec![dup.clone()],
        "the name finds the kept customer, not the archived one"
    );
    // History follows the pointer: the dropped one's create row and its
    // entries' ledger trail read as the kept one's.
    let history = store.audit_history(dup_id).unwrap();
    assert!(
        history
            .iter()
            .any(|a| a.action == "create" && a.new.as_deref().is_some_and(|n| n.contains(&b.code))),
        "{history:?}"
    );
    let ledger_trail = store.ledger_history(dup_id).unwrap();
    assert!(ledger_trail.len() >= kept_entries + dropped_entries);
    let log = store
        .audit_log(&AuditFilter {
            customer: Some(dup.clone()),
            actions: vec!["merge".into()],
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(log.len(), 1);
    let detail = log[0].new.clone().unwrap();
    assert!(
        detail.contains("\"dropped\"")
            && detail.contains(&dropped_before.data.name)
            && detail.contains("0755-83210000")
            && detail.contains("同一家公司"),
        "both snapshots and the reason: {detail}"
    );

    let undone = b.store.undo_merge(merged.id).unwrap();
    assert_eq!((undone.entries, undone.sessions), (dropped_entries, 1));
    let store = &b.store;
    assert_eq!(store.ledger(dup_id).unwrap().len(), kept_entries);
    assert_eq!(store.ledger(b.id).unwrap().len(), dropped_entries);
    assert_eq!(
        store.balance(b.id).unwrap().standing.balance,
        dropped_balance
    );
    assert_eq!(
        store.balance(dup_id).unwrap().standing.balance,
        kept_balance
    );
    ledger::assert_consistent(store);
    assert_eq!(session_owner(store, session), b.id);
    assert_eq!(store.confirmed_until(dup_id).unwrap(), None);
    assert_eq!(
        store.confirmed_until(b.id).unwrap(),
        Some(recon::day("2025-12-31"))
    );
    let back = store.customer(&b.code).unwrap().unwrap();
    assert_eq!(back.data.status, dropped_before.data.status);
    assert_eq!(store.merged_into(b.id).unwrap(), None);
    let kept = store.customer(&dup).unwrap().unwrap();
    assert_eq!((kept.data.credit_limit, kept.data.payment_days), (None, 0));
    assert_eq!(searched(store, &b.code), [b.code.clone()]);
    let again = b.store.undo_merge(merged.id).unwrap_err();
    assert_eq!(code_of(&again), "merge.already_undone");
}

#[test]
fn clashing_document_numbers_are_listed_and_refuse_the_merge_until_renamed() {
    let (_dir, mut store) = ledger::temp_store();
    let a = ledger::customer(&mut store, "杭州华丰贸易有限公司", "50000", 30);
    let b = ledger::customer(&mut store, "杭州华丰贸易公司", "", 0);
    ledger::add(&mut store, &a, "invoice", "2026-03-01", "FP-0001", "1000");
    ledger::add(&mut store, &b, "invoice", "2026-03-02", "FP-0001", "800");
    ledger::add(&mut store, &b, "receipt", "2026-03-03", "FP-0001", "100");
    ledger::add(&mut store, &b, "invoice", "2026-03-04", "FP-0002", "300");

    let err = store.merge_customers(&a, &b, &[], None).unwrap_err();
    assert_eq!(code_of(&err), "merge.doc_clash");
    let text = err.to_string();
    // Same type and number only: the receipt FP-0001 does not clash.
    assert!(text.contains("invoice:FP-0001"), "{text}");
    assert!(!text.contains("receipt:FP-0001"), "{text}");
    // Nothing changed.
    assert_eq!(store.ledger(ledger::id_of(&store, &b)).unwrap().len(), 3);
    assert_eq!(
        store.customer(&b).unwrap().unwrap().data.status.key(),
        "active"
    );
    let merges: i64 = store
        .connection()
        .query_row("SELECT COUNT(*) FROM customer_merge", [], |r| r.get(0))
        .unwrap();
    assert_eq!(merges, 0);

    store
        .edit_entry(
            &b,
            &kehu::store::EntryRef::parse("invoice:FP-0001"),
            &kehu::store::EntryPatch {
                doc_no: Some("FP-0001-B".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let merged = store.merge_customers(&a, &b, &[], None).unwrap();
    assert_eq!(merged.entries, 3);
    assert_eq!(store.ledger(ledger::id_of(&store, &a)).unwrap().len(), 4);
    ledger::assert_consistent(&store);
}

#[test]
fn undo_is_refused_once_something_new_touched_the_kept_customer() {
    let (_dir, mut store) = ledger::temp_store();
    let a = ledger::customer(&mut store, "成都天府软件有限公司", "50000", 30);
    let b = ledger::customer(&mut store, "成都天府软件", "", 0);
    ledger::add(&mut store, &b, "invoice", "2026-03-02", "FP-9", "800");
    let first = store.merge_customers(&a, &b, &[], None).unwrap();
    // Merged ones are not merged again, either way round.
    for (keep, drop) in [(&a, &b), (&b, &a)] {
        let err = store.merge_customers(keep, drop, &[], None).unwrap_err();
        assert_eq!(code_of(&err), "merge.already_merged");
    }
    let err = store.merge_customers(&a, &a, &[], None).unwrap_err();
    assert_eq!(code_of(&err), "merge.same");
    let err = store
        .merge_customers(&a, &b, &["code".to_string()], None)
        .unwrap_err();
    assert!(["merge.already_merged", "merge.bad_field"].contains(&code_of(&err)));

    ledger::add(&mut store, &a, "invoice", "2026-04-01", "FP-10", "50");
    let err = store.undo_merge(first.id).unwrap_err();
    assert_eq!(code_of(&err), "merge.undo_blocked");
    assert!(err.to_string().contains("ledger create"), "{err}");
    assert_eq!(store.ledger(ledger::id_of(&store, &a)).unwrap().len(), 2);
    assert_eq!(
        store.merged_into(ledger::id_of(&store, &b)).unwrap(),
        Some(a.clone())
    );

    // An edit of the kept customer's fields blocks it too.
    let c = ledger::customer(&mut store, "重庆山城物流有限公司", "", 0);
    let d = ledger::customer(&mut store, "重庆山城物流", "", 0);
    let second = store
        .merge_customers(&c, &d, &["bad_key".to_string()], None)
        .unwrap_err();
    assert_eq!(code_of(&second), "merge.bad_field");
    let second = store.merge_customers(&c, &d, &[], None).unwrap();
    store
        .edit_customer(&c, &values(&[("contact", "王经理")]))
        .unwrap();
    let err = store.undo_merge(second.id).unwrap_err();
    assert_eq!(code_of(&err), "merge.undo_blocked");
    // The kept one (no ledger) is not deleted while the other points at it.
    let err = store.delete_customer(&c).unwrap_err();
    assert_eq!(code_of(&err), "customer.merged_into_it");
    assert!(store.customer(&c).unwrap().is_some());
    assert_eq!(
        code_of(&store.undo_merge(99).unwrap_err()),
        "merge.not_found"
    );
}

#[test]
fn a_tax_id_taken_from_the_dropped_customer_goes_back_on_undo() {
    let (_dir, mut store) = ledger::temp_store();
    let kept = store
        .add_customer(&values(&[("name", "深圳市华强电子有限公司")]), None)
        .unwrap()
        .customer;
    let dropped = store
        .add_customer(
            &values(&[
                ("name", "深圳华强电子"),
                ("tax_id", "914403001922038216"),
                ("credit_limit", "20000"),
            ]),
            None,
        )
        .unwrap()
        .customer;
    let merged = store
        .merge_customers(
            &kept.data.code,
            &dropped.data.code,
            &["tax_id".to_string()],
            None,
        )
        .unwrap();
    assert_eq!(merged.kept.data.tax_id, "914403001922038216");
    assert_eq!(merged.kept.data.credit_limit, None);
    store.undo_merge(merged.id).unwrap();
    assert_eq!(
        store
            .customer(&kept.data.code)
            .unwrap()
            .unwrap()
            .data
            .tax_id,
        ""
    );
    let back = store.customer(&dropped.data.code).unwrap().unwrap();
    assert_eq!(back.data.tax_id, "914403001922038216");
    assert_eq!(back.data.status.key(), "active");
    assert_eq!(back.data.credit_limit, Some(Money::parse("20000").unwrap()));
}
