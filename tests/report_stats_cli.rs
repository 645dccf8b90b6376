//! `kehu stats`, `kehu ledger search` and `customer list --class` through the
//! real binary: xlsx money as numbers, csv, PDF read back with pdftotext.

#[path = "support/books.rs"]
mod books;
#[path = "support/cli.rs"]
mod cli;
#[path = "support/ledger.rs"]
mod ledger;
#[path = "support/pdf.rs"]
mod pdf;

use calamine::{Data, Reader, open_workbook_auto};
use kehu::domain::activity::Activity;
use kehu::store::Period;
use ledger::d;

fn books_file(n: usize) -> (books::Books, std::path::PathBuf) {
    let mut b = books::books(n);
    pdf::set_company(&mut b.store);
    let db = b.dir.path().join("kehu.db");
    (b, db)
}

fn rows(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

const PERIOD: [&str; 6] = [
    "--from",
    "2025-01-01",
    "--to",
    "2025-12-31",
    "--as-of",
    "2026-07-01",
];

#[test]
fn stats_xlsx_holds_money_as_numbers_and_the_totals_row() {
    let (b, db) = books_file(24);
    let out = b.dir.path().join("统计.xlsx");
    let mut args = vec!["stats", "--by", "industry", "--out", out.to_str().unwrap()];
    args.extend(PERIOD);
    cli::ok(&db, &args);
    let period = Period {
        from: Some(d("2025-01-01")),
        to: Some(d("2025-12-31")),
    };
    let as_of = d("2026-07-01");
    let rows = rows(&out);
    assert_eq!(rows[0][0], Data::String("按行业统计".into()));
    let row = |label: &str| {
        rows.iter()
            .find(|r| r[0] == Data::String(label.into()))
            .unwrap_or_else(|| panic!("{label} missing"))
            .clone()
    };
    let check = |label: &str, want: kehu::store::Figures| {
        let r = row(label);
        assert_eq!(r[1], Data::Float(want.customers as f64), "{label}");
        for (i, m) in [want.invoiced, want.received, want.receivable, want.overdue]
            .into_iter()
            .enumerate()
        {
            assert_eq!(
                r[2 + i],
                Data::Float(m.sheet_number()),
                "{label} column {}",
                2 + i
            );
        }
    };
    check(
        "制造业",
        books::expected(&b, period, as_of, |i| b.industry[i] == Some("制造业")),
    );
    check("合计", books::expected(&b, period, as_of, |_| true));
    // csv: BOM, the headers, money as plain numbers.
    let csv = b.dir.path().join("统计.csv");
    let mut args = vec!["stats", "--by", "活跃度", "--out", csv.to_str().unwrap()];
    args.extend(PERIOD);
    cli::ok(&db, &args);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("\u{FEFF}活跃度,客户数,本期开票,本期收款,应收余额,逾期金额"),
        "{text}"
    );
    assert!(text.contains("\n休眠,"), "{text}");
}

#[test]
fn customer_list_filters_by_activity_and_by_a_dimension() {
    let (b, db) = books_file(15);
    let today = chrono::Local::now().date_naive();
    let codes = |args: &[&str]| -> Vec<String> {
        let v = cli::json(&db, args);
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap().to_string())
            .collect()
    };
    let want: Vec<String> = (0..15)
        .filter(|i| Activity::of(books::last_invoice(&b, *i), today) == Activity::Never)
        .map(|i| b.codes[i].clone())
        .collect();
    assert!(!want.is_empty());
    let list = ["customer", "list", "--format", "json", "--class"];
    assert_eq!(codes(&[&list[..], &["activity=never"]].concat()), want);
    assert_eq!(codes(&[&list[..], &["活跃度=从未开票"]].concat()), want);
    let want: Vec<String> = (0..15)
        .filter(|i| b.industry[*i] == Some("批发零售"))
        .map(|i| b.codes[i].clone())
        .collect();
    assert_eq!(codes(&[&list[..], &["行业=批发零售"]].concat()), want);
    let bad = cli::kehu(&db, &["customer", "list", "--class", "activity"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("DIMENSION=VALUE"));
}

#[test]
fn ledger_search_prints_a_page_and_writes_all_to_a_file() {
    let (b, db) = books_file(12);
    let want: Vec<&books::Added> = b
        .entries
        .iter()
        .filter(|e| e.kind == "invoice" && e.date >= d("2025-01-01") && e.date <= d("2025-12-31"))
        .collect();
    let search = [
        "ledger",
        "search",
        "--type",
        "发票",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
    ];
    let page = cli::json(
        &db,
        &[&search[..], &["--limit", "3", "--format", "json"]].concat(),
    );
    assert_eq!(page.as_array().unwrap().len(), 3);
    let out = b.dir.path().join("账目.xlsx");
    cli::ok(
        &db,
        &[&search[..], &["--out", out.to_str().unwrap()]].concat(),
    );
    let rows = rows(&out);
    let total = rows
        .iter()
        .find(|r| r[0] == Data::String("合计".into()))
        .unwrap();
    let sum: i64 = want.iter().map(|e| e.fen).sum();
    assert_eq!(
        total[5],
        Data::Float(kehu::domain::Money::from_fen(sum).sheet_number())
    );
    assert_eq!(total[2], Data::String(format!("{} 笔", want.len())));
}

#[test]
fn stats_and_search_pdfs_carry_our_letterhead_the_table_and_the_totals() {
    if !pdf::ready("stats_pdf") {
        return;
    }
    let (b, db) = books_file(24);
    let out = b.dir.path().join("统计.pdf");
    let mut args = vec!["stats", "--by", "行业", "--out", out.to_str().unwrap()];
    args.extend(PERIOD);
    cli::ok(&db, &args);
    let period = Period {
        from: Some(d("2025-01-01")),
        to: Some(d("2025-12-31")),
    };
    let totals = books::expected(&b, period, d("2026-07-01"), |_| true);
    let text = pdf::text(&out);
    pdf::in_order(
        &text,
        &[
            pdf::COMPANY,
            "按行业统计",
            "2025-01-01 至 2025-12-31",
            "行业",
            "客户数",
            "逾期金额",
            "制造业",
            "批发零售",
            "（未分类）",
            "合计",
            &totals.invoiced.grouped(),
            &totals.overdue.grouped(),
            "第 1 页 / 共 1 页",
        ],
    );
    pdf::look(&out, "stats");
    let out = b.dir.path().join("账目.pdf");
    cli::ok(
        &db,
        &[
            "ledger",
            "search",
            "--type",
            "receipt",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let receipts: Vec<&books::Added> = b.entries.iter().filter(|e| e.kind == "receipt").collect();
    let sum: i64 = receipts.iter().map(|e| e.fen).sum();
    let text = pdf::text(&out);
    pdf::in_order(
        &text,
        &[
            pdf::COMPANY,
            "账目查询",
            "单据号",
            &receipts
                .iter()
                .min_by_key(|e| e.date)
                .unwrap()
                .date
                .to_string(),
            "合计",
            &format!("{} 笔", receipts.len()),
            &kehu::domain::Money::from_fen(sum).grouped(),
        ],
    );
    pdf::look(&out, "ledger_search");
}

/// An amount range typed the wrong way round (`500..100`) is refused with the
/// fix, not answered with an empty result that looks like "no such entries".
#[test]
fn a_reversed_amount_range_is_refused_with_the_fix() {
    let (b, db) = books_file(2);
    let out = cli::kehu(&db, &["ledger", "search", "--amount", "500..100"]);
    assert_eq!(out.status.code(), Some(1), "as any amount that is not one");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("500..100") && err.contains("100..500"),
        "{err}"
    );
    // Equal ends and open ends are fine.
    cli::ok(&db, &["ledger", "search", "--amount", "100..100"]);
    cli::ok(&db, &["ledger", "search", "--amount", "..100"]);
    drop(b);
}
