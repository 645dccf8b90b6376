//! Issue 13: merging two customers with 10,000 ledger entries each
//! (target ≤ 1 s). The entries (invoices, a receipt allocated against each
//! tenth of them, their ledger-trail rows) are written straight into a real
//! database file; then merge and undo alternate, each timed in the store and
//! as the whole CLI process.
//!
//! `cargo bench --bench merge` (KEHU_BENCH_ENTRIES overrides 10000 per customer).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kehu::store::Store;

const RUNS: usize = 11;

fn main() {
    let entries: i64 = std::env::var("KEHU_BENCH_ENTRIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db");
    {
        let store = Store::open(&db).expect("open");
        // Customer 1 and 2, `entries` each: invoices of 1,000.00 over two
        // years, every tenth one a receipt paying the invoice before it.
        let sql = format!(
            "BEGIN;
             INSERT INTO customer (id, code, name, name_key, kind, status, created_at, updated_at) VALUES
                 (1, 'C000001', '深圳市华强电子有限公司', '华强电子', 'company', 'active', '2025-01-01T09:00:00+08:00', '2025-01-01T09:00:00+08:00'),
                 (2, 'C000002', '深圳华强电子', '华强电子', 'company', 'active', '2025-01-01T09:00:00+08:00', '2025-01-01T09:00:00+08:00');
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2 * {entries} - 1)
             INSERT INTO ledger_entry (id, customer_id, kind, entry_date, doc_no, amount, due_date, outstanding, created_at, updated_at)
             SELECT i + 1, 1 + i / {entries},
                    CASE WHEN i % 10 = 9 THEN 'receipt' ELSE 'invoice' END,
                    date('2024-01-01', '+' || ((i % {entries}) * 730 / {entries}) || ' days'),
                    printf('%s-%06d', CASE WHEN i / {entries} = 0 THEN 'FP' ELSE 'DP' END, i % {entries}),
                    CASE WHEN i % 10 = 9 THEN -100000 ELSE 100000 END,
                    CASE WHEN i % 10 = 9 THEN NULL ELSE date('2024-01-31', '+' || ((i % {entries}) * 730 / {entries}) || ' days') END,
                    CASE WHEN i % 10 = 9 OR i % 10 = 8 THEN 0 ELSE 100000 END,
                    '2025-01-01T09:00:00+08:00', '2025-01-01T09:00:00+08:00'
             FROM n;
             INSERT INTO ledger_allocation (credit_id, debit_id, amount, effective_date, created_at)
             SELECT id, id - 1, 100000, entry_date, created_at FROM ledger_entry WHERE kind = 'receipt';
             INSERT INTO ledger_audit (customer_id, entry_id, action, field, new, operator, at)
             SELECT customer_id, id, 'create', '*', doc_no, '会计小王', created_at FROM ledger_entry;
             COMMIT;
             ANALYZE;"
        );
        store.connection().execute_batch(&sql).expect("rows");
        for id in [1, 2] {
            store
                .connection()
                .execute(
                    "INSERT INTO ledger_account (customer_id, balance, open_debit, unapplied, oldest_due, last_date, entries)
                     SELECT ?1, SUM(amount), SUM(CASE WHEN outstanding > 0 THEN outstanding END), 0,
                            MIN(CASE WHEN outstanding > 0 THEN due_date END), MAX(entry_date), COUNT(*)
                     FROM ledger_entry WHERE customer_id = ?1",
                    [id],
                )
                .expect("account");
        }
    }
    let mut store = Store::open(&db).expect("open");
    let (mut merge, mut undo, mut cli_merge, mut cli_undo) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let take = vec!["name".to_string()];
    for _ in 0..RUNS {
        let t = Instant::now();
        let merged = store
            .merge_customers("C000001", "C000002", &take, None)
            .expect("merge");
        merge.push(t.elapsed());
        assert_eq!(merged.entries as i64, entries);
        let t = Instant::now();
        store.undo_merge(merged.id).expect("undo");
        undo.push(t.elapsed());

        let t = Instant::now();
        run(
            &db,
            &["customer", "merge", "C000001", "C000002", "--field", "name"],
        );
        cli_merge.push(t.elapsed());
        let id = merged.id + 1;
        let t = Instant::now();
        run(&db, &["customer", "merge", "--undo", &id.to_string()]);
        cli_undo.push(t.elapsed());
    }
    println!("{entries} + {entries} entries, {RUNS} interleaved runs, medians:");
    println!("| step | store | CLI process |");
    println!("|---|---|---|");
    println!(
        "| merge | {:.1} ms | {:.1} ms |",
        ms(median(merge)),
        ms(median(cli_merge))
    );
    println!(
        "| undo | {:.1} ms | {:.1} ms |",
        ms(median(undo)),
        ms(median(cli_undo))
    );
}

fn run(db: &std::path::Path, args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("kehu");
    assert!(status.success(), "{args:?}");
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
