//! Copies of the database taken before an import commits, kept next to it.

use std::path::PathBuf;

use super::{Result, Store, StoreError};

impl Store {
    /// Writes a consistent copy of the database (`VACUUM INTO`, safe while
    /// others read) to `backups/` beside the file and deletes all but the
    /// newest `keep` copies. `None` for an in-memory database.
    pub fn backup(&self, keep: usize) -> Result<Option<PathBuf>> {
        let Some(db) = self.path.as_deref() else {
            return Ok(None);
        };
        let dir = db
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
            .join("backups");
        let io_err = |source| StoreError::Io {
            path: dir.clone(),
            source,
        };
        std::fs::create_dir_all(&dir).map_err(io_err)?;
        let stem = db
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "kehu".into());
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S-%3f");
        let target = dir.join(format!("{stem}-{stamp}.db"));
        self.conn
            .execute("VACUUM INTO ?1", [target.to_string_lossy().as_ref()])?;
        // Names sort by time; remove the oldest beyond `keep`.
        let prefix = format!("{stem}-");
        let mut copies: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(io_err)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "db")
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&prefix))
            })
            .collect();
        copies.sort();
        let excess = copies.len().saturating_sub(keep.max(1));
        for old in &copies[..excess] {
            std::fs::remove_file(old).map_err(io_err)?;
        }
        Ok(Some(target))
    }
}
