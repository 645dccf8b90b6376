//! The TUI under control: signing in at start (right, wrong, retired),
//! the role signed in governing writes, switching operator, and the review
//! queue's decisions and refusals; on real database files.

#[path = "support/tui_support.rs"]
mod support;
#[path = "support/tui_control.rs"]
mod tui_control;

use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::domain::customer::Status;
use kehu::domain::permission::Role;
use kehu::store::Store;
use kehu::tui::keymap::Scope;
use support::{app, ctrl, empty_store, key, screen, typed};
use tui_control::{BOSS, CLERK, control_file, sign_in};

fn status(app: &kehu::tui::App, code: &str) -> Status {
    app.store().customer(code).unwrap().unwrap().data.status
}

#[test]
fn with_no_operators_the_app_opens_on_the_list() {
    let (_dir, store) = empty_store();
    let mut app = app(store, Lang::En);
    assert_eq!(app.scope(), Scope::Empty);
    assert!(screen(&mut app, 80, 24).contains("operator 测试员"));
}

#[test]
fn a_wrong_password_is_refused_coded_in_the_ui_language_and_the_screen_stays() {
    let (_dir, db) = control_file();
    let mut app = app(Store::open(&db).unwrap(), Lang::Zh);
    assert_eq!(app.scope(), Scope::SignIn);
    sign_in(&mut app, (BOSS.0, "wrong-pass"));
    assert_eq!(app.scope(), Scope::SignIn);
    assert_eq!(app.store().signed_in_role(), None);
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.contains("“老李”登录失败：姓名不存在或密码错误。"),
        "{shown}"
    );
    // The password typed is never on screen, only its mask.
    // The focus stays on the password, emptied for the next try.
    typed(&mut app, "secret1");
    let shown = screen(&mut app, 80, 24);
    assert!(
        !shown.contains("secret1") && shown.contains("*******"),
        "{shown}"
    );
}

#[test]
fn a_retired_operator_is_refused() {
    let (_dir, db) = control_file();
    let mut boss = Store::open(&db).unwrap();
    boss.sign_in(BOSS.0, BOSS.1).unwrap();
    boss.retire_operator(CLERK.0).unwrap();
    let mut app = app(Store::open(&db).unwrap(), Lang::En);
    sign_in(&mut app, CLERK);
    assert_eq!(app.scope(), Scope::SignIn);
    assert!(screen(&mut app, 80, 24).contains("小王 is retired and can no longer sign in."));
}

#[test]
fn the_role_signed_in_governs_writes_and_s_switches_operator() {
    let (_dir, db) = control_file();
    let mut app = app(Store::open(&db).unwrap(), Lang::En);
    sign_in(&mut app, CLERK);
    assert_eq!(app.store().signed_in_role(), Some(Role::Bookkeeper));
    assert!(screen(&mut app, 120, 40).contains("operator 小王 (bookkeeper)"));
    // A bookkeeper may not delete: the refusal names the permission.
    key(&mut app, KeyCode::Delete);
    typed(&mut app, "y");
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("小王 may not delete"), "{shown}");
    assert!(app.store().customer("C000001").unwrap().is_some());

    typed(&mut app, "S");
    assert_eq!(app.scope(), Scope::SignIn);
    assert_eq!(app.store().signed_in_role(), None);
    sign_in(&mut app, BOSS);
    assert!(screen(&mut app, 120, 40).contains("operator 老李 (supervisor)"));
    key(&mut app, KeyCode::Delete);
    typed(&mut app, "y");
    assert!(app.store().customer("C000001").unwrap().is_none());
}

#[test]
fn esc_on_the_sign_in_screen_leaves_the_app() {
    let (_dir, db) = control_file();
    let mut app = app(Store::open(&db).unwrap(), Lang::En);
    key(&mut app, KeyCode::Esc);
    assert!(app.should_quit());
}

#[test]
fn the_review_queue_refuses_a_bookkeeper_and_takes_a_supervisors_decisions() {
    let (_dir, db) = control_file();
    let mut app = app(Store::open(&db).unwrap(), Lang::En);
    sign_in(&mut app, CLERK);
    typed(&mut app, "R");
    assert_eq!(app.scope(), Scope::Review);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Awaiting review (2)"), "{shown}");
    assert!(
        shown.contains("credit limit: 50,000.00 → 150,000.00"),
        "{shown}"
    );
    typed(&mut app, "a");
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("小王 may not"), "{shown}");
    assert_eq!(app.store().review_queue().unwrap().len(), 2);

    key(&mut app, KeyCode::Esc);
    typed(&mut app, "S");
    sign_in(&mut app, BOSS);
    typed(&mut app, "R");
    // Oldest first: the credit raise on C000001, then the new C000002.
    typed(&mut app, "a");
    assert!(screen(&mut app, 120, 40).contains("Approved: C000001"));
    assert_eq!(
        app.store()
            .customer("C000001")
            .unwrap()
            .unwrap()
            .data
            .credit_limit,
        Some(kehu::domain::Money::parse("150000").unwrap())
    );
    // A rejection needs a reason: an empty one keeps the prompt open.
    typed(&mut app, "x");
    assert_eq!(app.scope(), Scope::Prompt);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::Prompt);
    assert_eq!(status(&app, "C000002"), Status::PendingReview);
    typed(&mut app, "重复客户");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::Review);
    assert_eq!(status(&app, "C000002"), Status::Archived);
    assert!(screen(&mut app, 120, 40).contains("Nothing awaits review."));
}

#[test]
fn the_audit_screen_filters_and_restores_a_deleted_customer() {
    let (_dir, db) = control_file();
    let mut app = app(tui_control::boss_after_a_delete(&db), Lang::En);
    typed(&mut app, "A");
    assert_eq!(app.scope(), Scope::Audit);
    let shown = screen(&mut app, 120, 40);
    assert!(
        shown.contains("sign_in_failed") || shown.contains("sign_in"),
        "{shown}"
    );

    // A bad date keeps the filter open; then only the deletion is left.
    typed(&mut app, "f");
    assert!(app.focus_field("AuditAction"));
    typed(&mut app, "delete");
    assert!(app.focus_field("AuditFrom"));
    typed(&mut app, "2026-13-01");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::Prompt);
    assert!(screen(&mut app, 120, 40).contains("Not a date (YYYY-MM-DD): 2026-13-01"));
    ctrl(&mut app, 'u');
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::Audit);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("Audit (1)  filter: delete"), "{shown}");

    // Its snapshot, restored as a new customer under its old code.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::AuditSnapshot);
    assert!(screen(&mut app, 120, 40).contains("杭州新源食品有限公司"));
    typed(&mut app, "r");
    assert_eq!(app.scope(), Scope::Audit);
    assert!(screen(&mut app, 120, 40).contains("Restored as: C000002"));
    let back = app.store().customer("C000002").unwrap().unwrap();
    assert_eq!(back.data.name, "杭州新源食品有限公司");
}
