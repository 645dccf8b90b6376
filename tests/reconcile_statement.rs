//! The customer's statement through the import pipeline: real CSV and xlsx
//! files in their own layout, read, mapped, signed and matched against a
//! ledger on a real database file.

#[path = "support/recon.rs"]
mod recon;

use kehu::import::statement::prepare::{self, PrepareError, ReadRequest};
use kehu::import::statement::{self as statement, StatementField};
use kehu::reconcile::{Rule, SignConvention};
use kehu::store::SavedStatementMapping;
use recon::files::{Cell, huaqiang, write_csv};
use recon::*;

#[test]
fn the_sample_layout_is_read_with_title_opening_and_total_rows() {
    let b = books();
    for name in ["statement.csv", "statement.xlsx"] {
        let path = statement(b.dir.path(), name, false);
        let (source, layout) = statement::open(&path, None, None).unwrap();
        assert_eq!(layout.header_row, 5, "{name}");
        let m = statement::StatementMapping::auto(&layout.headers);
        // 发票号 (our invoice number) wins over their voucher number.
        assert_eq!(m.column_of(StatementField::Doc), Some(2), "{name}");
        let file = statement::read(&source, &layout, &m).unwrap();
        assert!(file.problems.is_empty(), "{name}: {:?}", file.problems);
        assert_eq!(file.rows.len(), 11, "{name}");
        let skipped: Vec<_> = file.skipped.iter().map(|s| (s.row, s.reason)).collect();
        assert_eq!(skipped, vec![(18, statement::SkipReason::Total)], "{name}");
        assert_eq!(file.opening.as_ref().unwrap().row, 6);
        assert_eq!(file.rows[0].row, 7);
        assert_eq!(file.rows[0].doc, "44031101");
        assert_eq!(
            file.date_range(),
            Some((day("2025-10-12"), day("2025-12-30")))
        );
        // The title line states the period (期间：2025年10月1日 至 2025年12月31日).
        assert_eq!(
            file.default_period(),
            Some((
                day("2025-10-01"),
                day("2025-12-31"),
                statement::PeriodSource::Title
            )),
            "{name}"
        );
        assert_eq!(file.file_hash.len(), 64);
    }
}

#[test]
fn the_sample_reconciles_with_its_three_differences() {
    let b = books();
    for name in ["s.csv", "s.xlsx"] {
        let p = prepared(&b, &statement(b.dir.path(), name, false));
        assert_eq!(p.sign, SignConvention::TheirCreditIsOurDebit, "{name}");
        assert!(p.sign_detected);
        let r = &p.reconciliation;
        assert_eq!(r.our_opening(), yuan("28600"), "{name}");
        assert_eq!(r.their_opening(), yuan("28600"), "{name}");
        assert_eq!(r.our_balance(), yuan("41350"), "{name}");
        assert_eq!(r.their_balance(), yuan("18900"), "{name}");
        assert_eq!(r.unexplained_difference(), yuan("-22450"), "{name}");
        assert_eq!(r.matched().len(), 8, "{name}");
        let group = r.matched().iter().find(|m| m.rule == Rule::Group).unwrap();
        assert_eq!(group.ours[0].doc, "SK20251210");
        assert_eq!(group.theirs.len(), 2);
        assert_eq!(r.only_ours()[0].doc, "44031106");
        assert_eq!(r.only_theirs()[0].id, 17, "their line is their row number");
        assert_eq!(r.amount_mismatch()[0].difference, yuan("-50"));
        assert!(p.theirs.balance_breaks.is_empty());
    }
}

#[test]
fn a_flipped_statement_is_detected_and_reads_the_same() {
    let b = books();
    let p = prepared(&b, &statement(b.dir.path(), "flipped.xlsx", true));
    assert_eq!(p.sign, SignConvention::Same);
    assert_eq!(p.reconciliation.their_balance(), yuan("18900"));
    assert_eq!(p.reconciliation.unexplained_difference(), yuan("-22450"));
}

#[test]
fn a_saved_mapping_fixes_the_sign_and_the_columns() {
    let mut b = books();
    let path = statement(b.dir.path(), "s.csv", false);
    let mut columns = SavedStatementMapping::default();
    // Their voucher number instead: nothing matches by document any more.
    columns.columns.insert("凭证号".into(), "doc".into());
    columns.columns.insert("发票号".into(), "".into());
    columns.sign = Some(SignConvention::Same);
    b.store.save_statement_mapping("华强", &columns).unwrap();
    let request = ReadRequest {
        path,
        mapping: Some("华强".into()),
        ..ReadRequest::default()
    };
    let file = prepare::read_statement(&b.store, &request).unwrap();
    assert_eq!(file.rows[0].doc, "记-0031");
    let period = prepare::period(&file, None, None).unwrap();
    let p = prepare::reconcile(&b.store, b.id, file, period, None, &Default::default()).unwrap();
    assert_eq!(p.sign, SignConvention::Same);
    assert!(!p.sign_detected);
    // Read the wrong way round, their balance comes out negated.
    assert_eq!(p.reconciliation.their_balance(), yuan("-18900"));
    assert_eq!(b.store.statement_mapping_names().unwrap(), vec!["华强"]);
    assert!(b.store.statement_mapping("无").is_err());
}

#[test]
fn a_shorter_period_folds_earlier_lines_into_their_opening() {
    let b = books();
    let request = ReadRequest {
        path: statement(b.dir.path(), "s.csv", false),
        ..ReadRequest::default()
    };
    let file = prepare::read_statement(&b.store, &request).unwrap();
    let period = prepare::period(&file, Some(day("2025-11-01")), Some(day("2025-11-30"))).unwrap();
    let p = prepare::reconcile(&b.store, b.id, file, period, None, &Default::default()).unwrap();
    assert_eq!(p.theirs.before, 3);
    assert_eq!(p.theirs.after, 5);
    // 28,600 + 36,160 − 28,600 + 12,800 on their side; 12,850 on ours.
    assert_eq!(p.reconciliation.their_opening(), yuan("48960"));
    assert_eq!(p.reconciliation.our_opening(), yuan("49010"));
    assert_eq!(p.theirs.lines.len(), 3);
}

#[test]
fn bad_rows_are_refused_naming_row_and_column() {
    let b = books();
    let mut rows = huaqiang();
    rows[7][0] = Cell::Text("2025-13-40");
    rows[9][5] = Cell::Text("五万八");
    rows[10][4] = Cell::Empty;
    let path = b.dir.path().join("bad.csv");
    write_csv(&path, &rows);
    let request = ReadRequest {
        path,
        ..ReadRequest::default()
    };
    let err = prepare::read_statement(&b.store, &request).unwrap_err();
    let PrepareError::Rows(problems) = &err else {
        panic!("{err}");
    };
    let found: Vec<(u64, &str, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.code))
        .collect();
    assert_eq!(
        found,
        vec![
            (8, "日期", "date.no_such_day"),
            (10, "贷方", "money.invalid"),
            (11, "借方/贷方", "statement.no_amount"),
        ]
    );
    let lines = err.lines(kehu::domain::Lang::Zh);
    assert!(lines[1].starts_with("第 10 行，贷方列："), "{lines:?}");
    assert!(!err.is_unreadable());
}

#[test]
fn a_file_without_amount_columns_is_unreadable() {
    let b = books();
    let path = b.dir.path().join("plain.csv");
    std::fs::write(&path, "日期,摘要\n2025-10-01,x\n").unwrap();
    let err = prepare::read_statement(
        &b.store,
        &ReadRequest {
            path,
            ..ReadRequest::default()
        },
    )
    .unwrap_err();
    assert!(err.is_unreadable(), "{err}");
    assert!(err.to_string().contains("amount"), "{err}");
}

#[test]
fn a_gbk_csv_from_an_older_excel_reads_the_same() {
    let b = books();
    let utf8 = statement(b.dir.path(), "utf8.csv", false);
    let text = std::fs::read_to_string(&utf8).unwrap();
    let (gbk, _, lossy) = encoding_rs::GBK.encode(text.trim_start_matches('\u{FEFF}'));
    assert!(!lossy);
    let path = b.dir.path().join("gbk.csv");
    std::fs::write(&path, &gbk).unwrap();
    let p = prepared(&b, &path);
    assert_eq!(p.file.rows.len(), 11);
    assert_eq!(p.file.rows[3].description, "收到发票 电源模块");
    assert_eq!(p.reconciliation.their_balance(), yuan("18900"));
}
