//! Balances and the reconciliation statement (余额调节表).

use kehu::reconcile::{ItemKind, Side};

use super::support::*;

fn sample() -> kehu::reconcile::Reconciliation {
    let ours = lines(&[
        (1, "FP-1", "1000.00"), // matched
        (2, "FP-2", "2000.00"), // they booked 1,800
        (3, "FP-3", "500.00"),  // not on their statement
        (4, "", "-300.00"),     // receipt they booked 10 days later
    ]);
    let theirs = lines(&[
        (1, "FP1", "1000.00"),
        (2, "FP2", "1800.00"),
        (14, "", "-300.00"),
        (6, "记-9", "-50.00"), // a deduction we have not booked
    ]);
    run(&ours, &theirs)
        .with_openings(yuan("10000.00"), yuan("10000.00"))
        .unwrap()
}

#[test]
fn balances_are_opening_plus_every_line() {
    let r = sample();
    assert_eq!(r.our_balance(), yuan("13200.00"));
    assert_eq!(r.their_balance(), yuan("12450.00"));
    assert_eq!(r.difference(), yuan("-750.00"));
}

#[test]
fn every_difference_is_an_item_and_the_statement_adds_up() {
    let r = sample();
    let items = r.reconciling_items();
    let kinds: Vec<(ItemKind, i64)> = items.iter().map(|i| (i.kind, i.effect.fen())).collect();
    assert_eq!(
        kinds,
        vec![
            (ItemKind::OnlyOurs, -50_000),
            (ItemKind::OnlyTheirs, -5_000),
            (ItemKind::AmountMismatch, -20_000),
            (ItemKind::DateOutsideTolerance, 0),
        ]
    );
    assert_statement_adds_up(&r);
    assert_eq!(r.unexplained_difference(), yuan("-750.00"));
    assert!(!r.closes());
}

#[test]
fn notes_explain_differences_until_it_closes() {
    let mut r = sample();
    r.set_note(Side::Ours, 2, "发票在途，对方下月入账").unwrap();
    assert_eq!(r.unexplained_difference(), yuan("-250.00"));
    // A note on either line of a pair explains the pair.
    r.set_note(Side::Theirs, 1, "对方按折让后金额入账").unwrap();
    assert_eq!(r.unexplained_difference(), yuan("-50.00"));
    r.set_note(Side::Theirs, 3, "银行手续费").unwrap();
    assert_eq!(r.unexplained_difference(), yuan("0"));
    assert!(r.closes());
    // The balances themselves do not change: notes explain, they do not adjust.
    assert_eq!(r.difference(), yuan("-750.00"));
    // Removing a note brings its difference back.
    r.set_note(Side::Theirs, 3, "  ").unwrap();
    assert_eq!(r.unexplained_difference(), yuan("-50.00"));
    assert_eq!(r.note(Side::Theirs, 3), None);
    assert_eq!(r.note(Side::Ours, 2), Some("发票在途，对方下月入账"));
}

#[test]
fn different_openings_are_an_item_of_their_own() {
    let r = run(
        &lines(&[(1, "FP-1", "10.00")]),
        &lines(&[(1, "FP-1", "10.00")]),
    );
    let mut r = r.with_openings(yuan("100.00"), yuan("130.00")).unwrap();
    let items = r.reconciling_items();
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0].kind, items[0].effect),
        (ItemKind::Opening, yuan("30.00"))
    );
    assert_eq!(r.unexplained_difference(), yuan("30.00"));
    assert_statement_adds_up(&r);
    r.set_opening_note("上期未达账项");
    assert!(r.closes());
    assert_eq!(r.opening_note(), Some("上期未达账项"));
}

#[test]
fn openings_that_overflow_are_refused() {
    let r = run(&lines(&[(1, "", "10.00")]), &[]);
    let huge = kehu::domain::Money::from_fen(i64::MAX);
    assert_eq!(
        r.with_openings(huge, huge).unwrap_err().code(),
        "reconcile.too_large"
    );
}
