//! `kehu restore FILE`: the file is checked, the current database is kept as
//! a backup (a damaged one as a raw copy), then the database is replaced in
//! one step. The replacement goes through SQLite (the online backup API in
//! the restoring direction), so its WAL and locks are respected and any
//! reader sees the old or the new database, never a mix; only when SQLite
//! cannot open the current file at all is the file itself swapped (with its
//! stale `-wal`/`-shm`/`-journal` removed, which belong to the damaged copy).

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::{backup_dir, check_backup, copy_checked, stem};
use crate::outfile;
use crate::store::{Result, StoreError, encryption, private_files};

/// What a restore did.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Restored {
    pub database: PathBuf,
    pub from: PathBuf,
    /// The database as it was, kept in `backups/` (a raw copy when it was
    /// damaged, named `….damaged`); `None` when there was no database.
    pub kept: Option<PathBuf>,
}

/// Replaces the database at `db` with the backup `file`.
pub fn restore_database(db: &Path, file: &Path) -> Result<Restored> {
    let refused = |why: &str| StoreError::Refused(format!("{}: {why}", file.display()));
    if outfile::protected_files(db)
        .iter()
        .any(|p| std::fs::canonicalize(file).is_ok_and(|f| &f == p))
    {
        return Err(refused("this is the database itself: name a backup file"));
    }
    check_backup(file)?;
    let kept = if db.exists() {
        Some(keep_current(db)?)
    } else {
        None
    };
    let (source, key) = encryption::open_keyed(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if replace_through_sqlite(&source, db, key.as_deref().map(|k| k.as_str())).is_err() {
        replace_file(file, db)?;
    }
    // The result must be the backup's content, whole.
    check_backup_in_place(db)?;
    Ok(Restored {
        database: db.to_path_buf(),
        from: file.to_path_buf(),
        kept,
    })
}

fn stamp() -> String {
    chrono::Local::now().format("%Y%m%d-%H%M%S-%3f").to_string()
}

/// The current database into `backups/`: a checked backup when it is sound,
/// otherwise its bytes (and its WAL) as `….damaged`, which never count as a
/// good backup but are not lost either.
fn keep_current(db: &Path) -> Result<PathBuf> {
    let dir = backup_dir(db);
    private_files::create_private_dir_all(&dir)?;
    let name = format!("{}-{}", stem(db), stamp());
    let target = dir.join(format!("{name}.db"));
    let (pending, _) = outfile::Pending::begin(
        &target,
        outfile::Format::DATABASE,
        &outfile::Rules::new(Some(db)),
    )?;
    let sound = encryption::open_keyed(db, rusqlite::OpenFlags::default())
        .map_err(StoreError::from)
        .and_then(|(conn, key)| {
            copy_checked(&conn, pending.temp(), key.as_deref().map(|k| k.as_str()))
        });
    if sound.is_ok() {
        return Ok(pending.commit()?);
    }
    drop(pending);
    let raw = dir.join(format!("{name}.damaged"));
    let io = |source| StoreError::Io {
        path: raw.clone(),
        source,
    };
    std::fs::copy(db, &raw).map_err(io)?;
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    if Path::new(&wal).exists() {
        let mut raw_wal = raw.clone().into_os_string();
        raw_wal.push("-wal");
        std::fs::copy(&wal, &raw_wal).map_err(io)?;
    }
    Ok(raw)
}

/// Copies every page of `source` over the database at `db` in one write
/// transaction of SQLite's.
/// `key`: the backup's passphrase, which the restored database keeps.
fn replace_through_sqlite(source: &Connection, db: &Path, key: Option<&str>) -> Result<()> {
    let mut dst = Connection::open(db)?;
    encryption::key_new(&dst, key, source)?;
    dst.busy_timeout(crate::store::db::BUSY_TIMEOUT)?;
    // Reading the schema fails on a file SQLite cannot use: then swap the file.
    dst.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    let backup = Backup::new(source, &mut dst)?;
    match backup.step(-1)? {
        StepResult::Done => Ok(()),
        _ => Err(StoreError::Refused(format!(
            "{} is in use by another program: close kehu there and restore again",
            db.display()
        ))),
    }
}

/// Puts a copy of `file` where `db` is: copied beside it, flushed, its old
/// side files removed, renamed over it.
fn replace_file(file: &Path, db: &Path) -> Result<()> {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = db.with_file_name(format!(".{name}.restore-{}", std::process::id()));
    let io = |source| StoreError::Io {
        path: db.to_path_buf(),
        source,
    };
    std::fs::copy(file, &temp).map_err(io)?;
    let result = (|| {
        std::fs::File::open(&temp)?.sync_all()?;
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut side = db.as_os_str().to_owned();
            side.push(suffix);
            match std::fs::remove_file(&side) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        std::fs::rename(&temp, db)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(io)
}

/// The database after a restore passes the same check as a backup.
fn check_backup_in_place(db: &Path) -> Result<()> {
    let (conn, _) = encryption::open_keyed(db, rusqlite::OpenFlags::default())?;
    let verdict: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(StoreError::BadBackup {
            path: db.to_path_buf(),
            reason: format!("after the restore, integrity check: {verdict}"),
        });
    }
    Ok(())
}
