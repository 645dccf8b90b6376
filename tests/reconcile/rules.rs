//! Passes 1, 2 and 4: document and amount, amount and date, what is left.

use kehu::reconcile::{MatchOptions, Rule, match_lines};

use super::support::*;

#[test]
fn same_document_written_differently_and_same_amount_match_first() {
    let ours = lines(&[(1, "FP-000123", "1000.00")]);
    // Their copy of the invoice is 20 days later and full-width; a stranger of
    // the same amount sits on the very day of ours.
    let theirs = lines(&[(21, "ｆｐ１２３", "1000.00"), (1, "记-7", "1000.00")]);
    let r = run(&ours, &theirs);
    assert_eq!(matched_ids(&r), vec![(vec![0], vec![0])]);
    assert_eq!(r.matched()[0].rule, Rule::DocAndAmount);
    // Beyond the tolerance the document still carries it, a little less surely.
    assert_eq!(r.matched()[0].confidence, 90);
    assert_eq!(ids(r.only_theirs()), vec![1]);
    assert_each_line_once(&r, 1, 2);
}

#[test]
fn document_match_within_tolerance_is_certain() {
    let r = run(
        &lines(&[(5, "No.00042", "88.80")]),
        &lines(&[(6, "#42", "88.80")]),
    );
    assert_eq!(r.matched()[0].rule, Rule::DocAndAmount);
    assert_eq!(r.matched()[0].confidence, 100);
}

#[test]
fn a_repeated_document_pairs_nearest_dates_first() {
    // The same monthly contract number on two invoices of the same amount.
    let ours = lines(&[(1, "HT-9", "500.00"), (31, "HT-9", "500.00")]);
    let theirs = lines(&[(33, "HT9", "500.00"), (2, "ht9", "500.00")]);
    let r = run(&ours, &theirs);
    assert_eq!(
        matched_ids(&r),
        vec![(vec![0], vec![1]), (vec![1], vec![0])]
    );
}

#[test]
fn amount_and_date_at_exactly_the_tolerance_match() {
    for their_day in [7, 13] {
        let r = run(
            &lines(&[(10, "", "-500.00")]),
            &lines(&[(their_day, "", "-500.00")]),
        );
        assert_eq!(matched_ids(&r), vec![(vec![0], vec![0])], "day {their_day}");
        assert_eq!(r.matched()[0].rule, Rule::AmountAndDate);
        assert!(r.date_outside_tolerance().is_empty());
    }
}

#[test]
fn one_day_past_the_tolerance_is_a_date_difference() {
    for (their_day, apart) in [(6, -4), (14, 4)] {
        let r = run(
            &lines(&[(10, "", "-500.00")]),
            &lines(&[(their_day, "", "-500.00")]),
        );
        assert!(r.matched().is_empty(), "day {their_day}");
        let pairs = r.date_outside_tolerance();
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].days_apart, apart);
        assert_eq!(pairs[0].difference, yuan("0"));
        assert!(r.closes(), "same amount: the balances agree");
    }
}

#[test]
fn a_wider_tolerance_takes_the_shifted_line() {
    let ours = lines(&[(10, "", "-500.00")]);
    let theirs = lines(&[(14, "", "-500.00")]);
    let opts = MatchOptions::default().with_tolerance(4);
    let r = match_lines(&ours, &theirs, &opts).unwrap();
    assert_eq!(r.matched()[0].rule, Rule::AmountAndDate);
    let opts = MatchOptions::default().with_tolerance(0);
    let r = match_lines(&ours, &theirs, &opts).unwrap();
    assert!(r.matched().is_empty());
}

#[test]
fn equal_amounts_compete_nearest_then_earlier_then_lower_id() {
    // One of ours, three of theirs: 2 days before, 2 days after, 1 day after.
    let ours = lines(&[(10, "", "800.00")]);
    let theirs = lines(&[(8, "", "800.00"), (12, "", "800.00"), (11, "", "800.00")]);
    assert_eq!(matched_ids(&run(&ours, &theirs)), vec![(vec![0], vec![2])]);

    // Equally near on both sides: the earlier date wins.
    let theirs = lines(&[(12, "", "800.00"), (8, "", "800.00")]);
    assert_eq!(matched_ids(&run(&ours, &theirs)), vec![(vec![0], vec![1])]);

    // Two of ours equally near one of theirs: our earlier date wins.
    let ours = lines(&[(11, "", "800.00"), (9, "", "800.00")]);
    let theirs = lines(&[(10, "", "800.00")]);
    let r = run(&ours, &theirs);
    assert_eq!(matched_ids(&r), vec![(vec![1], vec![0])]);
    assert_eq!(ids(r.only_ours()), vec![0]);

    // Same dates everywhere: lower ids pair first.
    let ours = lines(&[(10, "", "800.00"), (10, "", "800.00")]);
    let theirs = lines(&[(10, "", "800.00")]);
    let r = run(&ours, &theirs);
    assert_eq!(matched_ids(&r), vec![(vec![0], vec![0])]);
    // A contested amount is less sure than a lone one on the same day.
    let lone = run(&lines(&[(10, "", "800.00")]), &theirs);
    assert!(r.matched()[0].confidence < lone.matched()[0].confidence);
}

#[test]
fn same_document_with_another_amount_is_a_mismatch_not_a_stranger_match() {
    let ours = lines(&[(3, "FP-1", "1000.00")]);
    // Their invoice FP1 says 1,200; a payment of 1,000 the same day must not
    // be taken for our invoice.
    let theirs = lines(&[(3, "No.FP1", "1200.00"), (3, "记-5", "1000.00")]);
    let r = run(&ours, &theirs);
    assert!(r.matched().is_empty());
    let mismatch = r.amount_mismatch();
    assert_eq!(mismatch.len(), 1);
    assert_eq!((mismatch[0].ours.id, mismatch[0].theirs.id), (0, 0));
    assert_eq!(mismatch[0].difference, yuan("200.00"));
    assert_eq!(ids(r.only_theirs()), vec![1]);
    assert_each_line_once(&r, 1, 2);
}

#[test]
fn after_documents_settle_a_spared_line_still_matches_by_amount() {
    // Ours FP-1 appears twice (1,000, and 300 weeks later); theirs has FP-1 at
    // 1,300 and a 300 payment: the mismatch takes the nearest FP-1, then the
    // 300 is free to match by amount.
    let ours = lines(&[(3, "FP-1", "1000.00"), (20, "FP-1", "300.00")]);
    let theirs = lines(&[(3, "FP-1", "1300.00"), (20, "", "300.00")]);
    let r = run(&ours, &theirs);
    assert_eq!(r.amount_mismatch().len(), 1);
    assert_eq!(r.amount_mismatch()[0].ours.id, 0);
    assert_eq!(matched_ids(&r), vec![(vec![1], vec![1])]);
    assert_eq!(r.matched()[0].rule, Rule::AmountAndDate);
}

#[test]
fn the_rest_is_only_ours_or_only_theirs() {
    let ours = lines(&[(1, "FP-1", "100.00"), (2, "", "-50.00")]);
    let theirs = lines(&[(4, "X-9", "70.00")]);
    let r = run(&ours, &theirs);
    assert_eq!(ids(r.only_ours()), vec![0, 1]);
    assert_eq!(ids(r.only_theirs()), vec![0]);
    assert!(r.matched().is_empty() && r.amount_mismatch().is_empty());
}

#[test]
fn blank_documents_never_match_by_document() {
    // Blank and "-" both mean "no number": these meet as same amount only,
    // 30 days apart.
    let r = run(&lines(&[(1, "", "10.00")]), &lines(&[(31, "-", "10.00")]));
    assert!(r.matched().is_empty());
    assert_eq!(r.date_outside_tolerance().len(), 1);
}

#[test]
fn repeated_ids_and_bad_options_are_refused() {
    let ours = vec![line(3, 1, "", "1.00"), line(3, 2, "", "2.00")];
    let err = match_lines(&ours, &[], &MatchOptions::default()).unwrap_err();
    assert_eq!(err.code(), "reconcile.duplicate_id");
    assert!(err.text().zh.contains("第 3 行"));

    let opts = MatchOptions {
        max_group: 11,
        ..MatchOptions::default()
    };
    let err = match_lines(&[], &[], &opts).unwrap_err();
    assert_eq!(err.code(), "reconcile.bad_option");
    assert!(err.text().en.contains("max_group"));
}

#[test]
fn totals_too_large_are_refused_not_overflowed() {
    let big = kehu::domain::Money::from_fen(i64::MAX - 5);
    let mut ours = vec![line(0, 1, "", "1.00")];
    ours[0].amount = big;
    let mut theirs = vec![line(0, 1, "", "1.00")];
    theirs[0].amount = big;
    let err = match_lines(&ours, &theirs, &MatchOptions::default()).unwrap_err();
    assert_eq!(err.code(), "reconcile.too_large");
}
