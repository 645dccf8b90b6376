//! Issue 2: 100,000 validated customers through the repository in one
//! transaction, side by side with a bare prepared-statement insert of the
//! same rows into the same schema. Goal: repository ≤ 1.5× bare.
//!
//! `cargo bench --bench customer_insert` (KEHU_BENCH_ROWS overrides 100000).

use std::time::{Duration, Instant};

use kehu::domain::field::FieldValues;
use kehu::store::Store;
use kehu::synth::customer_values;
use rusqlite::{Connection, params};

fn main() {
    let rows: u64 = std::env::var("KEHU_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let data: Vec<FieldValues> = (0..rows).map(customer_values).collect();
    let runs = 5;
    let (mut repo, mut bare) = (Vec::new(), Vec::new());
    let (mut repo_cpu, mut bare_cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let cpu = cpu_time();
        bare.push(bare_insert(&data));
        bare_cpu.push(cpu_time() - cpu);
        let cpu = cpu_time();
        repo.push(repository_insert(&data));
        repo_cpu.push(cpu_time() - cpu);
    }
    let (repo, bare) = (median(repo), median(bare));
    let (repo_cpu, bare_cpu) = (median(repo_cpu), median(bare_cpu));
    println!("customer insert, {rows} rows, one transaction, median of {runs} (wall / CPU):");
    println!(
        "  bare prepared insert   {:>7.0} ms / {:>7.0} ms  {:>7.0} rows/s",
        ms(bare),
        ms(bare_cpu),
        rows as f64 / bare.as_secs_f64()
    );
    println!(
        "  repository (validated) {:>7.0} ms / {:>7.0} ms  {:>7.0} rows/s",
        ms(repo),
        ms(repo_cpu),
        rows as f64 / repo.as_secs_f64()
    );
    println!(
        "  ratio repository/bare  {:>7.2}× / {:>7.2}×   (goal ≤ 1.50×)",
        repo.as_secs_f64() / bare.as_secs_f64(),
        repo_cpu.as_secs_f64() / bare_cpu.as_secs_f64()
    );
}

/// This process's user + system CPU time (Linux `/proc`; zero elsewhere).
/// Other work on a shared machine stretches wall time but not this.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of stat(5) (the text after the
    // name starts at field 3), in clock ticks (100 Hz).
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let ticks = tick(11) + tick(12);
    Duration::from_millis(ticks * 10)
}

fn repository_insert(data: &[FieldValues]) -> Duration {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("repo.db")).expect("open");
    let start = Instant::now();
    let mut bulk = store.bulk_insert().expect("bulk");
    for values in data {
        if let Err(checked) = bulk.insert(values).expect("insert") {
            panic!("synthetic row rejected: {}", checked.problems);
        }
    }
    bulk.commit().expect("commit");
    start.elapsed()
}

/// The floor: the same text bound straight into the same tables and indexes
/// (customer row + its two classification rows), no parsing, no checks, no
/// audit rows.
fn bare_insert(data: &[FieldValues]) -> Duration {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bare.db");
    drop(Store::open(&path).expect("create schema"));
    let mut conn = Connection::open(&path).expect("open");
    conn.pragma_update(None, "synchronous", "NORMAL")
        .expect("pragma");
    let start = Instant::now();
    let tx = conn.transaction().expect("tx");
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO customer (code, name, name_key, tax_id, contact, phone, mobile, email,
                 registered_address, bank_name, bank_account, invoice_type, tax_rate, settlement,
                 payment_days, credit_limit, status, created_at, updated_at)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 'active', ?16, ?16)",
            )
            .expect("prepare");
        let mut class = tx
            .prepare(
                "INSERT INTO customer_class (customer_id, dimension_id, value_id)
                 SELECT ?1, d.id, v.id FROM dimension d JOIN dimension_value v ON v.dimension_id = d.id
                 WHERE d.code = ?2 AND v.name = ?3",
            )
            .expect("prepare");
        let now = "2026-11-23T10:00:00+08:00";
        for (i, v) in data.iter().enumerate() {
            let f = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
            stmt.execute(params![
                format!("C{:06}", i + 1),
                f("name"),
                f("tax_id"),
                f("contact"),
                f("phone"),
                f("mobile"),
                f("email"),
                f("registered_address"),
                f("bank_name"),
                f("bank_account"),
                f("invoice_type"),
                f("tax_rate").trim_end_matches('%'),
                f("settlement"),
                f("payment_days"),
                f("credit_limit").replace('.', ""),
                now,
            ])
            .expect("insert");
            let id = tx.last_insert_rowid();
            class
                .execute(params![id, "industry", f("industry")])
                .expect("class");
            class
                .execute(params![id, "region", f("region")])
                .expect("class");
        }
    }
    tx.commit().expect("commit");
    start.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
