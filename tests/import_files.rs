//! Importing the files as they really arrive (tests/data/import, plus xlsx
//! written here with rust_xlsxwriter) into real SQLite files in temp folders.

use std::path::{Path, PathBuf};

use kehu::domain::Money;
use kehu::domain::customer::{Customer, InvoiceType};
use kehu::import::{
    self, Control, FileKind, ImportError, Layout, Mapping, Report, Settings, Source,
};
use kehu::store::{ListFilter, Store};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("kehu.db")).unwrap();
    store.set_operator("测试员");
    (dir, store)
}

fn prepare(store: &Store, path: &Path, sheet: Option<&str>) -> (Source, Layout, Settings) {
    let source = Source::open(path).unwrap();
    let catalog = store.catalog().unwrap();
    let layout = import::layout(&source, sheet, None, &catalog).unwrap();
    let mapping = Mapping::auto(&layout.headers, &catalog);
    let settings = Settings::new(&layout, mapping);
    (source, layout, settings)
}

fn commit_file(store: &mut Store, path: &Path, sheet: Option<&str>) -> Report {
    let (source, _, settings) = prepare(store, path, sheet);
    import::commit(store, &source, &settings, Control::default()).unwrap()
}

fn all(store: &Store) -> Vec<Customer> {
    store
        .list_customers(&ListFilter {
            include_archived: true,
            ..ListFilter::default()
        })
        .unwrap()
}

fn by_name(store: &Store, name: &str) -> Customer {
    all(store)
        .into_iter()
        .find(|c| c.data.name == name)
        .unwrap_or_else(|| panic!("{name} not imported"))
}

#[test]
fn gbk_csv_with_a_title_row() {
    let (_dir, mut store) = temp_store();
    let (source, layout, _) = prepare(&store, &data("gbk_title.csv"), None);
    match source.kind() {
        FileKind::Text {
            encoding,
            delimiter,
        } => {
            assert_eq!(encoding.name(), "gb18030");
            assert_eq!(*delimiter, b',');
        }
        other => panic!("read as {other:?}"),
    }
    assert_eq!(layout.header_row, 3);
    assert_eq!(layout.preview[0].cells[0], "客户档案 2026年11月");
    let report = commit_file(&mut store, &data("gbk_title.csv"), None);
    assert_eq!(
        (report.rows, report.inserted, report.rejected),
        (5, 5, 0),
        "{:#?}",
        report.problems
    );
    assert!(report.committed);
    let c = by_name(&store, "广州市宏远企业管理咨询有限责任公司");
    assert_eq!(c.data.tax_id, "91440100274935575P");
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(15_000_000))); // 15万
    assert_eq!(c.data.payment_days, 45); // "45天"
    assert_eq!(c.data.bank_account, "48755261941670742");
    assert_eq!(c.data.classification["industry"], "服务业");
    assert_eq!(c.data.notes, "老客户\r\n年底对账"); // a quoted newline stays in its cell
    let c = by_name(&store, "成都市远航医疗器械有限公司");
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(5_000_000))); // "50,000.00"
    assert_eq!(
        by_name(&store, "北京海纳信息技术有限公司").data.notes,
        "地址：北京市海淀区中关村大街1号, 8层"
    );
}

#[test]
fn utf8_bom_csv_with_english_headers() {
    let (_dir, mut store) = temp_store();
    let report = commit_file(&mut store, &data("utf8_bom.csv"), None);
    assert_eq!((report.inserted, report.rejected), (3, 0));
    let c = store.customer("K-001").unwrap().unwrap();
    assert_eq!(c.data.name, "上海精工食品股份有限公司");
    assert_eq!(c.data.invoice_type, Some(InvoiceType::Special));
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(20_000_000)));
    assert_eq!(c.data.classification["region"], "华东");
}

#[test]
fn semicolon_csv_keeps_commas_in_cells() {
    let (_dir, mut store) = temp_store();
    let (source, _, _) = prepare(&store, &data("semicolon.csv"), None);
    assert!(matches!(
        source.kind(),
        FileKind::Text {
            delimiter: b';',
            ..
        }
    ));
    let report = commit_file(&mut store, &data("semicolon.csv"), None);
    assert_eq!(report.inserted, 2);
    assert_eq!(
        by_name(&store, "青岛市启明五金有限公司")
            .data
            .registered_address,
        "山东省青岛市市南区香港中路10号, 3楼"
    );
}

#[test]
fn utf16_tab_separated_unicode_text() {
    let (_dir, mut store) = temp_store();
    let (source, _, _) = prepare(&store, &data("utf16.txt"), None);
    assert_eq!(source.describe(), "text, UTF-16LE, delimiter tab");
    let report = commit_file(&mut store, &data("utf16.txt"), None);
    assert_eq!(report.inserted, 3);
    let c = by_name(&store, "宁波市万嘉运输有限公司");
    assert_eq!(c.data.phone, "0574-87001234");
    assert_eq!(c.data.classification["channel"], "经销商");
}

#[test]
fn xls_with_title_numbers_and_dates() {
    let (_dir, mut store) = temp_store();
    let (source, layout, _) = prepare(&store, &data("customers.xls"), None);
    assert_eq!(source.sheets(), ["客户档案"]);
    assert_eq!(layout.header_row, 3);
    // Dates read as dates, whole numbers without ".0".
    let first = &layout.preview[3];
    assert_eq!(first.cells[2], "50000");
    assert_eq!(first.cells[4], "2024-03-15");
    let report = commit_file(&mut store, &data("customers.xls"), None);
    assert_eq!((report.inserted, report.rejected), (3, 0));
    let c = by_name(&store, "上海佳联物流有限公司");
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(1_234_550)));
    assert_eq!(c.data.payment_days, 15);
}

#[test]
fn ods_workbook() {
    let (_dir, mut store) = temp_store();
    let report = commit_file(&mut store, &data("customers.ods"), None);
    assert_eq!((report.inserted, report.rejected), (2, 0));
    let c = by_name(&store, "成都金泰建材贸易商行");
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(250_075)));
    assert_eq!(c.data.classification["channel"], "转介绍");
}

/// A workbook as a salesperson sends it: a notes sheet first, then the data
/// sheet where some tax IDs and bank accounts were typed into number cells.
fn write_two_sheet_xlsx(path: &Path) {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "本表由销售部整理").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("客户").unwrap();
    for (c, h) in ["客户名称", "统一社会信用代码", "银行账号", "信用额度"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet
        .write_string(1, 0, "厦门市云帆企业管理咨询有限责任公司")
        .unwrap();
    sheet.write_string(1, 1, "91350200MA3931FF8F").unwrap();
    sheet.write_string(1, 2, "97486065003271").unwrap();
    sheet.write_number(1, 3, 50000).unwrap();
    sheet
        .write_string(2, 0, "上海市恒通物流股份有限公司")
        .unwrap();
    sheet.write_number(2, 1, 913101174880860540.0).unwrap();
    sheet
        .write_string(3, 0, "成都市远航医疗器械有限公司")
        .unwrap();
    sheet.write_string(3, 1, "915101006791061186").unwrap();
    sheet.write_number(3, 2, 86633497063926.0).unwrap();
    book.save(path).unwrap();
}

#[test]
fn xlsx_with_two_sheets_and_numeric_tax_ids() {
    let (dir, mut store) = temp_store();
    let path = dir.path().join("销售部客户.xlsx");
    write_two_sheet_xlsx(&path);
    let source = Source::open(&path).unwrap();
    assert_eq!(source.sheets(), ["说明", "客户"]);
    let report = commit_file(&mut store, &path, Some("客户"));
    assert_eq!(report.sheet.as_deref(), Some("客户"));
    assert_eq!((report.inserted, report.rejected), (1, 2));
    let mangled: Vec<(u64, &str, &str)> = report
        .problems
        .iter()
        .filter(|p| p.code == "import.number_mangled")
        .map(|p| (p.row, p.field.as_str(), p.column.as_str()))
        .collect();
    assert_eq!(
        mangled,
        [
            (3, "tax_id", "统一社会信用代码"),
            (4, "bank_account", "银行账号")
        ]
    );
    let sci = &report.problems.iter().find(|p| p.row == 3).unwrap().message;
    assert!(sci.en.contains("“9.13101E+17”"), "{}", sci.en);
    assert!(sci.zh.contains("文本"));
    // A sheet that is not there is a clear error naming the sheets.
    let err = import::layout(&source, Some("Sheet9"), None, &store.catalog().unwrap()).unwrap_err();
    assert!(err.to_string().contains("说明, 客户"), "{err}");
}

#[test]
fn every_kind_of_field_error_is_reported_with_row_and_column() {
    let (_dir, mut store) = temp_store();
    let report = commit_file(&mut store, &data("field_errors.csv"), None);
    let errors: Vec<(u64, &str, &str)> = report
        .problems
        .iter()
        .filter(|p| p.severity == kehu::domain::Severity::Error)
        .map(|p| (p.row, p.column.as_str(), p.code))
        .collect();
    let expected = [
        (3, "客户名称", "name.required"),
        (4, "客户名称", "name.too_long"),
        (5, "客户编码", "code.format"),
        (6, "税号", "tax_id.check_char"),
        (7, "税号", "tax_id.length"),
        (8, "税号", "import.number_mangled"),
        (9, "银行账号", "import.number_mangled"),
        (10, "银行账号", "bank_account.format"),
        (11, "手机", "mobile.format"),
        (12, "电话", "phone.format"),
        (13, "邮箱", "email.format"),
        (14, "客户类型", "choice.invalid"),
        (15, "状态", "choice.invalid"),
        (16, "发票类型", "choice.invalid"),
        (17, "税率", "choice.invalid"),
        (18, "结算方式", "choice.invalid"),
        (19, "账期", "payment_days.range"),
        (20, "信用额度", "credit_limit.negative"),
        (21, "信用额度", "money.invalid"),
        (22, "信用额度", "money.decimals"),
        (23, "信用额度", "credit_limit.ceiling"),
        (24, "行业", "classification.value"),
        (25, "税号", "tax_id.required_for_special"),
    ];
    assert_eq!(errors, expected);
    assert_eq!((report.inserted, report.rejected, report.rows), (2, 23, 25));
    let ragged = report.problems.iter().find(|p| p.row == 26).unwrap();
    assert_eq!(ragged.code, "import.extra_cells");
    assert_eq!(all(&store).len(), 2);
}

#[test]
fn in_file_duplicates_by_tax_id_name_and_code() {
    let (_dir, mut store) = temp_store();
    let report = commit_file(&mut store, &data("duplicates.csv"), None);
    let dups: Vec<(u64, &str)> = report
        .problems
        .iter()
        .map(|p| (p.row, p.field.as_str()))
        .collect();
    assert_eq!(dups, [(4, "tax_id"), (5, "name"), (7, "code")]);
    assert!(report.problems[0].message.en.contains("row 2 of this file"));
    assert!(report.problems[2].message.zh.contains("第 6 行"));
    assert_eq!((report.inserted, report.rejected), (4, 3));
}

#[test]
fn a_ui_can_run_the_steps_on_a_worker_thread() {
    fn sendable<T: Send>() {}
    sendable::<Source>();
    sendable::<kehu::import::Rows>();
    sendable::<Settings>();
    sendable::<Report>();
    // The workbook is opened once and its sheet read once for every step.
    let source = Source::open(&data("customers.xls")).unwrap();
    let first: Vec<_> = source.preview(None, 5).unwrap();
    let again: Vec<_> = source.preview(Some("客户档案"), 5).unwrap();
    assert_eq!(first, again);
    let moved = std::thread::spawn(move || source.preview(None, 1).unwrap().len())
        .join()
        .unwrap();
    assert_eq!(moved, 1);
}

#[test]
fn empty_and_non_spreadsheet_files_are_clear_errors() {
    for (name, words) in [
        ("empty.csv", "is empty"),
        ("photo.csv", "not a spreadsheet"),
        ("archive.xlsx", "not an Excel or OpenDocument workbook"),
    ] {
        let err = Source::open(&data(name)).unwrap_err();
        assert!(err.is_unreadable(), "{name}: {err}");
        assert!(err.to_string().contains(words), "{name}: {err}");
    }
    // A workbook whose sheet holds nothing.
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("blank.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet();
    book.save(&blank).unwrap();
    let source = Source::open(&blank).unwrap();
    let err = import::layout(&source, None, None, &Default::default()).unwrap_err();
    assert!(
        err.is_unreadable() && err.to_string().contains("is empty"),
        "{err}"
    );
    let err = Source::open(&data("no such file.csv")).unwrap_err();
    assert!(matches!(err, ImportError::Io { .. }));
}
