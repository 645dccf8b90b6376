//! `kehu report reconciliation --month | --year` on a real database with real
//! reconciliations run through the binary: confirmed, draft, reconciled only
//! in another period, never reconciled.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/ledger.rs"]
mod ledger;
#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/recon.rs"]
mod recon;

use calamine::{Data, Reader, open_workbook_auto};
use kehu::domain::field::FieldValues;
use kehu::store::{AddOptions, PeriodStanding};
use serde_json::Value;

struct Setup {
    dir: tempfile::TempDir,
    db: std::path::PathBuf,
    codes: Vec<String>,
}

/// Four customers with the sample ledger; the first reconciled and
/// confirmed for Oct–Dec 2025, the second a draft for it, the third a draft
/// for October only, the fourth never.
fn setup() -> Setup {
    let (dir, mut store) = ledger::temp_store();
    pdf::set_company(&mut store);
    let mut codes = Vec::new();
    for name in [
        "深圳市华强电子有限公司",
        "东莞市长安五金厂",
        "佛山市顺德家电有限公司",
        "广州市天河商贸有限公司",
    ] {
        let values: FieldValues = [
            ("name", name),
            ("credit_limit", "700000"),
            ("payment_days", "30"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let code = store
            .add_customer(&values, None)
            .unwrap()
            .customer
            .data
            .code;
        for input in kehu::demo::statement::entries() {
            store
                .add_entry(&code, &input, &AddOptions::default())
                .unwrap();
        }
        codes.push(code);
    }
    drop(store);
    let db = dir.path().join("kehu.db");
    let file = recon::statement(dir.path(), "theirs.xlsx", false);
    let run = |code: &str, to: &str| {
        let out = cli::kehu(
            &db,
            &[
                "reconcile",
                code,
                "--statement",
                file.to_str().unwrap(),
                "--from",
                "2025-10-01",
                "--to",
                to,
                "--save",
            ],
        );
        assert!(
            out.status.code().is_some_and(|c| c == 0 || c == 3),
            "{out:?}"
        );
    };
    run(&codes[0], "2025-12-31");
    run(&codes[1], "2025-12-31");
    run(&codes[2], "2025-10-31");
    cli::ok(
        &db,
        &[
            "reconcile",
            "confirm",
            "1",
            "--reason",
            "对方漏记两张发票，已电话确认",
        ],
    );
    Setup { dir, db, codes }
}

fn rows_json(db: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["report", "reconciliation", "--format", "json"];
    all.extend(args);
    let v = cli::json(db, &all);
    v["rows"].as_array().unwrap().clone()
}

#[test]
fn a_month_shows_who_is_confirmed_by_whom_drafts_other_periods_and_never() {
    let s = setup();
    let rows = rows_json(&s.db, &["--month", "2025-12"]);
    let standing: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["code"].as_str().unwrap(), r["standing"].as_str().unwrap()))
        .collect();
    assert_eq!(
        standing,
        vec![
            (s.codes[0].as_str(), "confirmed"),
            (s.codes[1].as_str(), "draft"),
            (s.codes[2].as_str(), "not_this_period"),
            (s.codes[3].as_str(), "never"),
        ]
    );
    assert_eq!(rows[0]["session"]["confirmed_by"], "测试员");
    // The statement leaves 22,450.00 unexplained (tests/reconcile_cli.rs).
    assert_eq!(rows[0]["session"]["open_difference"], "-22450.00");
    assert_eq!(rows[1]["session"]["open_difference"], "-22450.00");
    assert!(rows[1]["session"]["confirmed_by"].is_null());
    // The year covers October too: the third customer's draft counts.
    let rows = rows_json(&s.db, &["--year", "2025"]);
    assert_eq!(rows[2]["standing"], "draft");
    assert_eq!(rows[2]["session"]["to"], "2025-10-31");
    // A month with nothing saved: everyone reconciled before is "not this period".
    let rows = rows_json(&s.db, &["--month", "2026-01"]);
    let n = rows
        .iter()
        .filter(|r| r["standing"] == "not_this_period")
        .count();
    assert_eq!(n, 3);
    assert_eq!(PeriodStanding::Never.message_code(), "recon_period.never");
}

#[test]
fn the_report_goes_to_xlsx_with_money_as_numbers_and_to_pdf() {
    let s = setup();
    let out = s.dir.path().join("对账情况.xlsx");
    cli::ok(
        &s.db,
        &[
            "report",
            "reconciliation",
            "--month",
            "2025-12",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let mut book = open_workbook_auto(&out).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let rows: Vec<Vec<Data>> = book
        .worksheet_range(&sheet)
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    assert_eq!(rows[0][0], Data::String("对账情况表".into()));
    let row = |code: &str| {
        rows.iter()
            .find(|r| r[0] == Data::String(code.into()))
            .unwrap()
            .clone()
    };
    assert_eq!(row(&s.codes[0])[2], Data::String("已确认".into()));
    assert_eq!(row(&s.codes[0])[8], Data::Float(-22450.0));
    assert_eq!(row(&s.codes[3])[2], Data::String("从未对账".into()));
    let total = rows
        .iter()
        .find(|r| r[0] == Data::String("合计".into()))
        .unwrap();
    assert_eq!(total[8], Data::Float(-44900.0));
    assert_eq!(
        total[1],
        Data::String("已确认 1，草稿 1，本期未对账 1，从未对账 1".into())
    );
    let bad = cli::kehu(&s.db, &["report", "reconciliation", "--month", "2025-13"]);
    assert_eq!(bad.status.code(), Some(2));

    if !pdf::ready("reconciliation_period_pdf") {
        return;
    }
    let out = s.dir.path().join("对账情况.pdf");
    cli::ok(
        &s.db,
        &[
            "report",
            "reconciliation",
            "--month",
            "2025-12",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    pdf::in_order(
        &pdf::text(&out),
        &[
            pdf::COMPANY,
            "对账情况表",
            "2025-12-01 至 2025-12-31",
            "已确认 1，草稿 1，本期未对账 1，从未对账 1",
            "深圳市华强电子有限公司",
            "已确认",
            "测试员",
            "-22,450.00",
            "广州市天河商贸有限公司",
            "从未对账",
            "合计",
            "-44,900.00",
        ],
    );
    pdf::look(&out, "reconciliation_period");
}
