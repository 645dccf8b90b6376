//! Screenshots of every step of the import wizard and of the import history
//! (TestBackend + insta) at 80×24 — and 120×40 for the mapping and the
//! preview — in English and Chinese, on the real test files (the GBK CSV
//! with a title row, the file with every kind of field error).

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

fn shots(name: &str, sizes: &[(u16, u16)], setup: impl Fn(&mut App)) {
    for (lang, tag) in LANGS {
        for &(w, h) in sizes {
            let (_dir, store) = sample_store();
            let mut app = app(store, lang);
            setup(&mut app);
            let text = steady(&screen(&mut app, w, h));
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), text);
        }
    }
}

const SMALL: &[(u16, u16)] = &[(80, 24)];
const BOTH: &[(u16, u16)] = &[(80, 24), (120, 40)];

#[test]
fn file_step_with_tab_completion() {
    shots("file", SMALL, |app| {
        typed(app, "i");
        typed(app, &data("u"));
        key(app, KeyCode::Tab);
    });
}

#[test]
fn sheet_step_skips_the_title_row() {
    shots("sheet", SMALL, |app| open_file(app, &data("gbk_title.csv")));
}

#[test]
fn mapping_step() {
    shots("mapping", BOTH, |app| {
        to_mapping(app, &data("gbk_title.csv"))
    });
}

#[test]
fn preview_step_lists_the_problems() {
    shots("preview", BOTH, |app| {
        to_preview(app, &data("field_errors.csv"))
    });
}

#[test]
fn new_values_step() {
    shots("values", SMALL, |app| {
        to_preview(app, &data("field_errors.csv"));
        key(app, KeyCode::Enter);
    });
}

#[test]
fn policy_step() {
    shots("policy", SMALL, |app| {
        to_policy(app, &data("field_errors.csv"))
    });
}

#[test]
fn progress_step_while_importing() {
    for (lang, tag) in LANGS {
        let (_dir, store) = sample_store();
        let mut app = import_support::app_pausing(store, lang, 2);
        to_policy(&mut app, &data("gbk_title.csv"));
        key(&mut app, KeyCode::Enter);
        let rows = if lang == Lang::En {
            "2 rows ·"
        } else {
            "2 行 ·"
        };
        wait_for(&mut app, rows);
        insta::assert_snapshot!(
            format!("progress_{tag}_80x24"),
            steady(&screen(&mut app, 80, 24))
        );
        key(&mut app, KeyCode::Esc);
        app.wait_until_loaded();
    }
}

#[test]
fn result_step_after_an_import() {
    shots("result", SMALL, |app| {
        import(app, &data("gbk_title.csv"));
        let text = steady(&screen(app, 80, 24));
        // The backup line is the only one that moves; the snapshot below has it steady.
        assert!(text.contains("<backup path>"), "{text}");
    });
}

#[test]
fn result_step_with_rejected_rows_and_the_save_prompt() {
    shots("result_rejects", SMALL, |app| {
        import(app, &data("field_errors.csv"));
        typed(app, "r");
    });
}

#[test]
fn import_history() {
    shots("history", SMALL, |app| {
        import(app, &data("gbk_title.csv"));
        typed(app, "h");
        fix_batch_times(app);
        key(app, KeyCode::Esc);
        typed(app, "h");
    });
}

/// Batches carry the time of the import: set it so the snapshot holds still.
fn fix_batch_times(app: &mut App) {
    app.store()
        .connection()
        .execute(
            "UPDATE import_batch SET at = '2026-11-30T10:02:03+08:00'",
            [],
        )
        .unwrap();
}
