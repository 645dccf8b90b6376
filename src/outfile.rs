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

use thiserror::Error;

use crate::domain::Lang;

/// A format kehu writes, known by its file name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    /// A SQLite database (a backup).
    Sqlite,
}

impl Format {
    /// Spreadsheet reports: `.xlsx` or `.csv`.
    pub const SHEETS: &'static [Format] = &[Format::Xlsx, Format::Csv];
    /// Backups.
    pub const DATABASE: &'static [Format] = &[Format::Sqlite];

    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Csv => &["csv"],
            Format::Xlsx => &["xlsx"],
            Format::Sqlite => &["db", "sqlite", "sqlite3"],
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

/// Why a file was not written. Each has a stable code and zh/en text.
#[derive(Debug, Error)]
pub enum OutputError {
    #[error("{path} is the database kehu has open (or one of its files): choose another file name")]
    IsDatabase { path: PathBuf },
    #[error(
        "{path} is a SQLite database file: kehu does not write over databases; choose another file name"
    )]
    IsSqlite { path: PathBuf },
    #[error("{path} is the file being read: choose another file name")]
    IsInput { path: PathBuf },
    #[error("{path} already exists: choose another name, or add --force to replace it")]
    Exists { path: PathBuf },
    #[error("{path} is a folder: give a file name")]
    IsFolder { path: PathBuf },
    #[error("the folder of {path} does not exist")]
    NoFolder { path: PathBuf },
    #[error("{path}: the file name must end in {expected} (the format written)")]
    Extension { path: PathBuf, expected: String },
    #[error("cannot write {path}: {message}")]
    Write { path: PathBuf, message: String },
}

impl OutputError {
    /// The stable code a script or a translation looks up.
    pub fn code(&self) -> &'static str {
        match self {
            OutputError::IsDatabase { .. } => "output.is_database",
            OutputError::IsSqlite { .. } => "output.is_database",
            OutputError::IsInput { .. } => "output.is_input",
            OutputError::Exists { .. } => "output.exists",
            OutputError::IsFolder { .. } => "output.is_folder",
            OutputError::NoFolder { .. } => "output.no_folder",
            OutputError::Extension { .. } => "output.extension",
            OutputError::Write { .. } => "output.write",
        }
    }

    /// The message in `lang`, with the code in brackets.
    pub fn text(&self, lang: Lang) -> String {
        let text = match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                OutputError::IsDatabase { path } => {
                    format!(
                        "{} 是 kehu 正在使用的数据库（或其附属文件）：请换一个文件名",
                        path.display()
                    )
                }
                OutputError::IsSqlite { path } => {
                    format!(
                        "{} 是 SQLite 数据库文件：kehu 不会覆盖数据库，请换一个文件名",
                        path.display()
                    )
                }
                OutputError::IsInput { path } => {
                    format!("{} 是正在读取的文件：请换一个文件名", path.display())
                }
                OutputError::Exists { path } => {
                    format!(
                        "{} 已存在：请换一个文件名，或加 --force 覆盖",
                        path.display()
                    )
                }
                OutputError::IsFolder { path } => {
                    format!("{} 是文件夹：请给出文件名", path.display())
                }
                OutputError::NoFolder { path } => {
                    format!("{} 所在的文件夹不存在", path.display())
                }
                OutputError::Extension { path, expected } => {
                    let expected = expected.replace(" / ", " 或 ");
                    format!(
                        "{}：文件名须以 {expected} 结尾（所写的格式）",
                        path.display()
                    )
                }
                OutputError::Write { path, message } => {
                    format!("无法写入 {}：{message}", path.display())
                }
            },
        };
        format!("{text} [{}]", self.code())
    }

    pub fn path(&self) -> &Path {
        match self {
            OutputError::IsDatabase { path }
            | OutputError::IsSqlite { path }
            | OutputError::IsInput { path }
            | OutputError::Exists { path }
            | OutputError::IsFolder { path }
            | OutputError::NoFolder { path }
            | OutputError::Extension { path, .. }
            | OutputError::Write { path, .. } => path,
        }
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
        if is_sqlite(target) {
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
        message: e.to_string(),
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
fn canonical(path: &Path) -> Option<PathBuf> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(db: &Path) -> Rules {
        Rules::new(Some(db))
    }

    #[test]
    fn the_database_and_its_side_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        fs::write(&db, b"SQLite format 3\0rest").unwrap();
        for name in ["k.db", "k.db-wal", "k.db-journal", "k.db-shm"] {
            let err = check(&dir.path().join(name), Format::SHEETS, &rules(&db)).unwrap_err();
            assert_eq!(err.code(), "output.is_database", "{name}");
        }
        // Through another spelling of the same folder.
        let odd = dir.path().join(".").join("k.db");
        assert_eq!(
            check(&odd, Format::SHEETS, &rules(&db)).unwrap_err().code(),
            "output.is_database"
        );
    }

    #[test]
    fn any_sqlite_file_is_refused_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.csv");
        fs::write(&other, b"SQLite format 3\0rest").unwrap();
        let err = check(&other, Format::SHEETS, &Rules::default().force(true)).unwrap_err();
        assert_eq!(err.code(), "output.is_database");
    }

    #[test]
    fn extension_must_name_the_format() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["notes.docx", "out.pdf", "noext"] {
            let err = check(&dir.path().join(name), Format::SHEETS, &Rules::default()).unwrap_err();
            assert_eq!(err.code(), "output.extension");
            assert!(err.text(Lang::Zh).contains(".xlsx 或 .csv"));
            assert!(err.text(Lang::En).contains(".xlsx / .csv"));
        }
        assert_eq!(
            check(
                &dir.path().join("a.XLSX"),
                Format::SHEETS,
                &Rules::default()
            )
            .unwrap(),
            Format::Xlsx
        );
    }

    #[test]
    fn a_failed_write_leaves_nothing_and_a_good_one_replaces_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        let failed = write(&target, Format::SHEETS, &Rules::default(), |tmp, _| {
            fs::write(tmp, b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert_eq!(failed.unwrap_err().code(), "output.write");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        write(&target, Format::SHEETS, &Rules::default(), |tmp, _| {
            fs::write(tmp, b"one")
        })
        .unwrap();
        let again = write(&target, Format::SHEETS, &Rules::default(), |tmp, _| {
            fs::write(tmp, b"two")
        });
        assert_eq!(again.unwrap_err().code(), "output.exists");
        assert_eq!(fs::read(&target).unwrap(), b"one");
        write(
            &target,
            Format::SHEETS,
            &Rules::default().force(true),
            |tmp, _| fs::write(tmp, b"two"),
        )
        .unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_and_the_input_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        fs::write(&input, "a\n").unwrap();
        let r = Rules::default().input(&input).force(true);
        assert_eq!(
            check(&input, Format::SHEETS, &r).unwrap_err().code(),
            "output.is_input"
        );
        let missing = dir.path().join("nope/out.csv");
        assert_eq!(
            check(&missing, Format::SHEETS, &r).unwrap_err().code(),
            "output.no_folder"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_or_hard_link_to_the_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        fs::write(&db, b"x").unwrap();
        std::os::unix::fs::symlink(&db, dir.path().join("link.csv")).unwrap();
        fs::hard_link(&db, dir.path().join("hard.csv")).unwrap();
        for name in ["link.csv", "hard.csv"] {
            let r = rules(&db).force(true);
            let err = check(&dir.path().join(name), Format::SHEETS, &r).unwrap_err();
            assert_eq!(err.code(), "output.is_database", "{name}");
        }
    }
}
