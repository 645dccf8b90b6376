//! Confirming a reconciliation that does not close, once operators exist:
//! a supervisor's call (with a reason), refused to a bookkeeper and recorded.

#[path = "support/recon.rs"]
mod recon;

use kehu::domain::permission::Role;
use kehu::store::{SessionStatus, Store, StoreError};
use recon::*;

fn codes(err: &StoreError) -> Vec<&'static str> {
    match err {
        StoreError::Invalid(p) => p.iter().map(|p| p.code).collect(),
        other => panic!("expected problems, got {other}"),
    }
}

#[test]
fn only_a_supervisor_confirms_one_that_does_not_close() {
    let mut b = books();
    let p = prepared(&b, &statement(b.dir.path(), "s.csv", false));
    let id = b
        .store
        .save_reconciliation(None, &p.source, &p.reconciliation)
        .unwrap();
    b.store
        .add_operator("老李", Role::Supervisor, "boss-pass")
        .unwrap();
    let mut boss = Store::open(&b.db).unwrap();
    boss.sign_in("老李", "boss-pass").unwrap();
    boss.add_operator("小王", Role::Bookkeeper, "clerk-pass")
        .unwrap();

    let mut clerk = Store::open(&b.db).unwrap();
    clerk.sign_in("小王", "clerk-pass").unwrap();
    let err = clerk
        .confirm_reconciliation_because(id, None, Some("差额已核实"))
        .unwrap_err();
    assert_eq!(codes(&err), ["permission.denied"]);
    assert!(err.to_string().contains("confirm_unclosed_reconciliation"));
    assert_eq!(
        clerk.reconciliation(id).unwrap().info.status,
        SessionStatus::Draft
    );
    assert_eq!(clerk.confirmed_until(b.id).unwrap(), None);

    let info = boss
        .confirm_reconciliation_because(id, None, Some("差额已核实"))
        .unwrap();
    assert_eq!(info.status, SessionStatus::Confirmed);
    assert_eq!(info.confirmed_by.as_deref(), Some("老李"));
}
