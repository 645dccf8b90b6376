//! The repository layer: the only code that writes SQL. Every write is one
//! transaction that also writes its audit rows.

mod audit;
mod audit_log;
mod backup;
mod batches;
mod bulk;
mod catalog;
mod classes;
mod company;
mod control;
mod customers;
mod db;
mod deferred_indexes;
pub mod encryption;
mod error;
mod handover;
pub mod key_wraps;
mod known;
mod ledger;
mod load_mode;
mod mappings;
mod matching;
mod merge;
mod merge_undo;
mod name_index;
mod operators;
mod private_files;
mod reconcile;
mod reconcile_period;
mod review;
mod sealed_temp;
mod stats;
mod summary;
mod templates;
mod undo;
mod writer;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use audit::AuditEntry;
pub use audit_log::{AUDIT_ACTIONS, AuditFilter, AuditRecord};
pub use backup::{
    BackupFile, Restored, backup_dir, check_backup, list_backups, newest_good_backup,
    prune_backups, restore_database,
};
pub use batches::{Batch, BatchInfo, Undone};
pub use bulk::BulkInsert;
pub use classes::{ClassBy, ClassValue};
pub use control::SIGN_IN_DELAY;
pub use customers::{ListFilter, Saved};
pub use db::{SCHEMA_VERSION, configure_sqlite, default_db_path};
pub use error::StoreError;
pub use ledger::{
    AddOptions, Added, AgingReport, AgingRow, Allocate, AllocateRequest, AllocationLine, Balance,
    ClassTotal, CreditCheck, CustomerRef, Dashboard, DashboardAccounts, DashboardAging, EntryCheck,
    EntryPatch, EntryRef, LedgerAuditEntry, LedgerBulk, LedgerLine, OVER_LIMIT_LISTED, OverdueItem,
    Page, Reversal, SearchFilter, SearchHit, Statement, StatementLine, Target, TaxInvoiceEntry,
    amount_range,
};
pub use load_mode::{Load, LoadMode};
pub use mappings::SavedMapping;
pub use matching::{Existing, MatchedBy, NewMatches, Patched};
pub use merge::{Merged, Unmerged};
pub use name_index::SimilarIndex;
pub use operators::{MIN_PASSWORD_CHARS, Operator};
pub use reconcile::{
    Adjusted, EntryKinds, OurSide, SavedStatementMapping, Session, SessionInfo, SessionSource,
    SessionStatus,
};
pub use reconcile_period::{PeriodReport, PeriodRow, PeriodSession, PeriodStanding};
pub use review::{ReviewItem, Reviewed};
pub use stats::{Figures, Period, Stats, StatsRow};
pub use summary::{SummaryRef, SummaryScope};
pub use templates::Template;
pub use writer::{Candidate, Checked, FieldCheck, FieldParser, ParsedCustomer};

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open kehu database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    operator: String,
    /// Operators defined, and who is signed in (see `control`).
    control: control::Control,
    /// Similar names by index instead of a scan, once a front installs one.
    similar_index: name_index::Slot,
    /// The connection is handed over (see `handover`): `conn` is a stand-in.
    released: bool,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it to
    /// this program's schema. A database written by a newer kehu is refused.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = db::open_file(path)?;
        let control = control::Control::load(&conn)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            operator: default_operator(),
            control,
            similar_index: Default::default(),
            released: false,
        })
    }

    /// A private database for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store {
            conn: db::open_memory()?,
            path: None,
            operator: default_operator(),
            control: control::Control::default(),
            similar_index: Default::default(),
            released: false,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Who is recorded in the audit trail for the writes that follow.
    /// Once operators are defined the name is recorded but grants nothing:
    /// `sign_in` does.
    pub fn set_operator(&mut self, name: impl Into<String>) {
        let name = name.into();
        if self.control.signed_in.is_some() {
            return;
        }
        if !name.trim().is_empty() {
            self.operator = name.trim().to_string();
        }
    }

    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// Direct read access for reports and checks (`PRAGMA integrity_check`).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// The OS user, as the operator when none is configured.
fn default_operator() -> String {
    ["KEHU_OPERATOR", "USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|v| !v.trim().is_empty())
        .or_else(|| {
            // Some shells (containers, cron) set no user variable; the home
            // folder's name is the next best guess.
            let home = std::env::var_os("HOME")?;
            let name = std::path::Path::new(&home)
                .file_name()?
                .to_string_lossy()
                .into_owned();
            (!name.is_empty()).then_some(name)
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// The current local time as stored: ISO 8601 with offset, to the second.
pub(crate) fn now_text() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}
