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

pub use args::{Cli, Command, Format};
pub use import::{ImportArgs, ImportCmd};
pub use reconcile::{ReconcileArgs, ReconcileCmd};

use crate::store::{Store, StoreError, default_db_path};

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
            other => Failure::data(other.to_string()),
        }
    }
}

pub type CliResult = Result<(), Failure>;

/// The database file: `--db`, else `KEHU_DB` (clap reads it), else the user's data folder.
pub fn db_path(cli: &Cli) -> Result<PathBuf, Failure> {
    cli.db
        .clone()
        .or_else(default_db_path)
        .ok_or_else(|| Failure::usage("no home folder found: give the database with --db PATH"))
}

pub fn open_store(cli: &Cli) -> Result<Store, Failure> {
    let mut store = Store::open(&db_path(cli)?)?;
    if let Some(op) = &cli.operator {
        store.set_operator(op.clone());
    }
    Ok(store)
}

/// Runs one CLI command and prints its output; returns the process exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
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
