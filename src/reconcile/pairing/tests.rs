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

fn sorted(out: &[Pair]) -> Vec<(usize, usize, u64)> {
    let mut v: Vec<_> = out.iter().map(|p| (p.ours, p.theirs, p.days)).collect();
    v.sort_unstable();
    v
}

fn pair(ours: &[Slot], theirs: &[Slot], max: Option<u64>) -> Vec<(usize, usize, u64)> {
    let mut out = Vec::new();
    pair_nearest(ours, theirs, max, &mut out);
    sorted(&out)
}

/// Stage 1 alone, as positions.
fn nearest_first_only(
    ours: &[Slot],
    theirs: &[Slot],
    max: Option<u64>,
) -> Vec<(usize, usize, u64)> {
    let mut p = Pairing::new(ours, theirs);
    p.nearest_first(max);
    sorted(&p.pairs().collect::<Vec<_>>())
}

/// The definition of stage 1: every candidate pair sorted by (days, our day,
/// their day, our id, their id), taken greedily.
fn greedy_definition(ours: &[Slot], theirs: &[Slot], max: Option<u64>) -> Vec<(usize, usize, u64)> {
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

/// Size of a maximum matching within `max` days, by plain augmenting paths.
fn maximum(ours: &[Slot], theirs: &[Slot], max: u64) -> usize {
    fn try_pair(
        o: usize,
        ours: &[Slot],
        theirs: &[Slot],
        max: u64,
        seen: &mut [bool],
        holder: &mut [usize],
    ) -> bool {
        for t in 0..theirs.len() {
            if ours[o].day.abs_diff(theirs[t].day) <= max && !seen[t] {
                seen[t] = true;
                if holder[t] == NONE || try_pair(holder[t], ours, theirs, max, seen, holder) {
                    holder[t] = o;
                    return true;
                }
            }
        }
        false
    }
    let mut holder = vec![NONE; theirs.len()];
    (0..ours.len())
        .filter(|&o| {
            try_pair(
                o,
                ours,
                theirs,
                max,
                &mut vec![false; theirs.len()],
                &mut holder,
            )
        })
        .count()
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
fn a_chain_is_re_paired_so_nothing_is_stranded() {
    // Ours 10, 13; theirs 13, 16. Nearest first pairs 13–13 and strands 10
    // and 16 (6 apart); re-pairing gives 10–13 and 13–16, both within 3.
    let ours = slots(&[(10, 0), (13, 1)]);
    let theirs = slots(&[(13, 0), (16, 1)]);
    assert_eq!(nearest_first_only(&ours, &theirs, Some(3)), vec![(1, 0, 0)]);
    assert_eq!(pair(&ours, &theirs, Some(3)), vec![(0, 0, 3), (1, 1, 3)]);
    // Without a limit nearest first already pairs everything.
    assert_eq!(pair(&ours, &theirs, None), vec![(0, 1, 6), (1, 0, 0)]);
}

#[test]
fn a_lagging_week_keeps_every_pair() {
    // They book each of our daily receipts one day later.
    let ours: Vec<(i64, usize)> = (0..7).map(|d| (d, d as usize)).collect();
    let theirs: Vec<(i64, usize)> = (0..7).map(|d| (d + 1, d as usize)).collect();
    let out = pair(&slots(&ours), &slots(&theirs), Some(1));
    assert_eq!(out.len(), 7);
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
fn a_large_crowded_bucket_stays_fast_and_complete() {
    // 50,000 lines a side on 10 days, theirs one day later: all-pairs would be
    // 2.5e9 candidates; the chain search runs out of steps and the in-order
    // pairing takes over.
    let ours: Vec<(i64, usize)> = (0..50_000).map(|i| ((i % 10) as i64, i)).collect();
    let theirs: Vec<(i64, usize)> = (0..50_000).map(|i| ((i % 10) as i64 + 1, i)).collect();
    let out = pair(&slots(&ours), &slots(&theirs), Some(3));
    assert_eq!(out.len(), 50_000);
    assert!(out.iter().all(|&(_, _, d)| d <= 3));
}

#[test]
fn outward_walks_nearest_first_and_earlier_on_ties() {
    let days = [1, 4, 5, 5, 6, 9];
    let order: Vec<usize> = outward(days.len(), 5, 3, |i| days[i]).collect();
    // Day 5 (both), then 4 before 6, then 9 is 4 away: out.
    assert_eq!(order, vec![2, 3, 1, 4]);
    assert_eq!(outward(0, 5, 3, |_| 0).count(), 0);
}

proptest! {
    #[test]
    fn nearest_first_is_the_greedy_definition_and_the_result_is_maximum(
        ours in prop::collection::vec(0i64..15, 0..12),
        theirs in prop::collection::vec(0i64..15, 0..12),
        max in prop::option::of(0u64..6),
    ) {
        // Ids unique per side, as the engine guarantees, in a shuffled order.
        let with_ids = |days: Vec<i64>| -> Vec<(i64, usize)> {
            days.into_iter().enumerate().map(|(i, d)| (d, i * 7 % 40)).collect()
        };
        let (o, t) = (slots(&with_ids(ours)), slots(&with_ids(theirs)));
        prop_assert_eq!(nearest_first_only(&o, &t, max), greedy_definition(&o, &t, max));
        let result = pair(&o, &t, max);
        prop_assert_eq!(result.len(), maximum(&o, &t, max.unwrap_or(u64::MAX)));
        prop_assert!(result.iter().all(|&(_, _, d)| max.is_none_or(|m| d <= m)));
        let mut seen_o: Vec<usize> = result.iter().map(|r| r.0).collect();
        let mut seen_t: Vec<usize> = result.iter().map(|r| r.1).collect();
        seen_o.sort_unstable();
        seen_o.dedup();
        seen_t.sort_unstable();
        seen_t.dedup();
        prop_assert_eq!((seen_o.len(), seen_t.len()), (result.len(), result.len()));
    }
}
