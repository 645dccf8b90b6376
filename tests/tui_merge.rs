//! The merge dialog on a real file: the duplicate picked from the list,
//! both side by side, values chosen per field, a reason, the merge; and a
//! merge refused for clashing documents, shown as the store lists them.

#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::domain::customer::Status;
use kehu::tui::App;
use kehu::tui::keymap::Scope;
use support::{app, key, sample_store, screen, typed};

/// `M` on the list's first row (C000001), the duplicate `drop` picked.
fn merge_into_first(app: &mut App, drop: &str) {
    assert!(screen(app, 120, 40).contains("C000001"));
    typed(app, "M");
    assert_eq!(app.scope(), Scope::Picker);
    typed(app, drop);
    key(app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::Merge);
}

#[test]
fn a_duplicate_is_merged_with_the_values_chosen_per_field() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    merge_into_first(&mut app, "c000005");
    let shown = screen(&mut app, 120, 40);
    assert!(
        shown.contains("kept C000001") && shown.contains("merged in C000005"),
        "{shown}"
    );
    assert!(
        shown.contains("深圳市华强电子有限公司") && shown.contains("张三"),
        "{shown}"
    );
    // The name row (first): take the duplicate's; the mobile the kept one
    // lacks is taken already.
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::Prompt);
    typed(&mut app, "同一客户");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::List);
    assert!(screen(&mut app, 120, 40).contains("Merged: C000005 → C000001"));
    let kept = app.store().customer("C000001").unwrap().unwrap();
    assert_eq!(kept.data.name, "张三");
    assert_eq!(kept.data.mobile, "13800138000");
    assert_eq!(kept.data.contact, "王芳");
    let dropped = app.store().customer("C000005").unwrap().unwrap();
    assert_eq!(dropped.data.status, Status::Archived);
    assert_eq!(
        app.store().merged_into(dropped.id).unwrap().as_deref(),
        Some("C000001")
    );
}

#[test]
fn clashing_documents_refuse_the_merge_and_are_listed() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    merge_into_first(&mut app, "c000004");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.scope(), Scope::Merge);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("QC-2026"), "{shown}");
    let c4 = app.store().customer("C000004").unwrap().unwrap();
    assert_eq!(app.store().merged_into(c4.id).unwrap(), None);
    assert_eq!(c4.data.status, Status::OnHold);
}

/// Choice fields read as the form shows them, in the UI language: 企业, not
/// the stored key `company`.
#[test]
fn the_merge_dialog_shows_choice_labels_not_stored_keys() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    merge_into_first(&mut app, "c000005");
    let shown = screen(&mut app, 120, 40);
    let kind = shown
        .lines()
        .find(|l| l.contains("客户类型"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(kind.contains("企业"), "{kind}");
    for key in [
        "company",
        "individual",
        "special",
        "general",
        "credit",
        "bank_transfer",
    ] {
        assert!(!shown.contains(key), "{key} in:\n{shown}");
    }
}
