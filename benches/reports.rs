//! Issue 15: `stats` over 1,000,000 entries ≤ 300 ms and `ledger search`
//! over 1,000,000 entries by period and type ≤ 100 ms, on a real database
//! file: 10,000 synthetic customers (industries from `synth`), 100 entries
//! each over three years (half invoices, receipts allocated as they come).
//!
//! Measured in the store (the figures, no printing) and as whole CLI
//! processes of the release binary, interleaved; the floor beside them is
//! the one aggregate query over the same index range.
//!
//! `cargo bench --bench reports` (KEHU_BENCH_ENTRIES 1000000,
//! KEHU_BENCH_CUSTOMERS 10000, KEHU_BENCH_RUNS 7).

use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use kehu::domain::Money;
use kehu::domain::date::iso;
use kehu::domain::ledger::{EntryInput, EntryKind};
use kehu::store::{AddOptions, CreditCheck, Page, Period, SearchFilter, Store};
use kehu::synth::customer_values;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn build(path: &std::path::Path, customers: u64, entries: u64) {
    let mut store = Store::open(path).expect("open");
    let mut bulk = store.bulk_insert().expect("bulk");
    let mut codes = Vec::new();
    for i in 0..customers {
        let (c, _) = bulk
            .insert(&customer_values(i))
            .expect("insert")
            .expect("valid");
        codes.push(c.data.code);
    }
    bulk.commit().expect("commit");
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    let mut ledger = store.ledger_bulk(CreditCheck::Skip).expect("ledger");
    let per = entries / customers.max(1);
    // Customer by customer, dates rising, as an import of a ledger would come.
    for (c, code) in codes.iter().enumerate() {
        // Every 25th customer stopped buying after the first year (dormant).
        let span = if c % 25 == 0 { 365 } else { 1095 };
        for k in 0..per {
            let n = c as u64 * per + k;
            let kind = match n % 10 {
                0..=4 => "invoice",
                5..=8 => "receipt",
                _ => "prepayment",
            };
            let input = EntryInput {
                kind: kind.into(),
                date: iso(first + Days::new(k * span / per.max(1))),
                doc_no: format!("D{n:08}"),
                amount: Money::from_fen(10_000 + (n as i64 * 7919) % 5_000_000).to_string(),
                due_date: String::new(),
                memo: String::new(),
            };
            ledger
                .add(code, &input, &AddOptions::default())
                .expect("add")
                .expect("valid");
        }
    }
    ledger.commit().expect("commit");
}

fn main() {
    let entries = env("KEHU_BENCH_ENTRIES", 1_000_000);
    let customers = env("KEHU_BENCH_CUSTOMERS", 10_000);
    let runs = env("KEHU_BENCH_RUNS", 7).max(1);
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let path = dir.path().join("reports.db");
    let start = Instant::now();
    build(&path, customers, entries);
    println!(
        "built {entries} entries for {customers} customers in {:?}",
        start.elapsed()
    );
    let store = Store::open(&path).expect("reopen");
    let today = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
    let year = Period {
        from: NaiveDate::from_ymd_opt(2025, 1, 1),
        to: NaiveDate::from_ymd_opt(2025, 12, 31),
    };
    let industry = store.class_by("industry").expect("industry");
    let activity = store.class_by("activity").expect("activity");
    let search = SearchFilter {
        period: year,
        kind: Some(EntryKind::Invoice),
        ..SearchFilter::default()
    };
    println!("search plan (period + type):");
    for line in store.search_plan(&search).expect("plan") {
        println!("  {line}");
    }
    let first_page = Page {
        limit: Some(100),
        offset: 0,
    };
    let kehu = env!("CARGO_BIN_EXE_kehu");
    let cli = |args: &[&str]| {
        let start = Instant::now();
        let out = Command::new(kehu)
            .arg("--db")
            .arg(&path)
            .args(args)
            .env("KEHU_OPERATOR", "bench")
            .output()
            .expect("kehu");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        start.elapsed()
    };
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    let mut t: [Vec<Duration>; 8] = Default::default();
    for _ in 0..runs {
        t[0].push(time(&|| {
            let s = store.stats(&industry, year, today).expect("stats");
            assert_eq!(s.totals.customers, customers);
        }));
        t[1].push(time(&|| {
            store.stats(&activity, year, today).expect("stats");
        }));
        t[2].push(time(&|| {
            let n: i64 = store.search_floor(&year).expect("floor");
            assert!(n > 0);
        }));
        t[3].push(time(&|| {
            let hits = store.search_ledger(&search, first_page).expect("search");
            assert_eq!(hits.len(), 100);
        }));
        t[4].push(time(&|| {
            store.count_ledger(&search).expect("count");
        }));
        t[5].push(cli(&[
            "stats",
            "--by",
            "industry",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
        ]));
        t[6].push(cli(&[
            "ledger",
            "search",
            "--type",
            "invoice",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--limit",
            "100",
        ]));
        t[7].push(cli(&[
            "customer",
            "list",
            "--class",
            "activity=dormant",
            "--format",
            "csv",
        ]));
    }
    let [a, b, c, d, e, f, g, h] = t.map(median);
    println!("medians of {runs} interleaved runs, {entries} entries:");
    println!("  stats by industry, a year (store)      {a:?}   (goal ≤ 300 ms)");
    println!("  stats by activity, a year (store)      {b:?}");
    println!("  floor: one SUM over the year's invoices {c:?}");
    println!("  ledger search, period + type, first 100 (store) {d:?}   (goal ≤ 100 ms)");
    println!("  ledger search count of all matches (store)      {e:?}");
    println!("  kehu stats --by industry (process)     {f:?}");
    println!("  kehu ledger search … --limit 100 (process) {g:?}");
    println!("  kehu customer list --class activity=dormant (process) {h:?}");
}
