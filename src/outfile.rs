//! The one way kehu writes a file the user named: exports, templates,
//! rejected rows, statements, aging and reconciliation reports, backups.
//!
//! Before anything is written the target is checked: never the open
//! database or its `-wal`/`-journal`/`-shm` (compared by canonical path and
//! by file identity, so a symlink or hard link is caught too), never any
//! SQLite database file, never the file the run reads, never an existing file
//! unless the user said `--force` (the TUI asks), and only an extension that
//! names the format written. The content goes to a temporary file beside the
//! target and is renamed into place, so a failure never leaves half a file.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

mod error;
#[cfg(test)]
mod tests;

pub use error::OutputError;

/// A format kehu writes, known by its file name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    /// A SQLite database (a backup).
    Sqlite,
    /// A document to print or send (statement, reminder letter).
    Pdf,
}

impl Format {
    /// Spreadsheet reports: `.xlsx` or `.csv`.
    pub const SHEETS: &'static [Format] = &[Format::Xlsx, Format::Csv];
    /// Backups.
    pub const DATABASE: &'static [Format] = &[Format::Sqlite];
    /// Reports that also come as a PDF document.
    pub const SHEETS_OR_PDF: &'static [Format] = &[Format::Xlsx, Format::Csv, Format::Pdf];
    /// Documents only (reminder letters).
    pub const PDF: &'static [Format] = &[Format::Pdf];

    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Csv => &["csv"],
            Format::Xlsx => &["xlsx"],
            Format::Sqlite => &["db", "sqlite", "sqlite3"],
            Format::Pdf => &["pdf"],
        }
    }

    /// The format `path`'s extension names, among `allowed`.
    pub fn of(path: &Path, allowed: &[Format]) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        allowed
            .iter()
            .copied()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }
}

/// What a write must not touch, and whether an existing file may be replaced.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    /// The open database (its side files are protected with it).
    pub database: Option<PathBuf>,
    /// The files this run reads.
    pub inputs: Vec<PathBuf>,
    /// Replace an existing file (never a database or an input).
    pub force: bool,
}

impl Rules {
    pub fn new(database: Option<&Path>) -> Rules {
        Rules {
            database: database.map(Path::to_path_buf),
            ..Rules::default()
        }
    }

    pub fn input(mut self, path: &Path) -> Rules {
        self.inputs.push(path.to_path_buf());
        self
    }

    pub fn force(mut self, force: bool) -> Rules {
        self.force = force;
        self
    }
}

/// Checks `target` against `rules`; the format its extension names.
pub fn check(target: &Path, allowed: &[Format], rules: &Rules) -> Result<Format, OutputError> {
    let path = || target.to_path_buf();
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = target.file_name() else {
        return Err(OutputError::IsFolder { path: path() });
    };
    let Ok(folder) = fs::canonicalize(&folder) else {
        return Err(OutputError::NoFolder { path: path() });
    };
    if !folder.is_dir() {
        return Err(OutputError::NoFolder { path: path() });
    }
    let meta = fs::metadata(target).ok();
    // Where the name really leads: through symlinks when it exists.
    let resolved = if meta.is_some() {
        fs::canonicalize(target).unwrap_or_else(|_| folder.join(name))
    } else {
        folder.join(name)
    };
    if let Some(db) = &rules.database {
        let protected = protected_files(db);
        if protected
            .iter()
            .any(|p| same_file(&resolved, meta.as_ref(), p))
        {
            return Err(OutputError::IsDatabase { path: path() });
        }
    }
    if rules
        .inputs
        .iter()
        .filter_map(|p| canonical(p))
        .any(|p| same_file(&resolved, meta.as_ref(), &p))
    {
        return Err(OutputError::IsInput { path: path() });
    }
    if let Some(meta) = &meta {
        if meta.is_dir() {
            return Err(OutputError::IsFolder { path: path() });
        }
        // An encrypted database has no header to know it by: refused on
        // the look of its bytes (whole pages, none of the formats we write).
        if is_sqlite(target) || crate::store::encryption::may_be_encrypted_database(target) {
            return Err(OutputError::IsSqlite { path: path() });
        }
    }
    let Some(format) = Format::of(target, allowed) else {
        let expected = allowed
            .iter()
            .flat_map(|f| f.extensions())
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(" / ");
        return Err(OutputError::Extension {
            path: path(),
            expected,
        });
    };
    if meta.is_some() && !rules.force {
        return Err(OutputError::Exists { path: path() });
    }
    Ok(format)
}

/// Writes `target` through `write`, which is given a temporary path beside
/// it (with the same extension) and the format; renamed into place only when
/// `write` succeeded. Returns the path written.
pub fn write<E: std::fmt::Display>(
    target: &Path,
    allowed: &[Format],
    rules: &Rules,
    write: impl FnOnce(&Path, Format) -> Result<(), E>,
) -> Result<PathBuf, OutputError> {
    let (pending, format) = Pending::begin(target, allowed, rules)?;
    write(pending.temp(), format).map_err(|e| OutputError::Write {
        path: target.to_path_buf(),
        // The writer names the file it was given: say the one the user named.
        message: e.to_string().replace(
            &pending.temp().display().to_string(),
            &target.display().to_string(),
        ),
    })?;
    pending.commit()
}

/// A file being written: content goes to `temp()`; `commit` puts it in place,
/// dropping it without a commit removes the temporary file.
#[derive(Debug)]
pub struct Pending {
    target: PathBuf,
    temp: PathBuf,
    force: bool,
    done: bool,
}

static SERIAL: AtomicU64 = AtomicU64::new(0);

impl Pending {
    /// Checks `target` and picks a temporary file beside it.
    pub fn begin(
        target: &Path,
        allowed: &[Format],
        rules: &Rules,
    ) -> Result<(Pending, Format), OutputError> {
        let format = check(target, allowed, rules)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = target
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = loop {
            let n = SERIAL.fetch_add(1, Ordering::Relaxed);
            let candidate =
                target.with_file_name(format!(".{name}.{}-{n}.tmp.{ext}", std::process::id()));
            if fs::symlink_metadata(&candidate).is_err() {
                break candidate;
            }
        };
        Ok((
            Pending {
                target: target.to_path_buf(),
                temp,
                force: rules.force,
                done: false,
            },
            format,
        ))
    }

    pub fn temp(&self) -> &Path {
        &self.temp
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes the temporary file to disk and moves it onto the target. Without
    /// `force`, a file that appeared there meanwhile is not replaced.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        let fail = |e: std::io::Error| OutputError::Write {
            path: self.target.clone(),
            message: e.to_string(),
        };
        fs::File::open(&self.temp)
            .and_then(|f| f.sync_all())
            .map_err(fail)?;
        if self.force {
            fs::rename(&self.temp, &self.target).map_err(fail)?;
        } else {
            // A hard link fails when the name is taken, so nothing is replaced
            // even if a file appeared since the check.
            match fs::hard_link(&self.temp, &self.target) {
                Ok(()) => {
                    let _ = fs::remove_file(&self.temp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(OutputError::Exists {
                        path: self.target.clone(),
                    });
                }
                // No hard links here (some network or FAT drives): check, then rename.
                Err(_) if fs::symlink_metadata(&self.target).is_ok() => {
                    return Err(OutputError::Exists {
                        path: self.target.clone(),
                    });
                }
                Err(_) => fs::rename(&self.temp, &self.target).map_err(fail)?,
            }
        }
        self.done = true;
        sync_folder(&self.target);
        Ok(self.target.clone())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// The database and the files SQLite keeps beside it.
pub fn protected_files(db: &Path) -> Vec<PathBuf> {
    let base = canonical(db).unwrap_or_else(|| db.to_path_buf());
    let mut files = vec![base.clone()];
    for suffix in ["-wal", "-journal", "-shm"] {
        let mut side = base.clone().into_os_string();
        side.push(suffix);
        files.push(PathBuf::from(side));
    }
    files
}

/// Whether the file at `path` starts with SQLite's header.
pub fn is_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 16];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

/// `path` made absolute through its folder (the file itself need not exist).
pub(crate) fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(full) = fs::canonicalize(path) {
        return Some(full);
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(folder).ok()?.join(path.file_name()?))
}

/// The same name, or (for files that exist) the same file on disk.
fn same_file(resolved: &Path, meta: Option<&fs::Metadata>, other: &Path) -> bool {
    if resolved == other {
        return true;
    }
    let (Some(a), Ok(b)) = (meta, fs::metadata(other)) else {
        return false;
    };
    identity(a).is_some_and(|id| Some(id) == identity(&b))
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Makes the rename durable (best effort: not every platform syncs folders).
fn sync_folder(target: &Path) {
    #[cfg(unix)]
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = fs::File::open(dir).and_then(|d| d.sync_all());
    }
    #[cfg(not(unix))]
    let _ = target;
}
