//! Issue 3: the customer list with 100,000 customers. Start → first frame,
//! per-keystroke search (the key handled and the frame drawn, as the user
//! waits for it), and the list's memory, side by side with the goals and the
//! FLOORS.md floor for in-memory substring search.
//!
//! `cargo bench --bench tui_list` (KEHU_BENCH_ROWS overrides 100000).

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kehu::domain::Lang;
use kehu::store::Store;
use kehu::synth::customer_values;
use kehu::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/memory.rs"]
mod memory;
use memory::{mimalloc_rss_and_commit, rss_kib};

const RUNS: usize = 5;

/// The allocator the `kehu` binary uses (src/main.rs), so the memory figures
/// are what the user's process holds.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // As the binary starts (src/main.rs).
    kehu::store::configure_sqlite();
    let rows: u64 = std::env::var("KEHU_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    // Kept under target/tmp between runs (a million rows with their ledger
    // take minutes to write); delete it when done measuring.
    let path =
        std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("tui-list-{rows}.db"));
    let fill = Instant::now();
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial).expect("open");
        let mut bulk = store.bulk_insert().expect("bulk");
        for i in 0..rows {
            if let Err(checked) = bulk.insert(&customer_values(i)).expect("insert") {
                panic!("synthetic row rejected: {}", checked.problems);
            }
        }
        bulk.commit().expect("commit");
        add_ledger(&mut store, rows);
        drop(store);
        std::fs::rename(&partial, &path).expect("rename");
    }
    println!(
        "tui list, {rows} customers with two ledger entries each ({:.1} s to create the database)",
        fill.elapsed().as_secs_f64()
    );

    // Start → first frame: open the file, build the app, draw once.
    let mut first_frames = Vec::new();
    let mut full_loads = Vec::new();
    let mut rss_deltas = Vec::new();
    let mut index_bytes = 0;
    let mut name_index_bytes = 0;
    let mut parts = String::new();
    let mut app = None;
    for _ in 0..RUNS {
        drop(app.take());
        let rss_before = rss_kib();
        let start = Instant::now();
        let store = Store::open(&path).expect("open");
        let mut a = App::new(store, Options::new(Lang::Zh)).expect("app");
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal.draw(|f| a.render(f)).expect("draw");
        first_frames.push(start.elapsed());
        a.wait_until_loaded();
        terminal.draw(|f| a.render(f)).expect("draw");
        full_loads.push(start.elapsed());
        rss_deltas.push(rss_kib().saturating_sub(rss_before));
        index_bytes = a.ctx().customers.index.heap_bytes();
        name_index_bytes = a.store().similar_index_heap_bytes();
        parts = heap_parts(&a);
        app = Some(a);
    }
    let mut app = app.expect("app");
    let first = median(first_frames);
    let full = median(full_loads);
    println!(
        "  start → first frame (first {} rows)  {:>8.1} ms   goal ≤ 100 ms",
        kehu::tui::index::FIRST_PAGE,
        ms(first)
    );
    println!(
        "  start → whole list loaded (worker)   {:>8.1} ms   (the UI stays live meanwhile)",
        ms(full)
    );
    println!(
        "  list memory (name index included): RSS growth {:>6.1} MiB, list heap {:>6.1} MiB, \
         name index heap {:>6.1} MiB   goal ≤ 250 MB",
        *rss_deltas.iter().max().unwrap_or(&0) as f64 / 1024.0,
        index_bytes as f64 / (1024.0 * 1024.0),
        name_index_bytes as f64 / (1024.0 * 1024.0)
    );
    print!("{parts}");

    let floor = rows as f64 / 1_000_000.0;
    println!(
        "  per keystroke (key handled + frame drawn at 120×40), median of {RUNS} runs; \
         floor: in-memory substring search over 1M names 3.6–8.8 ms → {:.2}–{:.2} ms for {rows}:",
        3.6 * floor,
        8.8 * floor
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    for query in ["hqdz", "华强", "00000012", "a"] {
        let mut per_key: Vec<Vec<Duration>> = vec![Vec::new(); query.chars().count()];
        let mut shown = String::new();
        let mut backspace = Vec::new();
        for _ in 0..RUNS {
            press(&mut app, &mut terminal, KeyCode::Char('/'));
            for (i, c) in query.chars().enumerate() {
                per_key[i].push(press(&mut app, &mut terminal, KeyCode::Char(c)));
            }
            shown = shown_count(&terminal);
            backspace.push(press(&mut app, &mut terminal, KeyCode::Backspace));
            press(&mut app, &mut terminal, KeyCode::Esc);
        }
        let cells: Vec<String> = query
            .chars()
            .zip(per_key)
            .map(|(c, t)| format!("{c} {:.2}", ms(median(t))))
            .collect();
        println!(
            "    {} {} ms; backspace {:.2} ms; {shown} shown   goal ≤ 16 ms each",
            kehu::tui::widgets::fit(&format!("/{query}"), 10),
            cells.join(", "),
            ms(median(backspace))
        );
    }
    // Changing the sort column re-filters all rows in the new (prepared) order.
    let mut sorts = Vec::new();
    for _ in 0..8 {
        let start = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
        terminal.draw(|f| app.render(f)).expect("draw");
        sorts.push(start.elapsed());
    }
    let slowest = sorts.iter().max().copied().unwrap_or_default();
    println!(
        "    o (next sort column; orders are built on the loading worker): slowest {:.1} ms, median {:.1} ms",
        ms(slowest),
        ms(median(sorts))
    );
    // What leaving a changed form field or Ctrl-S costs: the store's full
    // check, similar-name scan over every customer included.
    let mut checks = Vec::new();
    let mut values = customer_values(rows + 7);
    values.insert("name".into(), "杭州新源食品有限公司".into());
    for _ in 0..RUNS {
        let start = Instant::now();
        let checked = app.store().check_customer(&values, None).expect("check");
        checks.push(start.elapsed());
        assert!(!checked.problems.has_errors(), "{}", checked.problems);
    }
    println!(
        "    form: store check on leaving a changed field / Ctrl-S {:.1} ms (not per keystroke: \
         keystrokes run the field checks only)",
        ms(median(checks))
    );
    ledger_screens(&mut app, &mut terminal);
    let mut idle = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        terminal.draw(|f| app.render(f)).expect("draw");
        idle.push(start.elapsed());
    }
    println!(
        "    (drawing alone, no key: {:.2} ms — only the {} visible rows are built)",
        ms(median(idle)),
        40 - 4
    );
}

/// Every customer gets an invoice, and every other one a receipt paying
/// part of it, so the list's balances and marks come from real aggregate
/// rows (about a third of the customers end up overdue).
fn add_ledger(store: &mut Store, rows: u64) {
    let mut bulk = store
        .ledger_bulk(kehu::store::CreditCheck::Skip)
        .expect("ledger bulk");
    for i in 0..rows {
        let code = format!("C{:06}", i + 1);
        let invoice = kehu::domain::ledger::EntryInput {
            kind: "invoice".into(),
            date: format!("2026-{:02}-{:02}", 1 + i % 11, 1 + i % 28),
            doc_no: format!("FP-{i}"),
            amount: format!("{}.{:02}", 1_000 + i % 90_000, i % 100),
            ..Default::default()
        };
        let options = kehu::store::AddOptions::default();
        if let Err(p) = bulk.add(&code, &invoice, &options).expect("add") {
            panic!("{code}: {p}");
        }
        if i % 2 == 0 {
            let receipt = kehu::domain::ledger::EntryInput {
                kind: "receipt".into(),
                date: "2026-11-30".into(),
                doc_no: format!("SK-{i}"),
                amount: "500".into(),
                ..Default::default()
            };
            if let Err(p) = bulk.add(&code, &receipt, &options).expect("add") {
                panic!("{code}: {p}");
            }
        }
    }
    bulk.commit().expect("commit");
}

/// The ledger screens on the big database: the balances query the list's
/// loader runs, opening one customer's ledger, the dashboard's figures, and
/// the quick invoice's search per keystroke.
fn ledger_screens(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    let mut balances = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let all = kehu::tui::index::ledger_balances(app.store()).expect("balances");
        balances.push(start.elapsed());
        assert!(!all.is_empty());
    }
    println!(
        "  ledger: all balances for the list (one Store::balances query, on the loading worker) {:.1} ms",
        ms(median(balances))
    );
    press(app, terminal, KeyCode::Char('g'));
    let mut opens = Vec::new();
    for _ in 0..RUNS {
        opens.push(press(app, terminal, KeyCode::Char('l')));
        press(app, terminal, KeyCode::Esc);
    }
    println!(
        "    l (open a customer's ledger, key + frame) {:.2} ms",
        ms(median(opens))
    );
    let mut dashboards = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Char('D'), KeyModifiers::NONE));
        terminal.draw(|f| app.render(f)).expect("draw");
        let first = start.elapsed();
        app.wait_until_loaded();
        terminal.draw(|f| app.render(f)).expect("draw");
        dashboards.push((first, start.elapsed()));
        press(app, terminal, KeyCode::Esc);
    }
    let (first, full): (Vec<Duration>, Vec<Duration>) = dashboards.into_iter().unzip();
    println!(
        "    D (dashboard): first frame {:.1} ms, figures loaded on the worker {:.0} ms",
        ms(median(first)),
        ms(median(full))
    );
    let mut per_key: Vec<Vec<Duration>> = vec![Vec::new(); 4];
    for _ in 0..RUNS {
        press(app, terminal, KeyCode::Char('n'));
        for (i, c) in "hqdz".chars().enumerate() {
            per_key[i].push(press(app, terminal, KeyCode::Char(c)));
        }
        press(app, terminal, KeyCode::Esc);
    }
    let cells: Vec<String> = "hqdz"
        .chars()
        .zip(per_key)
        .map(|(c, t)| format!("{c} {:.2}", ms(median(t))))
        .collect();
    println!(
        "    n (quick invoice) typing hqdz: {} ms per key   goal ≤ 16 ms each",
        cells.join(", ")
    );
}

/// One key press and the frame that shows its result.
fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, code: KeyCode) -> Duration {
    let start = Instant::now();
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    terminal.draw(|f| app.render(f)).expect("draw");
    start.elapsed()
}

/// The "N 条" count on the status line. The second cell of a wide character
/// is skipped: it may still hold what an earlier frame drew there.
fn shown_count(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let y = buffer.area.height - 2;
    let mut line = String::new();
    let mut x = 0;
    while x < buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        line.push_str(symbol);
        x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
    }
    line.split('·')
        .map(str::trim)
        .find(|s| s.ends_with('条'))
        .map(|s| s.trim_end_matches('条').trim().to_string())
        .unwrap_or_default()
}

/// The list's and the name index's heap by part, and what the allocators
/// hold beside them (mimalloc: the Rust side; glibc: SQLite's page caches).
fn heap_parts(app: &App) -> String {
    let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
    let line = |title: &str, parts: Vec<(&'static str, usize)>| {
        let cells: Vec<String> = parts
            .iter()
            .map(|(name, bytes)| format!("{name} {:.1}", mib(*bytes)))
            .collect();
        format!("    {title}: {} MiB\n", cells.join(", "))
    };
    let mut out = line("list heap", app.ctx().customers.index.heap_parts());
    out += &line("name index heap", app.store().similar_index_heap_parts());
    let (rss, commit) = mimalloc_rss_and_commit();
    out += &format!(
        "    process RSS {:.1} MiB; mimalloc committed {:.1} MiB",
        mib(rss),
        mib(commit)
    );
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallinfo2 only reads glibc's counters.
        let info = unsafe { libc::mallinfo2() };
        out += &format!(
            "; glibc in use {:.1} MiB, free kept {:.1} MiB",
            mib(info.uordblks + info.hblkhd),
            mib(info.fordblks)
        );
    }
    out + "\n"
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
