//! Screenshots of the TUI (TestBackend + insta) at 80×24 and 120×40, in
//! English and Chinese, on a real database file with Chinese names.

#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::tui::App;
use support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::Zh, "zh")];

/// Snapshots `name` for every size and language, building the app state
/// with `setup` each time.
fn shots(name: &str, sample: bool, setup: impl Fn(&mut App)) {
    for (lang, tag) in LANGS {
        for (w, h) in SIZES {
            let (_dir, store) = if sample {
                sample_store()
            } else {
                empty_store()
            };
            let mut app = app(store, lang);
            setup(&mut app);
            let text = screen(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), text);
        }
    }
}

#[test]
fn customer_list() {
    shots("list", true, |_| {});
}

#[test]
fn customer_list_searched_by_mnemonic() {
    shots("list_search", true, |app| {
        typed(app, "/hqdz");
    });
}

#[test]
fn empty_database() {
    shots("empty", false, |_| {});
}

#[test]
fn customer_detail() {
    shots("detail", true, |app| {
        typed(app, "v");
    });
}

#[test]
fn form_with_errors() {
    shots("form_errors", true, |app| {
        typed(app, "a");
        typed(app, "杭州新源食品有限公司");
        focus(app, "mobile");
        typed(app, "1380013");
        focus(app, "email");
        typed(app, "finance@");
        focus(app, "tax_id");
        typed(app, "91330100MA27XK1234");
        focus(app, "credit_limit");
        typed(app, "12.345");
        ctrl(app, 's');
    });
}

#[test]
fn duplicate_dialog() {
    shots("duplicate", true, |app| {
        typed(app, "a");
        typed(app, "深圳华强电子股份有限公司");
        focus(app, "tax_id");
        typed(app, HUAQIANG_TAX_ID);
        ctrl(app, 's');
    });
}

#[test]
fn help_overlay() {
    shots("help", true, |app| {
        typed(app, "?");
    });
}

#[test]
fn discard_confirmation() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "a");
    typed(&mut app, "成都");
    key(&mut app, KeyCode::Esc);
    insta::assert_snapshot!("discard_zh_80x24", screen(&mut app, 80, 24));
}

#[test]
fn archiving_a_customer_who_owes_money_warns() {
    // C000001 owes 73,000.00: the question says archiving does not settle it.
    shots("archive_owes", true, |app| {
        typed(app, "d");
    });
}

#[test]
fn quit_dialog_names_the_app() {
    // "退出 kehu？", not "退出客户？" (leave the customer?).
    shots("quit_dialog", true, |app| {
        typed(app, "a");
        typed(app, "杭州新源食品有限公司");
        ctrl(app, 'c');
    });
}

#[test]
fn help_overlay_pages_and_shows_where_it_is() {
    // PgDn moves a page, G goes to the end; the bottom border says which
    // lines are shown and that more exist above.
    shots("help_end", true, |app| {
        typed(app, "?");
        key(app, KeyCode::PageDown);
        typed(app, "G");
    });
    shots("help_page", true, |app| {
        typed(app, "?");
        key(app, KeyCode::PageDown);
    });
}

#[test]
fn a_long_name_scrolls_to_the_cursor_while_typed() {
    // The end of the name is what is being typed: it stays in view.
    shots("form_long_name", true, |app| {
        typed(app, "a");
        typed(
            app,
            "上海宏远信息技术股份有限公司浦东新区张江高科技园区第二分公司",
        );
    });
}
