//! Opening the file: pragmas and versioned migrations.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

use super::{Result, StoreError};

mod credit_limit;
mod entry_doc_index;
mod equality_checks;
mod review_status;
mod schema_text;

/// Migrations in order; `user_version` counts how many have run.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_customers.sql")),
        M::up(include_str!("migrations/002_ledger.sql")),
        M::up(include_str!("migrations/003_import.sql")),
        M::up(include_str!("migrations/004_reconcile.sql")),
        M::up_with_hook(
            include_str!("migrations/005_equality_checks.sql"),
            equality_checks::rewrite,
        ),
        M::up(include_str!("migrations/006_batch_ranges.sql")),
        M::up_with_hook(
            include_str!("migrations/007_credit_limit_uncontrolled.sql"),
            credit_limit::rewrite,
        ),
        M::up(include_str!("migrations/008_control_confirm.sql")),
        M::up(include_str!("migrations/009_control_audit.sql")),
        M::up(include_str!("migrations/010_control_operators.sql")),
        M::up_with_hook(
            include_str!("migrations/011_control_review_merge.sql"),
            review_status::rewrite,
        ),
        M::up(include_str!("migrations/012_invoice_import.sql")),
        M::up(include_str!("migrations/013_batch_class_values.sql")),
        M::up(include_str!("migrations/014_ledger_search.sql")),
        M::up(include_str!("migrations/015_customer_archived.sql")),
        M::up(include_str!("migrations/016_customer_balance_index.sql")),
        M::up_with_hook(
            include_str!("migrations/017_ledger_entry_doc_index.sql"),
            entry_doc_index::rebuild,
        )
        .foreign_key_check(),
    ])
}

/// The schema version this program writes (the number of migrations).
pub const SCHEMA_VERSION: i64 = 17;

/// The first migration that rebuilds a table, run with foreign keys off.
const REBUILDS_FROM: i64 = 17;

/// Page size of new database files, bytes.
pub const PAGE_SIZE: i64 = 8192;

/// How long a write waits for another connection's lock.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Process-wide SQLite settings; call first thing in `main`, before any
/// database is opened (later it is refused and changes nothing). Turns off
/// SQLite's memory statistics, which take a global mutex on every
/// allocation: 2% of an import's writing thread, and kehu never reads them.
pub fn configure_sqlite() {
    // SAFETY: sqlite3_config is called before sqlite3_initialize (the first
    // connection) with the argument SQLITE_CONFIG_MEMSTATUS takes, an int.
    // Called later it returns SQLITE_MISUSE and does nothing.
    unsafe {
        rusqlite::ffi::sqlite3_config(
            rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
            0 as std::os::raw::c_int,
        );
    }
}

/// `kehu/kehu.db` in the user's data folder (e.g. `~/.local/share/kehu/kehu.db`).
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kehu").map(|dirs| dirs.data_dir().join("kehu.db"))
}

pub(super) fn open_file(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        super::private_files::create_private_dir_all(dir)?;
    }
    // Created owner-only before SQLite writes a byte; its WAL and
    // shared-memory files take the same mode.
    super::private_files::create_private_file(path)?;
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    // A connection to be keyed keeps SQLite's temporary files in memory
    // (sealed_temp.rs), so it can sort as a plain one does.
    let sealed = super::encryption::will_key(path) && super::sealed_temp::register();
    let mut conn = if sealed {
        Connection::open_with_flags_and_vfs(path, OpenFlags::default(), super::sealed_temp::NAME)
    } else {
        Connection::open(path)
    }
    .map_err(open_err)?;
    // Before anything reads the file: an encrypted one needs its key first.
    let keyed = super::encryption::key_connection(&conn, path)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    // New files get 8 KiB pages (only a new, empty file takes this; WAL
    // must come after). A million-row import wrote its 650 MB in half as many
    // page writes and ran 6.6 s -> 5.7 s; 16 KiB measured no better.
    if !keyed {
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(open_err)?;
    }
    // WAL lets the TUI read while a CLI import writes; NORMAL is durable in WAL mode
    // except for the last commits before a power loss.
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(open_err)?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(open_err)?;
    conn.pragma_update(None, "temp_store", temp_store(keyed && !sealed))
        .map_err(open_err)?;
    prepare(&mut conn, path)?;
    Ok(conn)
}

/// Where a connection keeps temporary tables and its sorts' spill.
/// SQLCipher's build of SQLite keeps them in memory (`SQLITE_TEMP_STORE=2`),
/// so nothing of an encrypted database reaches a temporary file in plaintext;
/// a keyed connection not opened through sealed_temp.rs keeps that. In
/// memory SQLite's sorter never spills and takes no helper thread: a
/// million-row import's index build then sorted in one heap (+70 MB peak,
/// slower). Plain files, and keyed ones whose temporary files the sealed VFS
/// keeps in memory, sort as plain SQLite does. `hide`: the connection holds
/// an encrypted database's rows and its temporary files would be on disk.
pub(super) fn temp_store(hide: bool) -> &'static str {
    if hide { "MEMORY" } else { "FILE" }
}

pub(super) fn open_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    prepare(&mut conn, Path::new(":memory:"))?;
    Ok(conn)
}

fn prepare(conn: &mut Connection, path: &Path) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.set_prepared_statement_cache_capacity(64);
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found >= REBUILDS_FROM {
        migrations().to_latest(conn)?;
        return Ok(());
    }
    // A table rebuild drops the old table: with foreign keys on, that
    // deletes its rows first, refused while other tables point at them.
    // The pragma is a no-op inside the migrations' transaction, so it is
    // set around them; the rebuilding migration checks the keys at its end.
    migrations().to_version(conn, (REBUILDS_FROM - 1) as usize)?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = migrations().to_latest(conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrated?;
    Ok(())
}

#[cfg(test)]
mod tests;
