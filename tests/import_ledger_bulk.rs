//! A ledger import large enough to build its indexes after the load
//! (more than 20,000 entries into an empty ledger), through the real binary,
//! against the same file written row by row through the ledger's bulk API
//! (an audit row per entry and allocation, indexes kept as rows go in):
//! the same entries, allocations and balances; the import's audit accounts
//! for every entry and allocation per customer; the indexes are back.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/sql_rows.rs"]
mod sql_rows;
use sql_rows::rows;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use kehu::domain::ledger::EntryInput;
use kehu::store::{AddOptions, CreditCheck, Store};
use kehu::synth::customer_values;
use rusqlite::Connection;

const CUSTOMERS: u64 = 40;
/// Over the deferral threshold (20,000 entries in an empty ledger).
const ENTRIES: u64 = 20_600;

struct Line {
    code: String,
    input: EntryInput,
}

/// Invoices, receipts paying the oldest open invoice, credit notes and,
/// once in a while, a row that is refused or repeats an earlier document.
fn lines(codes: &[String]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut unpaid: Vec<std::collections::VecDeque<i64>> = vec![Default::default(); codes.len()];
    let mut seed: u64 = 0x5EED_1234;
    let mut below = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let first = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    for i in 0..ENTRIES {
        let c = (i % CUSTOMERS) as usize;
        // Dates mostly rise, sometimes step back: open items must keep order.
        let day = (i / CUSTOMERS) as i64 - below(5) as i64;
        let date = first + chrono::Duration::days(day.max(0));
        let roll = below(100);
        let (kind, fen, doc) = if roll < 55 || unpaid[c].len() < 2 {
            let fen = (100 + below(9_000) as i64) * 100 + below(100) as i64;
            unpaid[c].push_back(fen);
            ("销售发票", fen, format!("FP{i:08}"))
        } else if roll < 93 {
            let fen = unpaid[c].pop_front().unwrap_or(100) + below(3) as i64 * 50;
            ("收款", fen, format!("SK{i:08}"))
        } else if roll < 98 {
            ("红字", 100 + below(20_000) as i64, format!("HZ{i:08}"))
        } else if roll < 99 {
            // The customer's previous row's number: a repeat when that was an invoice.
            (
                "销售发票",
                1_000,
                format!("FP{:08}", i.saturating_sub(CUSTOMERS)),
            )
        } else {
            ("销售发票", 0, format!("BAD{i:08}"))
        };
        out.push(Line {
            code: codes[c].clone(),
            input: EntryInput {
                kind: kind.into(),
                date: date.format("%Y-%m-%d").to_string(),
                doc_no: doc,
                amount: format!("{}.{:02}", fen / 100, fen % 100),
                due_date: String::new(),
                memo: "货款".into(),
            },
        });
    }
    out
}

fn write_csv(path: &Path, lines: &[Line]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "客户编码,单据类型,日期,单据号,金额,摘要").unwrap();
    for l in lines {
        let e = &l.input;
        writeln!(
            out,
            "{},{},{},{},{},{}",
            l.code, e.kind, e.date, e.doc_no, e.amount, e.memo
        )
        .unwrap();
    }
    out.flush().unwrap();
}

const ENTRIES_SQL: &str = "SELECT id, customer_id, kind, entry_date, doc_no, amount, due_date,
    outstanding, memo FROM ledger_entry ORDER BY id";
const ALLOCATIONS_SQL: &str = "SELECT id, credit_id, debit_id, amount, effective_date
    FROM ledger_allocation ORDER BY id";
const ACCOUNTS_SQL: &str = "SELECT customer_id, balance, open_debit, unapplied, oldest_due,
    last_date, entries FROM ledger_account ORDER BY customer_id";
/// What `ACCOUNTS_SQL` must read: the figures summed from the entries.
const SUMMED_SQL: &str = "SELECT customer_id, SUM(amount),
    COALESCE(SUM(CASE WHEN outstanding > 0 THEN outstanding END), 0),
    COALESCE(SUM(CASE WHEN outstanding < 0 THEN outstanding END), 0),
    MIN(CASE WHEN outstanding > 0 THEN due_date END), MAX(entry_date), COUNT(*)
    FROM ledger_entry GROUP BY customer_id ORDER BY customer_id";

/// Per customer: (entries, allocations) the audit trail accounts for.
fn audited(conn: &Connection, by_batch: bool) -> BTreeMap<i64, (i64, i64)> {
    let sql = if by_batch {
        "SELECT customer_id, json_extract(new, '$.entries'), json_extract(new, '$.allocations')
         FROM ledger_audit WHERE action = 'create' AND field = 'import'"
    } else {
        "SELECT customer_id, SUM(action = 'create'), SUM(action = 'allocate')
         FROM ledger_audit GROUP BY customer_id"
    };
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_large_import_gives_the_ledger_balances_and_audit_of_the_row_by_row_path() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    let mut codes = Vec::new();
    {
        let mut store = Store::open(&base).unwrap();
        let mut bulk = store.bulk_insert().unwrap();
        for i in 0..CUSTOMERS {
            let (c, _) = bulk.insert(&customer_values(i)).unwrap().unwrap();
            codes.push(c.data.code);
        }
        bulk.commit().unwrap();
    }
    let lines = lines(&codes);
    let csv = dir.path().join("ledger.csv");
    write_csv(&csv, &lines);

    // Row by row: each entry checked and written with its audit rows.
    let by_row = dir.path().join("by_row.db");
    std::fs::copy(&base, &by_row).unwrap();
    let mut refused = 0;
    {
        let mut store = Store::open(&by_row).unwrap();
        let mut bulk = store.ledger_bulk(CreditCheck::Skip).unwrap();
        for l in &lines {
            if bulk
                .add(&l.code, &l.input, &AddOptions::default())
                .unwrap()
                .is_err()
            {
                refused += 1;
            }
        }
        bulk.commit().unwrap();
    }
    assert!(refused > 100, "the file has refused rows: {refused}");

    let imported = dir.path().join("imported.db");
    std::fs::copy(&base, &imported).unwrap();
    let report = cli::ledger_import(&imported, &csv);
    assert_eq!(report["rejected"], refused, "{report}");
    assert_eq!(report["inserted"], ENTRIES - refused, "{report}");

    let (a, b) = (
        Connection::open(&by_row).unwrap(),
        Connection::open(&imported).unwrap(),
    );
    for sql in [ENTRIES_SQL, ALLOCATIONS_SQL, ACCOUNTS_SQL] {
        let (x, y) = (rows(&a, sql), rows(&b, sql));
        assert!(x.len() > 30, "{sql}: {} rows", x.len());
        assert_eq!(x, y, "{sql}");
    }
    // Both paths write the aggregate rows from memory: they are the sums.
    assert_eq!(rows(&b, ACCOUNTS_SQL), rows(&b, SUMMED_SQL));
    let (row_audit, batch_audit) = (audited(&a, false), audited(&b, true));
    assert_eq!(row_audit.len(), CUSTOMERS as usize);
    assert_eq!(row_audit, batch_audit);
    let per_entry: i64 = b
        .query_row("SELECT COUNT(*) FROM ledger_audit", [], |r| r.get(0))
        .unwrap();
    assert_eq!(per_entry, CUSTOMERS as i64, "one audit row per customer");

    sql_rows::assert_indexes_rebuilt_alike(&a, &b);
}

/// The aggregate rows an import writes from the figures it kept in memory
/// are those its customers' entries sum to, also when the ledger had
/// entries before (some dated after the new ones, some still open).
#[test]
fn an_import_onto_entries_leaves_the_aggregates_the_entries_sum_to() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let mut codes = Vec::new();
    {
        let mut store = Store::open(&db).unwrap();
        let mut bulk = store.bulk_insert().unwrap();
        for i in 0..CUSTOMERS {
            let (c, _) = bulk.insert(&customer_values(i)).unwrap().unwrap();
            codes.push(c.data.code);
        }
        bulk.commit().unwrap();
    }
    let mut first = lines(&codes);
    first.truncate(3_000);
    let csv = dir.path().join("first.csv");
    write_csv(&csv, &first);
    let report = cli::ledger_import(&db, &csv);
    assert_eq!(report["committed"], true, "{report}");
    // The second file: new numbers, every third row dated before all the
    // first file's rows, the rest after; the last four customers get none.
    let second: Vec<Line> = first
        .iter()
        .enumerate()
        .filter(|(_, l)| !codes[codes.len() - 4..].contains(&l.code))
        .map(|(i, l)| {
            let date = if i % 3 == 0 {
                "2024-06-30".to_string()
            } else {
                l.input.date.replace("2025-", "2026-")
            };
            Line {
                code: l.code.clone(),
                input: EntryInput {
                    date,
                    doc_no: format!("N{}", l.input.doc_no),
                    ..l.input.clone()
                },
            }
        })
        .collect();
    let csv = dir.path().join("second.csv");
    write_csv(&csv, &second);
    let report = cli::ledger_import(&db, &csv);
    assert_eq!(report["committed"], true, "{report}");
    assert!(report["inserted"].as_u64().unwrap() > 2_000, "{report}");

    let conn = Connection::open(&db).unwrap();
    let (stored, summed) = (rows(&conn, ACCOUNTS_SQL), rows(&conn, SUMMED_SQL));
    assert_eq!(stored.len(), CUSTOMERS as usize);
    assert_eq!(stored, summed);
    let open: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM ledger_account WHERE open_debit > 0 AND oldest_due IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(open > 0, "customers with open debits");
}
