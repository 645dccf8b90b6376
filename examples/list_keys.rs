//! A callgrind driver for the list's keystrokes: opens a database the
//! `tui_list` bench made, loads the whole list, then types each query once
//! (key handled + frame drawn at 120×40). Keystrokes run in `keystroke`, so
//! `--toggle-collect` counts them alone; `KEHU_KEY=N` counts only the N-th
//! key of each query (the others still run):
//!
//! `valgrind --tool=callgrind --toggle-collect='list_keys::keystroke' \
//!   target/release/examples/list_keys target/tmp/tui-list-100000.db hqdz 华强 00000012`
//!
//! A query starting with `!` is keys pressed on the list (`!oooooooo`: the
//! next sort column eight times).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kehu::domain::Lang;
use kehu::store::Store;
use kehu::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: list_keys DB QUERY…");
        std::process::exit(2);
    };
    let only: Option<usize> = std::env::var("KEHU_KEY").ok().and_then(|n| n.parse().ok());
    let store = Store::open(std::path::Path::new(&path)).expect("open");
    let mut app = App::new(store, Options::new(Lang::Zh)).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal.draw(|f| app.render(f)).expect("draw");
    app.wait_until_loaded();
    terminal.draw(|f| app.render(f)).expect("draw");
    eprintln!(
        "list heap {:.1} MiB, name index heap {:.1} MiB (the bench prints RSS)",
        app.ctx().customers.index.heap_bytes() as f64 / 1048576.0,
        app.store().similar_index_heap_bytes() as f64 / 1048576.0,
    );
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallinfo2 only reads the allocator's counters.
        let info = unsafe { libc::mallinfo2() };
        eprintln!(
            "malloc: in use {:.1} MiB (mmapped {:.1}), free kept {:.1} MiB",
            (info.uordblks + info.hblkhd) as f64 / 1048576.0,
            info.hblkhd as f64 / 1048576.0,
            info.fordblks as f64 / 1048576.0
        );
    }
    for query in args {
        // `!keys`: keys pressed on the list itself (`!oooooooo`: each sort
        // column in turn), not typed into a search.
        if let Some(keys) = query.strip_prefix('!') {
            for (i, c) in keys.chars().enumerate() {
                let t = std::time::Instant::now();
                if only.is_none_or(|n| n == i + 1) {
                    keystroke(&mut app, &mut terminal, KeyCode::Char(c));
                } else {
                    press(&mut app, &mut terminal, KeyCode::Char(c));
                }
                eprintln!("{query} {c}: {:.2} ms", t.elapsed().as_secs_f64() * 1000.0);
            }
            continue;
        }
        press(&mut app, &mut terminal, KeyCode::Char('/'));
        for (i, c) in query.chars().enumerate() {
            let key = KeyCode::Char(c);
            let t = std::time::Instant::now();
            if only.is_none_or(|n| n == i + 1) {
                keystroke(&mut app, &mut terminal, key);
            } else {
                press(&mut app, &mut terminal, key);
            }
            eprintln!("{query} {c}: {:.2} ms", t.elapsed().as_secs_f64() * 1000.0);
        }
        press(&mut app, &mut terminal, KeyCode::Esc);
        press(&mut app, &mut terminal, KeyCode::Esc);
    }
}

#[inline(never)]
fn keystroke(app: &mut App, terminal: &mut Terminal<TestBackend>, key: KeyCode) {
    press(app, terminal, key)
}

fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    terminal.draw(|f| app.render(f)).expect("draw");
}
