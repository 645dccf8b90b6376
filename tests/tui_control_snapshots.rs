//! Screenshots of the control screens (TestBackend + insta) at 80×24 and
//! 120×40, in English and Chinese, on a real file with operators.

#[path = "support/tui_support.rs"]
mod support;
#[path = "support/tui_control.rs"]
mod tui_control;

use kehu::domain::Lang;
use kehu::store::Store;
use kehu::tui::App;
use support::{app, screen, typed};
use tui_control::{BOSS, CLERK, control_file, sign_in};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::Zh, "zh")];

/// Snapshots `name` for every size and language, on the file `open` makes
/// (fresh each time) with `setup` applied.
fn shots_on(name: &str, open: impl Fn() -> (tempfile::TempDir, Store), setup: impl Fn(&mut App)) {
    for (lang, tag) in LANGS {
        for (w, h) in SIZES {
            let (_dir, store) = open();
            let mut app = app(store, lang);
            setup(&mut app);
            let text = screen(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), text);
        }
    }
}

/// On the control file, nobody signed in.
fn shots(name: &str, setup: impl Fn(&mut App)) {
    shots_on(
        name,
        || {
            let (dir, db) = control_file();
            let store = Store::open(&db).unwrap();
            (dir, store)
        },
        setup,
    );
}

/// On the control file where the supervisor deleted C000002.
fn audit_shots(name: &str, setup: impl Fn(&mut App)) {
    shots_on(
        name,
        || {
            let (dir, db) = control_file();
            let store = tui_control::boss_after_a_delete(&db);
            (dir, store)
        },
        setup,
    );
}

/// On the sample file of the other TUI snapshots.
fn sample_shots(name: &str, setup: impl Fn(&mut App)) {
    shots_on(name, support::sample_store, setup);
}

#[test]
fn sign_in_screen() {
    shots("sign_in", |app| {
        typed(app, BOSS.0);
        support::key(app, crossterm::event::KeyCode::Tab);
        typed(app, "pass");
    });
}

#[test]
fn review_queue_as_a_bookkeeper_refused() {
    shots("review_refused", |app| {
        sign_in(app, CLERK);
        typed(app, "Ra");
    });
}

#[test]
fn review_reject_reason() {
    shots("review_reject", |app| {
        sign_in(app, BOSS);
        typed(app, "Rjx");
    });
}

#[test]
fn audit_screen() {
    audit_shots("audit", |app| typed(app, "A"));
}

#[test]
fn audit_deleted_customer_snapshot() {
    audit_shots("audit_snapshot", |app| {
        typed(app, "Af");
        assert!(app.focus_field("AuditAction"));
        typed(app, "delete");
        support::key(app, crossterm::event::KeyCode::Enter);
        support::key(app, crossterm::event::KeyCode::Enter);
    });
}

#[test]
fn merge_dialog_side_by_side() {
    sample_shots("merge", |app| {
        typed(app, "M");
        typed(app, "c000005");
        support::key(app, crossterm::event::KeyCode::Enter);
        support::key(app, crossterm::event::KeyCode::Char(' '));
    });
}

#[test]
fn merge_refused_for_clashing_documents() {
    sample_shots("merge_clash", |app| {
        typed(app, "M");
        typed(app, "c000004");
        support::key(app, crossterm::event::KeyCode::Enter);
        support::key(app, crossterm::event::KeyCode::Enter);
        support::key(app, crossterm::event::KeyCode::Enter);
    });
}
