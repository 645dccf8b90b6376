//! Issue 5: 10,000 customers and 1,000,000 ledger entries. Goals: all
//! balances ≤ 200 ms, full aging ≤ 1 s, one customer's statement ≤ 50 ms.
//! Side by side, the floor a bare `GROUP BY` over the entries would give.
//!
//! `cargo bench --bench ledger` (KEHU_BENCH_CUSTOMERS, KEHU_BENCH_ENTRIES override
//! 10000 and 1000000).

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use kehu::domain::Money;
use kehu::domain::date::iso;
use kehu::domain::ledger::EntryInput;
use kehu::store::{AddOptions, CreditCheck, Store};
use kehu::synth::customer_values;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn main() {
    let customers = env("KEHU_BENCH_CUSTOMERS", 10_000);
    let entries = env("KEHU_BENCH_ENTRIES", 1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.db");
    let mut store = Store::open(&path).expect("open");

    let start = Instant::now();
    let mut bulk = store.bulk_insert().expect("bulk");
    let mut codes = Vec::with_capacity(customers as usize);
    for i in 0..customers {
        match bulk.insert(&customer_values(i)).expect("insert") {
            Ok((c, _)) => codes.push(c.data.code),
            Err(checked) => panic!("synthetic customer rejected: {}", checked.problems),
        }
    }
    bulk.commit().expect("commit");
    let customer_load = start.elapsed();

    let first_day = NaiveDate::from_ymd_opt(2023, 1, 1).expect("date");
    let per_customer = entries / customers;
    let start = Instant::now();
    let mut bulk = store.ledger_bulk(CreditCheck::Skip).expect("ledger bulk");
    let mut rng = Rng(0x5EED_1234);
    let mut written = 0u64;
    for code in &codes {
        // Receipts pay what was invoiced a few entries earlier, so most old
        // invoices are settled and the recent ones are open, as in real books.
        let mut unpaid: std::collections::VecDeque<i64> = Default::default();
        for k in 0..per_customer {
            let date = first_day + Days::new(k * 700 / per_customer.max(1));
            let roll = rng.below(100);
            let (kind, fen) = if roll < 55 || unpaid.len() < 2 {
                let fen = (1_000 + rng.below(49_000) as i64) * 100 + rng.below(100) as i64;
                unpaid.push_back(fen);
                ("invoice", fen)
            } else if roll < 93 {
                ("receipt", unpaid.pop_front().unwrap_or(100))
            } else if roll < 97 {
                ("credit", 100 + rng.below(50_000) as i64)
            } else {
                ("prepayment", 100_000 + rng.below(1_000_000) as i64)
            };
            let input = EntryInput {
                kind: kind.into(),
                date: iso(date),
                doc_no: format!("{}{k:05}", &kind[..2].to_uppercase()),
                amount: Money::from_fen(fen).to_string(),
                due_date: String::new(),
                memo: String::new(),
            };
            if let Err(p) = bulk.add(code, &input, &AddOptions::default()).expect("add") {
                panic!("synthetic entry rejected: {p}");
            }
            written += 1;
        }
    }
    bulk.commit().expect("commit");
    let entry_load = start.elapsed();
    drop(store);
    // A fresh connection, as the TUI or CLI would have.
    let store = Store::open(&path).expect("reopen");
    let last_day = first_day + Days::new(700);
    let as_of = last_day + Days::new(1);

    let open_rows: i64 = store
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM ledger_entry WHERE outstanding <> 0",
            [],
            |r| r.get(0),
        )
        .expect("count");
    let balances = median(5, || store.balances().expect("balances").len());
    let floor = median(5, || {
        let mut stmt = store
            .connection()
            .prepare("SELECT customer_id, SUM(amount) FROM ledger_entry GROUP BY customer_id")
            .expect("prepare");
        stmt.query_map([], |r| r.get::<_, i64>(1))
            .expect("query")
            .count()
    });
    let aging = median(5, || store.aging(as_of).expect("aging").rows.len());
    let looking_back = median(3, || {
        store
            .aging(first_day + Days::new(350))
            .expect("aging")
            .rows
            .len()
    });
    let overdue = median(5, || store.overdue(as_of).expect("overdue").len());
    let overdue_items = store.overdue(as_of).expect("overdue").len();
    let aging_rows = store.aging(as_of).expect("aging").rows.len();
    let dashboard = median(5, || {
        store.dashboard(as_of).expect("dashboard").top_debtors.len()
    });
    let target = store
        .customer(&codes[codes.len() / 2])
        .expect("read")
        .expect("customer")
        .id;
    let statement = median(21, || {
        store
            .statement(target, first_day + Days::new(365), last_day)
            .expect("statement")
            .lines
            .len()
    });
    let ledger = median(21, || store.ledger(target).expect("ledger").len());

    println!(
        "ledger, {} customers, {written} entries ({open_rows} still open), median of runs:",
        codes.len()
    );
    println!(
        "  load customers (validated, one transaction) {:>9.0} ms",
        ms(customer_load)
    );
    println!(
        "  load entries (validated, allocated, audited) {:>8.0} ms  {:>8.0} entries/s",
        ms(entry_load),
        written as f64 / entry_load.as_secs_f64()
    );
    println!("  {:<44} {:>8} {:>14}", "", "measured", "goal");
    row("all balances (aggregate table)", balances, Some(200.0));
    row("  floor: bare GROUP BY over all entries", floor, None);
    row(
        &format!("full aging, as of today ({aging_rows} rows)"),
        aging,
        Some(1000.0),
    );
    row("full aging, as of a year ago (rebuilt)", looking_back, None);
    row(
        &format!("overdue list ({overdue_items} items)"),
        overdue,
        None,
    );
    row("dashboard figures", dashboard, None);
    row("one customer's statement (one year)", statement, Some(50.0));
    row("one customer's whole ledger", ledger, None);
}

fn row(what: &str, took: Duration, goal_ms: Option<f64>) {
    let goal = match goal_ms {
        Some(g) => format!(
            "≤ {g:>5.0} ms {}",
            if ms(took) <= g { "ok" } else { "MISSED" }
        ),
        None => String::new(),
    };
    println!("  {what:<44} {:>8.1} ms  {goal}", ms(took));
}

fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
