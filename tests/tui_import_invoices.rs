//! The import wizard with invoices from the tax platform (and ledger files):
//! the kind guessed from the file and changed with F2, the corpus files of
//! `tests/corpus/invoices` booked on a worker through the app's public API
//! on real database files, the database checked afterwards.

#[path = "support/import_support.rs"]
mod import_support;
#[path = "support/tui_support.rs"]
mod support;

use std::path::Path;

use crossterm::event::KeyCode;
use import_support::*;
use kehu::domain::Lang;
use kehu::store::Store;
use kehu::tui::App;
use support::*;

const OURS: (&str, &str) = ("广州市示例科技有限公司", "91440106000001193A");

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/invoices")
        .join(name)
        .display()
        .to_string()
}

/// An empty book with our company set (the seller of the corpus invoices).
fn books() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = empty_store();
    store
        .set_company(&values(&[("name", OURS.0), ("tax_id", OURS.1)]))
        .unwrap();
    (dir, store)
}

/// (ledger entries, customers, import batches) in the database file.
fn counts(dir: &tempfile::TempDir) -> (i64, i64, i64) {
    let conn = rusqlite::Connection::open(dir.path().join("kehu.db")).unwrap();
    let count = |table: &str| -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    (
        count("ledger_entry"),
        count("customer"),
        count("import_batch"),
    )
}

fn doc_numbers(dir: &tempfile::TempDir) -> Vec<String> {
    let conn = rusqlite::Connection::open(dir.path().join("kehu.db")).unwrap();
    let mut stmt = conn
        .prepare("SELECT doc_no FROM ledger_entry ORDER BY doc_no")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Opens `file` in the wizard: the first Enter guesses invoices and says so.
fn guessed(app: &mut App, file: &str) -> String {
    open_file(app, file);
    screen(app, 100, 30)
}

fn import_invoices(app: &mut App, file: &str) -> String {
    let text = guessed(app, file);
    assert!(
        text.contains("invoices from the tax platform") || text.contains("税务平台发票"),
        "{text}"
    );
    key(app, KeyCode::Enter);
    app.wait_until_loaded();
    screen(app, 120, 40)
}

#[test]
fn an_invoice_export_is_recognised_booked_and_reported_like_the_cli() {
    let (dir, store) = books();
    let mut app = app(store, Lang::Zh);
    let text = guessed(&mut app, &corpus("digital_invoice_level.csv"));
    assert!(text.contains("内容：税务平台发票"), "{text}");
    assert!(text.contains("已根据文件识别"), "{text}");
    // Nothing written on the guess.
    assert_eq!(counts(&dir), (0, 0, 0));
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("✓ 导入完成，批次 1"), "{text}");
    // The buyers were all new here: created, as the CLI reports them.
    assert!(text.contains("深圳市华强电子有限公司"), "{text}");
    assert!(
        text.contains("佛山市美嘉家居用品有限公司") || text.contains("美嘉"),
        "{text}"
    );
    // The other seller's invoice is listed and skipped, the voided one skipped.
    let (entries, customers, batches) = counts(&dir);
    // 1, 2, 3 booked and 5 a credit note against 1; 4 voided, 6 not ours.
    assert_eq!((entries, batches), (4, 1), "{text}");
    assert_eq!(customers, 3, "{text}");
    let docs = doc_numbers(&dir);
    assert!(
        docs.contains(&"24442000000000000001".to_string()),
        "{docs:?}"
    );
    assert!(
        !docs.contains(&"24442000000000000004".to_string()),
        "{docs:?}"
    );
    assert!(
        !docs.contains(&"24442000000000000006".to_string()),
        "{docs:?}"
    );

    // Back on the list: the created customers are in it.
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("深圳市华强电子有限公司"), "{text}");

    // The same file again adds nothing and says so; no second batch.
    let text = import_invoices(&mut app, &corpus("digital_invoice_level.csv"));
    assert!(text.contains("没有新入账的发票"), "{text}");
    assert_eq!(counts(&dir), (4, 3, 1));

    // The import history undoes the batch: entries and created customers go.
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "I");
    typed(&mut app, "u");
    typed(&mut app, "y");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("已撤销批次 1"), "{text}");
    let (entries, customers, _) = counts(&dir);
    assert_eq!((entries, customers), (0, 0), "{text}");
}

#[test]
fn an_xml_invoice_and_a_gbk_line_level_export_are_booked_in_english_too() {
    let (dir, store) = books();
    let mut app = app(store, Lang::En);
    let text = import_invoices(&mut app, &corpus("einvoice_24442000000000000021.xml"));
    assert!(text.contains("✓ Imported as batch 1"), "{text}");
    assert_eq!(counts(&dir), (1, 1, 1));
    key(&mut app, KeyCode::Enter);
    let text = import_invoices(&mut app, &corpus("digital_line_level_gbk.csv"));
    assert!(text.contains("✓ Imported as batch 2"), "{text}");
    let docs = doc_numbers(&dir);
    assert!(
        docs.contains(&"24442000000000000011".to_string()),
        "{docs:?}"
    );
    assert!(
        docs.contains(&"24442000000000000021".to_string()),
        "{docs:?}"
    );
}

#[test]
fn cancelling_the_invoice_run_writes_nothing() {
    let (dir, store) = books();
    let mut app = app_pausing(store, Lang::En, 2);
    guessed(&mut app, &corpus("digital_invoice_level.csv"));
    key(&mut app, KeyCode::Enter);
    // Two invoices are booked inside the open transaction, then it waits.
    wait_for(&mut app, "2 / 6 invoices");
    key(&mut app, KeyCode::Esc);
    app.wait_until_loaded();
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Cancelled: nothing was written."), "{text}");
    assert_eq!(counts(&dir), (0, 0, 0));
}

#[test]
fn without_our_company_the_wizard_names_its_screen_and_the_command() {
    let (dir, store) = empty_store();
    let mut app = app(store, Lang::En);
    guessed(&mut app, &corpus("einvoice_24442000000000000021.xml"));
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Press C on the customer"), "{text}");
    assert!(text.contains("kehu settings company"), "{text}");
    assert_eq!(counts(&dir), (0, 0, 0));
}

#[test]
fn f2_changes_what_the_file_holds_and_a_customer_file_is_not_guessed_otherwise() {
    let (_dir, store) = books();
    let mut app = app(store, Lang::En);
    typed(&mut app, "i");
    assert!(screen(&mut app, 100, 30).contains("Holds: customers"));
    key(&mut app, KeyCode::F(2));
    assert!(screen(&mut app, 100, 30).contains("Holds: ledger entries"));
    key(&mut app, KeyCode::F(2));
    assert!(screen(&mut app, 100, 30).contains("Holds: invoices from the tax platform"));
    key(&mut app, KeyCode::F(2));
    key(&mut app, KeyCode::Esc);
    // A customer file goes to the sheet step at once, as before.
    open_file(&mut app, &data("gbk_title.csv"));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("3 序号"), "{text}");
}

#[test]
fn a_ledger_file_is_recognised_and_booked_through_the_ledger_core() {
    let (dir, store) = empty_store();
    let mut app = app(store, Lang::Zh);
    // The customers the ledger file names, imported by the wizard first.
    import(&mut app, &data("gbk_title.csv"));
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let (_, customers, _) = counts(&dir);
    open_file(&mut app, &data("ledger_gbk.csv"));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("内容：账目"), "{text}");
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("✓ 已导入账目"), "{text}");
    assert!(text.contains("13 行 · 5 新增"), "{text}");
    // Every rejected row is named with its column (as the CLI reports them).
    assert!(text.contains("行 10 客户编码"), "{text}");
    assert!(text.contains("行 16 日期"), "{text}");
    let (entries, after, batches) = counts(&dir);
    // Ledger runs are no import batch (as `kehu import --kind ledger`).
    assert_eq!((entries, after, batches), (5, customers, 1));
}

#[test]
fn cancelling_a_ledger_run_writes_nothing() {
    let (dir, store) = sample_store();
    let before = counts(&dir);
    let mut app = app_pausing(store, Lang::En, 3);
    open_file(&mut app, &data("ledger_gbk.csv"));
    key(&mut app, KeyCode::Enter);
    wait_for(&mut app, "3 rows");
    key(&mut app, KeyCode::Esc);
    app.wait_until_loaded();
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Cancelled: nothing was written."), "{text}");
    assert_eq!(counts(&dir), before);
}
