//! A callgrind driver for the list's keystrokes: opens a database the
//! `tui_list` bench made, loads the whole list, then types each query once
//! (key handled + frame drawn at 120×40). Each keystroke runs in its own
//! `keystroke_N` function so `--toggle-collect` can count one at a time:
//!
//! `valgrind --tool=callgrind --toggle-collect='list_keys::keystroke*' \
//!   target/release/examples/list_keys target/tmp/tui-list-100000.db hqdz 华强 00000012`

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
    let store = Store::open(std::path::Path::new(&path)).expect("open");
    let mut app = App::new(store, Options::new(Lang::Zh)).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal.draw(|f| app.render(f)).expect("draw");
    app.wait_until_loaded();
    terminal.draw(|f| app.render(f)).expect("draw");
    for query in args {
        press(&mut app, &mut terminal, KeyCode::Char('/'));
        for (i, c) in query.chars().enumerate() {
            let key = KeyCode::Char(c);
            let t = std::time::Instant::now();
            match i {
                0 => keystroke_1(&mut app, &mut terminal, key),
                1 => keystroke_2(&mut app, &mut terminal, key),
                2 => keystroke_3(&mut app, &mut terminal, key),
                _ => keystroke_n(&mut app, &mut terminal, key),
            }
            eprintln!("{query} {c}: {:.2} ms", t.elapsed().as_secs_f64() * 1000.0);
        }
        press(&mut app, &mut terminal, KeyCode::Esc);
        press(&mut app, &mut terminal, KeyCode::Esc);
    }
}

#[inline(never)]
fn keystroke_1(app: &mut App, terminal: &mut Terminal<TestBackend>, key: KeyCode) {
    press(app, terminal, key)
}

#[inline(never)]
fn keystroke_2(app: &mut App, terminal: &mut Terminal<TestBackend>, key: KeyCode) {
    press(app, terminal, key)
}

#[inline(never)]
fn keystroke_3(app: &mut App, terminal: &mut Terminal<TestBackend>, key: KeyCode) {
    press(app, terminal, key)
}

#[inline(never)]
fn keystroke_n(app: &mut App, terminal: &mut Terminal<TestBackend>, key: KeyCode) {
    press(app, terminal, key)
}

fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    terminal.draw(|f| app.render(f)).expect("draw");
}
