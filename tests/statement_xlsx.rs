//! Spreadsheets that leave kehu carry money as numbers: the statement of
//! account in xlsx (now headed by our company and ending with the sign-off
//! block the customer fills in) and the customer export.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/ledger.rs"]
mod ledger;
#[path = "support/pdf.rs"]
mod pdf;

use calamine::{Data, Reader, open_workbook_auto};
use kehu::store::Store;

fn cells(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn text_cells(rows: &[Vec<Data>]) -> Vec<String> {
    rows.iter()
        .flatten()
        .filter_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn xlsx_statement_has_our_company_on_top_and_the_sign_off_below_with_money_as_numbers() {
    let (dir, db) = cli::books();
    {
        let mut store = Store::open(&db).unwrap();
        pdf::set_company(&mut store);
    }
    let out = dir.path().join("对账单.xlsx");
    cli::ok(
        &db,
        &[
            "statement",
            "C000001",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let rows = cells(&out);
    assert_eq!(rows[0][0], Data::String(pdf::COMPANY.into()));
    let texts = text_cells(&rows);
    let at = |needle: &str| {
        texts
            .iter()
            .position(|t| t.contains(needle))
            .unwrap_or_else(|| panic!("{needle} missing: {texts:?}"))
    };
    // Company, title, entries, closing, then both sides' sign-off, in order.
    assert!(at("杭州市西湖区文三路100号") < at("对账单"));
    assert!(at("对账单") < at("期初余额"));
    assert!(at("本期合计/期末余额") < at("我方："));
    assert!(at("我方：") < at("对方确认："));
    assert!(at("对方确认：") < at("□ 余额相符"));
    assert!(at("□ 余额相符") < at("□ 余额不符，差异说明："));
    assert!(texts.iter().filter(|t| t.contains("签字盖章")).count() == 2);
    // The 30,000.00 invoice is a number cell, not text.
    assert!(
        rows.iter().flatten().any(|c| *c == Data::Float(30_000.0)),
        "{rows:?}"
    );
    assert!(!texts.iter().any(|t| t == "30000.00" || t == "30,000.00"));
}

#[test]
fn xlsx_statement_without_our_company_starts_with_the_title_as_before() {
    let (dir, db) = cli::books();
    let out = dir.path().join("st.xlsx");
    cli::ok(
        &db,
        &[
            "statement",
            "C000001",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let rows = cells(&out);
    assert_eq!(rows[0][0], Data::String("对账单".into()));
    assert!(text_cells(&rows).iter().any(|t| t.contains("对方确认")));
}

#[test]
fn customer_export_xlsx_writes_the_credit_limit_as_a_number() {
    let (dir, db) = cli::books();
    let out = dir.path().join("customers.xlsx");
    cli::ok(&db, &["export", out.to_str().unwrap()]);
    let rows = cells(&out);
    let col = rows[0]
        .iter()
        .position(|h| *h == Data::String("信用额度".into()))
        .expect("a credit limit column");
    assert_eq!(rows[1][col], Data::Float(50_000.0));
}
