//! `kehu import --kind ledger` through the real binary on temp databases and
//! real files: customers found by code, tax ID and name; every kind of row
//! problem reported with its row and column; dry run, re-import (skip or
//! stop), rejects file, JSON summary, exit codes, credit checks, an invoice
//! list without a type column, and an xlsx with dates and numbers in cells.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kehu::domain::Money;
use kehu::store::Store;
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
        .env_remove("KEHU_TEST_PAUSE_IN_COMMIT")
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A database with the five customers of the GBK customer file (C000001–C000005).
fn with_customers() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let out = kehu(&db, &["import", data("gbk_title.csv").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (dir, db)
}

fn ledger_import(db: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        "--kind",
        "ledger",
        file.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    kehu(db, &args)
}

fn balance(db: &Path, code: &str) -> Money {
    let store = Store::open(db).unwrap();
    let id = store.customer(code).unwrap().unwrap().id;
    store.balance(id).unwrap().standing.balance
}

fn yuan(text: &str) -> Money {
    Money::parse(text).unwrap()
}

/// (row, column, field, code) of each problem.
fn problems(v: &Value) -> Vec<(u64, String, String, String)> {
    v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["column"].as_str().unwrap().to_string(),
                p["field"].as_str().unwrap().to_string(),
                p["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_gbk_ledger_file_books_valid_rows_and_names_every_problem() {
    let (dir, db) = with_customers();
    let rejects = dir.path().join("未导入.csv");
    let out = ledger_import(
        &db,
        &data("ledger_gbk.csv"),
        &["--rejects", rejects.to_str().unwrap()],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "rows were rejected: {}",
        stderr(&out)
    );
    let v = json(&out);
    assert_eq!(v["header_row"], 3, "title and blank rows skipped");
    assert_eq!(
        (&v["rows"], &v["inserted"], &v["skipped"], &v["rejected"]),
        (
            &Value::from(13),
            &Value::from(5),
            &Value::from(0),
            &Value::from(8)
        )
    );
    assert_eq!(v["committed"], true);
    let found = problems(&v);
    let expect = [
        (9, "单据号", "doc_no", "import.duplicate_in_file"),
        (10, "客户编码", "customer_code", "customer.not_found"),
        (11, "客户名称", "customer_name", "customer.not_found"),
        (12, "备注", "memo", "memo.reason_required"),
        (13, "金额", "amount", "money.invalid"),
        (14, "税号", "tax_id", "customer.mismatch"),
        (15, "类型", "type", "type.invalid"),
        (16, "日期", "date", "date.no_such_day"),
    ];
    for (row, column, field, code) in expect {
        assert!(
            found
                .iter()
                .any(|p| p.0 == row && p.1 == column && p.2 == field && p.3 == code),
            "row {row} {column} {field} {code} not in {found:#?}"
        );
    }
    // Messages name the fix; the unknown name is quoted back.
    let text = v["problems"].to_string();
    assert!(text.contains("No customer is named 不存在的公司"), "{text}");
    assert!(
        text.contains("Code C000003 is 佛山市致远科技有限责任公司"),
        "{text}"
    );

    // Booked by code, tax ID and name; receipts allocated oldest first.
    assert_eq!(balance(&db, "C000001"), yuan("28000"));
    assert_eq!(balance(&db, "C000002"), yuan("150000"));
    assert_eq!(balance(&db, "C000004"), yuan("-5000"));
    let store = Store::open(&db).unwrap();
    let lines = store
        .ledger(store.customer("C000001").unwrap().unwrap().id)
        .unwrap();
    let invoice = lines
        .iter()
        .find(|l| l.entry.data.doc_no == "FP-0001")
        .unwrap();
    // Due after the customer's 30 payment days.
    assert_eq!(
        invoice
            .entry
            .data
            .due_date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-10-10")
    );
    assert_eq!(invoice.entry.data.memo, "电子元件一批");

    // The rejected rows, as they were, plus the reason.
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(written.lines().count(), 1 + 8);
    assert!(written.lines().next().unwrap().ends_with(",error"));
    assert!(written.contains("C009999"), "{written}");
    assert!(
        written.contains("客户编码: No customer with code C009999"),
        "{written}"
    );
}

#[test]
fn dry_run_writes_nothing_and_a_second_run_skips_what_is_booked_or_stops() {
    let (_dir, db) = with_customers();
    let file = data("ledger_gbk.csv");
    let dry = json(&ledger_import(&db, &file, &["--dry-run"]));
    assert_eq!(
        (&dry["inserted"], &dry["committed"]),
        (&Value::from(5), &Value::Bool(false))
    );
    assert_eq!(balance(&db, "C000001"), Money::ZERO);

    ledger_import(&db, &file, &[]);
    let again = json(&ledger_import(&db, &file, &[]));
    assert_eq!(
        (&again["inserted"], &again["skipped"], &again["rejected"]),
        (&Value::from(0), &Value::from(5), &Value::from(8))
    );
    assert!(
        problems(&again)
            .iter()
            .any(|p| p.0 == 4 && p.2 == "doc_no" && p.3 == "import.duplicate_skipped"),
        "{again}"
    );
    assert_eq!(
        balance(&db, "C000001"),
        yuan("28000"),
        "nothing booked twice"
    );

    let out = ledger_import(&db, &file, &["--on-duplicate", "stop"]);
    assert_eq!(out.status.code(), Some(1));
    let stopped = json(&out);
    assert_eq!(
        (&stopped["stopped_at"], &stopped["committed"]),
        (&Value::from(4), &Value::Bool(false))
    );

    let out = ledger_import(&db, &file, &["--on-duplicate", "update"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("kehu ledger edit"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn all_or_nothing_and_a_credit_check_when_asked() {
    let (_dir, db) = with_customers();
    let file = data("ledger_gbk.csv");
    let v = json(&ledger_import(&db, &file, &["--all-or-nothing"]));
    assert_eq!(v["committed"], false);
    assert_eq!(balance(&db, "C000001"), Money::ZERO);

    // C000001 may owe 50,000: the opening and first invoice fit (48,000), an
    // invoice of 3,000 more does not — refused only with --check-credit.
    let dir = tempfile::tempdir().unwrap();
    let over = dir.path().join("over.csv");
    std::fs::write(
        &over,
        "客户编码,类型,日期,单据号,金额\n\
         C000001,期初,2026-01-01,QC,12000\n\
         C000001,发票,2026-09-10,FP-1,36000\n\
         C000001,发票,2026-09-11,FP-2,3000\n",
    )
    .unwrap();
    let checked = json(&ledger_import(&db, &over, &["--check-credit", "--dry-run"]));
    assert_eq!(
        (&checked["inserted"], &checked["rejected"]),
        (&Value::from(2), &Value::from(1))
    );
    assert!(
        checked["problems"].to_string().contains("credit limit"),
        "{checked}"
    );
    let past = json(&ledger_import(&db, &over, &[]));
    assert_eq!(
        (&past["inserted"], &past["rejected"]),
        (&Value::from(3), &Value::from(0))
    );
    assert_eq!(balance(&db, "C000001"), yuan("51000"));
}

#[test]
fn an_invoice_list_without_a_type_column_needs_entry_type() {
    let (_dir, db) = with_customers();
    let file = data("invoices_no_type.csv");
    let out = ledger_import(&db, &file, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no column holds the entry type"),
        "{}",
        stderr(&out)
    );

    let out = ledger_import(&db, &file, &["--entry-type", "发票"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["inserted"], 2);
    assert_eq!(balance(&db, "C000003"), yuan("11300"));
    assert_eq!(balance(&db, "C000005"), yuan("2260"));
    let store = Store::open(&db).unwrap();
    let lines = store
        .ledger(store.customer("C000003").unwrap().unwrap().id)
        .unwrap();
    assert_eq!(lines[0].entry.data.doc_no, "24442000000000012345");

    let out = ledger_import(&db, &file, &["--entry-type", "bogus"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_xlsx_with_date_cells_and_a_mangled_invoice_number() {
    let (dir, db) = with_customers();
    let book = dir.path().join("应收.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet().set_name("明细").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["客户编码", "类型", "日期", "发票号码", "金额"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let day = |d| rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, d).unwrap();
    sheet.write_string(1, 0, "C000004").unwrap();
    sheet.write_string(1, 1, "invoice").unwrap();
    sheet
        .write_datetime_with_format(1, 2, day(3), &date)
        .unwrap();
    sheet.write_number(1, 3, 12345678.0).unwrap();
    sheet.write_number(1, 4, 8800.5).unwrap();
    sheet.write_string(2, 0, "C000004").unwrap();
    sheet.write_string(2, 1, "invoice").unwrap();
    sheet
        .write_datetime_with_format(2, 2, day(4), &date)
        .unwrap();
    // A 20-digit e-invoice number typed into a General cell.
    sheet.write_number(2, 3, 24442000000000012345.0).unwrap();
    sheet.write_number(2, 4, 100.0).unwrap();
    workbook.save(&book).unwrap();

    let v = json(&ledger_import(&db, &book, &[]));
    assert_eq!(v["sheet"], "明细");
    assert_eq!(
        (&v["inserted"], &v["rejected"]),
        (&Value::from(1), &Value::from(1))
    );
    let found = problems(&v);
    assert_eq!(
        found,
        [(
            3,
            "发票号码".into(),
            "doc_no".into(),
            "import.number_mangled".into()
        )]
    );
    assert!(
        v["problems"]
            .to_string()
            .contains("Format the column as Text")
    );
    let store = Store::open(&db).unwrap();
    let lines = store
        .ledger(store.customer("C000004").unwrap().unwrap().id)
        .unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].entry.data.doc_no, "12345678");
    assert_eq!(lines[0].entry.data.date.to_string(), "2026-11-03");
    assert_eq!(lines[0].entry.data.amount, yuan("8800.50"));
}

#[test]
fn the_table_summary_and_a_saved_ledger_mapping() {
    let (_dir, db) = with_customers();
    let file = data("invoices_no_type.csv");
    let out = kehu(
        &db,
        &[
            "import",
            "--kind",
            "ledger",
            file.to_str().unwrap(),
            "--entry-type",
            "invoice",
            "--map",
            "备注=ignore",
            "--save-mapping",
            "税控导出",
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("购买方名称 → customer_name, 购买方税号 → tax_id, 开票日期 → date"),
        "{text}"
    );
    assert!(text.contains("备注 → (ignored)"), "{text}");
    assert!(text.contains("2 rows: 2 would be inserted"), "{text}");
    assert!(text.contains("dry run: nothing was written"), "{text}");
    let store = Store::open(&db).unwrap();
    let saved = store.mapping("税控导出").unwrap();
    assert_eq!(saved.get("备注").map(String::as_str), Some(""));
    assert_eq!(saved.get("发票号码").map(String::as_str), Some("doc_no"));
}
