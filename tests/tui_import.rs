//! The import wizard's behaviour through the app's public API on real
//! database files: key events in, the database, the written files and the
//! drawn screen checked.

#[path = "support/import_support.rs"]
mod import_support;
#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use import_support::*;
use kehu::domain::{Lang, Money};
use kehu::store::{ListFilter, Store};
use kehu::tui::{App, Options};
use support::*;

fn all_customers(store: &Store) -> Vec<kehu::domain::customer::Customer> {
    store
        .list_customers(&ListFilter {
            include_archived: true,
            ..ListFilter::default()
        })
        .unwrap()
}

fn named<'a>(
    customers: &'a [kehu::domain::customer::Customer],
    name: &str,
) -> &'a kehu::domain::customer::Customer {
    customers
        .iter()
        .find(|c| c.data.name == name)
        .unwrap_or_else(|| panic!("no customer {name}"))
}

#[test]
fn a_gbk_csv_with_a_title_row_imported_by_keys_lands_in_the_database_and_the_list() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    open_file(&mut app, &data("gbk_title.csv"));
    let text = screen(&mut app, 80, 24);
    // The title row and the blank row are skipped: the header is row 3.
    assert!(text.contains("▶   3 序号"), "{text}");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("5 行 · ✓ 5 正常"), "{text}");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("✓ 导入完成，批次 1"), "{text}");
    assert!(
        text.contains("5 行 · 5 新增 · 0 更新 · 0 跳过 · 0 拒绝"),
        "{text}"
    );

    // Back on the list, which was read again: the new customers are in it.
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("成都市远航医疗器械有限公司"), "{text}");
    assert!(text.contains("10 个客户"), "{text}");
    // The app's connection, handed to the import for its run, is back and
    // in WAL again (the import ran on a rollback journal: no other reader).
    assert_eq!(
        app.store().path(),
        Some(dir.path().join("kehu.db").as_path())
    );
    assert_eq!(app.store().journal_mode().unwrap(), "wal");
    assert_eq!(app.store().operator(), "测试员");
    assert!(!app.store().is_released());
    assert_eq!(app.ctx().import.last_rollback_journal, Some(true));
    drop(app);

    let store = Store::open(&dir.path().join("kehu.db")).unwrap();
    let customers = all_customers(&store);
    assert_eq!(customers.len(), 11);
    let yuanhang = named(&customers, "成都市远航医疗器械有限公司");
    assert_eq!(yuanhang.data.tax_id, "915101006791061186");
    assert_eq!(yuanhang.data.credit_limit, Some(Money::from_fen(5_000_000)));
    assert_eq!(yuanhang.data.payment_days, 30);
    let hongyuan = named(&customers, "广州市宏远企业管理咨询有限责任公司");
    assert_eq!(
        hongyuan.data.credit_limit,
        Some(Money::from_fen(15_000_000))
    );
    // A line break inside a quoted cell stays (as the file has it).
    assert_eq!(hongyuan.data.notes, "老客户\r\n年底对账");
    let batches = store.batches().unwrap();
    assert_eq!(batches.len(), 1);
    assert_eq!(
        (batches[0].inserted, batches[0].operator.as_str()),
        (5, "测试员")
    );
    // A backup was taken before the commit.
    assert!(dir.path().join("backups").read_dir().unwrap().count() >= 1);
}

#[test]
fn cancelling_mid_import_writes_nothing() {
    let (dir, store) = sample_store();
    let mut app = app_pausing(store, Lang::En, 3);
    to_policy(&mut app, &data("gbk_title.csv"));
    key(&mut app, KeyCode::Enter);
    // Three rows are written inside the open transaction, then the worker waits.
    wait_for(&mut app, "3 rows · 3 inserted");
    // Meanwhile the app has handed its connection over: the import is
    // alone with the file and writes with a rollback journal (no WAL), and
    // the app reads no empty stand-in — a read fails until the run ends.
    assert_eq!(
        app.store().path(),
        Some(dir.path().join("kehu.db").as_path())
    );
    assert!(app.store().is_released());
    assert!(app.store().list_customers(&ListFilter::default()).is_err());
    assert!(dir.path().join("kehu.db-journal").exists());
    assert!(!dir.path().join("kehu.db-wal").exists());
    key(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("Cancelling…"));
    app.wait_until_loaded();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Cancelled: nothing was written."), "{text}");
    // The cancelled run gave the connection back, in WAL again.
    assert!(!app.store().is_released());
    assert_eq!(all_customers(app.store()).len(), 6);
    assert_eq!(app.store().journal_mode().unwrap(), "wal");
    drop(app);
    let store = Store::open(&dir.path().join("kehu.db")).unwrap();
    assert_eq!(all_customers(&store).len(), 6);
    assert!(store.batches().unwrap().is_empty());
    let check: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn a_failed_import_gives_the_app_its_connection_back() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    let file = dir.path().join("gone.csv");
    std::fs::copy(data("gbk_title.csv"), &file).unwrap();
    to_policy(&mut app, file.to_str().unwrap());
    // The file goes away between the preview and the import: the run fails.
    std::fs::remove_file(&file).unwrap();
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    assert!(!app.store().is_released());
    assert_eq!(all_customers(app.store()).len(), 6);
    assert_eq!(app.store().journal_mode().unwrap(), "wal");
    assert_eq!(app.ctx().import.last_rollback_journal, None, "no run ended");
}

#[test]
fn rejected_rows_are_saved_as_csv_and_xlsx_ready_to_fix() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    import(&mut app, &data("field_errors.csv"));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("3 inserted · 0 updated · 0 skipped · 22 rejected"),
        "{text}"
    );

    let csv = dir.path().join("fix me.csv");
    typed(&mut app, "r");
    ctrl(&mut app, 'u');
    typed(&mut app, csv.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Rejected rows saved"), "{text}");
    let written = std::fs::read_to_string(&csv).unwrap();
    let mut lines = written.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("\u{feff}客户编码,客户名称"), "{header}");
    assert!(header.ends_with(",error"), "{header}");
    assert_eq!(lines.count(), 22);
    assert!(
        written.contains("客户名称: The full legal name is required"),
        "{written}"
    );

    // The same rows as a workbook, every cell text.
    let xlsx = dir.path().join("fix me.xlsx");
    typed(&mut app, "r");
    ctrl(&mut app, 'u');
    typed(&mut app, xlsx.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    use calamine::{Reader, open_workbook_auto};
    let mut book = open_workbook_auto(&xlsx).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.height(), 23);
    assert_eq!(range.get((0, 0)).unwrap().to_string(), "客户编码");
    let mangled = (0..range.height())
        .map(|r| range.get((r, 4)).map(|c| c.to_string()).unwrap_or_default())
        .find(|tax_id| tax_id.contains("E+17"));
    assert_eq!(
        mangled.as_deref(),
        Some("9.15101E+17"),
        "kept as the text it was"
    );

    // A name that is neither CSV nor XLSX is refused and the prompt stays.
    typed(&mut app, "r");
    ctrl(&mut app, 'u');
    typed(&mut app, "rejects.pdf");
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("must end in .xlsx / .csv"), "{text}");
    assert!(text.contains("Save the rejected rows"), "{text}");
    key(&mut app, KeyCode::Esc);

    // The file written before exists: the app asks before replacing it.
    std::fs::write(&csv, "mine").unwrap();
    typed(&mut app, "r");
    ctrl(&mut app, 'u');
    typed(&mut app, csv.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Replace the file?"), "{text}");
    typed(&mut app, "n");
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "mine");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 120, 40).contains("Replace the file?"));
    typed(&mut app, "y");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Rejected rows saved"), "{text}");
    assert!(std::fs::read_to_string(&csv).unwrap().contains(",error"));

    // Never the database, whatever the answer would be.
    typed(&mut app, "r");
    ctrl(&mut app, 'u');
    typed(&mut app, dir.path().join("kehu.db").to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("is the database kehu has open"), "{text}");
    assert!(!text.contains("Replace the file?"), "{text}");
}

#[test]
fn undo_from_the_history_removes_the_import_and_a_refusal_says_why() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    import(&mut app, &data("gbk_title.csv"));
    key(&mut app, KeyCode::Enter); // back on the list
    import(&mut app, &data("utf8_bom.csv"));
    typed(&mut app, "h");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Import history (2)"), "{text}");

    // The newest batch first: utf8_bom.csv. Someone edits one of its customers.
    let other = Store::open(&dir.path().join("kehu.db")).unwrap();
    let mut other = other;
    other
        .edit_customer("K-002", &values(&[("contact", "周敏")]))
        .unwrap();
    typed(&mut app, "u");
    assert!(screen(&mut app, 80, 24).contains("Undo this import?"));
    typed(&mut app, "y");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Cannot undo: import batch 2 cannot be undone: K-002 was edited"),
        "{text}"
    );
    assert!(
        other.customer("K-001").unwrap().is_some(),
        "nothing was undone"
    );

    // The older batch has no later edits: it goes.
    typed(&mut app, "j");
    typed(&mut app, "u");
    typed(&mut app, "y");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Undone batch 1: 5 deleted · 0 restored"),
        "{text}"
    );
    let customers = all_customers(&other);
    assert!(
        customers
            .iter()
            .all(|c| c.data.name != "成都市远航医疗器械有限公司")
    );
    assert_eq!(customers.len(), 6 + 3);
    let batches = other.batches().unwrap();
    assert!(batches[1].undone_at.is_some() && batches[0].undone_at.is_none());

    // Undoing it again is refused before asking.
    typed(&mut app, "u");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Batch 1: already undone at"), "{text}");
    // Back on the list, without the undone customers.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    assert!(!text.contains("成都市远航医疗器械有限公司"), "{text}");
    assert!(text.contains("上海精工食品股份有限公司"), "{text}");
}

#[test]
fn a_column_sent_elsewhere_by_the_picker_and_a_saved_mapping_reused() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    to_mapping(&mut app, &data("gbk_title.csv"));
    // 备注 (notes, the last column) is ignored: the picker finds "(ignored)".
    typed(&mut app, "G");
    for _ in 0..10 {
        typed(&mut app, "j");
    }
    typed(&mut app, " ");
    assert!(screen(&mut app, 80, 24).contains("备注 → import into"));
    typed(&mut app, "ignored");
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("11 columns · 9 mapped"), "{text}");
    // Saved under a name.
    typed(&mut app, "s");
    ctrl(&mut app, 'u');
    typed(&mut app, "月度客户");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("Mapping saved: 月度客户"));
    assert_eq!(app.store().mapping_names().unwrap(), ["月度客户"]);

    // Back to the sheet step and on again: auto-mapped anew, then loaded.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("11 columns · 10 mapped"));
    typed(&mut app, "o");
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Mapping loaded: 月度客户"), "{text}");
    assert!(text.contains("11 columns · 9 mapped"), "{text}");
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    drop(app);
    let store = Store::open(&dir.path().join("kehu.db")).unwrap();
    let customers = all_customers(&store);
    let hongyuan = named(&customers, "广州市宏远企业管理咨询有限责任公司");
    assert_eq!(hongyuan.data.notes, "", "the notes column was ignored");
}

#[test]
fn moving_the_header_onto_the_title_row_leaves_no_name_column_and_enter_says_so() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    open_file(&mut app, &data("gbk_title.csv"));
    typed(&mut app, "k"); // row 2 is blank: straight to row 1
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("表头行 1 · 11 列"), "{text}");
    assert!(text.contains("▶   1 客户档案"), "{text}");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("没有列对应到客户名称"), "{text}");
    assert!(text.contains("11 列 · 0 列已对应"), "{text}");
}

#[test]
fn files_that_cannot_be_imported_say_why_and_the_wizard_stays() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    open_file(&mut app, &data("photo.csv"));
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Cannot open the file:"), "{text}");
    assert!(text.contains("is not a spreadsheet"), "{text}");
    ctrl(&mut app, 'u');
    typed(&mut app, &data("empty.csv"));
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("is empty: there is nothing to import"),
        "{text}"
    );
    ctrl(&mut app, 'u');
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("Type the path of the file to import."));
    key(&mut app, KeyCode::Esc);
    assert!(
        screen(&mut app, 80, 24).contains("C000001"),
        "back on the list"
    );
}

#[test]
fn a_workbook_offers_its_sheets() {
    let (dir, store) = sample_store();
    let book = dir.path().join("两个工作表.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let notes = workbook.add_worksheet().set_name("说明").unwrap();
    notes.write_string(0, 0, "本文件由销售部导出").unwrap();
    let sheet = workbook.add_worksheet().set_name("客户").unwrap();
    sheet.write_string(0, 0, "客户名称").unwrap();
    sheet.write_string(0, 1, "税号").unwrap();
    sheet.write_string(1, 0, "杭州市宝丰运输有限公司").unwrap();
    sheet.write_string(1, 1, "91330100MA8T8RLQ11").unwrap();
    workbook.save(&book).unwrap();

    let mut app = app(store, Lang::En);
    open_file(&mut app, book.to_str().unwrap());
    // The data sheet opens first, not the notes before it; `s` still goes round.
    assert!(screen(&mut app, 80, 24).contains("Sheet 客户 (2/2)"));
    typed(&mut app, "s");
    assert!(screen(&mut app, 80, 24).contains("Sheet 说明 (1/2)"));
    typed(&mut app, "s");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Sheet 客户 (2/2)"), "{text}");
    assert!(text.contains("▶   1 客户名称"), "{text}");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    assert!(screen(&mut app, 80, 24).contains("1 rows · 1 inserted"));
    let batch = &app.store().batches().unwrap()[0];
    assert_eq!(batch.sheet, "客户");
}

#[test]
fn recent_files_are_remembered_and_brought_back_with_down() {
    let (dir, store) = sample_store();
    let state = dir.path().join("state/recent_imports.txt");
    let mut options = Options::new(Lang::En);
    options.theme = kehu::tui::theme::Theme::plain();
    options.import.recent_file = Some(state.clone());
    let mut app = App::new(store, options).unwrap();
    open_file(&mut app, &data("utf8_bom.csv"));
    key(&mut app, KeyCode::Esc); // back to the file step
    key(&mut app, KeyCode::Esc); // and out
    let absolute = std::path::absolute(data("utf8_bom.csv")).unwrap();
    let saved = std::fs::read_to_string(&state).unwrap();
    assert_eq!(saved.trim(), absolute.display().to_string());

    typed(&mut app, "i");
    assert!(screen(&mut app, 200, 24).contains(&absolute.display().to_string()));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("utf8_bom.csv · text · UTF-8"));
}

#[test]
fn all_or_nothing_with_rejected_rows_writes_nothing() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    to_policy(&mut app, &data("field_errors.csv"));
    typed(&mut app, "a");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("[x] All or nothing"), "{text}");
    assert!(
        text.contains("as it stands, nothing would be imported"),
        "{text}"
    );
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("Nothing was written: rows were rejected"),
        "{text}"
    );
    // The counts agree with what was written: nothing inserted.
    assert!(
        text.contains("25 rows · 0 inserted · 3 valid, not written · 0 updated"),
        "{text}"
    );
    drop(app);
    let store = Store::open(&dir.path().join("kehu.db")).unwrap();
    assert_eq!(all_customers(&store).len(), 6);
}

#[test]
fn update_policy_overwrites_the_stored_customers_from_a_second_file() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    import(&mut app, &data("gbk_title.csv"));
    key(&mut app, KeyCode::Enter);
    let changed = dir.path().join("更新.csv");
    std::fs::write(
        &changed,
        "公司名称,纳税人识别号,信用额度\n成都市远航医疗器械有限公司,915101006791061186,88000\n",
    )
    .unwrap();
    to_preview(&mut app, changed.to_str().unwrap());
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("1 rows · ✓ 0 ok · ! 0 warnings · ✗ 0 rejected · ≡ 1 already stored"),
        "{text}"
    );
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "j"); // update
    assert!(screen(&mut app, 80, 24).contains("(•) Update"));
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    assert!(screen(&mut app, 80, 24).contains("1 rows · 0 inserted · 1 updated"));
    let c = app.store().customer("C000007").unwrap().unwrap();
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(8_800_000)));
}

#[test]
fn a_new_classification_value_is_asked_about_once_and_can_be_mapped() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    to_preview(&mut app, &data("field_errors.csv"));
    assert!(screen(&mut app, 80, 24).contains("1 new values"));
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("行业: “养猪” (1 rows, from row 24) → add it"),
        "{text}"
    );
    // m opens the picker of the dimension's values; typing narrows it.
    typed(&mut app, "m");
    typed(&mut app, "农林");
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("→ read as “农林牧渔”"), "{text}");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("3 inserted"), "{text}");
    drop(app);
    let store = Store::open(&dir.path().join("kehu.db")).unwrap();
    let pig = all_customers(&store)
        .into_iter()
        .find(|c| c.data.name == "行业错误有限公司")
        .expect("the row was imported");
    assert_eq!(
        pig.data.classification.get("industry").map(String::as_str),
        Some("农林牧渔")
    );
    let catalog = store.catalog().unwrap();
    assert!(
        catalog
            .dimension("industry")
            .unwrap()
            .value("养猪")
            .is_none()
    );
}

#[test]
fn a_file_that_cannot_be_imported_says_why_in_the_ui_language() {
    // The wizard showed the error's English text in the Chinese UI.
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    open_file(&mut app, &data("empty.csv"));
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("是空文件：没有可导入的内容"), "{text}");
    assert!(!text.contains("is empty"), "{text}");
}

/// The tax platform's issued-invoice export opened as a list of customers
/// (F2 past the guess): the columns step says what the file is and how it is
/// booked, and the buyers' tax IDs (购方识别号) are recognised if it is
/// imported as customers after all.
#[test]
fn an_invoice_export_in_the_customer_wizard_says_what_it_is() {
    let export = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/invoices/digital_invoice_level.csv");
    for (lang, what, tax_id) in [
        (Lang::Zh, "税务平台", "税号"),
        (Lang::En, "Tax platform", "Tax ID"),
    ] {
        let (_dir, store) = sample_store();
        let mut app = app(store, lang);
        open_file(&mut app, export.to_str().unwrap());
        key(&mut app, KeyCode::F(2));
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Enter);
        let text = screen(&mut app, 120, 40);
        assert!(
            text.contains(what)
                && text.contains("F2")
                && text.contains("kehu import --kind invoices"),
            "the file and its command are named: {text}"
        );
        let row = text
            .lines()
            .find(|l| l.trim_start().starts_with("购方识别号"))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(row.contains(tax_id), "{row}");
    }
}
