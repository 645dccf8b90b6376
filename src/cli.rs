//! The scriptable front: `kehu customer …`, `kehu check-id …`, `kehu demo`.
//! Exit codes: 0 success, 1 validation or data error, 2 usage.

mod args;
mod check_id;
mod class;
mod completions;
mod customer;
mod demo;
mod export;
mod import;
mod import_ledger;
mod import_report;
mod ledger;
mod output;
mod receivables;
mod reconcile;
mod settings;
mod template;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

pub use args::{Cli, Command, Format};
pub use import::{ImportArgs, ImportCmd};
pub use reconcile::{ReconcileArgs, ReconcileCmd};

use crate::domain::Lang;
use crate::messages::Message;
use crate::store::{Store, StoreError, default_db_path};

/// The language of this run's messages, chosen once by [`run`] (flag,
/// config file, locale) so that errors converted far from the arguments
/// still speak it.
static LANG: OnceLock<Lang> = OnceLock::new();
/// The database this run opened, for messages that must name it (a full disk).
static DB: OnceLock<PathBuf> = OnceLock::new();

pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// A message in this run's language; a database message missing its file
/// gets the one this run opened.
pub fn render(message: Message) -> String {
    let message = match DB.get() {
        Some(db) if message.code.starts_with("db.") && message.field("path").is_none() => {
            message.with("path", db.display())
        }
        _ => message,
    };
    message.text(lang())
}

/// An error for the user: what went wrong, and the exit code to leave with.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn data(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 1,
        }
    }

    /// A data error from the message table, in this run's language.
    pub fn data_msg(message: Message) -> Failure {
        Failure::data(render(message))
    }

    /// A usage error from the message table, in this run's language.
    pub fn usage_msg(message: Message) -> Failure {
        Failure::usage(render(message))
    }

    /// Standard output was closed (`kehu … | head -1`): the reader has what it
    /// wanted, so the command ends quietly with success.
    pub fn closed() -> Failure {
        Failure {
            message: String::new(),
            code: 0,
        }
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        match e {
            StoreError::Invalid(problems) => Failure::data(output::problems_text(&problems)),
            other => Failure::data_msg(other.message()),
        }
    }
}

pub type CliResult = Result<(), Failure>;

/// The database file: `--db`, else `KEHU_DB` (clap reads it), else the user's data folder.
pub fn db_path(cli: &Cli) -> Result<PathBuf, Failure> {
    cli.db
        .clone()
        .or_else(default_db_path)
        .ok_or_else(|| Failure::usage_msg(Message::new("cli.no_home")))
}

pub fn open_store(cli: &Cli) -> Result<Store, Failure> {
    let path = db_path(cli)?;
    let _ = DB.set(path.clone());
    let mut store = Store::open(&path)?;
    if let Some(op) = &cli.operator {
        store.set_operator(op.clone());
    }
    Ok(store)
}

/// Runs one CLI command and prints its output; returns the process exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    let _ = LANG.set(import::lang(cli));
    let result = match command {
        Command::Customer(cmd) => customer::run(cli, cmd),
        Command::CheckId(args) => check_id::run(args),
        Command::Demo => demo::run(cli),
        Command::Template(cmd) => template::run(cli, cmd),
        Command::Class(cmd) => class::run(cli, cmd),
        Command::Settings(cmd) => settings::run(cli, cmd),
        Command::Ledger(cmd) => ledger::run(cli, cmd),
        Command::Balance(args) => receivables::balance(cli, args),
        Command::Aging(args) => receivables::aging(cli, args),
        Command::Overdue(args) => receivables::overdue(cli, args),
        Command::Statement(args) => receivables::statement(cli, args),
        Command::Import(args) => import::run(cli, args),
        Command::Export { out } => export::run(cli, out),
        Command::Reconcile(args) => reconcile::run(cli, args),
        Command::Completions { shell } => completions::run(*shell),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                output::note!("kehu: {}", failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}
