//! The terminal app: `kehu` with no subcommand. Split so that only
//! `terminal.rs` and `event.rs` touch the real terminal; everything else is
//! state and drawing that tests drive with a `TestBackend`.

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
            eprintln!("kehu: {e}");
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
