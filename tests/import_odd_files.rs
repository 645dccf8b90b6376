//! Odd files are read exactly or refused with the place: an unbalanced
//! quote, duplicate headers, formulas saved without a value, a password,
//! a stray control or invalid byte, a cell over its field's limit. And the
//! one validator refuses control characters from the CLI as from a file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kehu::import::{self, ImportError, Source};
use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
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

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    })
}

/// Reads `path` through to its last row the way an import does.
fn read_all(path: &Path) -> Result<Vec<import::Row>, ImportError> {
    Source::open(path)?.rows(None)?.collect()
}

fn customer_names(db: &Path) -> Vec<String> {
    let out = kehu(db, &["customer", "list", "--all", "--format", "json"]);
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_unbalanced_quote_is_refused_where_it_opened_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quote.csv");
    // Row 3's name opens a quote that closes inside row 5: rows 3–5 would
    // become one customer named "深圳市华强电子有限公司,13812345678\n…".
    std::fs::write(
        &path,
        "客户名称,手机\n佛山市致远科技有限责任公司,13712345678\n\"深圳市华强电子有限公司,13812345678\n广州市鑫达贸易有限公司,13912345678\n重庆启明建材有限公司,\"13612345678\"\n",
    )
    .unwrap();
    match read_all(&path) {
        Err(ImportError::Refused(r)) => {
            assert_eq!(r.code, "import.unbalanced_quote");
            assert_eq!((r.row, r.column.as_deref()), (Some(3), Some("A")));
            let e = ImportError::Refused(r);
            assert!(
                e.message()
                    .text(kehu::domain::Lang::Zh)
                    .contains("第 3 行 A 列"),
                "{e}"
            );
        }
        other => panic!("read as {other:?}"),
    }
    let db = dir.path().join("k.db");
    let out = kehu(&db, &["import", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("row 3, column A"), "{}", stderr(&out));
    assert!(customer_names(&db).is_empty(), "nothing written");

    // A quote never closed before the end of the file, in row 4 column B.
    std::fs::write(
        &path,
        "客户名称,备注\n深圳市华强电子有限公司,好\n\n广州市鑫达贸易有限公司,\"未闭合\n重庆启明建材有限公司,\n",
    )
    .unwrap();
    let e = read_all(&path).unwrap_err();
    assert!(e.to_string().contains("row 4, column B"), "{e}");
    // A real multi-line cell is read as it is.
    std::fs::write(
        &path,
        "客户名称,备注\n深圳市华强电子有限公司,\"第一行\n\"\"第二行\"\"\"\n",
    )
    .unwrap();
    let rows = read_all(&path).unwrap();
    assert_eq!(rows[1].cells[1], "第一行\n\"第二行\"");
}

#[test]
fn duplicate_header_names_are_refused_naming_both_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.csv");
    std::fs::write(
        &path,
        "客户档案\n客户名称,手机,备注,手机\n深圳市华强电子有限公司,13812345678,,13912345678\n",
    )
    .unwrap();
    let db = dir.path().join("k.db");
    let out = kehu(&db, &["import", path.to_str().unwrap(), "--dry-run"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("columns B and D"), "{err}");
    assert!(err.contains("row 2"), "{err}");
    assert!(err.contains("“手机”"), "{err}");
}

#[test]
fn formulas_saved_without_a_value_are_refused_naming_the_cell() {
    // Written as scripts write xlsx: <f> and no <v> (make_files.py).
    let e = read_all(&data("formula_no_value.xlsx")).unwrap_err();
    assert_eq!(e.code(), "import.formula_without_value");
    let text = e.to_string();
    assert!(text.contains("cell B3"), "{text}");
    assert!(text.contains("=B2*2"), "{text}");
    assert!(text.contains("1 more"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let out = kehu(
        &dir.path().join("k.db"),
        &["import", data("formula_no_value.xlsx").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cell B3"), "{}", stderr(&out));
}

#[test]
fn a_password_protected_workbook_is_called_that() {
    let e = Source::open(&data("password.xlsx")).unwrap_err();
    assert_eq!(e.code(), "import.password_protected");
    let text = e.to_string();
    assert!(text.contains("password-protected"), "{text}");
    assert!(!text.contains("Word"), "{text}");
}

/// A NUL, an escape sequence and an invalid byte, each in one cell: those
/// rows are rejected naming row and column; the file is not "binary".
#[test]
fn a_stray_control_or_invalid_byte_is_named_by_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.csv");
    let mut bytes = Vec::new();
    bytes.extend_from_slice("客户名称,联系人,备注\n".as_bytes());
    bytes.extend_from_slice("深圳市华强电子有限公司,张三,正常\n".as_bytes());
    bytes.extend_from_slice("广州市鑫达贸易有限公司,李\0四,\n".as_bytes());
    bytes.extend_from_slice("\n佛山市致远科技有限责任公司,王五,\x1b]0;pwned\x07\n".as_bytes());
    bytes.extend_from_slice("重庆启明建材有限公司,赵".as_bytes());
    bytes.push(0xFF);
    bytes.extend_from_slice("六,\n".as_bytes());
    std::fs::write(&path, bytes).unwrap();
    let db = dir.path().join("k.db");
    let out = kehu(&db, &["import", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    let problems: Vec<(u64, &str, &str)> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["column"].as_str().unwrap(),
                p["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (3, "联系人", "text.control"),
            (5, "备注", "text.control"),
            (6, "联系人", "text.invalid_byte"),
        ],
        "{v}"
    );
    assert_eq!(customer_names(&db), ["深圳市华强电子有限公司"]);
}

#[test]
fn a_cell_over_its_fields_limit_is_refused_naming_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.csv");
    let notes = "备".repeat(5 * 1024 * 1024 / 3);
    std::fs::write(
        &path,
        format!("客户名称,备注\n深圳市华强电子有限公司,{notes}\n广州市鑫达贸易有限公司,短\n"),
    )
    .unwrap();
    let db = dir.path().join("k.db");
    let out = kehu(&db, &["import", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    let p = &v["problems"][0];
    assert_eq!(
        (p["row"].as_u64(), p["column"].as_str()),
        (Some(2), Some("备注")),
        "{p}"
    );
    assert_eq!(p["code"], "text.too_long");
    assert!(p.to_string().contains("at most 5000"), "{p}");
    assert_eq!(customer_names(&db), ["广州市鑫达贸易有限公司"]);
}

#[test]
fn customer_add_and_edit_refuse_control_characters_as_an_import_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kehu(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "深圳市华强\u{1b}]0;pwned\u{7}电子有限公司",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("control character (U+001B)"),
        "{}",
        stderr(&out)
    );
    assert!(customer_names(&db).is_empty());
    let out = kehu(
        &db,
        &["customer", "add", "--name", "深圳市华强电子有限公司"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for (field, value) in [("notes", "第一行\n\u{1b}[2J"), ("contact", "张\u{9b}三")] {
        let out = kehu(
            &db,
            &[
                "customer",
                "edit",
                "C000001",
                "-f",
                &format!("{field}={value}"),
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{field}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("error: {field}:")),
            "{}",
            stderr(&out)
        );
    }
    // A note may keep its line breaks and tabs.
    let out = kehu(
        &db,
        &[
            "customer",
            "edit",
            "C000001",
            "-f",
            "notes=第一行\n第二行\t完",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
