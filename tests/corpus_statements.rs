//! The statement corpus (tests/corpus/statements): customers' 往来对账单 in the
//! shapes their software exports and people type, each read as the CLI
//! reads it and compared with NAME.expect.json beside it (written from the
//! layout by make_statements.py, not from kehu's output).

use std::path::{Path, PathBuf};

use kehu::domain::Money;
use kehu::import::statement::{self as statement, StatementMapping};
use kehu::reconcile::{SignConvention, TheirAmount};
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/statements")
}

/// Σ debit − credit as read, debit-positive.
fn net_debit(file: &statement::StatementFile) -> Money {
    let fen = file
        .rows
        .iter()
        .map(|r| match r.raw {
            TheirAmount::Signed(m) => m.fen(),
            TheirAmount::DebitCredit { debit, credit } => debit.fen() - credit.fen(),
        })
        .sum();
    Money::from_fen(fen)
}

/// What the expectation file says, next to what was read, as comparable JSON.
fn actual(path: &Path) -> Value {
    let (source, layout) = statement::open(path, None, None).expect("opens");
    let mapping = StatementMapping::auto(&layout.headers);
    mapping.validate().expect("maps");
    let file = statement::read(&source, &layout, &mapping).expect("reads");
    let period = file.default_period();
    let (from, to) = period.map_or((None, None), |(f, t, _)| (Some(f), Some(t)));
    let side = match (from, to) {
        (Some(f), Some(t)) => file
            .their_side(SignConvention::TheirCreditIsOurDebit, f, t, Money::ZERO)
            .ok(),
        _ => None,
    };
    let closing_agrees = side
        .as_ref()
        .and_then(|s| s.closing_check)
        .map(|c| c.agrees());
    serde_json::json!({
        "header_row": file.header_row,
        "lines": file.rows.len(),
        "net_debit": net_debit(&file).to_string(),
        "opening_row": file.opening.as_ref().map(|o| o.row),
        "closing_row": file.closing.as_ref().map(|c| c.row),
        "closing_agrees": closing_agrees,
        "period": period.map(|(f, t, _)| vec![f.to_string(), t.to_string()]),
        "period_source": period.map(|(_, _, s)| s.key()),
        "skipped": file.skipped.iter().map(|s| serde_json::json!([s.row, s.reason.key()])).collect::<Vec<_>>(),
        "problems": file.problems.iter().map(|p| serde_json::json!([p.row, p.code])).collect::<Vec<_>>(),
    })
}

#[test]
fn every_statement_in_the_corpus_reads_as_expected() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            !name.ends_with(".expect.json") && !name.ends_with(".py")
        })
        .collect();
    names.sort();
    assert!(names.len() >= 18, "the corpus has {} files", names.len());
    let mut failures = Vec::new();
    for path in &names {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expect_path = corpus().join(format!("{stem}.expect.json"));
        let text = std::fs::read_to_string(&expect_path)
            .unwrap_or_else(|_| panic!("{} has no {stem}.expect.json", path.display()));
        let expected: Value = serde_json::from_str(&text).unwrap();
        let got = actual(path);
        for (key, want) in expected.as_object().unwrap() {
            if &got[key] != want {
                failures.push(format!(
                    "{}: {key}: expected {want}, read {}",
                    path.file_name().unwrap().to_string_lossy(),
                    got[key]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_classifier_reads_rows_of_text_without_a_file() {
    let rows: Vec<Vec<String>> = [
        vec!["应付账款明细账"],
        vec!["期间：2026年7月1日 至 2026年9月30日"],
        vec!["日期", "凭证号", "摘要", "借方", "贷方", "方向", "余额"],
        vec!["", "", "期初余额", "", "", "贷", "100.00"],
        vec![
            "2026-07-05",
            "记-1",
            "收到发票 00381276",
            "",
            "50.00",
            "贷",
            "150.00",
        ],
        vec!["", "", "本期合计", "", "50.00", "贷", "150.00"],
        vec!["", "", "期末余额", "", "", "贷", "150.00"],
        vec!["经核对，以上余额相符"],
        vec!["对账人：", "", "", "单位盖章："],
    ]
    .iter()
    .map(|r| r.iter().map(|c| c.to_string()).collect())
    .collect();
    let s = statement::classify_cells(&rows).unwrap();
    assert_eq!(s.header_row, 3);
    let p = s.period.unwrap();
    assert_eq!(
        (p.from.to_string(), p.to.to_string()),
        ("2026-07-01".into(), "2026-09-30".into())
    );
    let c = s.classified;
    assert_eq!(c.rows.len(), 1);
    assert_eq!(c.opening.unwrap().row, 4);
    assert_eq!(c.closing.unwrap().row, 7);
    let skipped: Vec<(u64, &str)> = c.skipped.iter().map(|s| (s.row, s.reason.key())).collect();
    assert_eq!(skipped, vec![(6, "total"), (8, "footer"), (9, "footer")]);
    assert!(c.problems.is_empty());
    // A total that is not the sum of the lines above it is a warning.
    let mut wrong = rows.clone();
    wrong[5][4] = "60.00".into();
    let c = statement::classify_cells(&wrong).unwrap().classified;
    let found: Vec<(u64, &str)> = c.problems.iter().map(|p| (p.row, p.code)).collect();
    assert_eq!(found, vec![(6, "statement.total_differs")]);
    // Rubbish in, no panic out.
    assert!(statement::classify_cells(&[]).is_none());
    assert!(
        statement::classify_cells(&[
            vec!["日期".into(), "余额".into()],
            vec!["(".into(), "¥".into()]
        ])
        .is_some()
    );
}

mod rubbish {
    use kehu::import::statement;
    use proptest::prelude::*;

    /// Cells built from the pieces statements are made of, in any order.
    fn cell() -> impl Strategy<Value = String> {
        let pieces = [
            "",
            "日期",
            "摘要",
            "借方",
            "贷方",
            "方向",
            "余额",
            "金额",
            "凭证号",
            "期初余额",
            "期末余额",
            "本期合计",
            "承前页",
            "过次页",
            "经核对，以上余额相符",
            "2026-07-05",
            "2026年7月",
            "期间：",
            "至",
            "2026.07.01-2026.09.30",
            "贷",
            "借",
            "平",
            "(1,130.00)",
            "¥11,300.00",
            "-5",
            "0",
            "9223372036854775807",
            "-9223372036854775808",
            "记-12",
            "00381276",
            "２０２６",
            "年第三季度",
        ];
        proptest::collection::vec(proptest::sample::select(pieces.to_vec()), 0..3)
            .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_rows_classify_without_a_panic(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..8), 0..14)
        ) {
            if let Some(s) = statement::classify_cells(&rows) {
                let c = s.classified;
                // Every row below the header is in exactly one place, or blank.
                let placed = c.rows.len()
                    + c.skipped.len()
                    + usize::from(c.opening.is_some())
                    + usize::from(c.closing.is_some());
                prop_assert!(placed <= rows.len());
            }
        }
    }
}
