//! The terminal app: `kehu` with no subcommand. Split so that only
//! `terminal.rs` and `event.rs` touch the real terminal; everything else is
//! state and drawing that tests drive with a `TestBackend`.
//!
//! # How the app is put together
//! - `app.rs` keeps a stack of screens, each with the popups it opened, and
//!   is the one place keys arrive, workers are polled and frames are drawn.
//! - Screens and popups are one trait, [`component::Component`]: `scope`
//!   (its key table), `handle_key` (returns an [`component::Outcome`]:
//!   `Stay`, `Push`, `Pop`, `Replace`, `Ask(popup)`, … and for a popup
//!   `Answer(reply)`), `render`; the rest (`answer`, `status_line`, `poll`,
//!   `scroll`, `on_return`, `has_unsaved_changes`, …) have defaults.
//! - A **screen** sits on the app's stack; a **popup** is a component a
//!   screen opens with `Outcome::Ask`, stacked over it by the app. The
//!   confirm, picker, prompt and help widgets are popups; so are the form's
//!   duplicate dialog and the entry's over-limit dialog.
//! - **Keys are data**: `keymap/bindings.rs` lists (scope, keys, action,
//!   label, in footer); handlers match on `Action`s, and the footer and `?`
//!   are drawn from the same table.
//! - **Messages** on the status line are outcomes too: a screen returns
//!   `Outcome::info(text)` / `Outcome::error(text)` (text from the message
//!   table), or wraps what it does: `Outcome::Pop.saying(Status::info(..))`,
//!   `Outcome::Keep.saying(Status::error(..))`. Helpers that may say
//!   something return `Option<Status>` (or `Result<Status, Status>`) for the
//!   caller to wrap; the last thing said is shown. `Ctx` has no setter.
//! - **Long work** runs on a [`worker::Worker`] (own connection, typed
//!   error, progress, cancelled on drop), polled from `Component::poll`.
//!
//! # Adding a screen
//! 1. A file `screens/<name>.rs` with `pub struct NameScreen` and
//!    `impl Component for NameScreen` (scope, handle_key, render at least).
//! 2. One line in `screens.rs`: `pub mod <name>;`.
//! 3. Open it from another screen: `return Outcome::Push(Box::new(screen))`.
//! 4. Its keys: a `Scope` variant appended to `keymap.rs` (with its title in
//!    `Scope::title` and `Scope::ALL`) and its bindings appended to
//!    `keymap/bindings.rs`; its texts appended to the message table's
//!    `src/messages/ui/files_and_control.rs` (`Name => "English", "中文";`,
//!    read as `Msg::Name`).
//!
//! # Adding a popup
//! Return `component::ask(Confirm::new(title, body))` (or a `Picker`, a
//! `Prompt`, your own `Component` that returns `Outcome::Answer(reply)` when
//! done) from `handle_key`, remembering in the screen what it was asked
//! for; the app gives the popup the keyboard, draws it over the screen and
//! hands its `Reply` to the screen's `answer`. There,
//! `Outcome::Keep` keeps a refused dialog open, `Outcome::FollowUp(p)` asks
//! a question over it (a file exists: replace it?), `Outcome::CloseBelow`
//! closes the one below too. No screen forwards keys to a dialog.

pub mod actions;
pub mod app;
pub mod component;
pub mod config;
pub mod event;
pub mod i18n;
pub mod index;
pub mod keymap;
pub mod outfile;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod widgets;
pub mod worker;

use std::process::ExitCode;
use std::time::Duration;

pub use app::{App, Options};

use crate::cli::{Cli, open_db};

/// How long the loop waits for a key before checking on workers.
const TICK: Duration = Duration::from_millis(50);

/// Opens the database named by the flags (or the default one) and runs the
/// app until the user quits.
pub fn run(cli: &Cli) -> ExitCode {
    let env = |var: &str| std::env::var(var).ok();
    let (config, notice) = match config::config_path().map(|p| config::Config::load(&p)) {
        Some(Ok(config)) => (config, None),
        Some(Err(problem)) => (config::Config::default(), Some(problem)),
        None => (config::Config::default(), None),
    };
    let lang = config::choose_lang(cli.lang.as_deref(), &config, env);
    crate::cli::use_lang(lang);
    // The same checks as the CLI: a --db in a missing folder is refused.
    let mut store = match open_db(cli) {
        Ok(s) => s,
        Err(failure) => {
            eprintln!("kehu: {}", failure.message);
            return ExitCode::from(failure.code);
        }
    };
    // --operator / KEHU_OPERATOR win over the config file.
    if let Some(op) = cli.operator.as_ref().or(config.operator.as_ref()) {
        store.set_operator(op.clone());
    }
    let mut options = Options::new(lang);
    options.theme = theme::Theme::choose(config.theme.as_deref(), env("NO_COLOR").as_deref());
    options.default_template = config.default_template.clone();
    options.import.recent_file = screens::import::recent::default_file();
    options.notice = notice.map(|n| format!("{}: {n}", i18n::Msg::ConfigProblem.get(lang)));
    let db = store.path().map(std::path::Path::to_path_buf);
    let app = match App::new(store, options) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("kehu: {}", e.message().text(lang));
            if let Some(db) = db.filter(|_| e.is_damaged()) {
                eprintln!("kehu: {}", crate::cli::damaged_hint(&db));
            }
            return ExitCode::from(1);
        }
    };
    match run_app(app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kehu: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run_app(mut app: App) -> std::io::Result<()> {
    let (mut terminal, _restore) = terminal::setup()?;
    let mut dirty = true;
    while !app.should_quit() {
        if dirty {
            terminal.draw(|frame| app.render(frame))?;
        }
        let event = event::next(TICK)?;
        if event == event::Event::Tick {
            // Only a worker's news redraws (handle_event would take it in
            // and drop the "changed" answer).
            dirty = app.poll();
        } else {
            app.handle_event(event);
            app.poll();
            dirty = true;
        }
    }
    Ok(())
}
