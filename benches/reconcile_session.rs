//! Issue 6 end to end at scale: a customer with 100,000 ledger entries and
//! their 100,000-line statement as a CSV file (2% planted differences).
//! Times each step the CLI and the TUI take — reading the statement through
//! the import pipeline, our side from the ledger, matching, saving the
//! session, reading it back, the reconciliation statement as xlsx — and the
//! TUI from `r` to the first frame of the two tables.
//!
//! `cargo bench --bench reconcile_session` (KEHU_BENCH_ROWS overrides 100000).

use std::io::Write;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kehu::domain::Money;
use kehu::domain::field::FieldValues;
use kehu::domain::ledger::EntryInput;
use kehu::import::statement::prepare::{self, ReadRequest};
use kehu::reconcile::MatchOptions;
use kehu::reconcile::synth::statement_pair;
use kehu::report::{ReconciliationDoc, write_reconciliation};
use kehu::store::{AddOptions, Allocate, CreditCheck, Store};
use kehu::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let rows: usize = std::env::var("KEHU_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db");
    let statement = dir.path().join("statement.csv");
    let pair = statement_pair(rows, 20, 42);

    let started = Instant::now();
    let mut store = Store::open(&db).expect("open");
    let values: FieldValues = [("name", "深圳华强电子股份有限公司")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let code = store
        .add_customer(&values, None)
        .expect("customer")
        .customer
        .data
        .code;
    let mut bulk = store.ledger_bulk(CreditCheck::Skip).expect("bulk");
    let no_allocation = AddOptions {
        allocate: Allocate::None,
        ..AddOptions::default()
    };
    for l in &pair.ours {
        let input = EntryInput {
            kind: if l.amount.is_negative() {
                "receipt"
            } else {
                "invoice"
            }
            .into(),
            date: l.date.to_string(),
            doc_no: l.doc.clone(),
            amount: Money::from_fen(l.amount.fen().abs()).to_string(),
            due_date: String::new(),
            memo: l.description.clone(),
        };
        // Allocation is the ledger's business, not reconciliation's, and
        // one customer's 100,000 receipts allocated oldest first take minutes.
        bulk.add(&code, &input, &no_allocation)
            .expect("write")
            .expect("valid entry");
    }
    bulk.commit().expect("commit");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&statement).expect("csv"));
    writeln!(file, "日期,单据号,摘要,借方,贷方").expect("write");
    for l in &pair.theirs {
        // Their books: what they owe us is their credit.
        let (debit, credit) = if l.amount.is_negative() {
            (Money::from_fen(-l.amount.fen()).to_string(), String::new())
        } else {
            (String::new(), l.amount.to_string())
        };
        writeln!(
            file,
            "{},{},{},{debit},{credit}",
            l.date, l.doc, l.description
        )
        .expect("write");
    }
    file.flush().expect("flush");
    drop(file);
    let setup = started.elapsed();
    let id = store.customer(&code).expect("read").expect("there").id;

    let mut peaks = vec![("setup", peak_mib())];
    reset_peak();
    let (file, read) = timed(|| {
        let request = ReadRequest {
            path: statement.clone(),
            ..ReadRequest::default()
        };
        prepare::read_statement(&store, &request).expect("statement reads")
    });
    peaks.push(("read", peak_mib()));
    let period = prepare::period(&file, None, None).expect("period");
    let (ours, our_time) = timed(|| store.reconcile_ours(id, period.0, period.1).expect("ours"));
    let (prepared, matching) = timed(|| {
        prepare::match_sides(ours, file, None, &MatchOptions::default()).expect("matches")
    });
    peaks.push(("ours+match", peak_mib()));
    reset_peak();
    let r = &prepared.reconciliation;
    let (session, save) = timed(|| {
        store
            .save_reconciliation(None, &prepared.source, r)
            .expect("saves")
    });
    peaks.push(("save", peak_mib()));
    reset_peak();
    let (loaded, load) = timed(|| store.reconciliation(session).expect("loads"));
    peaks.push(("load", peak_mib()));
    reset_peak();
    assert_eq!(loaded.reconciliation.matched().len(), r.matched().len());
    let out = dir.path().join("report.xlsx");
    let doc = ReconciliationDoc {
        code: &code,
        name: "深圳华强电子股份有限公司",
        from: period.0,
        to: period.1,
        statement_file: "statement.csv",
        status: String::new(),
        reconciliation: r,
    };
    let ((), report) =
        timed(|| write_reconciliation(&out, &doc, kehu::domain::Lang::Zh).expect("xlsx"));
    drop(store);
    peaks.push(("xlsx", peak_mib()));
    // The TUI's peak is its own: the CLI steps' session and its copy read
    // back are gone by then, as in a person's separate runs.
    let (matches, unexplained) = (r.matched().len(), r.unexplained_difference());
    drop(loaded);
    drop(prepared);
    reset_peak();

    // The TUI: `r`, the path, Enter, the detected sign, the first frame.
    let store = Store::open(&db).expect("open");
    let mut app = App::new(store, Options::new(kehu::domain::Lang::Zh)).expect("app");
    app.wait_until_loaded();
    // Each key's own frame (drawn while the workers read and match) and
    // the time until the two tables are on screen.
    let mut frames = Vec::new();
    let ((), tui) = timed(|| {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let mut press = |app: &mut App, code: KeyCode| {
            let (_, t) = timed(|| {
                app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
                terminal.draw(|f| app.render(f)).expect("draw");
            });
            frames.push(t);
        };
        press(&mut app, KeyCode::Char('r'));
        for c in statement.to_string_lossy().chars() {
            press(&mut app, KeyCode::Char(c));
        }
        press(&mut app, KeyCode::Enter);
        app.wait_until_loaded();
        press(&mut app, KeyCode::Enter);
        app.wait_until_loaded();
        terminal.draw(|f| app.render(f)).expect("draw");
    });
    peaks.push(("TUI", peak_mib()));
    let slowest_frame = frames.iter().max().copied().unwrap_or_default();
    let (_, key) = timed(|| {
        app.handle_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal.draw(|f| app.render(f)).expect("draw");
    });

    println!(
        "reconcile session, {} ours vs {} theirs ({} setup):",
        pair.ours.len(),
        pair.theirs.len(),
        fmt(setup)
    );
    println!("  read statement CSV        {}", fmt(read));
    println!("  our side from the ledger  {}", fmt(our_time));
    println!("  sign detection + match    {}", fmt(matching));
    println!(
        "  save session              {}   ({} matches, {} lines)",
        fmt(save),
        matches,
        pair.ours.len() + pair.theirs.len()
    );
    println!("  read session back         {}", fmt(load));
    println!("  reconciliation xlsx       {}", fmt(report));
    println!(
        "  TUI r → tables on screen  {}   (slowest key + its frame while reading/matching {})",
        fmt(tui),
        fmt(slowest_frame)
    );
    println!("  TUI PgDn + frame          {}", fmt(key));
    println!(
        "  unexplained {}, peak RSS {:.0} MiB",
        unexplained.grouped(),
        peaks.iter().map(|p| p.1).fold(peak_mib(), f64::max)
    );
    let by_step: Vec<String> = peaks.iter().map(|(s, m)| format!("{s} {m:.0}")).collect();
    println!("  peak RSS by step (MiB)    {}", by_step.join(", "));
}

/// Restarts VmHWM from the current RSS (Linux `clear_refs` 5), so each
/// step's peak is its own.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn fmt(d: Duration) -> String {
    format!("{:>8.0} ms", d.as_secs_f64() * 1000.0)
}

/// VmHWM of this process in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
