//! The TUI shows store refusals through the message table, so the Chinese
//! UI refuses in Chinese (it showed `e.to_string()`, English only).

#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::domain::ledger::EntryInput;
use kehu::store::AddOptions;
use support::*;

#[test]
fn deleting_a_customer_with_ledger_entries_is_refused_in_the_ui_language() {
    for (lang, refusal) in [
        (Lang::Zh, "已有往来记录，只能归档，不能删除"),
        (Lang::En, "has ledger entries, so it can only be archived"),
    ] {
        let (_dir, mut store) = sample_store();
        let receipt = EntryInput {
            kind: "receipt".into(),
            date: "2025-01-10".into(),
            doc_no: "SK-1".into(),
            amount: "100".into(),
            due_date: String::new(),
            memo: String::new(),
        };
        store
            .add_entry("C000005", &receipt, &AddOptions::default())
            .unwrap();
        let mut app = app(store, lang);
        typed(&mut app, "G"); // C000005
        key(&mut app, KeyCode::Delete);
        typed(&mut app, "y");
        let text = screen(&mut app, 120, 40);
        assert!(text.contains(refusal), "{text}");
        assert!(app.store().customer("C000005").unwrap().is_some());
    }
}

/// What `to_string()` or `{e}` of an error would show: English only, and
/// no code. Finds `e.to_string()`, `err.to_string()`, `|e| e.to_string()`,
/// `format!("{e}")` and the like on one line of code.
fn error_as_string(line: &str) -> bool {
    let code = line.split("//").next().unwrap_or("");
    const NAMES: [&str; 6] = ["e", "err", "error", "failure", "problem", "cause"];
    NAMES.iter().any(|name| {
        let call = format!("{name}.to_string()");
        let shown = [format!("{{{name}}}"), format!("{{{name}:")];
        let called = code.match_indices(&call).any(|(at, _)| {
            // `e.to_string()`, not `code.to_string()` or `e.id.to_string()`.
            code[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'))
        });
        called || shown.iter().any(|s| code.contains(s.as_str()))
    })
}

#[test]
fn the_guard_finds_an_error_shown_by_to_string() {
    assert!(error_as_string("Err(e) => ctx.show(e.to_string()),"));
    assert!(error_as_string(".map_err(|err| err.to_string())"));
    assert!(error_as_string("format!(\"cannot: {e}\")"));
    assert!(!error_as_string("Some(code.to_string())"));
    assert!(!error_as_string("e.id.to_string(),"));
    assert!(!error_as_string("// e.to_string() was shown here once"));
}

/// Errors reach the screen as coded messages in the UI language
/// (`e.message().text(lang)`, the refusal text), never as `to_string()`.
#[test]
fn no_error_reaches_the_screen_by_to_string() {
    fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, line) in text.lines().enumerate() {
                    if error_as_string(line) {
                        found.push(format!("{}:{}: {line}", path.display(), i + 1));
                    }
                }
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    walk(&root.join("tui"), &mut found);
    assert!(found.is_empty(), "{found:#?}");
}
