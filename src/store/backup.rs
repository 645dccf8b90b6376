//! Backups you can trust: copies of the database taken with SQLite's online
//! backup API (consistent while others read or write), written to a
//! temporary file and checked — integrity, schema version, the customer
//! table — before they get their name in `backups/` beside the database
//! (`{database}-{YYYYMMDD-HHMMSS-mmm}.db`). A copy that fails is deleted, so
//! an empty or half-written file never counts and never pushes a good one out.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::db::SCHEMA_VERSION;
use super::{Result, Store, StoreError};
use super::{encryption, private_files};
use crate::outfile::{self, Format, Pending, Rules};

mod restore;
pub use restore::{Restored, restore_database};

/// A backup in `backups/`, as listed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BackupFile {
    pub path: PathBuf,
    /// `YYYY-MM-DD HH:MM:SS`, from the name.
    pub taken: String,
    pub bytes: u64,
    /// Opens as a kehu database (the full check runs when it is taken and restored).
    pub usable: bool,
}

/// `backups/` beside the database.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kehu".into())
}

/// The database's backups, newest first.
pub fn list_backups(db: &Path) -> Vec<BackupFile> {
    let prefix = format!("{}-", stem(db));
    let Ok(entries) = std::fs::read_dir(backup_dir(db)) else {
        return Vec::new();
    };
    let mut found: Vec<BackupFile> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let stamp = name.strip_prefix(&prefix)?.strip_suffix(".db")?;
            let taken = parse_stamp(stamp)?;
            let bytes = std::fs::metadata(&path).ok()?.len();
            let usable = looks_usable(&path);
            Some(BackupFile {
                path,
                taken,
                bytes,
                usable,
            })
        })
        .collect();
    found.sort_by(|a, b| b.path.cmp(&a.path));
    found
}

/// The newest backup that opens as a kehu database.
pub fn newest_good_backup(db: &Path) -> Option<PathBuf> {
    list_backups(db)
        .into_iter()
        .find(|b| b.usable)
        .map(|b| b.path)
}

/// `20261206-191627-123` → `2026-12-06 19:16:27`.
fn parse_stamp(stamp: &str) -> Option<String> {
    let b = stamp.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|_| &stamp[r])
    };
    if b.len() < 15 || b[8] != b'-' {
        return None;
    }
    Some(format!(
        "{}-{}-{} {}:{}:{}",
        digits(0..4)?,
        digits(4..6)?,
        digits(6..8)?,
        digits(9..11)?,
        digits(11..13)?,
        digits(13..15)?
    ))
}

/// Deletes unusable backups and all but the newest `keep` usable ones; the
/// newest usable one always stays. Returns what was deleted.
pub fn prune_backups(db: &Path, keep: usize) -> Result<Vec<PathBuf>> {
    let mut kept = 0;
    let mut removed = remove_stale_temporaries(db);
    for b in list_backups(db) {
        let stays = b.usable && kept < keep.max(1);
        if stays {
            kept += 1;
            continue;
        }
        std::fs::remove_file(&b.path).map_err(|source| StoreError::Io {
            path: b.path.clone(),
            source,
        })?;
        removed.push(b.path);
    }
    Ok(removed)
}

/// Temporary copies a killed backup left behind (`.{name}.{pid}-{n}.tmp.db`),
/// once they are an hour old: a backup running now is never that slow to start.
fn remove_stale_temporaries(db: &Path) -> Vec<PathBuf> {
    let hour = Duration::from_secs(3600);
    let Ok(entries) = std::fs::read_dir(backup_dir(db)) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with('.')
                && name.contains(".tmp.")
                && e.metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > hour))
        })
        .filter_map(|e| std::fs::remove_file(e.path()).ok().map(|()| e.path()))
        .collect()
}

/// Cheap: the SQLite header, a kehu schema version and the customer table.
fn looks_usable(path: &Path) -> bool {
    is_database(path) && open_read_only(path).is_ok_and(|c| schema_ok(&c).is_ok())
}

/// A plain SQLite file, or one encrypted with SQLCipher.
fn is_database(path: &Path) -> bool {
    outfile::is_sqlite(path) || encryption::is_encrypted(path)
}

/// Read-only; an encrypted backup opens with its database's passphrase.
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    encryption::open_keyed(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map(|(conn, _)| conn)
}

/// Why `conn` is not a kehu database this program can use, if it is not.
fn schema_ok(conn: &Connection) -> std::result::Result<(), String> {
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if !(1..=SCHEMA_VERSION).contains(&version) {
        return Err(format!(
            "schema version {version} (this kehu reads 1 to {SCHEMA_VERSION})"
        ));
    }
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'customer'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())?;
    if tables == 0 {
        return Err("it has no customer table".into());
    }
    Ok(())
}

/// The full check of a backup file: a SQLite database, `integrity_check`
/// ok, a kehu schema version, the customer table.
pub fn check_backup(path: &Path) -> Result<()> {
    let bad = |reason: String| StoreError::BadBackup {
        path: path.to_path_buf(),
        reason,
    };
    if !is_database(path) {
        let reason = match std::fs::metadata(path) {
            Err(e) => e.to_string(),
            Ok(m) if m.len() == 0 => "the file is empty".into(),
            Ok(_) => "it is not a SQLite database".into(),
        };
        return Err(bad(reason));
    }
    let conn = open_read_only(path).map_err(|e| bad(e.to_string()))?;
    let verdict: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if verdict != "ok" {
        return Err(bad(format!("integrity check: {verdict}")));
    }
    schema_ok(&conn).map_err(bad)
}

/// Copies the database `from` holds into a new file at `to` with the online
/// backup API, as a single file (rollback journal), and checks the copy.
/// `key`: the source's passphrase, which the copy keeps.
fn copy_checked(from: &Connection, to: &Path, key: Option<&str>) -> Result<()> {
    // Owner-only before SQLite writes a page into it.
    private_files::create_private_file(to)?;
    private_files::make_private(to)?;
    {
        let mut dst = Connection::open(to)?;
        encryption::key_new(&dst, key, from)?;
        {
            let backup = Backup::new(from, &mut dst)?;
            let mut waited = Duration::ZERO;
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    // Another connection holds a lock: wait as a write would.
                    StepResult::Busy | StepResult::Locked => {
                        if waited >= super::db::BUSY_TIMEOUT {
                            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                                Some("the database stayed locked during the backup".into()),
                            )));
                        }
                        std::thread::sleep(Duration::from_millis(50));
                        waited += Duration::from_millis(50);
                    }
                    _ => {}
                }
            }
        }
        // One file to copy around: no -wal beside a backup.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
    }
    check_backup(to)
}

impl Store {
    /// Takes a checked backup into `backups/` beside the database (nothing
    /// is pruned: see `prune_backups`). `None` for an in-memory database.
    pub fn take_backup(&self) -> Result<Option<PathBuf>> {
        let Some(db) = self.path.as_deref() else {
            return Ok(None);
        };
        let dir = backup_dir(db);
        private_files::create_private_dir_all(&dir)?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S-%3f");
        let mut target = dir.join(format!("{}-{stamp}.db", stem(db)));
        // Two backups in the same millisecond: the second waits its turn.
        while target.exists() {
            std::thread::sleep(Duration::from_millis(2));
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S-%3f");
            target = dir.join(format!("{}-{stamp}.db", stem(db)));
        }
        self.backup_to(&target, &Rules::new(Some(db)))?;
        Ok(Some(target))
    }

    /// A checked backup at `target` (checked against `rules` first); a copy
    /// that fails its check is deleted and the reason returned.
    pub fn backup_to(&self, target: &Path, rules: &Rules) -> Result<PathBuf> {
        let (pending, _) = Pending::begin(target, Format::DATABASE, rules)?;
        let key = self
            .path
            .as_deref()
            .filter(|db| encryption::is_encrypted(db))
            .and_then(encryption::key_for);
        copy_checked(
            &self.conn,
            pending.temp(),
            key.as_deref().map(|k| k.as_str()),
        )?;
        Ok(pending.commit()?)
    }

    /// The takes-a-backup step of an import, and what follows it: after a
    /// commit the old backups are pruned to `keep`; a run that wrote nothing
    /// deletes its backup.
    pub fn settle_backup(&self, backup: Option<&Path>, committed: bool, keep: usize) -> Result<()> {
        let (Some(db), Some(backup)) = (self.path.as_deref(), backup) else {
            return Ok(());
        };
        if committed {
            prune_backups(db, keep)?;
        } else {
            let _ = std::fs::remove_file(backup);
            // The folder too when this run made it: removing a non-empty one fails.
            let _ = std::fs::remove_dir(backup_dir(db));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_back_as_times() {
        assert_eq!(
            parse_stamp("20261206-191627-123").as_deref(),
            Some("2026-12-06 19:16:27")
        );
        assert_eq!(parse_stamp("2026x206-191627"), None);
    }

    #[test]
    fn an_empty_or_foreign_file_is_not_a_good_backup() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("e.db");
        std::fs::write(&empty, b"").unwrap();
        let err = check_backup(&empty).unwrap_err().to_string();
        assert!(err.contains("empty"), "{err}");
        let other = dir.path().join("o.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;")
            .unwrap();
        let err = check_backup(&other).unwrap_err().to_string();
        assert!(err.contains("customer table"), "{err}");
    }

    #[test]
    fn a_backup_is_checked_and_pruning_keeps_the_newest_good_ones() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        let store = Store::open(&db).unwrap();
        let first = store.take_backup().unwrap().unwrap();
        check_backup(&first).unwrap();
        // Bad files newer than the good one: an empty one and a foreign one.
        let backups = backup_dir(&db);
        std::fs::write(backups.join("k-20991231-235959-001.db"), b"").unwrap();
        std::fs::write(backups.join("k-20991231-235959-002.db"), b"junk").unwrap();
        assert_eq!(newest_good_backup(&db), Some(first.clone()));
        let removed = prune_backups(&db, 1).unwrap();
        assert_eq!(removed.len(), 2);
        assert_eq!(list_backups(&db).len(), 1);
        assert!(first.exists());
    }
}
