//! The real binary: exit codes, JSON keys, files written.

use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader, open_workbook_auto};
use serde_json::Value;

fn kehu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("KEHU_OPERATOR", "测试员")
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = kehu(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

/// A customer with a 50,000 limit and 30 days, two invoices and a receipt.
fn books() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    ok(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "深圳市华强电子有限公司",
            "--tax-id",
            "914403001922038216",
            "-f",
            "credit_limit=50000",
            "-f",
            "payment_days=30",
        ],
    );
    ok(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "invoice",
            "--date",
            "2024-01-10",
            "--doc",
            "00012345",
            "--amount",
            "30,000.00",
        ],
    );
    ok(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "发票",
            "--date",
            "2024/2/10",
            "--doc",
            "00012346",
            "--amount",
            "18000.50",
        ],
    );
    ok(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "receipt",
            "--date",
            "2024-02-20",
            "--doc",
            "SK-1",
            "--amount",
            "10000",
        ],
    );
    (dir, db)
}

#[test]
fn add_prints_the_entry_allocations_and_standing_as_json() {
    let (_dir, db) = books();
    let v = json(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "receipt",
            "--date",
            "2024-03-01",
            "--doc",
            "SK-2",
            "--amount",
            "25000",
            "--format",
            "json",
        ],
    );
    assert_eq!(v["code"], "C000001");
    assert_eq!(v["entry"]["type"], "receipt");
    assert_eq!(v["entry"]["amount"], "-25000.00");
    assert_eq!(v["entry"]["outstanding"], "0.00");
    assert_eq!(v["allocations"][0]["debit_doc"], "00012345");
    assert_eq!(v["allocations"][0]["amount"], "20000.00");
    assert_eq!(v["allocations"][1]["debit_doc"], "00012346");
    assert_eq!(v["standing"]["balance"], "13000.50");
    assert_eq!(v["standing"]["credit_available"], "36999.50");
}

#[test]
fn over_the_limit_exits_1_naming_the_field_and_the_figures() {
    let (_dir, db) = books();
    let args = [
        "ledger",
        "add",
        "C000001",
        "--type",
        "invoice",
        "--date",
        "2024-03-01",
        "--doc",
        "00012347",
        "--amount",
        "15000",
    ];
    let out = kehu(&db, &args);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: amount:"), "{err}");
    assert!(err.contains("[credit.over_limit]"), "{err}");
    assert!(
        err.contains("limit 50,000.00, balance 38,000.50, this invoice 15,000.00, excess 3,000.50"),
        "{err}"
    );

    let mut with_reason = args.to_vec();
    with_reason.extend(["--override-reason", "总经理批准", "--format", "json"]);
    let v = json(&db, &with_reason);
    assert_eq!(v["entry"]["override_reason"], "总经理批准");
    assert_eq!(v["standing"]["over_limit"], true);
    let history = json(&db, &["ledger", "history", "C000001", "--format", "json"]);
    let overrides: Vec<&Value> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["action"] == "override")
        .collect();
    assert_eq!(overrides.len(), 1);
    assert_eq!(overrides[0]["operator"], "测试员");
}

#[test]
fn bad_input_exits_1_with_every_field_named() {
    let (_dir, db) = books();
    let out = kehu(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "gift",
            "--date",
            "2024-02-30",
            "--doc",
            "X",
            "--amount",
            "1.234",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in ["error: type:", "error: date:", "[date.no_such_day]"] {
        assert!(err.contains(needle), "missing {needle} in {err}");
    }
    let out = kehu(
        &db,
        &[
            "ledger",
            "add",
            "C999999",
            "--type",
            "invoice",
            "--date",
            "2024-01-01",
            "--doc",
            "X",
            "--amount",
            "1",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("C999999"));
    let out = kehu(&db, &["aging", "--as-of", "yesterday"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error: as_of:"));
    let out = kehu(&db, &["ledger", "add", "C000001", "--date", "2024-01-01"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "missing arguments are a usage error"
    );
}

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
fn ledger_list_shows_running_balance() {
    let (_dir, db) = books();
    let lines = json(
        &db,
        &[
            "ledger",
            "list",
            "C000001",
            "--as-of",
            "2024-03-20",
            "--format",
            "json",
        ],
    );
    let balances: Vec<&str> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["balance"].as_str().unwrap())
        .collect();
    assert_eq!(balances, vec!["30000.00", "48000.50", "38000.50"]);
    let table = ok(&db, &["ledger", "list", "C000001", "--as-of", "2024-03-20"]);
    assert!(
        table.lines().nth(1).unwrap().contains("40"),
        "days overdue shown: {table}"
    );
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
fn reverse_and_confirm_from_the_command_line() {
    let (_dir, db) = books();
    ok(
        &db,
        &["ledger", "confirm", "C000001", "--until", "2024-01-31"],
    );
    let out = kehu(
        &db,
        &["ledger", "edit", "C000001", "00012345", "--memo", "改"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[entry.locked]"));
    let v = json(
        &db,
        &[
            "ledger",
            "reverse",
            "C000001",
            "00012345",
            "--reason",
            "开错金额",
            "--date",
            "2024-03-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(v["entry"]["doc_no"], "00012345-R");
    assert_eq!(v["entry"]["amount"], "-30000.00");
    // The receipt that paid it is free again: 48,000.50 − 10,000 − 30,000.
    assert_eq!(v["standing"]["balance"], "8000.50");
    let lines = json(&db, &["ledger", "list", "C000001", "--format", "json"]);
    assert_eq!(lines[0]["locked"], true);
    assert_eq!(lines[1]["locked"], false);
}

#[test]
fn demo_adds_ledger_entries_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let first = ok(&db, &["demo"]);
    assert!(first.contains("sample ledger entries"), "{first}");
    let balances = json(&db, &["balance", "--format", "json"]);
    let owing = balances
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["balance"] != "0.00")
        .count();
    assert!(owing > 50, "{owing} customers owe something");
    let overdue = json(&db, &["overdue", "--format", "json"]);
    assert!(overdue["count"].as_u64().unwrap() > 0);
    let again = ok(&db, &["demo"]);
    assert!(again.contains("added 0 sample ledger entries"), "{again}");
}
