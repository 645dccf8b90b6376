//! The scriptable front: `kehu customer …`, `kehu check-id …`, `kehu demo`.
//! Exit codes: 0 success, 1 validation or data error, 2 usage.

mod args;
mod audit;
mod backup;
mod check_id;
mod class;
mod company;
mod completions;
mod customer;
mod demo;
mod documents;
mod encryption;
mod export;
mod import;
mod import_invoices;
mod import_ledger;
mod import_report;
mod ledger;
mod operator;
mod outfiles;
mod output;
mod period_report;
mod receivables;
mod reconcile;
mod remind;
mod review;
mod settings;
mod stats;
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

/// Sets this run's language for the app, which chooses it with its config
/// file, before it opens the database (the passphrase prompt, a refusal).
pub fn use_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

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

/// Opens the database for a command or the app. A `--db` (or `KEHU_DB`)
/// whose folder does not exist is an error, not a new folder; a new file
/// there is created with a notice on stderr. The default database and its
/// folder are created silently.
pub fn open_db(cli: &Cli) -> Result<Store, Failure> {
    let path = db_path(cli)?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let named = cli.db.is_some();
    if named && !folder.is_dir() {
        return Err(Failure::usage(coded(
            Message::new("db.no_folder").with("path", path.display()),
        )));
    }
    if path.is_dir() {
        return Err(Failure::usage(coded(
            Message::new("db.is_folder").with("path", path.display()),
        )));
    }
    let new = named && !path.exists();
    encryption::unlock(cli, &path)?;
    let store = Store::open(&path).map_err(|e| {
        if e.is_damaged() {
            Failure::data(format!("{e}\n{}", damaged_hint(&path)))
        } else {
            Failure::from(e)
        }
    })?;
    if new {
        output::note!(
            "{}",
            render(Message::new("db.created").with("path", path.display()))
        );
    }
    Ok(store)
}

/// What to do about a damaged database: the newest good backup and the command.
pub fn damaged_hint(db: &std::path::Path) -> String {
    let message = match crate::store::newest_good_backup(db) {
        Some(b) => Message::new("database.damaged")
            .with("path", db.display())
            .with("backup", b.display()),
        None => Message::new("database.damaged_no_backup")
            .with("path", db.display())
            .with("folder", crate::store::backup_dir(db).display()),
    };
    // The code stays in the text: `run` looks for it not to add the hint twice.
    format!("{} [database.damaged]", render(message))
}

/// A message in this run's language, its code after it as errors show one.
fn coded(message: Message) -> String {
    let code = message.code;
    format!("{} [{code}]", render(message))
}

pub fn open_store(cli: &Cli) -> Result<Store, Failure> {
    let path = db_path(cli)?;
    let _ = DB.set(path);
    let mut store = open_db(cli)?;
    if let Some(op) = &cli.operator {
        store.set_operator(op.clone());
    }
    operator::sign_in(cli, &mut store)?;
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
        Command::Export { out, force } => export::run(cli, out, *force),
        Command::Reconcile(args) => reconcile::run(cli, args),
        Command::Completions { shell } => completions::run(*shell),
        Command::Backup(args) => backup::run(cli, args),
        Command::Restore(args) => backup::restore(cli, args),
        Command::Audit(args) => audit::run(cli, args),
        Command::Operator(cmd) => operator::run(cli, cmd),
        Command::Review(cmd) => review::run(cli, cmd),
        Command::Encrypt(args) => encryption::encrypt(cli, args),
        Command::Decrypt(args) => encryption::decrypt(cli, args),
        Command::Rekey => encryption::rekey(cli),
        Command::Remind(args) => remind::run(cli, args),
        Command::Stats(args) => stats::run(cli, args),
        Command::Report(cmd) => period_report::run(cli, cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(mut failure) => {
            // SQLite's words for a damaged file, whichever query met it.
            let damaged = ["malformed", "file is not a database"]
                .iter()
                .any(|w| failure.message.contains(w));
            if damaged
                && !failure.message.contains("[database.damaged]")
                && !matches!(command, Command::Restore(_))
                && let Ok(db) = db_path(cli)
            {
                failure.message = format!("{}\n{}", failure.message, damaged_hint(&db));
            }
            if !failure.message.is_empty() {
                output::note!("kehu: {}", failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}
