//! Properties over random statements.

use kehu::domain::Money;
use kehu::reconcile::{
    Line, MatchOptions, Reconciliation, Rule, Side, SignConvention, TheirAmount, doc_key,
    match_lines,
};
use proptest::prelude::*;

use super::support::*;

/// Documents as people write them, with blanks and the same number written
/// two ways, so buckets collide.
const DOCS: [&str; 9] = ["", "-", "FP-1", "fp1", "FP-2", "No.3", "３", "SK-9", "记-4"];
/// A few amounts often (crowded buckets), and sums of them (decoy groups).
const AMOUNTS: [i64; 8] = [10_000, 20_000, 30_000, -10_000, -30_000, 5_050, 15_050, 1];

fn rows() -> impl Strategy<Value = Vec<(i64, usize, i64)>> {
    let amount = prop_oneof![
        3 => prop::sample::select(AMOUNTS.to_vec()),
        1 => -50_000i64..50_000,
    ];
    prop::collection::vec((0i64..30, 0..DOCS.len(), amount), 0..40)
}

fn to_lines(rows: &[(i64, usize, i64)]) -> Vec<Line> {
    rows.iter()
        .enumerate()
        .map(|(id, &(d, doc, fen))| Line {
            id,
            date: day(d),
            doc: DOCS[doc].to_owned(),
            description: format!("行 {id}"),
            amount: Money::from_fen(fen),
        })
        .collect()
}

/// A deterministic shuffle (Fisher–Yates on a xorshift).
fn shuffled<T>(mut v: Vec<T>, seed: u64) -> Vec<T> {
    let mut s = seed | 1;
    for i in (1..v.len()).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        v.swap(i, (s % (i as u64 + 1)) as usize);
    }
    v
}

fn options() -> impl Strategy<Value = MatchOptions> {
    (0u32..6, 0usize..6, 2usize..12, 1usize..3000).prop_map(|(tol, group, cands, budget)| {
        MatchOptions {
            tolerance_days: tol,
            max_group: group,
            group_candidates: cands,
            group_search_budget: budget,
            group_search_per_line: budget / 3 + 1,
        }
    })
}

fn check_invariants(r: &Reconciliation, ours: usize, theirs: usize) {
    assert_each_line_once(r, ours, theirs);
    assert_statement_adds_up(r);
    for m in r.matched().iter().filter(|m| m.rule != Rule::Manual) {
        assert_eq!(m.difference(), Money::ZERO, "automatic matches agree");
    }
    let text = serde_json::to_string(r).unwrap();
    let back: Reconciliation = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, r, "JSON round trip");
}

#[derive(Clone, Debug)]
enum Op {
    Unmatch(Side, usize),
    ByHand(Vec<usize>, Vec<usize>, bool),
    Note(Side, usize),
    Rematch(u32),
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    let side = prop_oneof![Just(Side::Ours), Just(Side::Theirs)];
    let ids = || prop::collection::vec(0usize..40, 0..3);
    let op = prop_oneof![
        (side.clone(), 0usize..40).prop_map(|(s, i)| Op::Unmatch(s, i)),
        (ids(), ids(), any::<bool>()).prop_map(|(o, t, f)| Op::ByHand(o, t, f)),
        (side, 0usize..40).prop_map(|(s, i)| Op::Note(s, i)),
        (0u32..8).prop_map(Op::Rematch),
    ];
    prop::collection::vec(op, 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Their statement made from our ledger with nothing changed — shuffled,
    /// renumbered, through their sign convention and back — matches every
    /// line one to one and leaves no difference.
    #[test]
    fn an_unchanged_statement_matches_everything(
        rows in rows(),
        seed in any::<u64>(),
        same in any::<bool>(),
    ) {
        let convention = if same { SignConvention::Same } else { SignConvention::TheirCreditIsOurDebit };
        let ours = to_lines(&rows);
        let theirs: Vec<Line> = shuffled(ours.clone(), seed)
            .into_iter()
            .enumerate()
            .map(|(id, mut l)| {
                let raw = TheirAmount::Signed(convention.to_their_signed(l.amount).unwrap());
                l.amount = convention.to_ours(raw).unwrap();
                l.id = id;
                l
            })
            .collect();
        let r = match_lines(&ours, &theirs, &MatchOptions::default()).unwrap();
        prop_assert_eq!(r.matched().len(), ours.len());
        for m in r.matched() {
            prop_assert_eq!((m.ours.len(), m.theirs.len()), (1, 1));
            prop_assert_eq!(doc_key(&m.ours[0].doc), doc_key(&m.theirs[0].doc));
            prop_assert_eq!(m.ours[0].date, m.theirs[0].date);
        }
        prop_assert!(r.only_ours().is_empty() && r.only_theirs().is_empty());
        prop_assert!(r.amount_mismatch().is_empty() && r.date_outside_tolerance().is_empty());
        prop_assert_eq!(r.our_balance(), r.their_balance());
        prop_assert_eq!(r.unexplained_difference(), Money::ZERO);
        prop_assert!(r.closes());
    }

    /// Whatever the statements, options and manual operations: every line is
    /// in exactly one bucket, the statement adds up, the JSON round-trips.
    #[test]
    fn every_line_is_in_exactly_one_bucket(
        ours in rows(),
        theirs in rows(),
        opts in options(),
        ops in ops(),
    ) {
        let (ours, theirs) = (to_lines(&ours), to_lines(&theirs));
        let mut r = match_lines(&ours, &theirs, &opts).unwrap();
        check_invariants(&r, ours.len(), theirs.len());
        for op in ops {
            // Refusals are fine; they must leave a whole value behind.
            let _ = match op {
                Op::Unmatch(side, id) => r.unmatch(side, id).map(|_| ()),
                Op::ByHand(o, t, forced) => r.match_by_hand(&o, &t, forced.then_some("手工")),
                Op::Note(side, id) => r.set_note(side, id, "说明"),
                Op::Rematch(tol) => r.rematch(&opts.with_tolerance(tol)),
            };
            check_invariants(&r, ours.len(), theirs.len());
        }
    }

    /// The answer depends on the lines, not on the order they come in.
    #[test]
    fn input_order_does_not_matter(
        ours in rows(),
        theirs in rows(),
        opts in options(),
        seed in any::<u64>(),
    ) {
        let (ours, theirs) = (to_lines(&ours), to_lines(&theirs));
        let a = match_lines(&ours, &theirs, &opts).unwrap();
        let b = match_lines(&shuffled(ours, seed), &shuffled(theirs, seed ^ 0xABCD), &opts).unwrap();
        prop_assert_eq!(a, b);
    }
}
