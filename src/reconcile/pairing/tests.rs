use proptest::prelude::*;

use super::*;

fn slots(days_ids: &[(i64, usize)]) -> Vec<Slot> {
    let mut v: Vec<Slot> = days_ids
        .iter()
        .enumerate()
        .map(|(pos, &(day, id))| Slot { day, id, pos })
        .collect();
    v.sort_unstable();
    v
}

fn pair(ours: &[Slot], theirs: &[Slot], max: Option<u64>) -> Vec<(usize, usize, u64)> {
    let mut out = Vec::new();
    pair_nearest(ours, theirs, max, &mut out);
    let mut v: Vec<_> = out.iter().map(|p| (p.ours, p.theirs, p.days)).collect();
    v.sort_unstable();
    v
}

/// The definition: every candidate pair sorted by (days, our day, their day,
/// our id, their id), taken greedily.
fn brute_force(ours: &[Slot], theirs: &[Slot], max: Option<u64>) -> Vec<(usize, usize, u64)> {
    let mut candidates = Vec::new();
    for o in ours {
        for t in theirs {
            let days = o.day.abs_diff(t.day);
            if max.is_none_or(|m| days <= m) {
                candidates.push((days, o.day, t.day, o.id, t.id, o.pos, t.pos));
            }
        }
    }
    candidates.sort_unstable();
    let (mut used_o, mut used_t) = (vec![false; ours.len()], vec![false; theirs.len()]);
    let mut out = Vec::new();
    for (days, _, _, _, _, o, t) in candidates {
        if !used_o[o] && !used_t[t] {
            used_o[o] = true;
            used_t[t] = true;
            out.push((o, t, days));
        }
    }
    out.sort_unstable();
    out
}

#[test]
fn nearest_date_wins_and_ties_go_to_the_earlier_date() {
    // Ours on day 10; theirs on days 8 and 12 (both 2 away) and 14.
    let ours = slots(&[(10, 0)]);
    let theirs = slots(&[(14, 0), (12, 1), (8, 2)]);
    assert_eq!(pair(&ours, &theirs, Some(3)), vec![(0, 2, 2)]);
}

#[test]
fn same_day_lines_pair_in_id_order() {
    let ours = slots(&[(5, 7), (5, 3)]);
    let theirs = slots(&[(5, 9), (5, 1), (5, 4)]);
    // Our id 3 (pos 1) takes their id 1 (pos 1); our id 7 (pos 0) their id 4 (pos 2).
    assert_eq!(pair(&ours, &theirs, Some(0)), vec![(0, 2, 0), (1, 1, 0)]);
}

#[test]
fn a_greedy_nearest_pair_can_leave_the_farther_one_out() {
    // Ours 10, 13; theirs 13, 16: 13–13 pairs first, 10–16 is 6 days apart.
    let ours = slots(&[(10, 0), (13, 1)]);
    let theirs = slots(&[(13, 0), (16, 1)]);
    assert_eq!(pair(&ours, &theirs, Some(3)), vec![(1, 0, 0)]);
    assert_eq!(pair(&ours, &theirs, None), vec![(0, 1, 6), (1, 0, 0)]);
}

#[test]
fn the_tolerance_boundary_is_inclusive() {
    let ours = slots(&[(10, 0)]);
    assert_eq!(pair(&ours, &slots(&[(13, 0)]), Some(3)), vec![(0, 0, 3)]);
    assert_eq!(pair(&ours, &slots(&[(7, 0)]), Some(3)), vec![(0, 0, 3)]);
    assert!(pair(&ours, &slots(&[(14, 0)]), Some(3)).is_empty());
    assert!(pair(&ours, &slots(&[(6, 0), (14, 1)]), Some(3)).is_empty());
}

#[test]
fn a_large_crowded_bucket_stays_fast() {
    // 50,000 lines a side on 10 days: all-pairs would be 2.5e9 candidates.
    let ours: Vec<(i64, usize)> = (0..50_000).map(|i| ((i % 10) as i64, i)).collect();
    let theirs: Vec<(i64, usize)> = (0..50_000).map(|i| ((i % 10) as i64 + 1, i)).collect();
    let out = pair(&slots(&ours), &slots(&theirs), Some(3));
    // Days 1..=9 pair on the same day; our day 0 and their day 10 are 10 apart.
    assert_eq!(out.len(), 45_000);
    assert!(out.iter().all(|&(_, _, d)| d == 0));
    assert_eq!(pair(&slots(&ours), &slots(&theirs), None).len(), 50_000);
}

proptest! {
    #[test]
    fn matches_the_greedy_definition(
        ours in prop::collection::vec((0i64..15, 0usize..40), 0..12),
        theirs in prop::collection::vec((0i64..15, 0usize..40), 0..12),
        max in prop::option::of(0u64..6),
    ) {
        // Ids unique per side, as the engine guarantees.
        let uniq = |v: Vec<(i64, usize)>| -> Vec<(i64, usize)> {
            v.into_iter().enumerate().map(|(i, (d, _))| (d, i * 7 % 40)).collect()
        };
        let (o, t) = (slots(&uniq(ours)), slots(&uniq(theirs)));
        prop_assert_eq!(pair(&o, &t, max), brute_force(&o, &t, max));
    }
}
