//! Files and folders only their owner may read: the database, its WAL and
//! shared-memory files (SQLite gives them the database file's mode), backups
//! and the data folder. Created so from the start — a mode changed after
//! creation would leave a moment in which others could open the file.

use std::fs::{DirBuilder, OpenOptions};
use std::path::Path;

use super::{Result, StoreError};

/// Creates `path` empty, readable and writable by its owner only (0600).
/// An existing file is left as it is.
pub fn create_private_file(path: &Path) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Creates `dir` and any missing parents; the folders it creates are 0700.
pub fn create_private_dir_all(dir: &Path) -> Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    })
}

/// Narrows an existing file (a temporary one just created, still empty) to
/// its owner.
pub fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(
            |source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            },
        )?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
