//! Files recently opened in the import wizard: a small text file (one path a
//! line, newest first) in kehu's data folder, so the next import of the
//! monthly file is one key away. Losing it loses nothing but convenience, so
//! read and write errors are ignored.

use std::path::{Path, PathBuf};

/// `recent_imports.txt` in kehu's data folder (beside the default database).
pub fn default_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kehu").map(|d| d.data_dir().join("recent_imports.txt"))
}

/// How many files are remembered.
pub const KEEP: usize = 10;

/// The remembered files, newest first; none when there is no file (or it
/// cannot be read).
pub fn load(file: Option<&Path>) -> Vec<PathBuf> {
    let Some(text) = file.and_then(|f| std::fs::read_to_string(f).ok()) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let path = PathBuf::from(line);
        if !files.contains(&path) && files.len() < KEEP {
            files.push(path);
        }
    }
    files
}

/// Puts `opened` first in `files` (absolute, so it works from any folder)
/// and writes the list to `file` when there is one.
pub fn remember(files: &mut Vec<PathBuf>, opened: &Path, file: Option<&Path>) {
    let opened = std::path::absolute(opened).unwrap_or_else(|_| opened.to_path_buf());
    // A path with a line break cannot be stored one per line.
    if opened.to_string_lossy().contains(['\n', '\r']) {
        return;
    }
    files.retain(|f| *f != opened);
    files.insert(0, opened);
    files.truncate(KEEP);
    if let Some(file) = file {
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let text: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
        let _ = std::fs::write(file, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_repeats_and_kept_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state/recent_imports.txt");
        let mut files = load(Some(&state));
        assert!(files.is_empty());
        for name in ["a.csv", "客户.xlsx", "a.csv"] {
            remember(&mut files, &dir.path().join(name), Some(&state));
        }
        let expected = vec![dir.path().join("a.csv"), dir.path().join("客户.xlsx")];
        assert_eq!(files, expected);
        assert_eq!(load(Some(&state)), expected);
        for i in 0..20 {
            remember(&mut files, &dir.path().join(format!("{i}.csv")), None);
        }
        assert_eq!(files.len(), KEEP);
        assert_eq!(files[0], dir.path().join("19.csv"));
    }
}
