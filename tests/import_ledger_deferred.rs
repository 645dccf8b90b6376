//! A ledger import past the point where it drops the ledger's indexes
//! (store/ledger/batch_load.rs), onto a ledger that already holds entries,
//! against the same rows added one by one through the ledger's bulk API
//! with every index in place. After the drop the import finds repeated
//! document numbers and customers' open entries in memory: the same rows
//! must be refused, or skipped, as row by row (repeats of a number stored
//! before, written earlier in the file before the drop, and after it), and
//! customers first seen after the drop must allocate against the open
//! invoices they had.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/sql_rows.rs"]
mod sql_rows;
use sql_rows::rows;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use kehu::domain::ledger::EntryInput;
use kehu::store::{AddOptions, CreditCheck, Store};
use kehu::synth::customer_values;
use rusqlite::Connection;

const CUSTOMERS: usize = 40;
/// The indexes are dropped at 20,000 entries written.
const BEFORE_DROP: usize = 20_000;
const ENTRIES: usize = 20_500;

fn line(code: &str, kind: &str, date: &str, doc: String, fen: i64) -> (String, EntryInput) {
    (
        code.to_string(),
        EntryInput {
            kind: kind.into(),
            date: date.into(),
            doc_no: doc,
            amount: format!("{}.{:02}", fen / 100, fen % 100),
            due_date: String::new(),
            memo: "货款".into(),
        },
    )
}

/// Before the drop only the first half of the customers get rows; after
/// it every customer, with repeats of every kind.
fn lines(codes: &[String]) -> Vec<(String, EntryInput)> {
    let mut out = Vec::new();
    let mut invoices: Vec<Vec<String>> = vec![Vec::new(); CUSTOMERS];
    for i in 0..ENTRIES {
        let c = if i < BEFORE_DROP {
            i % (CUSTOMERS / 2)
        } else {
            i % CUSTOMERS
        };
        let date = format!("2025-{:02}-{:02}", 1 + (i / 2_000) % 12, 1 + i % 28);
        let fen = 10_000 + (i as i64 * 37) % 90_000;
        let l = match (i >= BEFORE_DROP, i % 10) {
            // A number the ledger held before the import.
            (true, 0) => line(&codes[c], "销售发票", &date, format!("OLD{c}-1"), fen),
            // The customer's first invoice in this file (before the drop
            // for the first half, after it for the others once they have one).
            (true, 1) if !invoices[c].is_empty() => {
                line(&codes[c], "销售发票", &date, invoices[c][0].clone(), fen)
            }
            // The customer's latest invoice.
            (true, 2) if !invoices[c].is_empty() => {
                let last = invoices[c].last().cloned().unwrap_or_default();
                line(&codes[c], "销售发票", &date, last, fen)
            }
            (_, 3 | 6 | 8) => line(&codes[c], "收款", &date, format!("SK{i:08}"), fen / 2),
            _ => {
                let doc = format!("FP{i:08}");
                invoices[c].push(doc.clone());
                line(&codes[c], "销售发票", &date, doc, fen)
            }
        };
        out.push(l);
    }
    out
}

fn write_csv(path: &Path, lines: &[(String, EntryInput)]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "客户编码,单据类型,日期,单据号,金额,摘要").unwrap();
    for (code, e) in lines {
        writeln!(
            out,
            "{code},{},{},{},{},{}",
            e.kind, e.date, e.doc_no, e.amount, e.memo
        )
        .unwrap();
    }
    out.flush().unwrap();
}

/// `CUSTOMERS` customers, each owing on two invoices from before
/// (`OLD{c}-1`, `OLD{c}-2`, 500.00 each, dated 2024-12-01); their codes.
fn customers_owing_from_before(base: &Path) -> Vec<String> {
    let mut codes = Vec::new();
    let mut store = Store::open(base).unwrap();
    let mut bulk = store.bulk_insert().unwrap();
    for i in 0..CUSTOMERS as u64 {
        let (c, _) = bulk.insert(&customer_values(i)).unwrap().unwrap();
        codes.push(c.data.code);
    }
    bulk.commit().unwrap();
    let mut ledger = store.ledger_bulk(CreditCheck::Skip).unwrap();
    for (c, code) in codes.iter().enumerate() {
        for k in 1..=2 {
            let (_, input) = line(
                code,
                "销售发票",
                "2024-12-01",
                format!("OLD{c}-{k}"),
                50_000,
            );
            ledger
                .add(code, &input, &AddOptions::default())
                .unwrap()
                .unwrap();
        }
    }
    ledger.commit().unwrap();
    codes
}

/// A reversal after the drop (an invoice voided on the tax platform) reads
/// that customer's open entries again; every other customer's stay as the
/// drop read them, so a customer first seen after the reversal still pays
/// what it owed before, and the reversed invoice is no longer open.
#[test]
fn a_reversal_after_the_index_drop_keeps_every_customers_open_entries() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    let codes = customers_owing_from_before(&base);
    let mut store = Store::open(&base).unwrap();
    let mut bulk = store.ledger_bulk(CreditCheck::Skip).unwrap();
    bulk.build_indexes_after_large_load();
    let add = |bulk: &mut kehu::store::LedgerBulk<'_>, code: &str, kind: &str, doc: String, fen| {
        let (_, input) = line(code, kind, "2025-03-01", doc, fen);
        bulk.add(code, &input, &AddOptions::default())
            .unwrap()
            .unwrap()
    };
    let mut first = None;
    for i in 0..BEFORE_DROP + 1 {
        let added = add(&mut bulk, &codes[0], "销售发票", format!("FP{i:08}"), 100);
        first.get_or_insert(added.entry.id);
    }
    assert!(bulk.indexes_deferred());
    let voided = first.unwrap();
    bulk.reverse_tax_invoice(&codes[0], voided, "2025-03-02", "作废")
        .unwrap()
        .unwrap();
    // First seen after the reversal: pays its two old invoices, oldest first.
    let paid = add(&mut bulk, &codes[1], "收款", "SK1".into(), 60_000);
    let paid: Vec<(String, i64)> = paid
        .allocations
        .iter()
        .map(|a| (a.debit_doc.clone(), a.amount.fen()))
        .collect();
    assert_eq!(paid, [("OLD1-1".into(), 50_000), ("OLD1-2".into(), 10_000)]);
    // The reversed customer: its old invoices first, the voided one never.
    let paid = add(&mut bulk, &codes[0], "收款", "SK0".into(), 100_000 + 200);
    let docs: Vec<&str> = paid
        .allocations
        .iter()
        .map(|a| a.debit_doc.as_str())
        .collect();
    assert_eq!(docs, ["OLD0-1", "OLD0-2", "FP00000001", "FP00000002"]);
    bulk.commit().unwrap();
    let conn = Connection::open(&base).unwrap();
    let open: i64 = conn
        .query_row(
            "SELECT outstanding FROM ledger_entry WHERE id = ?1",
            [voided],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(open, 0, "the voided invoice is settled by its reversal");
}

#[test]
fn repeats_and_open_entries_after_the_index_drop_are_those_of_the_row_by_row_path() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    let codes = customers_owing_from_before(&base);
    let lines = lines(&codes);
    let csv = dir.path().join("ledger.csv");
    write_csv(&csv, &lines);

    // Row by row, every index in place: what is refused, with which problems.
    let by_row = dir.path().join("by_row.db");
    std::fs::copy(&base, &by_row).unwrap();
    // What the import reports for a refused repeat: an error when the
    // earlier one is on an earlier row of the file (written or skipped),
    // else skipped with a warning (store/ledger/lookup.rs `written_here`,
    // import/ledger/row.rs).
    let mut expected = BTreeSet::new();
    let mut duplicates_after_drop = 0;
    {
        let mut store = Store::open(&by_row).unwrap();
        let mut bulk = store.ledger_bulk(CreditCheck::Skip).unwrap();
        let mut in_file = BTreeSet::new();
        for (i, (code, input)) in lines.iter().enumerate() {
            let key = (code.clone(), input.kind.clone(), input.doc_no.clone());
            match bulk.add(code, input, &AddOptions::default()).unwrap() {
                Ok(_) => {
                    in_file.insert(key);
                }
                Err(problems) => {
                    let codes: Vec<&str> = problems.0.iter().map(|p| p.code).collect();
                    assert_eq!(codes, ["doc_no.duplicate"], "line {i}");
                    if i >= BEFORE_DROP {
                        duplicates_after_drop += 1;
                    }
                    // Data rows start at the file's line 2.
                    let code = if in_file.insert(key) {
                        "import.duplicate_skipped"
                    } else {
                        "import.duplicate_in_file"
                    };
                    expected.insert((i as u64 + 2, code.to_string()));
                }
            }
        }
        bulk.commit().unwrap();
    }
    assert!(
        duplicates_after_drop > 100,
        "repeats after the drop: {duplicates_after_drop}"
    );
    for code in ["import.duplicate_skipped", "import.duplicate_in_file"] {
        assert!(expected.iter().any(|(_, c)| c == code), "{code}");
    }

    let imported = dir.path().join("imported.db");
    std::fs::copy(&base, &imported).unwrap();
    let report = cli::ledger_import(&imported, &csv);
    assert_eq!(report["committed"], true, "{report}");
    assert_eq!(report["problems_omitted"], 0, "{report}");
    let problems: BTreeSet<(u64, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap(),
                p["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(problems, expected);

    let (a, b) = (
        Connection::open(&by_row).unwrap(),
        Connection::open(&imported).unwrap(),
    );
    for sql in [
        "SELECT id, customer_id, kind, entry_date, doc_no, amount, due_date, outstanding, memo
         FROM ledger_entry ORDER BY id",
        "SELECT id, credit_id, debit_id, amount, effective_date FROM ledger_allocation ORDER BY id",
        "SELECT customer_id, balance, open_debit, unapplied, oldest_due, last_date, entries
         FROM ledger_account ORDER BY customer_id",
    ] {
        assert_eq!(rows(&a, sql), rows(&b, sql), "{sql}");
    }
    // Customers first seen after the drop paid invoices they owed before.
    let paid_old: i64 = b
        .query_row(
            "SELECT COUNT(*) FROM ledger_allocation a JOIN ledger_entry d ON d.id = a.debit_id
             JOIN ledger_entry r ON r.id = a.credit_id
             WHERE d.doc_no LIKE 'OLD%' AND r.id > ?1",
            [(CUSTOMERS * 2 + BEFORE_DROP) as i64],
            |r| r.get(0),
        )
        .unwrap();
    assert!(paid_old >= (CUSTOMERS / 2) as i64, "{paid_old}");
    sql_rows::assert_indexes_rebuilt_alike(&a, &b);
}

/// After the drop a receipt's payments of earlier entries are held and
/// written at commit (store/ledger/held.rs `pending`); a reversal of an
/// invoice paid since the drop reads the rows, so it must see that payment.
/// The same steps with every index in place (no drop, each payment written
/// at once) leave the same rows.
#[test]
fn a_reversal_of_an_invoice_paid_after_the_index_drop_sees_the_payment() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    let codes = customers_owing_from_before(&base);
    let steps = |path: &Path, defer: bool| {
        std::fs::copy(&base, path).unwrap();
        let mut store = Store::open(path).unwrap();
        let mut bulk = store.ledger_bulk(CreditCheck::Skip).unwrap();
        if defer {
            bulk.build_indexes_after_large_load();
        }
        let add = |bulk: &mut kehu::store::LedgerBulk<'_>, code: &str, kind, doc: &str, fen| {
            let (_, input) = line(code, kind, "2025-03-01", doc.to_string(), fen);
            bulk.add(code, &input, &AddOptions::default())
                .unwrap()
                .unwrap()
        };
        for i in 0..BEFORE_DROP {
            add(&mut bulk, &codes[0], "销售发票", &format!("FP{i:08}"), 100);
        }
        assert_eq!(bulk.indexes_deferred(), defer);
        let invoice = add(&mut bulk, &codes[2], "销售发票", "FPX", 100_000);
        // Pays OLD2-1 and OLD2-2 (500.00 each), then 300.00 of FPX.
        let paid = add(&mut bulk, &codes[2], "收款", "SKX", 130_000);
        assert_eq!(paid.allocations.len(), 3);
        bulk.reverse_tax_invoice(&codes[2], invoice.entry.id, "2025-03-02", "作废")
            .unwrap()
            .unwrap();
        add(&mut bulk, &codes[2], "销售发票", "FPY", 50_000);
        add(&mut bulk, &codes[3], "收款", "SKY", 70_000);
        bulk.commit().unwrap();
        Connection::open(path).unwrap()
    };
    let deferred = steps(&dir.path().join("deferred.db"), true);
    let by_row = steps(&dir.path().join("by_row.db"), false);
    for sql in [
        "SELECT id, customer_id, kind, entry_date, doc_no, amount, due_date, outstanding, memo,
         reverses_id FROM ledger_entry ORDER BY id",
        "SELECT id, credit_id, debit_id, amount, effective_date FROM ledger_allocation ORDER BY id",
        "SELECT customer_id, balance, open_debit, unapplied, oldest_due, last_date, entries
         FROM ledger_account ORDER BY customer_id",
    ] {
        assert_eq!(rows(&by_row, sql), rows(&deferred, sql), "{sql}");
    }
    let fpx: (i64, i64) = deferred
        .query_row(
            "SELECT outstanding, (SELECT outstanding FROM ledger_entry WHERE doc_no = 'SKX')
             FROM ledger_entry WHERE doc_no = 'FPX'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        fpx,
        (0, -30_000),
        "FPX settled by its reversal, SKX's 300.00 free again"
    );
}
