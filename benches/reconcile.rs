//! Issue 6: 100,000 of our lines against 100,000 of theirs with 2%
//! differences (missing lines, changed amounts, dates shifted past the
//! tolerance, split payments, extra lines), auto-matched. Goal ≤ 1 s and
//! ≤ 200 MB; printed beside the floor, a bare hash join of the same lines on
//! (document, amount) (FLOORS.md: 57 ms).
//!
//! `cargo bench --bench reconcile` (KEHU_BENCH_ROWS overrides 100000).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use kehu::reconcile::synth::statement_pair;
use kehu::reconcile::{Line, MatchOptions, Rule, match_lines};

fn main() {
    let rows: usize = std::env::var("KEHU_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let started = Instant::now();
    let pair = statement_pair(rows, 20, 42);
    let generated = started.elapsed();
    let data_peak = peak_mib();
    let planted = pair.planted;

    let runs = 5;
    let mut floor = Vec::new();
    let mut engine = Vec::new();
    let mut last = None;
    // Peak RSS is measured over the matching alone when the kernel lets us
    // reset the high-water mark; otherwise it includes generation.
    let reset = reset_peak();
    for _ in 0..runs {
        let (time, hits) = hash_join(&pair.ours, &pair.theirs);
        floor.push((time, hits));
        // One result alive at a time, as in the program.
        drop(last.take());
        let start = Instant::now();
        let r = match_lines(&pair.ours, &pair.theirs, &MatchOptions::default())
            .expect("synthetic lines are valid");
        engine.push(start.elapsed());
        last = Some(r);
    }
    let whole_peak = peak_mib();
    let r = last.expect("at least one run");
    floor.sort();
    engine.sort();
    let (floor_time, hits) = floor[runs / 2];
    let engine_time = engine[runs / 2];

    println!(
        "reconcile, {} ours vs {} theirs, {planted:?}, median of {runs}:",
        pair.ours.len(),
        pair.theirs.len()
    );
    println!("  generate statements      {:>8.0} ms", ms(generated));
    println!(
        "  hash join (doc, amount)  {:>8.0} ms   (FLOORS.md floor 57 ms; {hits} hits as written)",
        ms(floor_time)
    );
    println!(
        "  match_lines, 4 passes    {:>8.0} ms   (goal ≤ 1000 ms; {:.1}× the join)",
        ms(engine_time),
        engine_time.as_secs_f64() / floor_time.as_secs_f64()
    );
    println!(
        "  peak RSS                 {:>8.0} MiB  (goal ≤ 200 MB; data alone {data_peak:.0} MiB{})",
        whole_peak,
        if reset {
            ", peak reset before matching"
        } else {
            ""
        }
    );
    // The worst case: their statement read with the wrong sign convention, so
    // nearly nothing matches one to one and every line is a group target.
    let flipped: Vec<Line> = pair
        .theirs
        .iter()
        .map(|l| Line {
            amount: kehu::domain::Money::from_fen(-l.amount.fen()),
            ..l.clone()
        })
        .collect();
    let start = Instant::now();
    let wrong = match_lines(&pair.ours, &flipped, &MatchOptions::default())
        .expect("synthetic lines are valid");
    let wrong_time = start.elapsed();
    println!(
        "  wrong sign convention    {:>8.0} ms   ({} matched, group steps {}{})",
        ms(wrong_time),
        wrong.matched().len(),
        wrong.group_search().steps,
        if wrong.group_search().exhausted {
            ", budget spent"
        } else {
            ""
        },
    );
    drop(wrong);
    let count = |rule| r.matched().iter().filter(|m| m.rule == rule).count();
    println!(
        "  found: doc+amount {}, amount+date {}, groups {} (planted {}), amount mismatch {} ({}), \
         date outside {} ({}), only ours {} ({}), only theirs {} ({}); group steps {}{}",
        count(Rule::DocAndAmount),
        count(Rule::AmountAndDate),
        count(Rule::Group),
        planted.split,
        r.amount_mismatch().len(),
        planted.changed_amount,
        r.date_outside_tolerance().len(),
        planted.shifted_far,
        r.only_ours().len(),
        planted.missing,
        r.only_theirs().len(),
        planted.extra,
        r.group_search().steps,
        if r.group_search().exhausted {
            " (budget spent)"
        } else {
            ""
        },
    );
}

/// The floor: index theirs by (document, amount) as written, probe with ours.
/// Their documents are written their way ("FP-123" for our "FP00000123"), so
/// the bare join pairs almost nothing: it is the cost of one hashed pass, and
/// normalising is the engine's work.
fn hash_join(ours: &[Line], theirs: &[Line]) -> (Duration, usize) {
    let start = Instant::now();
    let mut index: HashMap<(&str, i64), Vec<usize>> = HashMap::with_capacity(theirs.len());
    for l in theirs {
        index
            .entry((&l.doc, l.amount.fen()))
            .or_default()
            .push(l.id);
    }
    let hits = ours
        .iter()
        .filter(|l| index.contains_key(&(l.doc.as_str(), l.amount.fen())))
        .count();
    (start.elapsed(), hits)
}

/// VmHWM of this process in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0).
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
