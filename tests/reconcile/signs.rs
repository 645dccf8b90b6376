//! Their statement's sign: converting, detecting, and refusing overflow.

use kehu::domain::Money;
use kehu::reconcile::{SignConvention, TheirAmount, detect_sign_convention};

use super::support::*;

const DEFAULT: SignConvention = SignConvention::TheirCreditIsOurDebit;

fn dc(debit: &str, credit: &str) -> TheirAmount {
    TheirAmount::DebitCredit {
        debit: yuan(debit),
        credit: yuan(credit),
    }
}

#[test]
fn their_credit_is_our_debit_by_default() {
    assert_eq!(SignConvention::default(), DEFAULT);
    // Their 贷方 1,000: they received our invoice, they owe us more.
    assert_eq!(DEFAULT.to_ours(dc("0", "1000")).unwrap(), yuan("1000"));
    // Their 借方 600: they paid us.
    assert_eq!(DEFAULT.to_ours(dc("600", "0")).unwrap(), yuan("-600"));
    assert_eq!(DEFAULT.to_ours(dc("100", "250")).unwrap(), yuan("150"));
    // A signed column is debit-positive: -1,000 is a credit.
    let signed = |s| TheirAmount::Signed(yuan(s));
    assert_eq!(DEFAULT.to_ours(signed("-1000")).unwrap(), yuan("1000"));
    assert_eq!(DEFAULT.to_ours(signed("600")).unwrap(), yuan("-600"));
}

#[test]
fn same_convention_keeps_the_sign() {
    let same = SignConvention::Same;
    assert_eq!(same.to_ours(dc("1000", "0")).unwrap(), yuan("1000"));
    assert_eq!(same.to_ours(dc("0", "600")).unwrap(), yuan("-600"));
    assert_eq!(
        same.to_ours(TheirAmount::Signed(yuan("-5"))).unwrap(),
        yuan("-5")
    );
}

#[test]
fn to_their_signed_round_trips_both_ways() {
    for convention in [DEFAULT, SignConvention::Same] {
        for amount in ["1234.56", "-0.01", "0"] {
            let ours = yuan(amount);
            let theirs = convention.to_their_signed(ours).unwrap();
            let back = convention.to_ours(TheirAmount::Signed(theirs)).unwrap();
            assert_eq!(back, ours, "{convention:?} {amount}");
        }
    }
    assert_eq!(DEFAULT.to_their_signed(yuan("10")).unwrap(), yuan("-10"));
}

#[test]
fn figures_that_do_not_fit_are_refused() {
    let min = TheirAmount::Signed(Money::from_fen(i64::MIN));
    assert_eq!(
        DEFAULT.to_ours(min).unwrap_err().code(),
        "reconcile.too_large"
    );
    let wide = TheirAmount::DebitCredit {
        debit: Money::from_fen(i64::MIN),
        credit: Money::from_fen(i64::MAX),
    };
    assert!(SignConvention::Same.to_ours(wide).is_err());
    assert!(DEFAULT.to_ours(wide).is_err());
}

#[test]
fn detection_picks_the_convention_whose_totals_are_closer() {
    let ours = lines(&[(1, "FP-1", "1000"), (2, "FP-2", "500"), (5, "SK-1", "-300")]);
    // Their columns as their payables ledger shows them.
    let theirs = [dc("0", "1000"), dc("0", "500"), dc("300", "0")];
    assert_eq!(detect_sign_convention(&ours, &theirs), DEFAULT);
    // The same statement with debit and credit the other way round.
    let flipped = [dc("1000", "0"), dc("500", "0"), dc("0", "300")];
    assert_eq!(
        detect_sign_convention(&ours, &flipped),
        SignConvention::Same
    );
    // Signed columns too; one missing line does not change the answer.
    let signed = [
        TheirAmount::Signed(yuan("-1000")),
        TheirAmount::Signed(yuan("300")),
    ];
    assert_eq!(detect_sign_convention(&ours, &signed), DEFAULT);
}

#[test]
fn totals_that_net_to_zero_fall_back_to_matching_amounts() {
    // Our movements cancel: either sign is as far from 0, so totals cannot tell.
    let ours = lines(&[(1, "", "700"), (2, "", "-400"), (3, "", "-300")]);
    let theirs = [dc("0", "700"), dc("400", "0")];
    assert_eq!(detect_sign_convention(&ours, &theirs), DEFAULT);
    let flipped = [dc("700", "0"), dc("0", "400")];
    assert_eq!(
        detect_sign_convention(&ours, &flipped),
        SignConvention::Same
    );
    // Both ways equally good: the default stays.
    let even = [dc("0", "700"), dc("0", "300")];
    assert_eq!(detect_sign_convention(&ours, &even), DEFAULT);
    assert_eq!(detect_sign_convention(&[], &[]), DEFAULT);
}

#[test]
fn a_statement_far_from_ours_either_way_still_gets_the_nearer_sign() {
    let ours = lines(&[(1, "", "250")]);
    // Their 借方 99: −99 by default (349 from ours), +99 the same way (151).
    assert_eq!(
        detect_sign_convention(&ours, &[dc("99", "0")]),
        SignConvention::Same
    );
    assert_eq!(detect_sign_convention(&ours, &[dc("0", "99")]), DEFAULT);
}

#[test]
fn matching_amounts_outvote_totals_skewed_by_a_few_differences() {
    // Our movements net to +12,750; theirs, read by default, to −9,700 (a
    // payment we have not received and an invoice they have not): the
    // flipped reading's total is nearer, but their lines are ours by default.
    let ours = lines(&[
        (9, "44031101", "36160"),
        (15, "SK1", "-28600"),
        (23, "44031102", "12850"),
        (37, "44031103", "58200"),
        (43, "SK2", "-36160"),
        (51, "HZ1", "-3200"),
        (59, "44031104", "25400"),
        (71, "SK3", "-80400"),
        (79, "44031105", "18900"),
        (90, "44031106", "9600"),
    ]);
    let theirs = [
        dc("0", "36160"),
        dc("28600", "0"),
        dc("0", "12800"),
        dc("0", "58200"),
        dc("36160", "0"),
        dc("3200", "0"),
        dc("0", "25400"),
        dc("55000", "0"),
        dc("25400", "0"),
        dc("0", "18900"),
        dc("12800", "0"),
    ];
    assert_eq!(detect_sign_convention(&ours, &theirs), DEFAULT);
    let flipped: Vec<TheirAmount> = theirs
        .iter()
        .map(|t| match *t {
            TheirAmount::DebitCredit { debit, credit } => TheirAmount::DebitCredit {
                debit: credit,
                credit: debit,
            },
            other => other,
        })
        .collect();
    assert_eq!(
        detect_sign_convention(&ours, &flipped),
        SignConvention::Same
    );
}
