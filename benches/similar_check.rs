//! Issue 12: the form's duplicate/similar-name check at 1,000,000 customers,
//! the scan of every name key against the name index (`domain/name_index.rs`)
//! installed by the TUI, side by side in one run, with the FLOORS.md floor for
//! an in-memory substring search over 1M names (3.6–8.8 ms). Goal ≤ 20 ms.
//!
//! `cargo bench --bench similar_check` (KEHU_BENCH_ROWS overrides 1000000,
//! KEHU_BENCH_RUNS the runs per probe, default 3).

use std::time::{Duration, Instant};

use kehu::domain::field::FieldValues;
use kehu::store::Store;
use kehu::synth::customer_values;

#[path = "support/memory.rs"]
mod memory;
use memory::rss_kib;

fn main() {
    let rows: u64 = env("KEHU_BENCH_ROWS", 1_000_000);
    let runs = env("KEHU_BENCH_RUNS", 3) as usize;
    // Kept under target/ between runs: a million rows take minutes to write.
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("similar-check-{rows}.db"));
    let fill = Instant::now();
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial).expect("open");
        let mut bulk = store.bulk_insert().expect("bulk");
        for i in 0..rows {
            if let Err(checked) = bulk.insert(&customer_values(i)).expect("insert") {
                panic!("synthetic row rejected: {}", checked.problems);
            }
        }
        bulk.commit().expect("commit");
        drop(store);
        std::fs::rename(&partial, &path).expect("rename");
    }
    println!(
        "similar-name check, {rows} customers ({:.1} s to create the database)",
        fill.elapsed().as_secs_f64()
    );

    let name = |i: u64| customer_values(i)["name"].clone();
    let existing = name(rows / 2);
    let changed: String = {
        // One character of an existing name replaced: an edit-distance hit.
        let mut chars: Vec<char> = name(rows / 3).chars().collect();
        let at = chars.len() / 2;
        chars[at] = '某';
        chars.into_iter().collect()
    };
    // A new brand in the commonest shape (city, trade, legal form, branch):
    // similar to nothing, yet sharing most bigrams with a great many keys.
    let new_brand: String = {
        let chars: Vec<char> = name(rows - 1).chars().collect();
        let mut out: String = chars[..3].iter().collect();
        out.push_str("甲乙丙丁");
        out.extend(&chars[6..]);
        out
    };
    let fragment: String = name(rows / 4).chars().skip(3).take(5).collect();
    let probes = [
        ("an existing name", existing),
        ("one character changed", changed),
        ("a piece of a name", fragment),
        ("new brand, common shape", new_brand),
        (
            "a name no one has",
            "乌鲁木齐市某某某某商贸有限责任公司".to_string(),
        ),
        ("a short name", "华强".to_string()),
    ];

    let scan_store = Store::open(&path).expect("open");
    let indexed = Store::open(&path).expect("open");
    let rss_before = rss_kib();
    let build_start = Instant::now();
    let index = indexed.build_similar_index().expect("index");
    let build = build_start.elapsed();
    let bytes = index.heap_bytes();
    indexed.install_similar_index(index);
    let rss_growth = rss_kib().saturating_sub(rss_before);
    println!(
        "  index build {:>8.1} ms, heap {:>6.1} MiB, RSS growth {:>6.1} MiB (built once by a worker)",
        ms(build),
        bytes as f64 / 1_048_576.0,
        rss_growth as f64 / 1024.0
    );
    println!(
        "  {:<24} {:>10} {:>10} {:>8}   goal ≤ 20 ms (floor: in-memory substring search 3.6–8.8 ms)",
        "probe", "scan", "index", "found"
    );
    for (label, probe) in &probes {
        let values: FieldValues = [("name".to_string(), probe.clone())].into_iter().collect();
        let mut scans = Vec::new();
        let mut hits = Vec::new();
        let mut found = (0, 0);
        for _ in 0..runs {
            // Interleaved, so drift on this shared machine hits both alike.
            let t = Instant::now();
            let a = scan_store.check_customer(&values, None).expect("scan");
            scans.push(t.elapsed());
            let t = Instant::now();
            let b = indexed.check_customer(&values, None).expect("index");
            hits.push(t.elapsed());
            found = (a.similar.len(), b.similar.len());
            assert_eq!(
                a.similar, b.similar,
                "the index must find what the scan finds ({label})"
            );
        }
        println!(
            "  {:<24} {:>7.1} ms {:>7.2} ms {:>8}",
            label,
            ms(median(scans)),
            ms(median(hits)),
            found.1
        );
        let _ = found.0;
    }
}

fn env(key: &str, default: u64) -> u64 {
    std::env::var(key)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}
