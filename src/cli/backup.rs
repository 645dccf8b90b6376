//! `kehu backup [--out FILE]`, `kehu backup list`, `kehu restore FILE`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::args::FormatArg;
use super::outfiles::{refused, rules};
use super::{Cli, CliResult, Failure, db_path, open_store, output};
use crate::import::KEEP_BACKUPS;
use crate::store::{self, StoreError};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    pub action: Option<BackupCmd>,
    /// Write the backup to FILE (.db, .sqlite or .sqlite3) instead of the
    /// backups folder beside the database.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it exists (never a database).
    #[arg(long, requires = "out")]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum BackupCmd {
    /// The backups in the backups folder beside the database, newest first.
    List {
        #[command(flatten)]
        format: FormatArg,
    },
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to bring back (see `kehu backup list`); it is checked first,
    /// and the current database is kept as a backup before it is replaced.
    pub file: PathBuf,
}

pub fn run(cli: &Cli, args: &BackupArgs) -> CliResult {
    if let Some(BackupCmd::List { format }) = &args.action {
        return list(cli, format.format);
    }
    let store = open_store(cli)?;
    let written = match &args.out {
        Some(out) => {
            let rules = rules(cli, args.force)?;
            crate::outfile::check(out, crate::outfile::Format::DATABASE, &rules)
                .map_err(|e| refused(cli, e))?;
            store
                .backup_to(out, &rules)
                .map_err(|e| backup_failure(cli, e))?
        }
        None => {
            let taken = store.take_backup()?.ok_or_else(|| {
                Failure::usage_msg(crate::messages::Message::new("backup.in_memory"))
            })?;
            store::prune_backups(&db_path(cli)?, KEEP_BACKUPS)?;
            taken
        }
    };
    output::say(crate::messages::Message::new("backup.written").with("path", written.display()))?;
    Ok(())
}

fn backup_failure(cli: &Cli, e: StoreError) -> Failure {
    match e {
        StoreError::Output(e) => refused(cli, e),
        other => Failure::from(other),
    }
}

fn list(cli: &Cli, format: super::Format) -> CliResult {
    let backups = store::list_backups(&db_path(cli)?);
    let rows: Vec<Vec<String>> = backups
        .iter()
        .map(|b| {
            vec![
                b.taken.clone(),
                b.bytes.to_string(),
                if b.usable { "ok" } else { "damaged" }.to_string(),
                b.path.display().to_string(),
            ]
        })
        .collect();
    output::print_rows(
        format,
        &["taken", "bytes", "status", "file"],
        &rows,
        &backups,
    )
}

pub fn restore(cli: &Cli, args: &RestoreArgs) -> CliResult {
    let db = db_path(cli)?;
    // The current database is kept as a backup first: it may need its key;
    // an encrypted backup needs its own (the same unless rekeyed since).
    super::encryption::unlock(cli, &db)?;
    super::encryption::unlock(cli, &args.file)?;
    let restored = store::restore_database(&db, &args.file).map_err(|e| match e {
        StoreError::BadBackup { .. } | StoreError::Refused(_) => Failure::usage(e.to_string()),
        other => Failure::from(other),
    })?;
    if let Some(kept) = &restored.kept {
        output::say(crate::messages::Message::new("backup.kept").with("path", kept.display()))?;
    }
    output::outln!(
        "restored {} from {}",
        restored.database.display(),
        restored.from.display()
    )
}
