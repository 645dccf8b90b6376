//! Shared by the TUI control tests: a file with a supervisor (老李) and a
//! bookkeeper (小王), review of new customers on, one customer awaiting
//! review and one credit-limit raise awaiting it, at fixed times.
#![allow(dead_code)]

use std::path::PathBuf;

use crossterm::event::KeyCode;
use kehu::domain::permission::Role;
use kehu::store::Store;
use kehu::tui::App;

use super::support::{key, typed, values};

pub const BOSS: (&str, &str) = ("老李", "boss-pass");
pub const CLERK: (&str, &str) = ("小王", "clerk-pass");

pub fn control_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let mut store = Store::open(&db).unwrap();
    store
        .add_operator(BOSS.0, Role::Supervisor, BOSS.1)
        .unwrap();
    store.sign_in(BOSS.0, BOSS.1).unwrap();
    store
        .add_operator(CLERK.0, Role::Bookkeeper, CLERK.1)
        .unwrap();
    let add = |store: &mut Store, pairs: &[(&str, &str)]| {
        store.add_customer(&values(pairs), None).unwrap();
    };
    add(
        &mut store,
        &[("name", "成都天府软件有限公司"), ("credit_limit", "50000")],
    );
    store.set_review_new_customers(true).unwrap();
    let mut clerk = Store::open(&db).unwrap();
    clerk.sign_in(CLERK.0, CLERK.1).unwrap();
    add(&mut clerk, &[("name", "杭州新源食品有限公司")]);
    clerk
        .edit_customer("C000001", &values(&[("credit_limit", "150000")]))
        .unwrap();
    clerk
        .connection()
        .execute_batch(
            "UPDATE customer SET created_at = '2026-11-20T09:30:00+08:00', updated_at = '2026-11-21T14:05:00+08:00';
             UPDATE review_change SET requested_at = '2026-11-19T16:40:00+08:00';",
        )
        .unwrap();
    (dir, db)
}

/// Types `who`'s name and password on the sign-in screen and presses Enter.
pub fn sign_in(app: &mut App, (name, password): (&str, &str)) {
    typed(app, name);
    key(app, KeyCode::Tab);
    typed(app, password);
    key(app, KeyCode::Enter);
}

/// Every audit and control row at one fixed time, so snapshots do not move
/// (the trails are append-only: the triggers are lifted for a moment).
pub fn fixed_audit_times(store: &Store) {
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER audit_append_only_update;
             DROP TRIGGER control_audit_append_only_update;
             UPDATE audit SET at = '2026-11-21T14:05:00+08:00';
             UPDATE control_audit SET at = '2026-11-21T14:05:00+08:00';
             CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
                 BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be changed'); END;
             CREATE TRIGGER control_audit_append_only_update BEFORE UPDATE ON control_audit
                 BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: its rows cannot be changed'); END;",
        )
        .unwrap();
}

/// The supervisor signed in on the file, the pending C000002 deleted, every
/// audit row at a fixed time: an app opened on it shows the list.
pub fn boss_after_a_delete(db: &std::path::Path) -> Store {
    let mut store = Store::open(db).unwrap();
    store.sign_in(BOSS.0, BOSS.1).unwrap();
    store.delete_customer("C000002").unwrap();
    fixed_audit_times(&store);
    store
}
