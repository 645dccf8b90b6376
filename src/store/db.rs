//! Opening the file: pragmas and versioned migrations.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::{Result, StoreError};

/// Migrations in order; `user_version` counts how many have run.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/001_customers.sql")),
    M::up(include_str!("migrations/002_ledger.sql")),
    M::up(include_str!("migrations/003_import.sql")),
    M::up(include_str!("migrations/004_reconcile.sql")),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a write waits for another connection's lock.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// `kehu/kehu.db` in the user's data folder (e.g. `~/.local/share/kehu/kehu.db`).
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kehu").map(|dirs| dirs.data_dir().join("kehu.db"))
}

pub(super) fn open_file(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let mut conn = Connection::open(path).map_err(open_err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    // WAL lets the TUI read while a CLI import writes; NORMAL is durable in WAL mode
    // except for the last commits before a power loss.
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(open_err)?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(open_err)?;
    prepare(&mut conn, path)?;
    Ok(conn)
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
    Migrations::from_slice(MIGRATIONS).to_latest(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
    }
}
