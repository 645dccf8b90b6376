use std::path::PathBuf;

use thiserror::Error;

use crate::domain::Problems;

#[derive(Debug, Error)]
pub enum StoreError {
    /// The input failed validation; every problem is listed.
    #[error("{0}")]
    Invalid(Problems),
    #[error("no customer with code {0}")]
    NotFound(String),
    #[error("customer {code} has ledger entries, so it can only be archived, not deleted")]
    HasLedger { code: String },
    #[error("no template named “{0}”")]
    NoTemplate(String),
    #[error("{0}")]
    Refused(String),
    #[error(
        "the database {path} was written by a newer kehu (schema {found}, this program knows up to {supported}); \
         update kehu instead of opening it with this version"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot create the folder {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("upgrading the database schema failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A refusal with a stable code and fields (`crate::messages`), shown in
    /// the user's language.
    #[error("{0}")]
    Coded(crate::messages::Message),
    #[error("{path} is not a good backup: {reason}")]
    BadBackup { path: PathBuf, reason: String },
    #[error(transparent)]
    Output(#[from] crate::outfile::OutputError),
}

impl StoreError {
    /// SQLite found the file damaged (or not a database at all).
    pub fn is_damaged(&self) -> bool {
        let sqlite = match self {
            StoreError::Sqlite(e) | StoreError::Open { source: e, .. } => e,
            _ => return false,
        };
        matches!(
            sqlite.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        )
    }
}
