//! Issue 12: one customer import through the TUI's wizard (the app's own
//! connection open beside the import's worker) on a new database, timed
//! from the Enter that starts the commit to the worker's end, for
//! comparison with `kehu import` of the same file (the CLI, alone with the
//! file). One run per call, so runs can be interleaved with the CLI's:
//! `KEHU_BENCH_CSV=FILE cargo bench --bench tui_import` (a CSV with the
//! field keys as headers, e.g. from `KEHU_BENCH_FILES_ONLY=DIR cargo bench
//! --bench import`). Prints the seconds, the customers stored and the journal the commit wrote with.

use std::time::Instant;

use crossterm::event::KeyCode;
use kehu::store::Store;

#[path = "../tests/support/import_support.rs"]
mod import_support;
#[path = "../tests/support/tui_support.rs"]
mod support;

fn main() {
    let Some(csv) = std::env::var_os("KEHU_BENCH_CSV") else {
        println!("set KEHU_BENCH_CSV to a customer CSV (see the top of benches/tui_import.rs)");
        return;
    };
    let csv = std::path::PathBuf::from(csv);
    let (dir, store) = support::empty_store();
    let mut app = support::app(store, kehu::domain::Lang::En);
    import_support::to_policy(&mut app, csv.to_str().expect("a UTF-8 path"));
    let start = Instant::now();
    support::key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let secs = start.elapsed().as_secs_f64();
    let journal = match app.ctx().import.last_rollback_journal {
        Some(true) => "rollback journal",
        Some(false) => "WAL",
        None => "no run",
    };
    drop(app);
    let count = Store::open(&dir.path().join("kehu.db"))
        .and_then(|s| s.customer_count())
        .expect("count");
    println!("tui import: {secs:.3} s, {count} customers, {journal}");
}
