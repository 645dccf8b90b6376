//! The real binary: exit codes, JSON keys, corrections, demo data.

#[path = "support/cli.rs"]
mod support;

use serde_json::Value;
use support::*;

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
