//! CSV injection: text cells kehu writes to CSV that start with `=`, `+`,
//! `-`, `@`, tab or CR open in a spreadsheet as text (a leading `'`), money
//! stays numbers, and kehu's own import reads the guarded cells back exactly.

use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader, open_workbook_auto};

fn kehu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KEHU_DB")
        .env("KEHU_OPERATOR", "测试员")
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = kehu(db, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Cells of a CSV file kehu wrote (BOM dropped), read without interpretation.
fn csv_cells(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

const NASTY: [&str; 6] = [
    "=HYPERLINK(\"http://x\",\"点我\")",
    "+86 138 0000 0000",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "'=already quoted",
];

/// Customers whose notes (and one name) start like formulas. Tab and CR are
/// written with SQL: the form's validator may refuse them, old data may hold them.
fn books() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    for (i, notes) in NASTY.iter().enumerate() {
        let name = format!("公式测试{i}有限公司");
        ok(
            &db,
            &[
                "customer",
                "add",
                "--name",
                &name,
                "-f",
                "credit_limit=50000",
            ],
        );
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            "UPDATE customer SET notes = ?1 WHERE name = ?2",
            (notes, &name),
        )
        .unwrap();
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE customer SET name = '=1+2 公司', phone = '+86 755 1234' WHERE name = '公式测试0有限公司'",
        [],
    )
    .unwrap();
    (dir, db)
}

#[test]
fn export_csv_guards_formulas_and_imports_back_exactly() {
    let (dir, db) = books();
    let out = dir.path().join("out.csv");
    ok(&db, &["export", out.to_str().unwrap()]);
    let cells = csv_cells(&out);
    let header = &cells[0];
    let col = |name: &str| header.iter().position(|h| h.contains(name)).unwrap();
    let (notes, name, phone, credit) = (col("备注"), col("名称"), col("电话"), col("信用额度"));
    let row0 = cells.iter().find(|r| r[name].contains("1+2")).unwrap();
    assert_eq!(row0[name], "'=1+2 公司");
    assert_eq!(row0[phone], "'+86 755 1234");
    for row in &cells[1..] {
        let n = &row[notes];
        assert!(
            !n.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "unguarded cell {n:?}"
        );
        // Money stays a number a spreadsheet can add up.
        assert!(row[credit].parse::<f64>().is_ok(), "{:?}", row[credit]);
    }
    assert!(cells.iter().any(|r| r[notes] == "''=already quoted"));

    // kehu's import reverses the guard: the same text comes back.
    let fresh = dir.path().join("fresh.db");
    ok(&fresh, &["import", out.to_str().unwrap()]);
    let list = |db: &Path| -> Vec<(String, String, String)> {
        let v: serde_json::Value =
            serde_json::from_str(&ok(db, &["customer", "list", "--all", "--format", "json"]))
                .unwrap();
        let mut rows: Vec<_> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().unwrap().to_string(),
                    // The importer trims cells, so a leading tab does not survive.
                    c["notes"].as_str().unwrap().trim().to_string(),
                    c["phone"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(list(&fresh), list(&db));
    assert!(list(&fresh).iter().any(|r| r.1 == "'=already quoted"));
}

#[test]
fn xlsx_export_keeps_formula_like_text_as_strings() {
    let (dir, db) = books();
    let out = dir.path().join("out.xlsx");
    ok(&db, &["export", out.to_str().unwrap()]);
    let mut book = open_workbook_auto(&out).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let cells: Vec<&Data> = range.rows().flatten().collect();
    assert!(cells.contains(&&Data::String("=1+2 公司".into())));
    assert!(cells.contains(&&Data::String(NASTY[0].into())));
    let formulas = book.worksheet_formula(&sheet).unwrap();
    assert!(
        formulas.rows().flatten().all(|f| f.is_empty()),
        "a cell was written as a formula"
    );
}

#[test]
fn rejects_and_stdout_csv_are_guarded_too() {
    let (dir, db) = books();
    // A rejected row (bad tax ID) whose cells start like formulas.
    let file = dir.path().join("in.csv");
    std::fs::write(
        &file,
        "客户名称,税号,备注\n=cmd|' /C calc'!A0,123,@SUM(1)\n正常有限公司,,\n",
    )
    .unwrap();
    let rejects = dir.path().join("rejects.csv");
    let out = kehu(
        &db,
        &[
            "import",
            file.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cells = csv_cells(&rejects);
    assert_eq!(cells[1][0], "'=cmd|' /C calc'!A0");
    assert_eq!(cells[1][2], "'@SUM(1)");

    let text = ok(&db, &["customer", "list", "--format", "csv"]);
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert!(rows.iter().any(|r| r[1] == "'=1+2 公司"), "{text}");
    // credit_limit: a number, or empty for "not controlled"; never guarded text.
    assert!(
        rows.iter()
            .all(|r| r[4].is_empty() || r[4].parse::<f64>().is_ok())
    );
}

#[test]
fn report_csv_guards_names_and_keeps_negative_amounts_as_numbers() {
    let (dir, db) = books();
    ok(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "receipt",
            "--date",
            "2025-01-10",
            "--doc",
            "=SK1",
            "--amount",
            "500",
        ],
    );
    let out = dir.path().join("st.csv");
    ok(
        &db,
        &[
            "statement",
            "C000001",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let cells = csv_cells(&out);
    let all: Vec<&String> = cells.iter().flatten().collect();
    assert!(all.iter().any(|c| c.as_str() == "'=SK1"), "{cells:?}");
    assert!(
        all.iter().all(|c| !c.starts_with('=')),
        "unguarded: {cells:?}"
    );
    // The receipt leaves a credit balance: a negative figure, still a number.
    assert!(
        all.iter()
            .any(|c| c.starts_with('-') && c.replace(',', "").parse::<f64>().is_ok()),
        "{cells:?}"
    );
}
