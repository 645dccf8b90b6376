//! Matching by hand, taking matches apart, notes, re-running.

use kehu::reconcile::{ItemKind, MatchOptions, Rule, Side};

use super::support::*;

/// Two of our invoices they booked as one line 5 days later, a receipt that
/// matches, an invoice they booked with another amount.
fn sample() -> kehu::reconcile::Reconciliation {
    let ours = lines(&[
        (1, "FP-1", "100.00"),
        (1, "FP-2", "200.00"),
        (3, "", "-50.00"),
        (8, "FP-3", "70.00"),
    ]);
    let theirs = lines(&[(9, "", "300.00"), (3, "", "-50.00"), (8, "FP-3", "75.00")]);
    run(&ours, &theirs)
}

#[test]
fn lines_matched_by_hand_leave_the_unmatched_buckets() {
    let mut r = sample();
    assert_eq!(ids(r.only_ours()), vec![0, 1]);
    r.match_by_hand(&[1, 0], &[0], None).unwrap();
    let m = r.matched().iter().find(|m| m.rule == Rule::Manual).unwrap();
    assert_eq!((ids(&m.ours), ids(&m.theirs)), (vec![0, 1], vec![0]));
    assert_eq!(m.confidence, 100);
    assert!(r.only_ours().is_empty() && r.only_theirs().is_empty());
    assert_each_line_once(&r, 4, 3);
}

#[test]
fn differing_sums_are_refused_without_a_note_and_nothing_changes() {
    let mut r = sample();
    let before = r.clone();
    let err = r.match_by_hand(&[3], &[2], None).unwrap_err();
    assert_eq!(err.code(), "reconcile.sums_differ");
    assert!(err.text().en.contains("70.00") && err.text().zh.contains("75.00"));
    assert_eq!(r, before);
    // A blank note is no note.
    assert!(r.match_by_hand(&[3], &[2], Some("  ")).is_err());
    assert_eq!(r, before);
}

#[test]
fn a_forced_match_carries_its_note_and_explains_its_difference() {
    let mut r = sample();
    r.match_by_hand(&[3], &[2], Some("运费 5 元由对方承担"))
        .unwrap();
    assert!(r.amount_mismatch().is_empty());
    let forced: Vec<_> = r
        .reconciling_items()
        .into_iter()
        .filter(|i| i.kind == ItemKind::ForcedMatch)
        .collect();
    assert_eq!(forced.len(), 1);
    assert_eq!(forced[0].effect, yuan("5.00"));
    assert_eq!(forced[0].note, Some("运费 5 元由对方承担"));
    assert_statement_adds_up(&r);
}

#[test]
fn our_own_lines_that_cancel_can_be_matched_together() {
    let ours = lines(&[(1, "FP-9", "400.00"), (2, "HZ-9", "-400.00")]);
    let mut r = run(&ours, &[]);
    r.match_by_hand(&[0, 1], &[], None).unwrap();
    assert!(r.only_ours().is_empty());
    assert!(r.closes());
}

#[test]
fn bad_selections_are_refused_with_the_reason() {
    let mut r = sample();
    let code = |r: &mut kehu::reconcile::Reconciliation, o: &[usize], t: &[usize]| {
        r.match_by_hand(o, t, Some("x")).unwrap_err().code()
    };
    assert_eq!(code(&mut r, &[], &[]), "reconcile.nothing_selected");
    assert_eq!(code(&mut r, &[0, 0], &[]), "reconcile.duplicate_id");
    assert_eq!(code(&mut r, &[9], &[]), "reconcile.unknown_line");
    // Our receipt 2 is already matched with their 1.
    assert_eq!(code(&mut r, &[2], &[]), "reconcile.already_matched");
    let err = r.match_by_hand(&[0], &[1], None).unwrap_err();
    assert_eq!(err.code(), "reconcile.already_matched");
    assert!(err.text().zh.contains("先取消匹配"));
}

#[test]
fn unmatch_returns_the_lines_and_does_not_match_them_again() {
    let mut r = sample();
    let taken = r.unmatch(Side::Theirs, 1).unwrap();
    assert_eq!(taken.rule, Rule::AmountAndDate);
    assert_eq!((ids(&taken.ours), ids(&taken.theirs)), (vec![2], vec![1]));
    // Same amount, same day: still apart, shown on each side.
    assert!(r.only_ours().iter().any(|l| l.id == 2));
    assert!(r.only_theirs().iter().any(|l| l.id == 1));
    assert_each_line_once(&r, 4, 3);
    assert_eq!(
        r.unmatch(Side::Ours, 2).unwrap_err().code(),
        "reconcile.not_matched"
    );
    assert_eq!(
        r.unmatch(Side::Ours, 99).unwrap_err().code(),
        "reconcile.unknown_line"
    );
}

#[test]
fn matching_one_line_of_a_mismatch_frees_the_other() {
    let mut r = sample();
    assert_eq!(r.amount_mismatch().len(), 1);
    // Our FP-3 was cancelled (作废): settle it on its own, with a note.
    r.match_by_hand(&[3], &[], Some("作废发票")).unwrap();
    assert!(r.amount_mismatch().is_empty());
    assert!(r.only_theirs().iter().any(|l| l.id == 2));
    assert_each_line_once(&r, 4, 3);
    assert_statement_adds_up(&r);
}

#[test]
fn rematch_with_another_tolerance_keeps_manual_matches_and_notes() {
    let ours = lines(&[
        (1, "", "-80.00"),
        (1, "FP-1", "10.00"),
        (2, "FP-2", "20.00"),
    ]);
    let theirs = lines(&[(6, "", "-80.00"), (2, "", "30.00")]);
    let mut r = run(&ours, &theirs);
    // 5 days apart: outside ±3; the 30 is a group of FP-1 + FP-2.
    assert_eq!(r.date_outside_tolerance().len(), 1);
    r.unmatch(Side::Theirs, 1).unwrap();
    r.match_by_hand(&[1], &[1], Some("对方合并入账，差额为 FP-2"))
        .unwrap();
    r.set_note(Side::Ours, 2, "待查").unwrap();

    r.rematch(&MatchOptions::default().with_tolerance(5))
        .unwrap();
    assert_eq!(r.options().tolerance_days, 5);
    assert!(r.date_outside_tolerance().is_empty());
    let rules: Vec<Rule> = r.matched().iter().map(|m| m.rule).collect();
    assert_eq!(rules, vec![Rule::AmountAndDate, Rule::Manual]);
    assert_eq!(r.note(Side::Ours, 2), Some("待查"));
    assert_eq!(ids(r.only_ours()), vec![2]);
    assert_each_line_once(&r, 3, 2);

    let bad = MatchOptions {
        group_candidates: 100,
        ..MatchOptions::default()
    };
    let before = r.clone();
    assert_eq!(r.rematch(&bad).unwrap_err().code(), "reconcile.bad_option");
    assert_eq!(r, before);
}

#[test]
fn notes_need_a_line_that_exists() {
    let mut r = sample();
    assert_eq!(
        r.set_note(Side::Theirs, 7, "x").unwrap_err().code(),
        "reconcile.unknown_line"
    );
    r.set_note(Side::Ours, 0, " 已电话确认 ").unwrap();
    assert_eq!(r.note(Side::Ours, 0), Some("已电话确认"));
    r.set_note(Side::Ours, 0, "改为邮件确认").unwrap();
    assert_eq!(r.notes().len(), 1);
}
