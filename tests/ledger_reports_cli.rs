//! The real binary's reports: balance, aging, overdue and statements
//! written to xlsx and csv, read back.

#[path = "support/cli.rs"]
mod support;

use calamine::{Data, Reader, open_workbook_auto};
use support::*;

#[test]
fn balance_aging_and_overdue_json_keys() {
    let (_dir, db) = books();
    let b = json(&db, &["balance", "C000001", "--format", "json"]);
    for key in [
        "code",
        "name",
        "status",
        "credit_limit",
        "balance",
        "credit_used",
        "credit_available",
        "over_limit",
        "open_debit",
        "unapplied",
        "oldest_due",
        "entries",
    ] {
        assert!(b.get(key).is_some(), "balance lacks {key}: {b}");
    }
    assert_eq!(b["balance"], "38000.50");
    assert_eq!(b["oldest_due"], "2024-02-09");
    let all = json(&db, &["balance", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 1);

    let aging = json(&db, &["aging", "--as-of", "2024-03-20", "--format", "json"]);
    assert_eq!(aging["as_of"], "2024-03-20");
    let row = &aging["rows"][0];
    // 00012345: 30,000 − 10,000 paid, due 02-09, 40 days overdue; 00012346 due 03-11, 9 days.
    assert_eq!(row["days_31_60"], "20000.00");
    assert_eq!(row["days_1_30"], "18000.50");
    assert_eq!(row["not_due"], "0.00");
    assert_eq!(row["total"], "38000.50");
    assert_eq!(aging["totals"]["total"], "38000.50");

    let csv = ok(&db, &["aging", "--as-of", "2024-03-20", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "code,name,not_due,days_1_30,days_31_60,days_61_90,days_91_180,over_180,unapplied,total"
    );
    assert!(csv.lines().last().unwrap().starts_with("TOTAL,"));

    let overdue = json(
        &db,
        &["overdue", "--as-of", "2024-03-20", "--format", "json"],
    );
    assert_eq!(overdue["count"], 2);
    assert_eq!(overdue["total"], "38000.50");
    assert_eq!(overdue["items"][0]["doc_no"], "00012345");
    assert_eq!(overdue["items"][0]["days_overdue"], 40);
    assert_eq!(overdue["items"][0]["bucket"], "days_31_60");
}

#[test]
fn statement_to_xlsx_keeps_doc_numbers_as_text_and_money_exact() {
    let (dir, db) = books();
    let path = dir.path().join("对账单.xlsx");
    let out = ok(
        &db,
        &[
            "statement",
            "C000001",
            "--from",
            "2024-02-01",
            "--to",
            "2024-02-29",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    assert!(out.contains("closing 38,000.50"), "{out}");
    let mut book = open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("对账单").unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let fen = |r: u32, c: u32| match cell(r, c) {
        Data::Float(f) => (f * 100.0).round() as i64,
        other => panic!("({r},{c}) is not a number: {other:?}"),
    };
    assert_eq!(cell(0, 0), Data::String("对账单".into()));
    assert_eq!(cell(5, 4), Data::String("借方".into()));
    // Opening row, then the two February entries, then totals.
    assert_eq!(fen(6, 6), 3_000_000);
    assert_eq!(
        cell(7, 2),
        Data::String("00012346".into()),
        "doc numbers stay text"
    );
    assert_eq!((fen(7, 4), fen(7, 6)), (1_800_050, 4_800_050));
    assert_eq!((fen(8, 5), fen(8, 6)), (1_000_000, 3_800_050));
    assert_eq!(cell(9, 1), Data::String("本期合计/期末余额".into()));
    assert_eq!(
        (fen(9, 4), fen(9, 5), fen(9, 6)),
        (1_800_050, 1_000_000, 3_800_050)
    );
}

#[test]
fn statement_to_csv_has_a_bom_and_plain_amounts() {
    let (dir, db) = books();
    let path = dir.path().join("statement.csv");
    ok(
        &db,
        &[
            "--lang",
            "en",
            "statement",
            "C000001",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(
        rows[0],
        "Date,Type,Doc no.,Memo,Debit,Credit,Balance,Due date"
    );
    assert_eq!(rows[1], "2024-01-01,Opening balance,,,,,0.00,");
    assert_eq!(
        rows[2],
        "2024-01-10,Invoice,00012345,,30000.00,,30000.00,2024-02-09"
    );
    assert_eq!(rows[4], "2024-02-20,Receipt,SK-1,,,10000.00,38000.50,");
    assert_eq!(
        rows[5],
        "2024-12-31,Period total / closing balance,,,48000.50,10000.00,38000.50,"
    );
    let out = kehu(
        &db,
        &[
            "statement",
            "C000001",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--out",
            "x.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn balance_and_show_say_not_controlled_and_cash_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    ok(&db, &["customer", "add", "--name", "成都远航贸易有限公司"]);
    ok(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "北京恒通物流有限公司",
            "-f",
            "credit_limit=0",
        ],
    );
    let zh = ok(&db, &["--lang", "zh", "balance"]);
    let row = |text: &str, code: &str| {
        text.lines()
            .find(|l| l.starts_with(code))
            .unwrap_or_else(|| panic!("no {code}: {text}"))
            .to_string()
    };
    assert!(row(&zh, "C000001").contains("不控制"), "{zh}");
    assert!(row(&zh, "C000002").contains("0.00（现款）"), "{zh}");
    let en = ok(&db, &["--lang", "en", "customer", "show", "C000002"]);
    assert!(
        en.lines()
            .any(|l| l.starts_with("credit_limit") && l.contains("0.00 (cash only)")),
        "{en}"
    );
    let en = ok(&db, &["--lang", "en", "customer", "show", "C000001"]);
    assert!(
        en.lines()
            .any(|l| l.starts_with("credit_limit") && l.contains("not controlled")),
        "{en}"
    );
    // CSV and JSON keep the value itself: empty / null when not controlled.
    let csv = ok(&db, &["balance", "C000001", "--format", "csv"]);
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("C000001,成都远航贸易有限公司,active,,"),
        "{csv}"
    );
    let json = json(&db, &["balance", "C000001", "--format", "json"]);
    assert!(json["credit_limit"].is_null(), "{json}");
    assert_eq!(json["over_limit"], false);
    let json = support::json(&db, &["balance", "C000002", "--format", "json"]);
    assert_eq!(json["credit_limit"], "0.00");
}
