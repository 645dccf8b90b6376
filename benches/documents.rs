//! Issue 15: the statement PDF of a customer with 10,000 entries (goal
//! ≤ 1 s) and reminder letters for 1,000 overdue customers in one PDF
//! (goal ≤ 10 s), from a real database file: the store's figures, layout and
//! PDF writing (font subsetting included), in memory; the file write is the
//! same `outfile` path every report takes. Side by side, the floor of the
//! store queries alone.
//!
//! `cargo bench --bench documents` (KEHU_BENCH_ENTRIES, KEHU_BENCH_OVERDUE
//! override 10000 and 1000; KEHU_BENCH_RUNS the interleaved runs, 5).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use kehu::documents::{Kit, Reminder, reminders_pdf, statement_pdf};
use kehu::domain::Lang;
use kehu::domain::Money;
use kehu::domain::date::iso;
use kehu::domain::field::FieldValues;
use kehu::domain::ledger::EntryInput;
use kehu::store::{AddOptions, CreditCheck, OverdueItem, Store};
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

fn main() {
    let entries = env("KEHU_BENCH_ENTRIES", 10_000);
    let overdue = env("KEHU_BENCH_OVERDUE", 1_000);
    let runs = env("KEHU_BENCH_RUNS", 5).max(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("documents.db");
    let mut store = Store::open(&path).expect("open");
    let company: FieldValues = [
        ("name", "杭州西湖贸易有限公司"),
        ("tax_id", "91330106MA27XX8F0G"),
        ("address", "杭州市西湖区文三路100号"),
        ("bank_name", "中国工商银行杭州文三路支行"),
        ("bank_account", "1202021209900012345"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    store.set_company(&company).expect("company");

    // Customer 0 has `entries` entries; customers 1..=overdue one overdue invoice each.
    let mut bulk = store.bulk_insert().expect("bulk");
    let mut codes = Vec::new();
    for i in 0..=overdue {
        let (c, _) = bulk
            .insert(&customer_values(i))
            .expect("insert")
            .expect("valid");
        codes.push(c.data.code);
    }
    bulk.commit().expect("commit");
    let first = NaiveDate::from_ymd_opt(2023, 1, 1).expect("date");
    let mut ledger = store.ledger_bulk(CreditCheck::Skip).expect("ledger");
    for k in 0..entries {
        let kind = if k % 3 == 2 { "receipt" } else { "invoice" };
        let input = EntryInput {
            kind: kind.into(),
            date: iso(first + Days::new(k * 1000 / entries.max(1))),
            doc_no: format!("FP{k:06}"),
            amount: Money::from_fen(100_000 + (k as i64 * 7919) % 9_000_000).to_string(),
            due_date: String::new(),
            memo: "电子元器件 LED灯珠 货款（含运费）".into(),
        };
        ledger
            .add(&codes[0], &input, &AddOptions::default())
            .expect("add")
            .expect("valid");
    }
    for (i, code) in codes.iter().enumerate().skip(1) {
        let input = EntryInput {
            kind: "invoice".into(),
            date: iso(first + Days::new(i as u64 % 300)),
            doc_no: format!("YQ{i:06}"),
            amount: Money::from_fen(50_000 + i as i64 * 100).to_string(),
            due_date: String::new(),
            memo: String::new(),
        };
        ledger
            .add(code, &input, &AddOptions::default())
            .expect("add")
            .expect("valid");
    }
    ledger.commit().expect("commit");
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let kit = Kit::load(store.company().expect("company"), None, Lang::Zh)
        .expect("a CJK font (apt-get install fonts-wqy-microhei)");
    let to = first + Days::new(1100);
    let id = store.customer(&codes[0]).expect("q").expect("c").id;

    let statement_queries = || {
        let s = store.statement(id, first, to).expect("statement");
        let aged = store.customer_aging(id, to).expect("aging");
        (s, aged)
    };
    let statement = || {
        let (s, aged) = statement_queries();
        statement_pdf(&kit, &s, "深圳市福田区华强北路1号", &aged).expect("pdf")
    };
    let reminder_queries = || {
        let mut by_code: BTreeMap<String, Vec<OverdueItem>> = BTreeMap::new();
        for item in store.overdue(to).expect("overdue") {
            by_code.entry(item.code.clone()).or_default().push(item);
        }
        by_code
    };
    let reminders = || {
        let letters: Vec<Reminder> = reminder_queries()
            .into_iter()
            .filter(|(code, _)| *code != codes[0])
            .map(|(code, items)| Reminder {
                name: items[0].name.clone(),
                address: String::new(),
                code,
                as_of: to,
                items,
            })
            .collect();
        assert_eq!(letters.len() as u64, overdue);
        reminders_pdf(&kit, &letters).expect("pdf")
    };

    let time = |f: &dyn Fn() -> usize| {
        let start = Instant::now();
        let n = f();
        (start.elapsed(), n)
    };
    let (mut st, mut st_floor, mut rem, mut rem_floor) = (vec![], vec![], vec![], vec![]);
    let (mut st_bytes, mut rem_bytes) = (0, 0);
    for _ in 0..runs {
        // Interleaved, so a noisy neighbour slows every measure alike.
        let (d, n) = time(&|| statement().len());
        st.push(d);
        st_bytes = n;
        st_floor.push(time(&|| statement_queries().0.lines.len()).0);
        let (d, n) = time(&|| reminders().len());
        rem.push(d);
        rem_bytes = n;
        rem_floor.push(time(&|| reminder_queries().len()).0);
    }
    println!("font: {}", kit.face.path().display());
    println!(
        "statement PDF, {entries} entries: median {:?} of {runs} (goal ≤ 1 s), {} KB; store queries alone {:?}",
        median(st),
        st_bytes / 1024,
        median(st_floor)
    );
    println!(
        "reminder letters, {overdue} overdue customers in one PDF: median {:?} of {runs} (goal ≤ 10 s), {} KB; store query alone {:?}",
        median(rem),
        rem_bytes / 1024,
        median(rem_floor)
    );
}
