//! Issue 13: `kehu audit` over 1,000,000 audit rows filtered by customer or
//! by date (target ≤ 50 ms). The rows are written straight into a real
//! database file: 10,000 customers, 800,000 customer-trail rows and 200,000
//! ledger-trail rows over a year (about 2,700 a day, 100 per customer).
//! Times the store query (`Store::audit_log`) and the whole CLI process.
//!
//! `cargo bench --bench audit` (KEHU_BENCH_ROWS overrides 1000000).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use kehu::store::{AuditFilter, Store};

const CUSTOMERS: i64 = 10_000;
const RUNS: usize = 21;

fn main() {
    let rows: i64 = std::env::var("KEHU_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db");
    let started = Instant::now();
    {
        let store = Store::open(&db).expect("open");
        let customer_rows = rows * 4 / 5;
        let sql = format!(
            "BEGIN;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {CUSTOMERS})
             INSERT INTO customer (id, code, name, name_key, kind, status, created_at, updated_at)
             SELECT i, printf('C%06d', i), '客户' || i, '客户' || i, 'company', 'active',
                    '2026-01-01T09:00:00+08:00', '2026-01-01T09:00:00+08:00' FROM n;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {customer_rows})
             INSERT INTO audit (customer_id, customer_code, action, field, old, new, operator, at)
             SELECT 1 + (i * 7919) % {CUSTOMERS}, printf('C%06d', 1 + (i * 7919) % {CUSTOMERS}),
                    CASE i % 10 WHEN 0 THEN 'create' WHEN 1 THEN 'status' ELSE 'update' END,
                    'phone', '0755-8321' || (i % 10000), '0755-8322' || (i % 10000),
                    CASE i % 3 WHEN 0 THEN '会计小王' WHEN 1 THEN '主管老李' ELSE '出纳小张' END,
                    strftime('%Y-%m-%dT%H:%M:%S+08:00', '2026-01-01', '+' || (i * 31536 / {customer_rows} * 1000) || ' seconds')
             FROM n;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows} - {customer_rows})
             INSERT INTO ledger_audit (customer_id, entry_id, action, field, old, new, operator, at)
             SELECT 1 + (i * 104729) % {CUSTOMERS}, i, 'create', '*', NULL,
                    '{{\"kind\":\"invoice\",\"amount\":\"1000.00\"}}', '会计小王',
                    strftime('%Y-%m-%dT%H:%M:%S+08:00', '2026-01-01', '+' || (i * 31536 / ({rows} - {customer_rows}) * 1000) || ' seconds')
             FROM n;
             COMMIT;
             ANALYZE;"
        );
        store.connection().execute_batch(&sql).expect("rows");
    }
    eprintln!(
        "{rows} audit rows written in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let store = Store::open(&db).expect("open");
    let day = NaiveDate::from_ymd_opt(2026, 6, 15).expect("date");
    let cases: Vec<(&str, AuditFilter, Vec<&str>)> = vec![
        (
            "by customer (C004321)",
            AuditFilter {
                customer: Some("C004321".into()),
                ..AuditFilter::default()
            },
            vec!["audit", "--customer", "C004321", "--format", "csv"],
        ),
        (
            "by date (one day)",
            AuditFilter {
                from: Some(day),
                to: Some(day),
                ..AuditFilter::default()
            },
            vec![
                "audit",
                "--from",
                "2026-06-15",
                "--to",
                "2026-06-15",
                "--format",
                "csv",
            ],
        ),
        (
            "by date, table limit 500",
            AuditFilter {
                from: Some(day),
                to: Some(day),
                limit: Some(500),
                ..AuditFilter::default()
            },
            vec!["audit", "--from", "2026-06-15", "--to", "2026-06-15"],
        ),
        (
            "by operator and date",
            AuditFilter {
                operator: Some("主管老李".into()),
                from: Some(day),
                to: Some(day),
                ..AuditFilter::default()
            },
            vec![
                "audit",
                "--by",
                "主管老李",
                "--from",
                "2026-06-15",
                "--to",
                "2026-06-15",
                "--format",
                "csv",
            ],
        ),
        (
            "newest 500, no filter",
            AuditFilter {
                limit: Some(500),
                ..AuditFilter::default()
            },
            vec!["audit"],
        ),
    ];
    println!("| filter | rows | store query median | CLI process median |");
    println!("|---|---|---|---|");
    for (name, filter, args) in &cases {
        let mut query = Vec::new();
        let mut process = Vec::new();
        let mut found = 0;
        // Interleaved: a query, then the CLI, RUNS times.
        for _ in 0..RUNS {
            let t = Instant::now();
            found = store.audit_log(filter).expect("query").len();
            query.push(t.elapsed());
            let t = Instant::now();
            let status = Command::new(env!("CARGO_BIN_EXE_kehu"))
                .arg("--db")
                .arg(&db)
                .args(args)
                .stdout(Stdio::null())
                .status()
                .expect("kehu");
            process.push(t.elapsed());
            assert!(status.success());
        }
        println!(
            "| {name} | {found} | {:.1} ms | {:.1} ms |",
            ms(median(query)),
            ms(median(process))
        );
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
