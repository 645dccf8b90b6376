//! Screenshots of the ledger screens (TestBackend + insta) at 80×24 and
//! 120×40, in English and Chinese, on a real database file with Chinese
//! names and a ledger as of a fixed day (see `support::add_ledger`).

#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::tui::App;
use support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::Zh, "zh")];

fn shots(name: &str, setup: impl Fn(&mut App)) {
    for (lang, tag) in LANGS {
        for (w, h) in SIZES {
            let (_dir, store) = sample_store();
            let mut app = app(store, lang);
            setup(&mut app);
            app.wait_until_loaded();
            let text = screen(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), text);
        }
    }
}

#[test]
fn ledger_screen() {
    // C000001: an opening balance and an invoice allocated by a receipt, one
    // invoice 51 days overdue, one not yet due.
    shots("ledger", |app| typed(app, "l"));
}

#[test]
fn entry_form_with_a_credit_limit_refusal() {
    shots("entry_refusal", |app| {
        typed(app, "l");
        typed(app, "a");
        typed(app, "FP-0003");
        focus(app, "amount");
        typed(app, "10000");
        ctrl(app, 's');
        typed(app, "年底促销");
    });
}

#[test]
fn entry_form_as_typed() {
    shots("entry_form", |app| {
        typed(app, "l");
        typed(app, "a");
        typed(app, "FP-0001"); // taken
        focus(app, "amount");
        typed(app, "1,2x");
    });
}

#[test]
fn dashboard() {
    shots("dashboard", |app| typed(app, "D"));
}

#[test]
fn quick_invoice_popup() {
    shots("quick", |app| {
        typed(app, "n");
        typed(app, "hq");
    });
}

#[test]
fn quick_invoice_offers_to_create() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "n");
    typed(&mut app, "成都远航");
    insta::assert_snapshot!("quick_create_zh_80x24", screen(&mut app, 80, 24));
    key(&mut app, KeyCode::Esc);
}

#[test]
fn over_limit_dialog_says_a_reason_is_needed_in_the_dialog() {
    shots("entry_refusal_no_reason", |app| {
        typed(app, "l");
        typed(app, "a");
        typed(app, "FP-0003");
        focus(app, "amount");
        typed(app, "10000");
        ctrl(app, 's');
        key(app, KeyCode::Enter);
    });
}

/// Snapshots at one odd size, both languages.
fn narrow(name: &str, (w, h): (u16, u16), setup: impl Fn(&mut App)) {
    for (lang, tag) in LANGS {
        let (_dir, store) = sample_store();
        let mut app = app(store, lang);
        setup(&mut app);
        app.wait_until_loaded();
        let text = screen(&mut app, w, h);
        insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), text);
    }
}

#[test]
fn narrow_terminals_keep_the_sorted_column_and_whole_numbers() {
    // Sorted by balance at 60 columns: the balance column stays.
    narrow("list_sorted_by_balance", (60, 20), |app| {
        typed(app, "oooooo")
    });
    // The dashboard at 40×12: an amount is whole or left out (…).
    narrow("dashboard_tiny", (40, 12), |app| typed(app, "D"));
    // Every status, "Archived" whole, at 120 columns.
    narrow("list_all_statuses", (120, 40), |app| typed(app, "ssss"));
}
