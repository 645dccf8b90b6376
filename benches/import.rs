//! Issue 4: `kehu import` (release binary, full validation, one transaction)
//! side by side with the bare tools on the same files:
//!
//! - a 1,000,000-row realistic customer CSV vs `sqlite3 .import --csv` of it
//!   into a plain table (goal ≤ 2.0×, peak memory ≤ 300 MB);
//! - a 100,000-row xlsx vs calamine's bare read of it plus a bare prepared
//!   insert of the same rows (goal ≤ 1.5×).
//!
//! `cargo bench --bench import`. KEHU_BENCH_ROWS (CSV rows, default 1000000),
//! KEHU_BENCH_XLSX_ROWS (default 100000; 0 skips the xlsx), KEHU_BENCH_RUNS (default 3: the
//! tools run interleaved, medians are printed, so load from other processes
//! hits both sides alike). Needs /usr/bin/time and sqlite3: installed with
//! apt-get when missing (as root), else it says what to install.
//! KEHU_BENCH_FILES_ONLY=DIR writes the two CSVs into DIR and stops (for
//! callgrind on small files: `KEHU_BENCH_ROWS=20000`).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use kehu::domain::field::FieldValues;
use kehu::store::Store;
use kehu::synth::customer_values;
use rusqlite::{Connection, params};

#[path = "support/tools.rs"]
mod tools;
use tools::{Run, ensure_tools, median_run, print_all, print_run, timed, timed_output};

fn main() {
    let rows = env_rows("KEHU_BENCH_ROWS", 1_000_000);
    if let Some(dir) = std::env::var_os("KEHU_BENCH_FILES_ONLY") {
        let dir = Path::new(&dir);
        write_csv(&dir.join("customers.csv"), rows, false);
        write_csv(&dir.join("merged.csv"), rows, true);
        println!(
            "wrote customers.csv and merged.csv ({rows} rows) in {}",
            dir.display()
        );
        return;
    }
    ensure_tools();
    let xlsx_rows = env_rows("KEHU_BENCH_XLSX_ROWS", 100_000);
    let runs = env_rows("KEHU_BENCH_RUNS", 3).max(1) as usize;
    let dir = tempfile::tempdir().expect("temp dir");
    let kehu = env!("CARGO_BIN_EXE_kehu");

    let csv = dir.path().join("customers.csv");
    let start = Instant::now();
    let headers = write_csv(&csv, rows, false);
    describe_csv("CSV, unique names", &csv, rows, headers.len(), start);
    let merged = dir.path().join("merged.csv");
    let start = Instant::now();
    write_csv(&merged, rows, true);
    describe_csv(
        "CSV merged from branches (about half the names repeat an earlier one)",
        &merged,
        rows,
        headers.len(),
        start,
    );
    // Both files and both tools interleaved, so load from other processes
    // hits every figure alike.
    let mut figures: [Vec<Run>; 5] = Default::default();
    for run in 0..runs {
        for (file, sqlite, ours) in [(&csv, 0, 2), (&merged, 3, 4)] {
            let plain = dir.path().join(format!("plain{run}.db"));
            figures[sqlite].push(timed(
                Command::new("sqlite3")
                    .arg(&plain)
                    .arg(format!(".import --csv {} plain", file.display())),
            ));
            let _ = std::fs::remove_file(&plain);
            if sqlite == 0 {
                figures[1].push(timed(
                    Command::new("sqlite3")
                        .arg(":memory:")
                        .arg(format!(".import --csv {} plain", file.display())),
                ));
            }
            let db = dir.path().join(format!("kehu{run}.db"));
            let (run, out) = timed_output(
                Command::new(kehu)
                    .arg("--db")
                    .arg(&db)
                    .args(["import", "--format", "json"])
                    .arg(file),
            );
            figures[ours].push(run);
            check_counts(&db, rows);
            if ours == 4 {
                let similar = similar_rows(&out);
                assert!(
                    similar > rows * 2 / 5,
                    "about half the rows have similar names: {similar}"
                );
            }
            let _ = std::fs::remove_file(&db);
        }
    }
    let [sqlite_file, sqlite_memory, ours, sqlite_merged, ours_merged] = figures;
    print_all("sqlite3 .import, file db", &sqlite_file);
    print_all("kehu import", &ours);
    print_all("sqlite3 .import, merged file", &sqlite_merged);
    print_all("kehu import, merged file", &ours_merged);
    let (sqlite_file, sqlite_memory, ours, sqlite_merged, ours_merged) = (
        median_run(sqlite_file),
        median_run(sqlite_memory),
        median_run(ours),
        median_run(sqlite_merged),
        median_run(ours_merged),
    );
    println!("median of {runs} interleaved runs:");
    println!("                                   wall      rows/s    peak RSS");
    print_run("sqlite3 .import --csv, file db", &sqlite_file, rows);
    print_run("sqlite3 .import --csv, :memory:", &sqlite_memory, rows);
    print_run("kehu import (validated, file db)", &ours, rows);
    println!(
        "  ratio kehu / sqlite3 file          {:>6.2}×   (goal ≤ 2.00×; floor in FLOORS.md: 4.55 s)",
        ours.wall.as_secs_f64() / sqlite_file.wall.as_secs_f64()
    );
    println!(
        "  peak memory kehu                   {:>6.0} MB  (goal ≤ 300 MB)",
        ours.peak_kb as f64 / 1024.0
    );
    println!("merged file (half the names repeat):");
    print_run("sqlite3 .import --csv, file db", &sqlite_merged, rows);
    print_run("kehu import (validated, file db)", &ours_merged, rows);
    println!(
        "  ratio kehu / sqlite3 file          {:>6.2}×   (goal ≤ 2.00×)",
        ours_merged.wall.as_secs_f64() / sqlite_merged.wall.as_secs_f64()
    );
    println!(
        "  peak memory kehu                   {:>6.0} MB  (goal ≤ 300 MB)",
        ours_merged.peak_kb as f64 / 1024.0
    );
    let _ = std::fs::remove_file(&csv);
    let _ = std::fs::remove_file(&merged);
    if xlsx_rows == 0 {
        return;
    }

    println!();
    let xlsx = dir.path().join("customers.xlsx");
    let start = Instant::now();
    let data: Vec<FieldValues> = (0..xlsx_rows).map(customer_values).collect();
    write_xlsx(&xlsx, &headers, &data);
    println!(
        "XLSX: {xlsx_rows} rows ({:.1} MB, written in {:.1} s)",
        std::fs::metadata(&xlsx).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    let (mut reads, mut inserts, mut imports) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        reads.push(calamine_read(&xlsx));
        inserts.push(bare_insert(&data));
        let db = dir.path().join(format!("kehu-xlsx{run}.db"));
        imports.push(timed(
            Command::new(kehu)
                .arg("--db")
                .arg(&db)
                .args(["import", "--format", "json"])
                .arg(&xlsx),
        ));
        check_counts(&db, xlsx_rows);
    }
    let (read, insert, ours) = (median(reads), median(inserts), median_run(imports));
    println!("median of {runs} interleaved runs:");
    println!("                                   wall      rows/s");
    print_wall("calamine bare read", read, xlsx_rows);
    print_wall("bare prepared insert", insert, xlsx_rows);
    print_wall("  sum (the floor)", read + insert, xlsx_rows);
    print_run("kehu import (validated)", &ours, xlsx_rows);
    println!(
        "  ratio kehu / (read + insert)       {:>6.2}×   (goal ≤ 1.50×)",
        ours.wall.as_secs_f64() / (read + insert).as_secs_f64()
    );
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn env_rows(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn describe_csv(label: &str, path: &Path, rows: u64, columns: usize, start: Instant) {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!(
        "{label}: {rows} rows, {columns} columns, {:.1} MB (written in {:.1} s)",
        size as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
}

/// Streams `rows` synthetic customers to a CSV (headers = field keys). With
/// `merged`, about half the rows take the name of an earlier row, as a list
/// merged from branch offices does: exactly, or written with another legal
/// form or a bracketed city (the same name key), each with its own tax ID.
fn write_csv(path: &Path, rows: u64, merged: bool) -> Vec<String> {
    let headers: Vec<String> = customer_values(0).into_keys().collect();
    let mut w = csv::Writer::from_path(path).expect("create csv");
    w.write_record(&headers).expect("write");
    let pick = |i: u64| i.wrapping_mul(0x2545_F491_4F6C_DD1D).rotate_left(17);
    let repeats = |i: u64| merged && i > 0 && pick(i) % 2 == 0;
    for i in 0..rows {
        let mut v = customer_values(i);
        if repeats(i) {
            // An earlier row that kept its own name (row 0 always does).
            let mut earlier = (pick(i) >> 8) % i;
            while repeats(earlier) {
                earlier -= 1;
            }
            let name = &customer_values(earlier)["name"];
            v.insert("name".into(), lookalike(name, pick(i) >> 40));
        }
        w.write_record(headers.iter().map(|h| v[h].as_str()))
            .expect("write");
    }
    w.flush().expect("flush");
    // On disk before any timing starts: the first runs would otherwise
    // share the machine with the kernel writing this file back.
    w.into_inner().expect("flush").sync_all().expect("sync csv");
    headers
}

/// The same company as `name` (`深圳市华强电子有限公司`), written as a branch's
/// list writes it: as is, 股份有限公司, or the city in brackets.
fn lookalike(name: &str, how: u64) -> String {
    // Past 125,000 rows names end in a branch (…有限公司第1分公司): kept as is.
    let Some(body) = name.strip_suffix("有限公司") else {
        return name.to_string();
    };
    match how % 4 {
        0 | 1 => name.to_string(),
        2 => format!("{body}股份有限公司"),
        _ => match body.split_once('市') {
            Some((city, rest)) => format!("（{city}市）{rest}有限公司"),
            None => name.to_string(),
        },
    }
}

/// Rows with a similar-name warning, from the JSON report.
fn similar_rows(json: &str) -> u64 {
    let report: serde_json::Value = serde_json::from_str(json).expect("json report");
    report["similar_name_rows"].as_u64().unwrap_or(0)
}

fn write_xlsx(path: &Path, headers: &[String], data: &[FieldValues]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book
        .add_worksheet_with_constant_memory()
        .expect("worksheet");
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, h).expect("write");
    }
    for (r, v) in data.iter().enumerate() {
        for (c, h) in headers.iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16, &v[h])
                .expect("write");
        }
    }
    book.save(path).expect("save xlsx");
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .expect("sync xlsx");
}

/// calamine's own cost: open, read the sheet, every cell to text.
fn calamine_read(path: &Path) -> Duration {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let start = Instant::now();
    let mut book: Xlsx<_> = open_workbook(path).expect("open xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("sheet");
    let mut bytes = 0usize;
    for row in range.rows() {
        for cell in row {
            if let Data::String(s) = cell {
                bytes += s.len();
            }
        }
    }
    assert!(bytes > 0);
    start.elapsed()
}

/// The same text bound straight into the same table and indexes: no parsing,
/// no checks, no audit rows (as in benches/customer_insert.rs).
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
                "2026-11-23T10:00:00+08:00",
            ])
            .expect("insert");
        }
    }
    tx.commit().expect("commit");
    start.elapsed()
}

fn print_wall(label: &str, wall: Duration, rows: u64) {
    println!(
        "  {label:<32} {:>6.2} s  {:>8.0}",
        wall.as_secs_f64(),
        rows as f64 / wall.as_secs_f64()
    );
}

fn check_counts(db: &Path, rows: u64) {
    let store = Store::open(db).expect("open result");
    let n = store.customer_count().expect("count");
    assert_eq!(n as u64, rows, "every row imported");
}
