//! Issue 16: `kehu import --kind ledger` (release binary, every row checked
//! as the entry form checks it, one transaction) of 1,000,000 entries for
//! 10,000 customers, side by side with `sqlite3 .import --csv` of the same
//! file into a plain table. Goal ≤ 2.0×, peak memory ≤ 300 MB.
//!
//! The file is shaped like a real ledger export: 20-digit invoice numbers,
//! receipts that pay earlier invoices (allocated oldest first), credit
//! notes, Chinese memos, dates over two years.
//!
//! A third line is the floor of kehu's schema: sqlite3 itself copying the
//! rows `.import` just loaded into a copy of kehu's database, as entries —
//! no checks, fewer allocations than kehu writes (see `floor_script`), the
//! same seven indexes dropped during the load and built after it, as kehu
//! does. Its ratio to `.import` is what the schema alone costs; kehu's
//! distance from it is what kehu adds.
//!
//! `cargo bench --bench ledger_import`. KEHU_BENCH_ENTRIES (default 1000000),
//! KEHU_BENCH_CUSTOMERS (default 10000), KEHU_BENCH_RUNS (default 3; the
//! tools run interleaved and medians are printed). KEHU_BENCH_PREPARE=DIR
//! writes the customers' database and the file to DIR and stops.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use kehu::store::Store;
use kehu::synth::customer_values;

#[path = "support/tools.rs"]
mod tools;
use tools::{ensure_tools, median_run, print_all, print_run, timed, timed_output};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn main() {
    ensure_tools();
    let entries = env("KEHU_BENCH_ENTRIES", 1_000_000);
    let customers = env("KEHU_BENCH_CUSTOMERS", 10_000).max(1);
    let runs = env("KEHU_BENCH_RUNS", 3).max(1) as usize;
    let dir = tempfile::tempdir().expect("temp dir");
    let kehu = env!("CARGO_BIN_EXE_kehu");

    let base = dir.path().join("base.db");
    let codes = customers_db(&base, customers);
    let csv = dir.path().join("ledger.csv");
    write_csv(&csv, &codes, entries);
    let size = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    println!(
        "ledger CSV: {entries} entries for {customers} customers, {:.1} MB",
        size as f64 / 1e6
    );
    // KEHU_BENCH_PREPARE=DIR: leave the customers' database and the file
    // there (for callgrind on the release binary) and run nothing.
    if let Ok(keep) = std::env::var("KEHU_BENCH_PREPARE") {
        let keep = Path::new(&keep);
        std::fs::create_dir_all(keep).expect("prepare dir");
        std::fs::copy(&base, keep.join("base.db")).expect("keep the customers");
        std::fs::copy(&csv, keep.join("ledger.csv")).expect("keep the file");
        println!("kept base.db and ledger.csv in {}", keep.display());
        return;
    }
    let script = dir.path().join("floor.sql");
    let (text, steps) = floor_script(&base);
    std::fs::write(&script, text).expect("write the floor script");
    let mut step_times: Vec<Vec<f64>> = vec![Vec::new(); steps.len()];
    let mut sqlite = Vec::new();
    let mut floor = Vec::new();
    let mut ours = Vec::new();
    for run in 0..runs {
        let plain = dir.path().join(format!("plain{run}.db"));
        sqlite.push(timed(
            Command::new("sqlite3")
                .arg(&plain)
                .arg(format!(".import --csv {} plain", csv.display())),
        ));
        let same = dir.path().join(format!("floor{run}.db"));
        std::fs::copy(&base, &same).expect("copy the customers");
        let (timing, printed) = timed_output(
            Command::new("sqlite3")
                .arg(&same)
                .arg(format!("ATTACH '{}' AS src", plain.display()))
                .arg(format!(".read {}", script.display())),
        );
        floor.push(timing);
        let times = printed.lines().filter_map(|l| {
            l.strip_prefix("Run Time: real ")?
                .split(' ')
                .next()?
                .parse()
                .ok()
        });
        for (step, t) in step_times.iter_mut().zip(times) {
            step.push(t);
        }
        check_count(&same, entries);
        let _ = std::fs::remove_file(&same);
        let _ = std::fs::remove_file(&plain);
        let db = dir.path().join(format!("kehu{run}.db"));
        std::fs::copy(&base, &db).expect("copy the customers");
        ours.push(timed(
            Command::new(kehu)
                .env("KEHU_OPERATOR", "bench")
                .arg("--db")
                .arg(&db)
                .args(["import", "--kind", "ledger", "--format", "json"])
                .arg(&csv),
        ));
        check_count(&db, entries);
        let _ = std::fs::remove_file(&db);
        let _ = std::fs::remove_dir_all(dir.path().join("backups"));
    }
    print_all("sqlite3 .import", &sqlite);
    print_all("sqlite3, same writes into kehu's schema", &floor);
    print_all("kehu import --kind ledger", &ours);
    let (sqlite, floor, ours) = (median_run(sqlite), median_run(floor), median_run(ours));
    println!("median of {runs} interleaved runs:");
    println!("                                   wall      rows/s    peak RSS");
    print_run("sqlite3 .import --csv, file db", &sqlite, entries);
    print_run("sqlite3, kehu's schema, no checks", &floor, entries);
    print_run("kehu import --kind ledger", &ours, entries);
    let ratio = |a: &tools::Run| a.wall.as_secs_f64() / sqlite.wall.as_secs_f64();
    println!(
        "  ratio kehu / sqlite3               {:>6.2}×   (goal ≤ 2.00×, peak ≤ 300 MB)",
        ratio(&ours)
    );
    println!(
        "  ratio schema floor / sqlite3       {:>6.2}×   (sqlite3 alone, the same writes)",
        ratio(&floor)
    );
    println!("  the floor's steps (sqlite3 .timer, median s):");
    for (name, mut times) in steps.iter().zip(step_times) {
        times.sort_by(f64::total_cmp);
        if let Some(t) = times
            .get(times.len() / 2)
            .filter(|_| !name.starts_with('('))
        {
            println!("    {name:<32} {t:>6.2}");
        }
    }
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("  load average at the end: {}", load.trim());
    }
}

/// The indexes kehu keeps while a large ledger load runs: partial, and no
/// imported entry enters them (store/ledger/batch_load.rs `DEFERRABLE` is
/// every other index of the two tables).
const KEPT_LIVE: [&str; 2] = ["ledger_entry_reversal", "ledger_entry_tax_invoice"];

/// sqlite3 writing what kehu writes for the file, as a lower bound. The
/// rows are read from the database `.import` made of the file (attached as
/// `src`; reading it stands in for kehu's reading of the file). Then in one
/// transaction (rollback journal, synchronous FULL and a 96 MiB cache, as
/// kehu's load mode): the entries with their customer's id, an allocation
/// for each receipt and credit (kehu writes more: a receipt can pay several
/// invoices), a third of the invoices left open (kehu leaves about as
/// many), and the indexes built after the load with two sorter threads.
/// kehu also checks every row, allocates, and writes each customer's
/// totals and audit; none of that is here.
/// The script, and the names of the steps its `.timer` lines time, in order.
fn floor_script(base: &Path) -> (String, Vec<String>) {
    let conn = rusqlite::Connection::open(base).expect("open the customers");
    let mut statement = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
             AND tbl_name IN ('ledger_entry', 'ledger_allocation') ORDER BY name",
        )
        .expect("read the schema");
    let indexes: Vec<(String, String)> = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("read the schema")
        .collect::<Result<_, _>>()
        .expect("read the schema");
    let deferred: Vec<&(String, String)> = indexes
        .iter()
        .filter(|(name, _)| !KEPT_LIVE.contains(&name.as_str()))
        .collect();
    assert_eq!(
        deferred.len(),
        7,
        "the indexes a large ledger load builds after it"
    );
    let drops: String = deferred
        .iter()
        .map(|(name, _)| format!("DROP INDEX {name};\n"))
        .collect();
    let creates: String = deferred
        .iter()
        .map(|(_, sql)| format!("{sql};\n"))
        .collect();
    let fen = "CAST(round(p.\"金额\" * 100) AS INTEGER)";
    let mut steps: Vec<String> = ["entries", "allocations", "(pragma)", "(pragma)"]
        .map(String::from)
        .into();
    steps.extend(deferred.iter().map(|(name, _)| format!("build {name}")));
    steps.push("commit".into());
    let text = format!(
        "PRAGMA journal_mode = DELETE;
PRAGMA synchronous = FULL;
PRAGMA cache_size = -98304;
BEGIN;
{drops}.timer on
INSERT INTO ledger_entry (customer_id, kind, entry_date, doc_no, amount, due_date, outstanding, memo, created_at, updated_at)
 SELECT c.id,
  CASE p.\"单据类型\" WHEN '销售发票' THEN 'invoice' WHEN '收款' THEN 'receipt' ELSE 'credit' END,
  p.\"日期\", p.\"单据号\",
  CASE p.\"单据类型\" WHEN '销售发票' THEN {fen} ELSE -{fen} END,
  CASE p.\"单据类型\" WHEN '销售发票' THEN p.\"日期\" END,
  CASE WHEN p.\"单据类型\" = '销售发票' AND p.rowid % 3 = 0 THEN {fen} ELSE 0 END,
  p.\"摘要\", '2026-12-07T17:00:00.123+00:00', '2026-12-07T17:00:00.123+00:00'
 FROM src.plain p JOIN customer c ON c.code = p.\"客户编码\" ORDER BY p.rowid;
INSERT INTO ledger_allocation (credit_id, debit_id, amount, effective_date, created_at)
 SELECT id, id - 1, -amount, entry_date, created_at FROM ledger_entry WHERE amount < 0;
PRAGMA threads = 2;
PRAGMA cache_size = -2048;
{creates}COMMIT;
"
    );
    (text, steps)
}

/// The customers the entries belong to, in a database copied for each run.
fn customers_db(path: &Path, customers: u64) -> Vec<String> {
    let mut store = Store::open(path).expect("open");
    let mut bulk = store.bulk_insert().expect("bulk");
    let mut codes = Vec::with_capacity(customers as usize);
    for i in 0..customers {
        match bulk.insert(&customer_values(i)).expect("insert") {
            Ok((c, _)) => codes.push(c.data.code),
            Err(checked) => panic!("synthetic customer rejected: {}", checked.problems),
        }
    }
    bulk.commit().expect("commit");
    codes
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

/// Each customer's entries in date order; rows of all customers interleaved
/// as an export sorted by date has them.
fn write_csv(path: &Path, codes: &[String], entries: u64) {
    let file = std::fs::File::create(path).expect("create CSV");
    let mut out = std::io::BufWriter::new(file);
    writeln!(out, "客户编码,单据类型,日期,单据号,金额,摘要").expect("write");
    let mut rng = Rng(0x5EED_1234);
    let per_customer = entries / codes.len() as u64;
    let mut unpaid: Vec<std::collections::VecDeque<i64>> = vec![Default::default(); codes.len()];
    let first_day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    let mut written = 0;
    for k in 0..per_customer.max(1) {
        let date = first_day + chrono::Days::new(k * 700 / per_customer.max(1));
        for (c, code) in codes.iter().enumerate() {
            if written == entries {
                break;
            }
            let roll = rng.below(100);
            let open = &mut unpaid[c];
            let (kind, fen, memo) = if roll < 55 || open.len() < 2 {
                let fen = (1_000 + rng.below(49_000) as i64) * 100 + rng.below(100) as i64;
                open.push_back(fen);
                ("销售发票", fen, "货款")
            } else if roll < 95 {
                ("收款", open.pop_front().unwrap_or(100), "银行转账 回款")
            } else {
                ("红字", 100 + rng.below(50_000) as i64, "退货")
            };
            writeln!(
                out,
                "{code},{kind},{},2444200000{:010},{}.{:02},{memo}",
                date.format("%Y-%m-%d"),
                written,
                fen / 100,
                fen % 100
            )
            .expect("write");
            written += 1;
        }
    }
    out.flush().expect("flush");
}

fn check_count(db: &Path, entries: u64) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM ledger_entry", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n as u64, entries, "every entry imported");
}
