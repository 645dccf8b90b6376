//! Issue 6 end to end at scale: a customer with 100,000 ledger entries and
//! their 100,000-line statement as a CSV file (2% planted differences).
//! Times each step the CLI and the TUI take — reading the statement through
//! the import pipeline, our side from the ledger, matching, saving the
//! session, reading it back, the reconciliation statement as xlsx — and the
//! TUI from `r` to the first frame of the two tables.
//!
//! Memory is measured as a user's process would hold it: the database and
//! the CSV are made here, then each flow runs in a process of its own with
//! the binary's allocator (mimalloc) — the steps one by one in a child of
//! this bench (each step's peak its own), the CLI's `kehu reconcile … --save
//! --out …` and `kehu reconcile show … --out …` as the real binary, and the
//! TUI (r → path → Enter → sign → tables) in a child of this bench. A
//! flow's peak is its whole process's (VmHWM / ru_maxrss), startup included.
//!
//! `cargo bench --bench reconcile_session` (KEHU_BENCH_ROWS overrides 100000,
//! KEHU_BENCH_DIR keeps the files made).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kehu::domain::Money;
use kehu::domain::field::FieldValues;
use kehu::domain::ledger::EntryInput;
use kehu::import::statement::prepare::{self, ReadRequest};
use kehu::reconcile::synth::statement_pair;
use kehu::reconcile::{MatchOptions, Side};
use kehu::report::{ReconciliationDoc, write_reconciliation};
use kehu::store::{AddOptions, Allocate, CreditCheck, Store};
use kehu::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The binary's allocator, so the flows' memory is the app's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--flow") {
        Some(i) if args.get(i + 1).map(String::as_str) == Some("steps") => {
            return steps(
                Path::new(&args[i + 2]),
                Path::new(&args[i + 3]),
                &args[i + 4],
            );
        }
        Some(i) if args.get(i + 1).map(String::as_str) == Some("tui") => {
            return tui(Path::new(&args[i + 2]), Path::new(&args[i + 3]));
        }
        _ => {}
    }
    let rows: usize = std::env::var("KEHU_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    // KEHU_BENCH_DIR keeps the database and the CSV there (for a heap
    // profile of one flow: `--flow tui DB CSV`); it must not hold them yet.
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = std::env::var_os("KEHU_BENCH_DIR").map_or(temp.path().to_path_buf(), PathBuf::from);
    std::fs::create_dir_all(&dir).expect("bench dir");
    let db = dir.join("bench.db");
    let statement = dir.join("statement.csv");
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
    drop(store);
    let (ours, theirs) = (pair.ours.len(), pair.theirs.len());
    drop(pair);
    println!(
        "reconcile session, {ours} ours vs {theirs} theirs ({} setup; load {}):",
        fmt(setup),
        load_average()
    );
    let me = std::env::current_exe().expect("bench binary");
    let db_arg = db.to_string_lossy().to_string();
    let statement_arg = statement.to_string_lossy().to_string();

    println!("steps one by one, in a process of their own (this bench, mimalloc);");
    println!("each step's peak RSS is its own (VmHWM reset before it):");
    let (out, _) = run(Command::new(&me).args(["--flow", "steps", &db_arg, &statement_arg, &code]));
    print!("{out}");

    println!("each flow as its own process, peak RSS of the whole process (startup included):");
    let kehu = env!("CARGO_BIN_EXE_kehu");
    let report = dir.join("cli.xlsx");
    let (_, cli) = run(Command::new(kehu).args([
        "--db",
        &db_arg,
        "reconcile",
        &code,
        "--statement",
        &statement_arg,
        "--save",
        "--out",
        &report.to_string_lossy(),
    ]));
    println!(
        "  CLI  kehu reconcile CODE --statement CSV --save --out x.xlsx  {}  peak {}",
        fmt(cli.wall),
        mib(cli.peak_kb)
    );
    let report = dir.join("show.xlsx");
    let (_, show) = run(Command::new(kehu).args([
        "--db",
        &db_arg,
        "reconcile",
        "show",
        "1",
        "--out",
        &report.to_string_lossy(),
    ]));
    println!(
        "  CLI  kehu reconcile show 1 --out x.xlsx (read back)          {}  peak {}",
        fmt(show.wall),
        mib(show.peak_kb)
    );
    let (out, tui) = run(Command::new(&me).args(["--flow", "tui", &db_arg, &statement_arg]));
    print!("{out}");
    println!(
        "  TUI  r → path → Enter → sign → tables, PgDn (this bench)      {}  peak {}",
        fmt(tui.wall),
        mib(tui.peak_kb)
    );
}

/// The CLI's steps one at a time, each timed and its peak RSS its own.
fn steps(db: &Path, statement: &Path, code: &str) {
    let mut peaks = vec![("open", peak_mib())];
    reset_peak();
    let mut store = Store::open(db).expect("open");
    let id = store.customer(code).expect("read").expect("there").id;
    let (file, read) = timed(|| {
        let request = ReadRequest {
            path: statement.to_path_buf(),
            ..ReadRequest::default()
        };
        prepare::read_statement(&store, &request).expect("statement reads")
    });
    peaks.push(("read", peak_mib()));
    reset_peak();
    let period = prepare::period(&file, None, None).expect("period");
    let (ours, our_time) = timed(|| store.reconcile_ours(id, period.0, period.1).expect("ours"));
    let (prepared, matching) = timed(|| {
        prepare::match_moving(ours, file, None, &MatchOptions::default()).expect("matches")
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
    let out = statement.with_file_name("steps.xlsx");
    let doc = ReconciliationDoc {
        code,
        name: "深圳华强电子股份有限公司",
        from: period.0,
        to: period.1,
        statement_file: "statement.csv",
        status: String::new(),
        reconciliation: r,
    };
    let ((), report) =
        timed(|| write_reconciliation(&out, &doc, kehu::domain::Lang::Zh).expect("xlsx"));
    peaks.push(("xlsx", peak_mib()));
    println!("  read statement CSV        {}", fmt(read));
    println!("  our side from the ledger  {}", fmt(our_time));
    println!("  sign detection + match    {}", fmt(matching));
    println!(
        "  save session              {}   ({} matches, {} lines)",
        fmt(save),
        r.matched().len(),
        r.lines(Side::Ours).count() + r.lines(Side::Theirs).count()
    );
    println!("  read session back         {}", fmt(load));
    println!("  reconciliation xlsx       {}", fmt(report));
    println!("  unexplained {}", r.unexplained_difference().grouped());
    let by_step: Vec<String> = peaks.iter().map(|(s, m)| format!("{s} {m:.0}")).collect();
    println!("  peak RSS by step (MiB)    {}", by_step.join(", "));
    println!("    (a step's peak starts from what the steps before it still hold:");
    println!("     the statement read and the match stay until the end)");
}

/// The TUI as a person runs it, in this process alone.
fn tui(db: &Path, statement: &Path) {
    let store = Store::open(db).expect("open");
    let mut app = App::new(store, Options::new(kehu::domain::Lang::Zh)).expect("app");
    app.wait_until_loaded();
    let before = rss_mib();
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
    let slowest_frame = frames.iter().max().copied().unwrap_or_default();
    let (_, key) = timed(|| {
        app.handle_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal.draw(|f| app.render(f)).expect("draw");
    });
    println!(
        "  TUI  r → tables on screen  {}   (slowest key + its frame while reading/matching {})",
        fmt(tui),
        fmt(slowest_frame)
    );
    println!("  TUI  PgDn + frame          {}", fmt(key));
    println!(
        "  TUI  RSS with the app open before r {before:.0} MiB, tables on screen {:.0} MiB",
        rss_mib()
    );
}

struct Ran {
    wall: Duration,
    peak_kb: u64,
}

/// Runs a flow to its end: what it printed, its wall time and its peak RSS
/// (`ru_maxrss` of that process alone, from `wait4`). Exit 3 is the CLI's
/// "runs but does not close", which the planted differences make.
// Reaped by `wait4`, not `Child::wait`: that is where ru_maxrss comes from.
#[allow(clippy::zombie_processes)]
fn run(cmd: &mut Command) -> (String, Ran) {
    let start = Instant::now();
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let out = read_all(child.stdout);
    let err = read_all(child.stderr);
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(waited, pid, "wait4");
    let code = libc::WEXITSTATUS(status);
    assert!(
        libc::WIFEXITED(status) && (code == 0 || code == 3),
        "{cmd:?} failed ({status}): {err}"
    );
    let peak_kb = u64::try_from(usage.ru_maxrss).unwrap_or_default();
    (out, Ran { wall, peak_kb })
}

fn read_all(pipe: Option<impl std::io::Read>) -> String {
    let mut text = String::new();
    if let Some(mut p) = pipe {
        let _ = p.read_to_string(&mut text);
    }
    text
}

fn mib(kb: u64) -> String {
    format!(
        "{:.0} MiB ({:.0} MB)",
        kb as f64 / 1024.0,
        kb as f64 * 1024.0 / 1e6
    )
}

fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
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
    status_mib("VmHWM:")
}

/// VmRSS of this process in MiB.
fn rss_mib() -> f64 {
    status_mib("VmRSS:")
}

fn status_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
