//! Shared by the import wizard's tests: the test files, driving the wizard
//! to a step, and waiting for its worker (polling, never timing).

#![allow(dead_code)]

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use kehu::tui::App;

use crate::support::{TODAY, key, screen, typed};

/// A test file as typed in the wizard: relative to the crate, where cargo
/// runs the tests, so the path drawn on screen is the same on every machine.
pub fn data(name: &str) -> String {
    format!("tests/data/import/{name}")
}

/// Polls the app until `done` says so; fails (with the screen) after a
/// minute rather than hanging a test run.
pub fn wait(app: &mut App, what: &str, done: impl Fn(&mut App) -> bool) {
    let start = Instant::now();
    while !done(app) {
        if !app.poll() {
            std::thread::sleep(Duration::from_millis(2));
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "waited for {what}; the screen shows:\n{}",
            screen(app, 120, 40)
        );
    }
}

/// Polls until the 120×40 screen shows `text`.
pub fn wait_for(app: &mut App, text: &str) {
    wait(app, text, |app| screen(app, 120, 40).contains(text));
}

/// `i`, the file typed, Enter: the sheet step.
pub fn open_file(app: &mut App, file: &str) {
    typed(app, "i");
    typed(app, file);
    key(app, KeyCode::Enter);
}

/// On to the mapping step with the header row found.
pub fn to_mapping(app: &mut App, file: &str) {
    open_file(app, file);
    key(app, KeyCode::Enter);
}

/// On to the preview, its check finished.
pub fn to_preview(app: &mut App, file: &str) {
    to_mapping(app, file);
    key(app, KeyCode::Enter);
    app.wait_until_loaded();
}

/// On to the options step.
pub fn to_policy(app: &mut App, file: &str) {
    to_preview(app, file);
    key(app, KeyCode::Enter);
    if on_values_step(app) {
        // New classification values: added, as the step proposes.
        key(app, KeyCode::Enter);
    }
}

/// The step asking what to do with new classification values is showing.
pub fn on_values_step(app: &mut App) -> bool {
    let text = screen(app, 120, 40);
    text.contains("m Map to…") || text.contains("m 对应到…")
}

/// Imports the file with the default options and waits for the result.
pub fn import(app: &mut App, file: &str) {
    to_policy(app, file);
    key(app, KeyCode::Enter);
    app.wait_until_loaded();
}

/// The app as `support::app` makes it, with the import worker pausing after
/// `rows` rows until the run is cancelled.
pub fn app_pausing(store: kehu::store::Store, lang: kehu::domain::Lang, rows: u64) -> App {
    let mut options = kehu::tui::Options::new(lang);
    options.theme = kehu::tui::theme::Theme::plain();
    options.today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    options.import.pause_after_rows = Some(rows);
    App::new(store, options).unwrap()
}

/// The screen with what changes from run to run (speed, time left, the
/// backup's path) replaced by a marker, line by line.
pub fn steady(text: &str) -> String {
    text.lines()
        .map(|line| {
            let cut = ["rows/s", "行/秒", "Backup: ", "备份："]
                .iter()
                .find_map(|marker| line.find(marker).map(|at| (at, *marker)));
            match cut {
                Some((at, marker)) if marker.starts_with(['B', '备']) => {
                    format!("{}<backup path>", &line[..at + marker.len()])
                }
                Some(_) => {
                    let start = line.len() - line.trim_start().len();
                    format!("{}<rate and time left>", &line[..start])
                }
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
