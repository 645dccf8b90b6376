//! The TUI's behaviour through its public API: key events in, the database
//! file and the drawn screen checked.

#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::customer::Status;
use kehu::domain::{Lang, Money};
use kehu::store::Store;
use kehu::tui::{App, Options};
use support::*;

/// A list row without its overdue / over-limit marks.
fn unmarked(line: &str) -> &str {
    line.trim_start_matches(['!', '+', ' '])
}

fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn adding_a_customer_saves_it_with_generated_code_and_mnemonic() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "a");
    typed(&mut app, "杭州新源食品有限公司");
    // The mnemonic follows the name while untouched.
    assert!(screen(&mut app, 120, 40).contains("HZXYSPYXGS"));
    focus(&mut app, "credit_limit");
    typed(&mut app, "5万");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Saved: C000007 杭州新源食品有限公司"),
        "{text}"
    );
    // Back on the list with the new customer selected (the only row drawn
    // reversed is not visible as text, so check the status line and the row).
    assert_eq!(lines_with(&text, "杭州新源食品有限公司").len(), 2);
    drop(app);
    let store = Store::open(&dir.path().join("kehu.db")).unwrap();
    let saved = store.customer("C000007").unwrap().unwrap();
    assert_eq!(saved.data.mnemonic, "HZXYSPYXGS");
    assert_eq!(saved.data.credit_limit, Some(Money::from_fen(5_000_000)));
    assert_eq!(saved.data.kind.key(), "company");
}

#[test]
fn a_typed_mnemonic_is_kept_when_the_name_changes() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "a");
    typed(&mut app, "成都");
    focus(&mut app, "mnemonic");
    typed(&mut app, "CDX");
    focus(&mut app, "name");
    typed(&mut app, "远航");
    ctrl(&mut app, 's');
    let c = app.store().customer("C000007").unwrap().unwrap();
    assert_eq!(c.data.name, "成都远航");
    assert_eq!(c.data.mnemonic, "CDX");
}

#[test]
fn choice_fields_are_picked_by_searching_their_labels() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "a");
    typed(&mut app, "南京嘉诚建材有限公司");
    focus(&mut app, "invoice_type");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "普通");
    key(&mut app, KeyCode::Enter); // picks, moves on to tax rate
    typed(&mut app, "9");
    key(&mut app, KeyCode::Enter);
    focus(&mut app, "industry");
    typed(&mut app, "jzy"); // 建筑业 by its pinyin initials
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let c = app.store().customer("C000007").unwrap().unwrap();
    assert_eq!(c.data.invoice_type.map(|v| v.key()), Some("general"));
    assert_eq!(c.data.tax_rate.map(|r| r.percent()), Some(9));
    assert_eq!(
        c.data.classification.get("industry").map(String::as_str),
        Some("建筑业")
    );
}

#[test]
fn the_picker_finds_a_choice_by_its_short_name_and_initials() {
    for (lang, query) in [(Lang::Zh, "zp"), (Lang::En, "专票"), (Lang::Zh, "专票")] {
        let (_dir, store) = sample_store();
        let mut app = app(store, lang);
        typed(&mut app, "a");
        typed(&mut app, "南京嘉诚建材有限公司");
        focus(&mut app, "invoice_type");
        key(&mut app, KeyCode::Enter);
        typed(&mut app, query);
        let text = screen(&mut app, 80, 24);
        let special = if lang == Lang::Zh {
            "增值税专用发票"
        } else {
            "Special VAT invoice"
        };
        assert!(text.contains(special), "{query}: {text}");
        key(&mut app, KeyCode::Enter);
        let text = screen(&mut app, 120, 40);
        assert!(text.contains(&format!("{special} ▾")), "{query}: {text}");
    }
}

#[test]
fn errors_block_saving_and_show_in_the_ui_language() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "a");
    typed(&mut app, "杭州某公司");
    focus(&mut app, "credit_limit");
    typed(&mut app, "-5");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("信用额度不能为负数"), "{text}");
    assert!(text.contains("请先修正"), "{text}");
    assert_eq!(app.store().customer_count().unwrap(), 5);
}

#[test]
fn similar_name_can_be_saved_anyway_but_a_taken_tax_id_cannot() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "a");
    typed(&mut app, "深圳华强电子股份有限公司");
    focus(&mut app, "tax_id");
    typed(&mut app, HUAQIANG_TAX_ID);
    ctrl(&mut app, 's');
    typed(&mut app, "s"); // not offered: nothing happens
    assert!(screen(&mut app, 80, 24).contains("already belongs to"));
    assert_eq!(app.store().customer_count().unwrap(), 5);
    key(&mut app, KeyCode::Esc); // back to the form, text intact
    ctrl(&mut app, 'u'); // clear the tax ID
    ctrl(&mut app, 's');
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Customers with similar names"), "{text}");
    typed(&mut app, "s");
    assert_eq!(app.store().customer_count().unwrap(), 6);
}

#[test]
fn open_existing_from_the_duplicate_dialog_keeps_the_form() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "a");
    typed(&mut app, "深圳华强电子股份有限公司");
    ctrl(&mut app, 's');
    typed(&mut app, "o");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("C000001  深圳市华强电子有限公司"), "{text}");
    typed(&mut app, "q");
    assert!(screen(&mut app, 120, 40).contains("深圳华强电子股份有限公司"));
}

#[test]
fn escape_with_changes_asks_before_discarding() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "a");
    typed(&mut app, "x");
    key(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("Discard changes?"));
    typed(&mut app, "n");
    assert!(screen(&mut app, 80, 24).contains("New customer"));
    key(&mut app, KeyCode::Esc);
    typed(&mut app, "y");
    assert!(screen(&mut app, 80, 24).contains("5 shown"));
    // Without changes Esc just goes back.
    typed(&mut app, "a");
    key(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("5 shown"));
}

#[test]
fn ctrl_c_quits_but_asks_first_when_a_form_is_unsaved() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "a");
    typed(&mut app, "x");
    ctrl(&mut app, 'c');
    assert!(!app.should_quit());
    assert!(screen(&mut app, 80, 24).contains("Quit kehu?"));
    typed(&mut app, "y");
    assert!(app.should_quit());

    let (_dir, store) = sample_store();
    let mut clean = support::app(store, Lang::En);
    typed(&mut clean, "?"); // from over the help overlay too
    ctrl(&mut clean, 'c');
    assert!(clean.should_quit());
}

#[test]
fn search_filters_per_keystroke_and_esc_clears() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "/");
    for (typed_text, shown) in [("h", "3 shown"), ("q", "1 shown"), ("d", "1 shown")] {
        typed(&mut app, typed_text);
        assert!(
            screen(&mut app, 80, 24).contains(shown),
            "after {typed_text}"
        );
    }
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    assert!(screen(&mut app, 80, 24).contains("3 shown"));
    key(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("5 shown"));
    // Tax ID fragment, phone and contact are searched too.
    for query in ["19220382", "83456789", "李伟", "华强电子"] {
        typed(&mut app, "/");
        typed(&mut app, query);
        key(&mut app, KeyCode::Enter);
        assert!(screen(&mut app, 80, 24).contains("1 shown"), "{query}");
        typed(&mut app, "/");
        key(&mut app, KeyCode::Esc);
    }
}

#[test]
fn esc_after_a_kept_search_clears_it_instead_of_quitting() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "/物流");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("/物流"));
    key(&mut app, KeyCode::Esc);
    assert!(!app.should_quit(), "Esc quit the app with a search kept");
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains("/物流"), "{text}");
    assert!(text.contains("C000001"), "{text}");
    // With nothing kept, Esc leaves as before.
    key(&mut app, KeyCode::Esc);
    assert!(app.should_quit());
}

#[test]
fn ctrl_u_and_ctrl_w_edit_the_search_box() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "/hqdz");
    ctrl(&mut app, 'u');
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains("/u") && !text.contains("hqdzu"), "{text}");
    assert!(text.contains("5 shown"), "{text}");
    typed(&mut app, "深圳 hq");
    ctrl(&mut app, 'w');
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("/深圳 ▏"), "{text}");
}

#[test]
fn archive_hides_and_the_status_filter_shows_archived() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "d");
    assert!(screen(&mut app, 80, 24).contains("Archive this customer?"));
    typed(&mut app, "y");
    let text = screen(&mut app, 80, 24);
    let row = |text: &str, code: &str| text.lines().any(|l| unmarked(l).starts_with(code));
    assert!(!row(&text, "C000001") && row(&text, "C000002"), "{text}");
    typed(&mut app, "j");
    assert!(screen(&mut app, 80, 24).contains("4 shown"));
    assert_eq!(
        app.store()
            .customer("C000001")
            .unwrap()
            .unwrap()
            .data
            .status,
        Status::Archived
    );
    typed(&mut app, "ssss"); // live → active → on hold → archived → all
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("6 shown") && row(&text, "C000001"), "{text}");
}

#[test]
fn editing_the_credit_limit_is_audited_and_shown_in_the_detail() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "j"); // C000002
    key(&mut app, KeyCode::Enter);
    focus(&mut app, "credit_limit");
    ctrl(&mut app, 'u');
    typed(&mut app, "250,000");
    ctrl(&mut app, 's');
    let c = app.store().customer("C000002").unwrap().unwrap();
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(25_000_000)));
    typed(&mut app, "v");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("测试员  Credit limit: 200000.00 → 250000.00"),
        "{text}"
    );
}

#[test]
fn sorting_by_credit_limit_reorders_the_list() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "ooooo"); // code → name → mnemonic → tax ID → class → credit
    typed(&mut app, "O");
    let text = screen(&mut app, 120, 40);
    let first = text.lines().nth(2).unwrap();
    assert!(unmarked(first).starts_with("C000003"), "{text}");
}

#[test]
fn demo_data_loads_from_the_empty_state() {
    let (_dir, store) = empty_store();
    let mut app = app(store, Lang::Zh);
    assert!(screen(&mut app, 80, 24).contains("还没有客户"));
    typed(&mut app, "m");
    let count = app.store().customer_count().unwrap();
    assert!(count >= 150, "{count}");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("示例数据已加载"), "{text}");
    typed(&mut app, "i"); // the import wizard opens on its first step
    assert!(screen(&mut app, 120, 40).contains("导入客户 │ 文件 › 工作表"));
}

#[test]
fn large_lists_show_a_first_page_then_load_in_the_background() {
    let (dir, mut store) = empty_store();
    let mut bulk = store.bulk_insert().unwrap();
    for i in 0..1_200 {
        bulk.insert(&kehu::synth::customer_values(i))
            .unwrap()
            .unwrap();
    }
    bulk.commit().unwrap();
    let mut options = Options::new(Lang::En);
    options.background_above = 100;
    let mut app = App::new(store, options).unwrap();
    let first = screen(&mut app, 120, 40);
    // Only the worker's result is waited for, so the first frame is always
    // the first page; the count comes with the whole list (counting in the
    // store would hold up the first frame).
    assert!(first.contains("│ loading… │"), "{first}");
    assert!(!first.contains("1,200 customers"), "{first}");
    assert!(first.contains("300 shown"), "{first}");
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("1,200 shown"), "{text}");
    assert!(text.contains("1,200 customers │"), "{text}");
    typed(&mut app, "G");
    assert!(screen(&mut app, 120, 40).contains("C001200"));
    drop(dir);
}

#[test]
fn a_large_database_gets_its_name_index_from_a_worker() {
    let (dir, mut store) = empty_store();
    let mut bulk = store.bulk_insert().unwrap();
    for i in 0..1_200 {
        bulk.insert(&kehu::synth::customer_values(i))
            .unwrap()
            .unwrap();
    }
    bulk.commit().unwrap();
    let name = kehu::synth::customer_values(700)["name"].clone();
    let mut options = Options::new(Lang::En);
    options.background_above = 100;
    let mut app = App::new(store, options).unwrap();
    let start = std::time::Instant::now();
    while !app.store().has_similar_index() {
        assert!(
            start.elapsed().as_secs() < 60,
            "the index worker never answered"
        );
        app.poll();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // The form's check now goes through the index: the same name is found.
    let values = [("name".to_string(), name.clone())].into_iter().collect();
    let checked = app.store().check_customer(&values, None).unwrap();
    assert!(checked.similar.iter().any(|c| c.name == name), "{name}");
    drop(dir);
}

#[test]
fn pasted_text_goes_into_the_field_and_never_runs_commands() {
    use kehu::tui::event::Event;
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    // On the list keys are commands: a paste of "dd" archives nothing.
    app.handle_event(Event::Paste("dd".into()));
    assert!(!screen(&mut app, 80, 24).contains("归档此客户"));
    typed(&mut app, "a");
    app.handle_event(Event::Paste("杭州新源\n食品有限公司\r\n".into()));
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("客户名称  杭州新源 食品有限公司"), "{text}");
    assert!(
        !text.contains("录入单据"),
        "the line break was not an Enter: {text}"
    );
}
