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
