//! The statement row classifier: rows of cells under a statement header
//! (日期/凭证号/摘要/借方/贷方/方向/余额 and the other layouts) turned into
//! lines, the opening row, totals skipped and problems naming row and column.
//!
//! Input: text; its first byte picks a header layout (or, for the last
//! choice, the first line is the header); lines are rows, tabs split cells;
//! a first line `#map <spec>` is passed as `--map`.
#![no_main]

use kehu::domain::Money;
use kehu::import::statement::StatementFile;
use kehu::import::statement::prepare::{ReadRequest, read_with};
use kehu::reconcile::SignConvention;
use libfuzzer_sys::fuzz_target;

const LAYOUTS: &[&[&str]] = &[
    &["日期", "凭证号", "摘要", "借方", "贷方", "余额"],
    &[
        "日期",
        "凭证字号",
        "摘要",
        "借方金额",
        "贷方金额",
        "方向",
        "余额",
    ],
    &["单据日期", "单据编号", "摘要", "金额"],
    &[
        "Date",
        "Doc no.",
        "Description",
        "Debit",
        "Credit",
        "Balance",
    ],
    &["业务日期", "发票号", "摘要", "借方", "贷方", "方向", "余额"],
];

/// The classifier under test. Today: the statement read as the CLI and the
/// TUI read it (header detection, mapping, every row classified). Swap this
/// one call for the row classifier's own entry when it has one.
fn classify(rows: &[Vec<String>], map: Option<&str>) -> Option<StatementFile> {
    let request = ReadRequest {
        path: write_csv(rows),
        map: map.map(str::to_string),
        ..ReadRequest::default()
    };
    read_with(&request, None).ok()
}

fn write_csv(rows: &[Vec<String>]) -> std::path::PathBuf {
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    for row in rows {
        out.write_record(row).expect("write to memory");
    }
    let bytes = out.into_inner().expect("flush to memory");
    kehu_fuzz::input_file("statement.csv", &bytes)
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut lines = text.split('\n').peekable();
    let map = lines
        .next_if(|l| l.starts_with("#map "))
        .map(|l| l.trim_start_matches("#map ").to_string());
    let mut rows: Vec<Vec<String>> = Vec::new();
    if let Some(layout) = LAYOUTS.get(usize::from(choice) % (LAYOUTS.len() + 1)) {
        rows.push(layout.iter().map(|h| h.to_string()).collect());
    }
    rows.extend(lines.map(|l| l.split('\t').map(str::to_string).collect()));
    let Some(file) = classify(&rows, map.as_deref()) else {
        return;
    };
    check(&file);
});

/// What holds of any statement read without errors.
fn check(file: &StatementFile) {
    assert!(!file.has_errors(), "a statement with errors was accepted");
    assert!(
        !file.rows.is_empty(),
        "a statement without lines was accepted"
    );
    let mut last = file.header_row;
    for row in &file.rows {
        assert!(row.row > last, "line row {} after row {last}", row.row);
        last = row.row;
    }
    if let Some(opening) = &file.opening {
        assert!(opening.row > file.header_row);
        assert!(opening.row < file.rows[0].row, "opening row after a line");
    }
    let Some((from, to)) = file.date_range() else {
        panic!("lines without a date range");
    };
    assert!(from <= to);
    let _ = file.raw_amounts();
    for sign in [SignConvention::TheirCreditIsOurDebit, SignConvention::Same] {
        if let Ok(side) = file.their_side(sign, from, to, Money::ZERO) {
            assert_eq!(side.lines.len() + side.before + side.after, file.rows.len());
        }
    }
}
