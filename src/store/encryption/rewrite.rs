//! `encrypt`, `decrypt` and `rekey`: the whole database written afresh with
//! `sqlcipher_export` into a private temporary file beside it, checked, and
//! renamed over the original — a failure anywhere leaves the original as it was.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use zeroize::Zeroizing;

use super::{AVAILABLE, apply_key, cipher_settings, random_salt, raw_key};
use crate::messages::Message;
use crate::store::db::SCHEMA_VERSION;
use crate::store::{Result, StoreError};

/// What a whole-database rewrite produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target<'a> {
    Encrypted(&'a str),
    Plain,
}

/// Rewrites the database at `path` (opened with the key known for it, if
/// any) as `target`, in place. With `keep` the original is kept under that
/// name instead of being replaced away. Returns the rows of `customer`
/// found in the result, as a check a caller may report.
pub fn rewrite(path: &Path, target: Target, keep: Option<&Path>) -> Result<i64> {
    if !AVAILABLE {
        return Err(StoreError::Coded(
            Message::new("db.encryption_not_built").with("path", path.display()),
        ));
    }
    if !path.is_file() {
        return Err(StoreError::Coded(
            Message::new("db.missing").with("path", path.display()),
        ));
    }
    if let Some(keep) = keep.filter(|k| k.exists()) {
        return Err(StoreError::Coded(
            Message::new("db.keep_exists").with("path", keep.display()),
        ));
    }
    // Through a Store: migrations run and the key is checked first.
    let store = crate::store::Store::open(path)?;
    let conn = store.conn;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let temp = temp_beside(path);
    crate::store::private_files::create_private_file(&temp)?;
    let result = export(&conn, &temp, target).and_then(|()| check(&temp, target));
    drop(conn);
    let customers = match result {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
    };
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(keep) = keep {
        std::fs::hard_link(path, keep).map_err(io)?;
    }
    // The old WAL and shared-memory files belong to the old file.
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(side_file(path, side));
    }
    std::fs::rename(&temp, path).map_err(io)?;
    sync_dir(path);
    Ok(customers)
}

pub(super) fn export(conn: &Connection, temp: &Path, target: Target) -> Result<()> {
    let key = match target {
        Target::Encrypted(k) => raw_key(k, &random_salt())
            .map_err(|e| StoreError::Coded(Message::new("db.rewrite_failed").with("reason", e)))?,
        Target::Plain => Zeroizing::new(String::new()),
    };
    conn.execute(
        "ATTACH DATABASE ?1 AS rewritten KEY ?2",
        rusqlite::params![temp.to_string_lossy(), key.as_str()],
    )?;
    if !key.is_empty() {
        cipher_settings(conn, "rewritten")?;
        // The copy's index builds sort its rows: in memory, never in a
        // plaintext temporary file (the source may be a plain database).
        conn.pragma_update(None, "temp_store", crate::store::db::temp_store(true))?;
    }
    let result = conn
        .query_row("SELECT sqlcipher_export('rewritten')", [], |_| Ok(()))
        .map_err(StoreError::from)
        .and_then(|()| {
            conn.execute_batch(&format!("PRAGMA rewritten.user_version = {SCHEMA_VERSION}"))
                .map_err(StoreError::from)
        });
    let detached = conn.execute_batch("DETACH DATABASE rewritten");
    result?;
    detached?;
    Ok(())
}

/// Opens the rewritten file as it will be opened later and reads it whole.
fn check(temp: &Path, target: Target) -> Result<i64> {
    let conn = Connection::open(temp)?;
    if let Target::Encrypted(key) = target {
        apply_key(&conn, key, temp)?;
    }
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(StoreError::Coded(
            Message::new("db.rewrite_failed").with("reason", ok),
        ));
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    Ok(conn.query_row("SELECT count(*) FROM customer", [], |r| r.get(0))?)
}

fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kehu.db".into());
    path.with_file_name(format!(".{name}.rewrite-{}", std::process::id()))
}

fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn sync_dir(path: &Path) {
    if let Some(Ok(d)) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map(std::fs::File::open)
    {
        let _ = d.sync_all();
    }
}
