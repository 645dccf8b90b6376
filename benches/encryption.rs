//! Issue 14: what encryption at rest costs, plain vs SQLCipher side by side in
//! one run (interleaved, medians): a 1,000,000-row customer import (the
//! release binary, as a user runs it), opening the TUI list at 100,000
//! customers (start → whole list loaded), and all balances and full aging at
//! 1,000,000 ledger entries. Goal: encrypted ≤ 1.3× plain.
//!
//! `cargo bench --bench encryption` (KEHU_BENCH_ROWS 1000000,
//! KEHU_BENCH_LIST 100000, KEHU_BENCH_ENTRIES 1000000, KEHU_BENCH_RUNS 3).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use kehu::domain::date::iso;
use kehu::domain::ledger::EntryInput;
use kehu::domain::{Lang, Money};
use kehu::store::encryption;
use kehu::store::{AddOptions, CreditCheck, Store};
use kehu::synth::customer_values;
use kehu::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use zeroize::Zeroizing;

const KEY: &str = "benchmark passphrase";

fn main() {
    let rows = env("KEHU_BENCH_ROWS", 1_000_000);
    let list = env("KEHU_BENCH_LIST", 100_000);
    let entries = env("KEHU_BENCH_ENTRIES", 1_000_000);
    let runs = env("KEHU_BENCH_RUNS", 3).max(1) as usize;
    let dir = tempfile::tempdir().expect("temp dir");
    let kehu = env!("CARGO_BIN_EXE_kehu");

    let csv = dir.path().join("customers.csv");
    write_csv(&csv, rows);
    println!("encryption at rest: plain vs SQLCipher, {runs} runs interleaved, medians");

    // 1. Import through the binary into a fresh database, plain or encrypted.
    let mut import = [Vec::new(), Vec::new()];
    for run in 0..runs {
        for (side, encrypted) in [(0, false), (1, true)] {
            let db = dir.path().join(format!("import-{run}-{side}.db"));
            new_db(kehu, &db, encrypted);
            let start = Instant::now();
            let out = cli(kehu, &db, encrypted)
                .args(["import", csv.to_str().expect("path"), "--format", "json"])
                .output()
                .expect("kehu import");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            import[side].push(start.elapsed());
            remove_db(&db);
        }
    }
    report(&format!("import {rows} customers (CLI)"), &import);

    // A whole CLI command on a small database: process start, opening and,
    // encrypted, deriving the key (once per process).
    let small = [
        dir.path().join("small-plain.db"),
        dir.path().join("small-enc.db"),
    ];
    new_db(kehu, &small[0], false);
    new_db(kehu, &small[1], true);
    let mut command = [Vec::new(), Vec::new()];
    for _ in 0..runs.max(5) {
        for (side, db) in small.iter().enumerate() {
            let start = Instant::now();
            let out = cli(kehu, db, side == 1)
                .args(["settings", "credit-ceiling"])
                .output()
                .expect("kehu");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            command[side].push(start.elapsed());
        }
    }
    // Not one of the three: the passphrase's key derivation is a
    // fixed cost per process, slow on purpose (it is what makes guessing
    // the passphrase slow), paid once however large the database.
    report_as(
        "a CLI command (key derived once per process)",
        &command,
        "fixed cost of the KDF, not in the goal",
    );

    // 2. The TUI list at `list` customers: start → first frame → whole list.
    let plain = dir.path().join("list-plain.db");
    let secret = dir.path().join("list-encrypted.db");
    encryption::remember_key(&secret, Zeroizing::new(KEY.to_string()));
    for db in [&plain, &secret] {
        fill_customers(db, list);
    }
    assert!(encryption::is_encrypted(&secret) && !encryption::is_encrypted(&plain));
    let mut first = [Vec::new(), Vec::new()];
    let mut whole = [Vec::new(), Vec::new()];
    for _ in 0..runs {
        for (side, db) in [(0, &plain), (1, &secret)] {
            let start = Instant::now();
            let store = Store::open(db).expect("open");
            let mut app = App::new(store, Options::new(Lang::Zh)).expect("app");
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal.draw(|f| app.render(f)).expect("draw");
            first[side].push(start.elapsed());
            app.wait_until_loaded();
            terminal.draw(|f| app.render(f)).expect("draw");
            whole[side].push(start.elapsed());
        }
    }
    report(&format!("TUI list at {list}: first frame"), &first);
    report(&format!("TUI list at {list}: whole list loaded"), &whole);

    // 3. Balances and aging at `entries` ledger entries.
    let plain = dir.path().join("ledger-plain.db");
    let secret = dir.path().join("ledger-encrypted.db");
    encryption::remember_key(&secret, Zeroizing::new(KEY.to_string()));
    for db in [&plain, &secret] {
        fill_ledger(db, 10_000, entries);
    }
    let as_of = NaiveDate::from_ymd_opt(2024, 12, 31).expect("date");
    let mut balances = [Vec::new(), Vec::new()];
    let mut list_balances = [Vec::new(), Vec::new()];
    let mut aging = [Vec::new(), Vec::new()];
    let mut open = [Vec::new(), Vec::new()];
    for _ in 0..runs.max(5) {
        for (side, db) in [(0, &plain), (1, &secret)] {
            let start = Instant::now();
            let store = Store::open(db).expect("open");
            open[side].push(start.elapsed());
            let start = Instant::now();
            std::hint::black_box(store.balances().expect("balances").len());
            balances[side].push(start.elapsed());
            // What the list's loader reads, each on a fresh connection.
            let fresh = Store::open(db).expect("open");
            let start = Instant::now();
            std::hint::black_box(
                kehu::tui::index::ledger_balances(&fresh)
                    .expect("list")
                    .len(),
            );
            list_balances[side].push(start.elapsed());
            let start = Instant::now();
            std::hint::black_box(store.aging(as_of).expect("aging").rows.len());
            aging[side].push(start.elapsed());
        }
    }
    report("open a database (key already derived)", &open);
    report(&format!("all balances at {entries} entries"), &balances);
    report(
        &format!("the list's balances at {entries} entries (account rows alone)"),
        &list_balances,
    );
    report(&format!("full aging at {entries} entries"), &aging);
}

fn cli(kehu: &str, db: &Path, encrypted: bool) -> Command {
    let mut cmd = Command::new(kehu);
    cmd.arg("--db").arg(db).env("KEHU_OPERATOR", "bench");
    cmd.env_remove("KEHU_DB_KEY");
    if encrypted {
        cmd.env("KEHU_DB_KEY", KEY);
    }
    cmd
}

/// An empty database, encrypted through `kehu encrypt` when asked.
fn new_db(kehu: &str, db: &Path, encrypted: bool) {
    let out = cli(kehu, db, false)
        .args(["settings", "credit-ceiling"])
        .output()
        .expect("kehu");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if encrypted {
        let out = cli(kehu, db, false)
            .env("KEHU_NEW_DB_KEY", KEY)
            .arg("encrypt")
            .output()
            .expect("kehu encrypt");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm", ".keys"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let _ = std::fs::remove_dir_all(db.with_file_name("backups"));
}

fn fill_customers(db: &Path, rows: u64) {
    let mut store = Store::open(db).expect("open");
    let mut bulk = store.bulk_insert().expect("bulk");
    for i in 0..rows {
        if let Err(checked) = bulk.insert(&customer_values(i)).expect("insert") {
            panic!("synthetic row rejected: {}", checked.problems);
        }
    }
    bulk.commit().expect("commit");
}

fn fill_ledger(db: &Path, customers: u64, entries: u64) {
    let mut store = Store::open(db).expect("open");
    let mut bulk = store.bulk_insert().expect("bulk");
    let mut codes = Vec::new();
    for i in 0..customers {
        match bulk.insert(&customer_values(i)).expect("insert") {
            Ok((c, _)) => codes.push(c.data.code),
            Err(checked) => panic!("synthetic customer rejected: {}", checked.problems),
        }
    }
    bulk.commit().expect("commit");
    let first_day = NaiveDate::from_ymd_opt(2023, 1, 1).expect("date");
    let per_customer = entries / customers.max(1);
    let mut bulk = store.ledger_bulk(CreditCheck::Skip).expect("ledger bulk");
    for code in &codes {
        for k in 0..per_customer {
            let kind = if k % 3 == 2 { "receipt" } else { "invoice" };
            let input = EntryInput {
                kind: kind.into(),
                date: iso(first_day + Days::new(k * 700 / per_customer.max(1))),
                doc_no: format!("{}{k:05}", &kind[..2].to_uppercase()),
                amount: Money::from_fen(100_000 + (k as i64 % 97) * 1_000).to_string(),
                due_date: String::new(),
                memo: String::new(),
            };
            if let Err(p) = bulk.add(code, &input, &AddOptions::default()).expect("add") {
                panic!("synthetic entry rejected: {p}");
            }
        }
    }
    bulk.commit().expect("commit");
}

fn write_csv(path: &Path, rows: u64) {
    let headers: Vec<String> = customer_values(0).into_keys().collect();
    let mut w = csv::Writer::from_path(path).expect("create csv");
    w.write_record(&headers).expect("write");
    for i in 0..rows {
        let v = customer_values(i);
        w.write_record(headers.iter().map(|h| v[h].as_str()))
            .expect("write");
    }
    w.flush().expect("flush");
}

fn report(label: &str, sides: &[Vec<Duration>; 2]) {
    report_as(label, sides, "goal ≤ 1.3×");
}

fn report_as(label: &str, sides: &[Vec<Duration>; 2], goal: &str) {
    let plain = median(&sides[0]);
    let secret = median(&sides[1]);
    println!(
        "  {label:<48} plain {:>9.1} ms  encrypted {:>9.1} ms  {:>5.2}×  {goal}",
        ms(plain),
        ms(secret),
        secret.as_secs_f64() / plain.as_secs_f64().max(1e-9)
    );
}

fn median(v: &[Duration]) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
