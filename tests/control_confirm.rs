//! Confirm rules (issue 13) on a real database file: a reconciliation that
//! does not close needs a reason, kept on the session and in its audit row;
//! one that closes needs none; a period a confirmed session covers is never
//! confirmed again, and a later draft over it is a read-only re-check.

#[path = "support/recon.rs"]
mod recon;

use kehu::reconcile::{Reconciliation, Side};
use kehu::store::{SessionStatus, StoreError};
use recon::*;

fn codes(err: StoreError) -> Vec<&'static str> {
    match err {
        StoreError::Invalid(p) => p.iter().map(|p| p.code).collect(),
        other => panic!("expected problems, got {other}"),
    }
}

/// Every difference explained by a note on one of its lines.
fn explained(r: &Reconciliation) -> Reconciliation {
    let mut r = r.clone();
    let keys: Vec<(Side, usize)> = r
        .reconciling_items()
        .iter()
        .filter_map(|i| {
            i.ours
                .first()
                .map(|l| (Side::Ours, l.id))
                .or_else(|| i.theirs.first().map(|l| (Side::Theirs, l.id)))
        })
        .collect();
    for (side, id) in keys {
        r.set_note(side, id, "已核实").unwrap();
    }
    r.set_opening_note("期初一致");
    assert!(r.closes());
    r
}

fn confirm_detail(b: &Books, id: i64) -> String {
    b.store
        .connection()
        .query_row(
            "SELECT detail FROM reconcile_audit WHERE session_id = ?1 AND action = 'confirm'",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_session_that_does_not_close_is_confirmed_only_with_a_reason() {
    let mut b = books();
    let p = prepared(&b, &statement(b.dir.path(), "s.csv", false));
    assert_eq!(p.reconciliation.unexplained_difference(), yuan("-22450"));
    let id = b
        .store
        .save_reconciliation(None, &p.source, &p.reconciliation)
        .unwrap();
    for reason in [None, Some(""), Some("   ")] {
        let err = b
            .store
            .confirm_reconciliation_because(id, None, reason)
            .unwrap_err();
        let text = err.to_string();
        assert_eq!(codes(err), ["reconcile.does_not_close"], "{reason:?}");
        assert!(text.contains("-22,450.00"), "{text}");
    }
    // Nothing changed: still a draft, the ledger unlocked.
    assert_eq!(
        b.store.reconciliation(id).unwrap().info.status,
        SessionStatus::Draft
    );
    assert_eq!(b.store.confirmed_until(b.id).unwrap(), None);

    let info = b
        .store
        .confirm_reconciliation_because(id, None, Some(" 对方漏记 12 月两笔收款 "))
        .unwrap();
    assert_eq!(info.status, SessionStatus::Confirmed);
    assert_eq!(
        info.confirm_reason.as_deref(),
        Some("对方漏记 12 月两笔收款")
    );
    assert_eq!(
        confirm_detail(&b, id),
        "2025-10-01 .. 2025-12-31; does not close, -22,450.00 unexplained; reason: 对方漏记 12 月两笔收款"
    );
    let read = b.store.reconciliation(id).unwrap().info;
    assert_eq!(
        read.confirm_reason.as_deref(),
        Some("对方漏记 12 月两笔收款")
    );
}

#[test]
fn a_session_that_closes_is_confirmed_without_a_reason() {
    let mut b = books();
    let p = prepared(&b, &statement(b.dir.path(), "s.csv", false));
    let id = b
        .store
        .save_reconciliation(None, &p.source, &p.reconciliation)
        .unwrap();
    let closed = explained(&p.reconciliation);
    // The latest state (every difference noted) is saved and confirmed at once.
    let info = b.store.confirm_reconciliation(id, Some(&closed)).unwrap();
    assert_eq!(info.status, SessionStatus::Confirmed);
    assert_eq!(info.confirm_reason, None);
    assert_eq!(confirm_detail(&b, id), "2025-10-01 .. 2025-12-31");
}

#[test]
fn a_confirmed_period_is_not_confirmed_again_and_a_second_draft_is_a_recheck() {
    let mut b = books();
    let p = prepared(&b, &statement(b.dir.path(), "s.csv", false));
    let closed = explained(&p.reconciliation);
    // Two drafts of the same period, as two people might start them.
    let first = b
        .store
        .save_reconciliation(None, &p.source, &closed)
        .unwrap();
    let second = b
        .store
        .save_reconciliation(None, &p.source, &closed)
        .unwrap();
    b.store.confirm_reconciliation(first, None).unwrap();

    let err = b.store.confirm_reconciliation(second, None).unwrap_err();
    let text = err.to_string();
    assert_eq!(codes(err), ["reconcile.period_confirmed"]);
    assert!(text.contains(&format!("#{first}")), "{text}");
    // Read-only: it cannot be saved over either.
    let err = b
        .store
        .save_reconciliation(Some(second), &p.source, &closed)
        .unwrap_err();
    assert_eq!(codes(err), ["reconcile.period_confirmed"]);
    let info = b.store.reconciliation(second).unwrap().info;
    assert_eq!(info.status, SessionStatus::Draft);
    assert_eq!(info.recheck_of, Some(first));
    let confirmed: i64 = b
        .store
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM reconcile_session WHERE status = 'confirmed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(confirmed, 1);

    // A new draft that overlaps by one day is a re-check from the start.
    let mut overlapping = p.source.clone();
    overlapping.from = day("2025-12-31");
    overlapping.to = day("2026-01-31");
    let third = b
        .store
        .save_reconciliation(None, &overlapping, &closed)
        .unwrap();
    assert_eq!(
        codes(b.store.confirm_reconciliation(third, None).unwrap_err()),
        ["reconcile.period_confirmed"]
    );
    // The period after it is a new one.
    let mut next = p.source.clone();
    next.from = day("2026-01-01");
    next.to = day("2026-01-31");
    let fourth = b.store.save_reconciliation(None, &next, &closed).unwrap();
    assert_eq!(
        b.store.reconciliation(fourth).unwrap().info.recheck_of,
        None
    );
}
