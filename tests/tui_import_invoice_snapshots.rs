//! Screenshots (TestBackend + insta) of the wizard's invoice steps in English
//! and Chinese on the corpus files: the file step with the kind guessed, the
//! result of booking an export (customers created with Chinese names, the
//! other seller, the voided invoice), our company not set, and a ledger
//! file booked through the ledger core with its problems listed.

#[path = "support/import_support.rs"]
mod import_support;
#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use import_support::*;
use kehu::domain::Lang;
use kehu::tui::App;
use support::*;

const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::Zh, "zh")];

/// Relative, as the other snapshots' files: the same on every machine.
fn corpus(name: &str) -> String {
    format!("tests/corpus/invoices/{name}")
}

fn shots(name: &str, company: bool, (w, h): (u16, u16), setup: impl Fn(&mut App)) {
    for (lang, tag) in LANGS {
        let (_dir, mut store) = sample_store();
        if company {
            store
                .set_company(&values(&[
                    ("name", "广州市示例科技有限公司"),
                    ("tax_id", "91440106000001193A"),
                ]))
                .unwrap();
        }
        let mut app = app(store, lang);
        setup(&mut app);
        let text = steady(&screen(&mut app, w, h));
        insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), text);
    }
}

#[test]
fn file_step_with_invoices_guessed() {
    shots("invoice_guessed", true, (80, 24), |app| {
        open_file(app, &corpus("digital_invoice_level.csv"))
    });
}

#[test]
fn result_of_an_invoice_export() {
    shots("invoice_result", true, (120, 40), |app| {
        open_file(app, &corpus("digital_invoice_level.csv"));
        key(app, KeyCode::Enter);
        app.wait_until_loaded();
    });
}

#[test]
fn our_company_not_set() {
    shots("invoice_no_company", false, (80, 24), |app| {
        open_file(app, &corpus("einvoice_24442000000000000021.xml"));
        key(app, KeyCode::Enter);
    });
}

#[test]
fn result_of_a_ledger_file() {
    shots("ledger_result", false, (120, 40), |app| {
        open_file(app, &data("ledger_gbk.csv"));
        key(app, KeyCode::Enter);
        app.wait_until_loaded();
    });
}
