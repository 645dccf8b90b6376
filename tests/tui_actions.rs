//! TUI actions beyond the form: templates, status changes, delete, filters,
//! the mouse wheel and the help overlay.

#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::customer::Status;
use kehu::domain::{Lang, Money};
use kehu::tui::event::Event;
use kehu::tui::{App, Options};
use support::*;

/// The codes of the list rows on screen (after their overdue / over-limit marks).
fn row_codes(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.trim_start_matches(['!', '+', ' ']))
        .filter(|l| l.starts_with('C') && l.as_bytes().get(1).is_some_and(u8::is_ascii_digit))
        .map(|l| &l[..7])
        .collect()
}

#[test]
fn t_picks_a_template_and_the_form_starts_from_it() {
    let (_dir, mut store) = sample_store();
    store
        .save_template(
            "VIP批发",
            &values(&[
                ("credit_limit", "200000"),
                ("payment_days", "60"),
                ("invoice_type", "专票"),
            ]),
        )
        .unwrap();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "t");
    assert!(screen(&mut app, 80, 24).contains("VIP批发"));
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("新增客户 (模板 VIP批发)"), "{text}");
    assert!(text.contains("增值税专用发票"), "{text}");
    typed(&mut app, "苏州德源机械有限公司");
    focus(&mut app, "tax_id");
    typed(&mut app, &kehu::synth::uscc("320500", 4242));
    ctrl(&mut app, 's');
    let c = app.store().customer("C000007").unwrap().unwrap();
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(20_000_000)));
    assert_eq!(c.data.payment_days, 60);
}

#[test]
fn the_configured_default_template_is_used_by_a() {
    let (_dir, mut store) = sample_store();
    store
        .save_template(
            "零售",
            &values(&[("settlement", "cash"), ("region", "华东")]),
        )
        .unwrap();
    let mut options = Options::new(Lang::En);
    options.default_template = Some("零售".into());
    let mut app = App::new(store, options).unwrap();
    typed(&mut app, "a");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("New customer (template 零售)"), "{text}");
    assert!(text.contains("Cash"), "{text}");
    // A template that no longer exists: an error, and an empty form.
    let (_dir, store) = sample_store();
    let mut options = Options::new(Lang::En);
    options.default_template = Some("gone".into());
    let mut app = App::new(store, options).unwrap();
    typed(&mut app, "a");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("no template named “gone”"), "{text}");
    assert!(text.contains("New customer"), "{text}");
}

#[test]
fn hold_and_unarchive_from_the_detail_screen_are_audited() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "v");
    typed(&mut app, "h");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("On hold"), "{text}");
    assert!(text.contains("Status: active → on_hold"), "{text}");
    typed(&mut app, "u");
    assert_eq!(
        app.store()
            .customer("C000001")
            .unwrap()
            .unwrap()
            .data
            .status,
        Status::Active
    );
    typed(&mut app, "d");
    typed(&mut app, "y");
    typed(&mut app, "q");
    let text = screen(&mut app, 80, 24);
    assert!(!row_codes(&text).contains(&"C000001"), "{text}");
}

#[test]
fn delete_asks_and_removes_the_customer() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "G"); // C000005
    key(&mut app, KeyCode::Delete);
    assert!(screen(&mut app, 80, 24).contains("Delete this customer?"));
    typed(&mut app, "n");
    assert!(app.store().customer("C000005").unwrap().is_some());
    key(&mut app, KeyCode::Delete);
    typed(&mut app, "y");
    assert!(app.store().customer("C000005").unwrap().is_none());
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Deleted: C000005"), "{text}");
    assert_eq!(
        row_codes(&text),
        ["C000001", "C000002", "C000003", "C000004"]
    );
}

#[test]
fn class_filter_picks_a_value_by_pinyin_and_f_clears() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "f");
    typed(&mut app, "hn"); // 华南
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert_eq!(row_codes(&text), ["C000001", "C000002"], "{text}");
    assert!(text.contains("filter 华南"), "{text}");
    typed(&mut app, "F");
    assert_eq!(row_codes(&screen(&mut app, 120, 40)).len(), 5);
}

#[test]
fn the_mouse_wheel_and_paging_move_the_selection() {
    let (dir, mut store) = empty_store();
    let mut bulk = store.bulk_insert().unwrap();
    for i in 0..100 {
        bulk.insert(&kehu::synth::customer_values(i))
            .unwrap()
            .unwrap();
    }
    bulk.commit().unwrap();
    let mut app = app(store, Lang::En);
    screen(&mut app, 80, 24); // learn the page height
    app.handle_event(Event::ScrollDown);
    app.handle_event(Event::ScrollDown);
    typed(&mut app, "v");
    assert!(screen(&mut app, 80, 24).contains("C000007"));
    typed(&mut app, "q");
    key(&mut app, KeyCode::PageDown);
    let text = screen(&mut app, 80, 24);
    // 20 table rows on screen: the selection went from row 7 to row 27 and
    // the window scrolled with it.
    assert_eq!(row_codes(&text).last(), Some(&"C000027"), "{text}");
    typed(&mut app, "G");
    assert_eq!(
        row_codes(&screen(&mut app, 80, 24)).last(),
        Some(&"C000100")
    );
    typed(&mut app, "g");
    assert_eq!(
        row_codes(&screen(&mut app, 80, 24)).first(),
        Some(&"C000001")
    );
    drop(dir);
}

#[test]
fn help_lists_the_current_screens_keys_first_and_closes() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "a");
    key(&mut app, KeyCode::F(1));
    let text = screen(&mut app, 120, 40);
    let form = text.find("Add / edit form").unwrap();
    let list = text.find("Customer list").unwrap();
    assert!(form < list, "{text}");
    assert!(text.contains("Ctrl-S"), "{text}");
    typed(&mut app, "j"); // scrolls the help, types nothing into the form
    key(&mut app, KeyCode::Esc);
    let text = screen(&mut app, 120, 40);
    assert!(!text.contains("Add / edit form"), "{text}");
    assert!(!text.contains(" unsaved"), "{text}");
}
