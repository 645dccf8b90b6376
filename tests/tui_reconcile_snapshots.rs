//! Screenshots of reconciliation (TestBackend + insta) at 80×24 and 120×40,
//! in English and Chinese, on the sample customer's books and statement:
//! the dialog that picks the statement, the sign picker, the two tables with
//! every kind of difference, a forced match's note dialog, the confirm dialog.

#[path = "support/recon.rs"]
mod recon;
#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::tui::App;
use support::{key, screen, typed};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::Zh, "zh")];

/// `steps` run on the app after the books are open; `statement` is the
/// sample file's path.
fn shots(name: &str, steps: impl Fn(&mut App, &str)) {
    for (lang, tag) in LANGS {
        for (w, h) in SIZES {
            let b = recon::books();
            let path = recon::statement(b.dir.path(), "华强对账单.xlsx", false);
            let mut store = kehu::store::Store::open(&b.db).unwrap();
            store.set_operator("会计小王");
            let mut app = support::app(store, lang);
            steps(&mut app, path.to_str().unwrap());
            app.wait_until_loaded();
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), screen(&mut app, w, h));
        }
    }
}

fn open(app: &mut App, path: &str) {
    typed(app, "r");
    typed(app, path);
    key(app, KeyCode::Enter);
    app.wait_until_loaded();
    key(app, KeyCode::Enter);
    app.wait_until_loaded();
}

#[test]
fn the_dialog_that_picks_the_statement() {
    shots("reconcile_setup", |app, _| typed(app, "r"));
}

#[test]
fn the_sign_picker_offers_the_detected_way() {
    shots("reconcile_sign", |app, path| {
        typed(app, "r");
        typed(app, path);
        key(app, KeyCode::Enter);
    });
}

#[test]
fn both_statements_side_by_side() {
    shots("reconcile_view", open);
}

#[test]
fn forcing_a_match_asks_for_a_note() {
    // The cursor opens on the amount mismatch: its sums differ by 50.00.
    shots("reconcile_force", |app, path| {
        open(app, path);
        typed(app, "m");
        typed(app, "运费 50 元对方不认");
    });
}

#[test]
fn confirming_asks_first() {
    shots("reconcile_confirm", |app, path| {
        open(app, path);
        typed(app, "c");
    });
}
