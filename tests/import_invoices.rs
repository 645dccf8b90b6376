//! `kehu import --kind invoices`: the tax platform's exports and 数电票 XML
//! files (tests/corpus/invoices, made by its generate.py; the xlsx ones are
//! written here with rust_xlsxwriter) through the real binary into real
//! SQLite files: entries, customers found and created, credit notes set
//! against their originals, voided invoices, re-imports and undo.

#[path = "support/cli.rs"]
mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::*;

const OURS: (&str, &str) = ("广州市示例科技有限公司", "91440106000001193A");
const HUAQIANG_TAX_ID: &str = "914403000000022H8J";
const MEIJIA_TAX_ID: &str = "914406060000022J4D";

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/invoices")
        .join(name)
        .display()
        .to_string()
}

fn number(n: u32) -> String {
    format!("244420000000000000{n:02}")
}

/// Our company set; 华强 a customer with its tax ID (13%, limit 10,000, 30
/// days); 长安 a customer without a tax ID.
fn books() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    ok(
        &db,
        &["settings", "company", "--name", OURS.0, "--tax-id", OURS.1],
    );
    ok(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "深圳市华强电子有限公司",
            "--tax-id",
            HUAQIANG_TAX_ID,
            "-f",
            "tax_rate=13",
            "-f",
            "credit_limit=10000",
            "-f",
            "payment_days=30",
        ],
    );
    ok(&db, &["customer", "add", "--name", "东莞市长安五金厂"]);
    (dir, db)
}

fn import(db: &Path, files: &[&str], extra: &[&str]) -> (Value, i32) {
    let mut args = vec!["import", "--kind", "invoices", "--format", "json"];
    args.extend_from_slice(extra);
    let paths: Vec<String> = files.iter().map(|f| corpus(f)).collect();
    args.extend(paths.iter().map(String::as_str));
    let out = kehu(db, &args);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("not JSON: {text}\n{}", String::from_utf8_lossy(&out.stderr)));
    (value, out.status.code().unwrap_or(-1))
}

fn entries(db: &Path, code: &str) -> Vec<Value> {
    json(db, &["ledger", "list", code, "--format", "json"])
        .as_array()
        .unwrap()
        .clone()
}

fn entry<'a>(list: &'a [Value], doc: &str) -> &'a Value {
    list.iter()
        .find(|e| e["doc_no"] == doc)
        .unwrap_or_else(|| panic!("no entry {doc} in {list:#?}"))
}

fn customers(db: &Path) -> Vec<Value> {
    json(db, &["customer", "list", "--format", "json"])
        .as_array()
        .unwrap()
        .clone()
}

fn codes(report: &Value, key: &str) -> Vec<String> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_string())
        .filter(|c| c.starts_with(key))
        .collect()
}

#[test]
fn without_our_company_the_import_is_refused_with_the_command_to_set_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let out = kehu(
        &db,
        &[
            "import",
            "--kind",
            "invoices",
            &corpus("digital_invoice_level.csv"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("kehu settings company --name"), "{err}");
}

#[test]
fn an_invoice_level_export_books_our_invoices_creates_buyers_and_sets_red_against_blue() {
    let (_dir, db) = books();
    let (report, code) = import(&db, &["digital_invoice_level.csv"], &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["invoices"], 6, "the 合计 row is not an invoice");
    assert_eq!(report["taken"], 3);
    assert_eq!(report["credit_notes"], 1);
    assert_eq!(report["voided_skipped"], 1);
    assert_eq!(report["rejected"], 0);
    assert!(report["batch"].is_i64());
    // Another seller's invoice is listed with its row and skipped.
    let other = &report["other_seller"][0];
    assert_eq!(other["number"], number(6));
    assert_eq!(other["row"], 9);
    // 美嘉 was unknown: created from the invoice, with its tax ID.
    let created = &report["created_customers"][0];
    assert_eq!(created["name"], "佛山市顺德区美嘉家具有限公司");
    assert_eq!(created["tax_id"], MEIJIA_TAX_ID);
    assert_eq!(created["code"], "C000003");
    // 长安 has no tax ID: found by name, to confirm.
    assert_eq!(report["found_by_name"][0]["code"], "C000002");
    assert_eq!(codes(&report, "invoice.found_by_name").len(), 1);
    // 华强 goes over its 10,000 limit: a warning, not a refusal.
    assert_eq!(codes(&report, "invoice.over_limit").len(), 1);

    let huaqiang = entries(&db, "C000001");
    assert_eq!(huaqiang.len(), 2, "the voided invoice 4 is not booked");
    let blue = entry(&huaqiang, &number(1));
    assert_eq!(blue["type"], "invoice");
    assert_eq!(blue["amount"], "11300.00");
    assert_eq!(blue["date"], "2024-03-05");
    assert_eq!(blue["due_date"], "2024-04-04", "30 payment days");
    assert_eq!(
        blue["outstanding"], "9040.00",
        "the red invoice is set against it"
    );
    let red = entry(&huaqiang, &number(5));
    assert_eq!(red["type"], "credit");
    assert_eq!(red["amount"], "-2260.00");
    assert_eq!(red["outstanding"], "0.00");
    assert_eq!(
        entry(&entries(&db, "C000003"), &number(2))["amount"],
        "5650.00"
    );
    assert_eq!(
        entry(&entries(&db, "C000002"), &number(3))["amount"],
        "2260.00"
    );

    // 金额 and 税额 are kept on the entries, signed like the amount.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let figures = |doc: String| -> (i64, i64) {
        conn.query_row(
            "SELECT net_amount, tax_amount FROM ledger_entry WHERE doc_no = ?1",
            [doc],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    assert_eq!(figures(number(1)), (1_000_000, 130_000));
    assert_eq!(figures(number(5)), (-200_000, -26_000));
}

#[test]
fn importing_again_adds_nothing_and_an_overlapping_export_adds_only_what_is_new() {
    let (_dir, db) = books();
    import(&db, &["digital_invoice_level.csv"], &[]);
    let (again, code) = import(&db, &["digital_invoice_level.csv"], &[]);
    assert_eq!(code, 0);
    assert_eq!(again["taken"], 0);
    assert_eq!(again["credit_notes"], 0);
    assert_eq!(again["already_imported"], 4);
    assert_eq!(again["batch"], Value::Null, "nothing written, no batch");
    assert_eq!(customers(&db).len(), 3);
    assert_eq!(entries(&db, "C000001").len(), 2);

    // The line-level GBK export repeats invoice 2 and adds 11 and 12.
    let (overlap, code) = import(&db, &["digital_line_level_gbk.csv"], &[]);
    assert_eq!(code, 0, "{overlap:#}");
    assert_eq!(overlap["invoices"], 3);
    assert_eq!(overlap["already_imported"], 1);
    assert_eq!(overlap["taken"], 2);
}

#[test]
fn several_files_are_one_batch_lines_are_summed_and_xml_is_read() {
    let (_dir, db) = books();
    let files = [
        "digital_invoice_level.csv",
        "digital_line_level_gbk.csv",
        "einvoice_24442000000000000021.xml",
        "einvoice_other_seller.xml",
    ];
    let (report, code) = import(&db, &files, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["files"].as_array().unwrap().len(), 4);
    assert_eq!(
        report["repeated"], 1,
        "invoice 2 is in two files: read once"
    );
    assert_eq!(report["taken"], 6);
    assert_eq!(report["credit_notes"], 1);
    assert_eq!(report["other_seller"].as_array().unwrap().len(), 2);
    // 张三 has no tax ID: created by name; his two lines are one invoice.
    let zhang = customers(&db)
        .into_iter()
        .find(|c| c["name"] == "张三")
        .expect("张三 created");
    let code_of_zhang = zhang["code"].as_str().unwrap();
    let lines = entries(&db, code_of_zhang);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["amount"], "1695.00");
    // 9% on 华强, whose rate is 13%: a warning.
    assert_eq!(codes(&report, "invoice.rate_differs").len(), 1);
    // The XML invoice went to 美嘉 by its tax ID.
    assert_eq!(
        entry(&entries(&db, "C000003"), &number(21))["amount"],
        "113.00"
    );
    let history = ok(&db, &["import", "history"]);
    assert_eq!(
        history.lines().filter(|l| l.contains("测试员")).count(),
        1,
        "{history}"
    );
}

#[test]
fn an_xml_invoice_creates_its_buyer_with_address_phone_and_bank() {
    let (_dir, db) = books();
    let (report, code) = import(&db, &["einvoice_24442000000000000021.xml"], &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["taken"], 1);
    let meijia = customers(&db)
        .into_iter()
        .find(|c| c["tax_id"] == MEIJIA_TAX_ID)
        .expect("created");
    assert_eq!(
        meijia["registered_address"],
        "佛山市顺德区乐从镇家具大道1号"
    );
    assert_eq!(meijia["phone"], "0757-28881234");
    assert_eq!(meijia["bank_name"], "中国工商银行顺德乐从支行");
    assert_eq!(meijia["bank_account"], "2013000109000123456");
    let booked = entry(&entries(&db, "C000003"), &number(21)).clone();
    assert_eq!(booked["date"], "2024-05-06");

    let out = kehu(
        &db,
        &[
            "import",
            "--kind",
            "invoices",
            &corpus("einvoice_broken.xml"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("XML"));
}

#[test]
fn an_invoice_voided_since_the_last_import_is_reversed() {
    let (_dir, db) = books();
    import(&db, &["digital_invoice_level.csv"], &[]);
    let (later, code) = import(&db, &["digital_invoice_level_later.csv"], &[]);
    assert_eq!(code, 0, "{later:#}");
    assert_eq!(later["voided_reversed"], 1);
    assert_eq!(later["taken"], 0);
    let meijia = entries(&db, "C000003");
    assert_eq!(meijia.len(), 2);
    let reversal = entry(&meijia, &format!("{}-R", number(2)));
    assert_eq!(reversal["amount"], "-5650.00");
    assert_eq!(entry(&meijia, &number(2))["outstanding"], "0.00");
    // Once reversed, a third run leaves it alone.
    let (third, _) = import(&db, &["digital_invoice_level_later.csv"], &[]);
    assert_eq!(third["voided_reversed"], 0);
    assert_eq!(third["voided_skipped"], 2);
}

#[test]
fn older_invoices_are_numbered_by_code_and_number_and_red_finds_blue_by_both() {
    let (_dir, db) = books();
    let (report, code) = import(&db, &["vat_code_number_2019.csv"], &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["taken"], 1);
    assert_eq!(report["credit_notes"], 1);
    let list = entries(&db, "C000003");
    assert_eq!(entry(&list, "04400190011112345678")["outstanding"], "0.00");
    assert_eq!(entry(&list, "04400190011112345679")["outstanding"], "0.00");
}

#[test]
fn undo_removes_the_entries_and_the_customers_the_batch_created() {
    let (_dir, db) = books();
    let (first, _) = import(&db, &["digital_invoice_level.csv"], &[]);
    let (second, _) = import(
        &db,
        &[
            "digital_line_level_gbk.csv",
            "digital_invoice_level_later.csv",
        ],
        &[],
    );
    let (b1, b2) = (
        first["batch"].as_i64().unwrap(),
        second["batch"].as_i64().unwrap(),
    );
    // The first batch's invoice 2 was reversed by the second: undo that first.
    let out = kehu(&db, &["import", "undo", &b1.to_string()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("reversed"));
    let said = ok(&db, &["import", "undo", &b2.to_string()]);
    assert!(said.contains("ledger entries removed"), "{said}");
    assert_eq!(entries(&db, "C000003").len(), 1, "the reversal is gone");
    assert_eq!(customers(&db).len(), 3, "张三 is gone");
    ok(&db, &["import", "undo", &b1.to_string()]);
    assert!(entries(&db, "C000001").is_empty());
    assert_eq!(customers(&db).len(), 2, "美嘉 is gone, 华强 and 长安 stay");
    // Imported again after the undo, everything is booked anew.
    let (again, _) = import(&db, &["digital_invoice_level.csv"], &[]);
    assert_eq!(again["taken"], 3);
}

#[test]
fn undo_is_refused_once_a_receipt_was_set_against_an_imported_invoice() {
    let (_dir, db) = books();
    let (report, _) = import(&db, &["digital_invoice_level.csv"], &[]);
    ok(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "receipt",
            "--date",
            "2024-04-01",
            "--doc",
            "SK-1",
            "--amount",
            "1000",
        ],
    );
    let out = kehu(
        &db,
        &[
            "import",
            "undo",
            &report["batch"].as_i64().unwrap().to_string(),
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("SK-1"));
    assert_eq!(entries(&db, "C000001").len(), 3);
}

#[test]
fn a_dry_run_writes_nothing() {
    let (_dir, db) = books();
    let (report, code) = import(&db, &["digital_invoice_level.csv"], &["--dry-run"]);
    assert_eq!(code, 0);
    assert_eq!(report["taken"], 3);
    assert_eq!(report["committed"], false);
    assert!(entries(&db, "C000001").is_empty());
    assert_eq!(customers(&db).len(), 2);
}

/// The export as an xlsx workbook: title rows, text cells, and one number
/// Excel turned into a number (so no longer exact).
fn workbook(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "全量发票查询").unwrap();
    let header = [
        "数电发票号码",
        "销售方纳税人识别号",
        "销售方名称",
        "购买方纳税人识别号",
        "购买方名称",
        "开票日期",
        "金额",
        "税额",
        "价税合计",
        "发票状态",
        "是否正数发票",
        "备注",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let (n31, n33) = (number(31), number(33));
    let rows = [
        [
            n31.as_str(),
            OURS.1,
            OURS.0,
            HUAQIANG_TAX_ID,
            "深圳市华强电子有限公司",
            "2024-06-01 09:00:00",
            "100.00",
            "13.00",
            "113.00",
            "正常",
            "是",
            "",
        ],
        [
            "",
            OURS.1,
            OURS.0,
            HUAQIANG_TAX_ID,
            "深圳市华强电子有限公司",
            "2024-06-02",
            "200.00",
            "26.00",
            "226.00",
            "正常",
            "是",
            "",
        ],
        [
            n33.as_str(),
            OURS.1,
            OURS.0,
            HUAQIANG_TAX_ID,
            "深圳市华强电子有限公司",
            "2024-06-31",
            "300.00",
            "39.00",
            "339.00",
            "正常",
            "是",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(3 + r as u32, c as u16, *cell).unwrap();
        }
    }
    // Row 7: the number typed into a General cell.
    sheet.write_number(6, 0, 24442000000000000034_f64).unwrap();
    for (c, cell) in rows[0].iter().enumerate().skip(1) {
        sheet.write_string(6, c as u16, *cell).unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_export_names_each_bad_row_and_column_and_books_the_rest() {
    let (dir, db) = books();
    let path = dir.path().join("发票导出.xlsx");
    workbook(&path);
    let out = kehu(
        &db,
        &[
            "import",
            "--kind",
            "invoices",
            "--format",
            "json",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "rows rejected");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["taken"], 1);
    let problems = report["problems"].as_array().unwrap();
    let at = |code: &str| {
        problems.iter().find(|p| p["code"] == code).map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["column"].as_str().unwrap().to_string(),
            )
        })
    };
    assert_eq!(at("invoice.no_number"), Some((5, "数电发票号码".into())));
    assert_eq!(at("invoice.bad_date"), Some((6, "开票日期".into())));
    assert_eq!(
        at("invoice.number_mangled"),
        Some((7, "数电发票号码".into()))
    );
    assert_eq!(entries(&db, "C000001").len(), 1);
    // The Chinese text of each problem is there for the zh UI.
    let messages = report["messages"].as_array().unwrap();
    assert!(
        messages
            .iter()
            .all(|m| !m["message"].as_str().unwrap().is_empty())
    );
}

#[test]
fn a_customer_of_the_same_name_with_another_tax_id_is_not_the_buyer() {
    let (_dir, db) = books();
    ok(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "佛山市顺德区美嘉家具有限公司",
            "--tax-id",
            "914401060000011A15",
        ],
    );
    let (report, code) = import(&db, &["digital_invoice_level.csv"], &[]);
    assert_eq!(code, 0, "{report:#}");
    let created = report["created_customers"].as_array().unwrap();
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["tax_id"], MEIJIA_TAX_ID);
    assert_eq!(created[0]["code"], "C000004");
    let by_name: Vec<&Value> = report["found_by_name"].as_array().unwrap().iter().collect();
    assert_eq!(by_name.len(), 1, "only 长安: {by_name:?}");
    assert!(entries(&db, "C000003").is_empty());
}
