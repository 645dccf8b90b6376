//! Row numbers as Excel and a text editor show them: blank lines and title
//! rows counted, a quoted cell holding line breaks still one row, any
//! encoding, and a workbook whose used range does not start at A1.

use std::path::Path;
use std::process::{Command, Output};

use kehu::import::{self, Control, Layout, Mapping, Report, Settings, Source};
use kehu::store::Store;
use serde_json::Value;

fn temp_store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("kehu.db")).unwrap();
    store.set_operator("测试员");
    store
}

fn layout(store: &Store, path: &Path, header_row: Option<u64>) -> (Source, Layout) {
    let source = Source::open(path).unwrap();
    let catalog = store.catalog().unwrap();
    let layout = import::layout(&source, None, header_row, &catalog).unwrap();
    (source, layout)
}

fn plan(store: &mut Store, path: &Path) -> Report {
    let (source, layout) = layout(store, path, None);
    let catalog = store.catalog().unwrap();
    let settings = Settings::new(&layout, Mapping::auto(&layout.headers, &catalog));
    import::plan(store, &source, &settings, Control::default()).unwrap()
}

/// The rows the plan found a problem on, with the problem's column.
fn problem_rows(report: &Report) -> Vec<(u64, String)> {
    report
        .problems
        .iter()
        .map(|p| (p.row, p.column.clone()))
        .collect()
}

fn kehu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "C")
        .env("KEHU_OPERATOR", "测试员")
        .output()
        .unwrap()
}

const BAD_MOBILE: &str = "123";

#[test]
fn a_blank_line_above_the_header_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank_above.csv");
    let text = format!(
        "客户档案\n\n客户名称,手机\n深圳市华强电子有限公司,13812345678\n广州市鑫达贸易有限公司,{BAD_MOBILE}\n"
    );
    std::fs::write(&path, text).unwrap();
    let mut store = temp_store(dir.path());
    let (_, found) = layout(&store, &path, None);
    assert_eq!(found.header_row, 3);
    let numbers: Vec<u64> = found.preview.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 3, 4, 5]);
    assert_eq!(problem_rows(&plan(&mut store, &path)), [(5, "手机".into())]);
    // --header-row as Excel shows it, through the real binary, JSON report.
    let db = dir.path().join("cli.db");
    let out = kehu(
        &db,
        &[
            "import",
            path.to_str().unwrap(),
            "--header-row",
            "3",
            "--dry-run",
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    assert_eq!(v["rows"], 2, "{v}");
    assert_eq!(v["problems"][0]["row"], 5, "{v}");
    assert_eq!(v["problems"][0]["column"], "手机", "{v}");
}

#[test]
fn blank_lines_between_data_rows_keep_later_rows_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gaps.csv");
    let text = format!(
        "客户名称,手机\r\n\r\n深圳市华强电子有限公司,{BAD_MOBILE}\r\n\r\n\r\n广州市鑫达贸易有限公司,{BAD_MOBILE}\r\n\r\n"
    );
    std::fs::write(&path, text).unwrap();
    let mut store = temp_store(dir.path());
    let report = plan(&mut store, &path);
    assert_eq!(report.rows, 2);
    assert_eq!(
        problem_rows(&report),
        [(3, "手机".into()), (6, "手机".into())]
    );
    // The rejects file written for it names the same rows.
    let db = dir.path().join("cli.db");
    let rejects = dir.path().join("rejects.csv");
    let out = kehu(
        &db,
        &[
            "import",
            path.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["problems"][1]["row"], 6, "{v}");
}

#[test]
fn a_quoted_cell_with_line_breaks_is_one_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("multiline.csv");
    let text = format!(
        "客户名称,备注,手机\n深圳市华强电子有限公司,\"第一行\r\n第二行\n第三行\",13812345678\n\n广州市鑫达贸易有限公司,,{BAD_MOBILE}\n"
    );
    std::fs::write(&path, text).unwrap();
    let mut store = temp_store(dir.path());
    let (source, _) = layout(&store, &path, None);
    let rows: Vec<_> = source.rows(None).unwrap().map(Result::unwrap).collect();
    assert_eq!(rows[1].cells[1], "第一行\r\n第二行\n第三行");
    let numbers: Vec<u64> = rows.iter().map(|r| r.number).collect();
    // Excel shows the three-line cell in row 2, the blank line as row 3.
    assert_eq!(numbers, [1, 2, 4]);
    assert_eq!(problem_rows(&plan(&mut store, &path)), [(4, "手机".into())]);
}

/// The same lines in every encoding the reader takes, with CRLF and a lone CR.
#[test]
fn numbers_are_the_same_in_every_encoding() {
    let text = "客户档案 2026年11月\r\n\r\n客户名称\t手机\r\n深圳市华强电子有限公司\t13812345678\r\r广州市鑫达贸易有限公司\t123\r\n";
    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend_from_slice(text.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("utf8.txt", text.as_bytes().to_vec()),
        ("bom.txt", utf8_bom),
        ("utf16.txt", utf16),
        ("gbk.txt", gbk.into_owned()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let source = Source::open(&path).unwrap();
        let rows: Vec<(u64, String)> = source
            .rows(None)
            .unwrap()
            .map(|r| {
                let r = r.unwrap();
                (r.number, r.cells[0].clone())
            })
            .collect();
        assert_eq!(
            rows,
            [
                (1, "客户档案 2026年11月".to_string()),
                (3, "客户名称".to_string()),
                (4, "深圳市华强电子有限公司".to_string()),
                (6, "广州市鑫达贸易有限公司".to_string()),
            ],
            "{name}"
        );
    }
}

#[test]
fn a_workbook_whose_used_range_starts_at_b3() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offset.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("客户").unwrap();
    // Nothing in rows 1–2 or column A: calamine's range starts at B3.
    for (r, cells) in [
        ["客户名称", "手机"],
        ["深圳市华强电子有限公司", "13812345678"],
        ["", ""],
        ["广州市鑫达贸易有限公司", BAD_MOBILE],
    ]
    .iter()
    .enumerate()
    {
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string(2 + r as u32, 1 + c as u16, *text)
                    .unwrap();
            }
        }
    }
    book.save(&path).unwrap();
    let mut store = temp_store(dir.path());
    let (_, found) = layout(&store, &path, None);
    assert_eq!(found.header_row, 3);
    // Column A is there, empty: letters and positions are Excel's.
    assert_eq!(found.headers, ["A", "客户名称", "手机"]);
    assert_eq!(problem_rows(&plan(&mut store, &path)), [(6, "手机".into())]);
    let (_, given) = layout(&store, &path, Some(3));
    assert_eq!(given.header_row, 3);
}

/// A workbook whose first sheet is notes (as our own template and many
/// exports are): the data sheet is read, unless `--sheet` names another.
#[test]
fn a_workbook_opens_on_its_data_sheet_not_its_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes_first.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet().set_name("说明").unwrap();
    // More rows than the data, and two columns, one naming a field per row.
    for r in 0..40u32 {
        notes.write_string(r, 0, "客户名称").unwrap();
        notes.write_string(r, 1, "填写营业执照上的全称").unwrap();
    }
    let blank = book.add_worksheet().set_name("封面").unwrap();
    blank.write_string(0, 0, "客户档案").unwrap();
    let data = book.add_worksheet().set_name("客户").unwrap();
    for (r, cells) in [
        ["客户名称", "统一社会信用代码", "手机"],
        [
            "深圳市华强电子有限公司",
            "914403001922038216",
            "13812345678",
        ],
    ]
    .iter()
    .enumerate()
    {
        for (c, text) in cells.iter().enumerate() {
            data.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    book.save(&path).unwrap();
    let store = temp_store(dir.path());
    let (source, found) = layout(&store, &path, None);
    assert_eq!(found.sheet.as_deref(), Some("客户"));
    assert_eq!(found.headers, ["客户名称", "统一社会信用代码", "手机"]);
    assert_eq!(source.sheet_name(None).unwrap().as_deref(), Some("客户"));
    // Named, the notes sheet is what is read.
    let catalog = store.catalog().unwrap();
    let named = import::layout(&source, Some("说明"), None, &catalog).unwrap();
    assert_eq!(named.sheet.as_deref(), Some("说明"));
    // Through the binary: the customer is imported from the data sheet.
    let db = dir.path().join("cli.db");
    let out = kehu(&db, &["import", path.to_str().unwrap(), "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    assert_eq!(
        (v["inserted"].as_u64(), v["sheet"].as_str()),
        (Some(1), Some("客户")),
        "{v}"
    );
}
