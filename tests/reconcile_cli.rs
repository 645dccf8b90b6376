//! `kehu reconcile` through the real binary on real statement files (csv,
//! xlsx, a sign-flipped one): JSON keys, exit codes, saving, history,
//! confirming, the reconciliation statement written to xlsx and csv.

#[path = "support/recon.rs"]
mod recon;

use std::path::Path;
use std::process::Output;

use calamine::{Data, Reader, open_workbook_auto};
use recon::files::{Cell, huaqiang, write_csv};
use recon::*;
use serde_json::Value;

fn kehu(db: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("KEHU_OPERATOR", "会计小王")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// `reconcile CODE --statement FILE` plus `extra`, with the store closed.
fn reconcile(b: &Books, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["reconcile", &b.code, "--statement", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    kehu(&b.db, &args)
}

#[test]
fn json_has_the_issues_keys_for_csv_xlsx_and_a_flipped_statement() {
    let b = books();
    for (name, flipped, sign) in [
        ("s.csv", false, "their_credit_is_our_debit"),
        ("s.xlsx", false, "their_credit_is_our_debit"),
        ("flipped.xlsx", true, "same"),
    ] {
        let path = statement(b.dir.path(), name, flipped);
        let out = reconcile(&b, &path, &["--format", "json"]);
        assert_eq!(out.status.code(), Some(3), "{name}: {}", stderr(&out));
        let v = json_of(&out);
        assert_eq!(v["our_balance"], "41350.00", "{name}");
        assert_eq!(v["their_balance"], "18900.00", "{name}");
        assert_eq!(v["unexplained_difference"], "-22450.00", "{name}");
        assert_eq!(v["sign_convention"], sign, "{name}");
        let first = &v["matched"][0];
        assert_eq!(first["rule"], "doc_and_amount");
        assert_eq!(first["ours"][0]["doc"], "44031101");
        assert_eq!(first["theirs"][0]["date"], "2025-10-12");
        assert_eq!(first["theirs"][0]["amount"], "36160.00");
        let only_ours = &v["only_ours"][0];
        assert_eq!(
            [&only_ours["date"], &only_ours["doc"], &only_ours["amount"]],
            ["2025-12-29", "44031106", "9600.00"]
        );
        assert_eq!(v["only_theirs"][0]["date"], "2025-12-30");
        assert_eq!(v["amount_mismatch"][0]["theirs"]["amount"], "12800.00");
        assert_eq!(v["from"], "2025-10-01");
        // The title line states the period: 期间：2025年10月1日 至 2025年12月31日.
        assert_eq!(v["to"], "2025-12-31");
        assert_eq!(v["statement"]["period_source"], "title");
        assert_eq!(v["statement"]["file"], name);
        assert_eq!(v["session"], Value::Null);
        assert!(stderr(&out).contains("does not close"), "{}", stderr(&out));
    }
}

/// The sample with its three differences taken out, for a period that ends
/// before our invoice in the post.
fn agreeing_statement(dir: &Path) -> std::path::PathBuf {
    let mut rows = huaqiang();
    rows[8][5] = Cell::Money("12850.00");
    rows.remove(16); // their payment of 12-30
    let path = dir.join("agree.csv");
    write_csv(&path, &rows);
    path
}

#[test]
fn exit_zero_when_it_closes_and_a_warning_for_a_broken_balance_column() {
    let b = books();
    let path = agreeing_statement(b.dir.path());
    let out = reconcile(&b, &path, &["--to", "2025-12-20", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["closes"], true);
    assert_eq!(v["unexplained_difference"], "0.00");
    assert_eq!(v["their_balance"], "31750.00");
    // Their balances after the changed row no longer follow: that row is named.
    assert!(
        stderr(&out).contains("does not follow from the amounts at row(s) 9\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn saved_sessions_list_show_and_confirm() {
    let b = books();
    let path = statement(b.dir.path(), "s.xlsx", false);
    let out = reconcile(&b, &path, &["--save", "--format", "json"]);
    let v = json_of(&out);
    assert_eq!(v["session"], 1);
    assert_eq!(v["status"], "draft");
    assert!(stderr(&out).contains("saved reconciliation #1 (draft)"));

    let out = kehu(
        &b.db,
        &["reconcile", "history", &b.code, "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0));
    let history = json_of(&out);
    assert_eq!(history[0]["id"], 1);
    assert_eq!(history[0]["status"], "draft");
    assert_eq!(history[0]["unexplained_difference"], "-22450.00");
    assert_eq!(history[0]["file_name"], "s.xlsx");

    // It does not close: confirming it needs a reason.
    let out = kehu(&b.db, &["reconcile", "confirm", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("does not close: -22,450.00 is unexplained"),
        "{}",
        stderr(&out)
    );
    let out = kehu(
        &b.db,
        &[
            "reconcile",
            "confirm",
            "1",
            "--reason",
            "对方漏记两笔，已电话确认",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let confirmed = json_of(&out);
    assert_eq!(confirmed["status"], "confirmed");
    assert_eq!(confirmed["confirmed_by"], "会计小王");
    assert_eq!(confirmed["confirm_reason"], "对方漏记两笔，已电话确认");
    // Twice is refused; the ledger is locked inside the period.
    let again = kehu(&b.db, &["reconcile", "confirm", "1"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("confirmed"), "{}", stderr(&again));
    let edit = kehu(
        &b.db,
        &["ledger", "edit", &b.code, "44031105", "--memo", "改"],
    );
    assert_eq!(edit.status.code(), Some(1));
    assert!(stderr(&edit).contains("reverse"), "{}", stderr(&edit));

    let out = kehu(&b.db, &["reconcile", "show", "1", "--format", "json"]);
    assert_eq!(out.status.code(), Some(3));
    let shown = json_of(&out);
    assert_eq!(shown["status"], "confirmed");
    assert_eq!(shown["our_balance"], "41350.00");
    assert_eq!(shown["matched"].as_array().unwrap().len(), 8);
}

#[test]
fn the_reconciliation_statement_goes_to_xlsx_and_csv() {
    let b = books();
    let path = statement(b.dir.path(), "s.csv", false);
    let xlsx = b.dir.path().join("调节表.xlsx");
    let csv = b.dir.path().join("调节表.csv");
    for out in [&xlsx, &csv] {
        let run = reconcile(&b, &path, &["--out", out.to_str().unwrap()]);
        assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    }
    let mut book = open_workbook_auto(&xlsx).unwrap();
    let sheet = book.worksheet_range("余额调节表").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    let find = |label: &str| {
        rows.iter()
            .find(|r| r.first() == Some(&Data::String(label.into())))
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    assert_eq!(find("我方账面余额")[3], Data::Float(41350.0));
    assert_eq!(find("对方账面余额")[6], Data::Float(18900.0));
    let mismatch = find("同一单据金额不符");
    // Document numbers are text, not numbers.
    assert_eq!(mismatch[2], Data::String("44031102".into()));
    assert_eq!(mismatch[7], Data::Float(-50.0));
    assert_eq!(find("未说明差额")[7], Data::Float(-22450.0));

    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{FEFF}'), "csv starts with a BOM");
    assert!(
        text.contains("我方已记、对方未记,2025-12-29,44031106,9600.00,,,,-9600.00,"),
        "{text}"
    );
    assert!(text.contains("调节后余额（= 对方余额）,,,,,,,18900.00,"));

    let bad = reconcile(&b, &path, &["--out", "report.docx"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_saved_mapping_keeps_the_sign_for_next_time() {
    let b = books();
    let flipped = statement(b.dir.path(), "flipped.csv", true);
    let out = reconcile(
        &b,
        &flipped,
        &[
            "--sign",
            "same",
            "--save-mapping",
            "华强",
            "--format",
            "json",
        ],
    );
    assert_eq!(json_of(&out)["sign_convention"], "same");
    // The same layout the usual way round, read with the saved mapping: its
    // sign wins over detection, so their balance comes out negated.
    let usual = statement(b.dir.path(), "usual.csv", false);
    let out = reconcile(&b, &usual, &["--mapping", "华强", "--format", "json"]);
    let v = json_of(&out);
    assert_eq!(v["sign_convention"], "same");
    assert_eq!(v["sign_detected"], false);
    assert_eq!(v["their_balance"], "-18900.00");
}

#[test]
fn bad_rows_unknown_customers_and_unusable_files() {
    let b = books();
    let mut rows = huaqiang();
    rows[9][4] = Cell::Text("1,2,3");
    let bad = b.dir.path().join("bad.csv");
    write_csv(&bad, &rows);
    let out = reconcile(&b, &bad, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("row 10, column 借方"), "{err}");
    assert!(err.contains("fix these rows"), "{err}");

    let good = statement(b.dir.path(), "s.csv", false);
    let out = kehu(
        &b.db,
        &[
            "reconcile",
            "C999999",
            "--statement",
            good.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no customer with code C999999"));

    let photo = b.dir.path().join("photo.csv");
    std::fs::write(&photo, [0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d, 0xff, 0xfe]).unwrap();
    assert_eq!(reconcile(&b, &photo, &[]).status.code(), Some(2));
    let no_amounts = b.dir.path().join("dates.csv");
    std::fs::write(&no_amounts, "日期,摘要\n2025-10-01,x\n").unwrap();
    let out = reconcile(&b, &no_amounts, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--map"), "{}", stderr(&out));
    let out = kehu(&b.db, &["reconcile", &b.code]);
    assert_eq!(out.status.code(), Some(2));
    let out = reconcile(&b, &good, &["--from", "2025-13-01"]);
    assert_eq!(out.status.code(), Some(2));
    let out = reconcile(&b, &good, &["--from", "2025-12-01", "--to", "2025-11-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("starts (2025-12-01) after it ends"),
        "{}",
        stderr(&out)
    );
}

/// A bad amount names its row and column once, in either language.
#[test]
fn a_bad_amount_names_its_column_once() {
    let b = books();
    let mut rows = huaqiang();
    rows[9][4] = Cell::Text("五千六百五");
    let bad = b.dir.path().join("bad.csv");
    write_csv(&bad, &rows);
    for (lang, column) in [("en", "column 借方"), ("zh", "借方列")] {
        let err = stderr(&reconcile(&b, &bad, &["--lang", lang]));
        assert_eq!(err.matches(column).count(), 1, "{err}");
        assert!(err.contains("五千六百五"), "{err}");
    }
}
