//! What the fuzz targets share: the import reads files by path, so each input
//! is written to a file in memory (tmpfs) and opened through the same public
//! entries the import and the reconciliation use.

use std::path::{Path, PathBuf};

use kehu::domain::classification::Catalog;
use kehu::import::{FileKind, Source};

/// Writes `bytes` to `name` in a per-process directory on tmpfs (`/dev/shm`
/// when there is one), so parallel fuzz jobs do not share a file.
pub fn input_file(name: &str, bytes: &[u8]) -> PathBuf {
    let base = Path::new("/dev/shm");
    let base = if base.is_dir() {
        base.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("kehu-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the fuzz input directory");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the fuzz input");
    path
}

/// Largest number of sheets of one workbook read per input.
const MAX_SHEETS: usize = 8;

/// Opens `path` as the customer import does (kind, encoding, delimiter,
/// sheets), finds the header row, and streams every row of every sheet,
/// checking what must hold of any file that opens:
/// - row numbers go up strictly, starting at 1 or later;
/// - a text file's rows carry no "was a number" flags;
/// - the file hash is SHA-256 hex.
pub fn read_every_row(path: &Path) {
    let Ok(source) = Source::open(path) else {
        return;
    };
    let _ = source.describe();
    let _ = kehu::import::layout(&source, None, None, &Catalog::default());
    let is_text = matches!(source.kind(), FileKind::Text { .. });
    let sheets: Vec<Option<String>> = if is_text {
        vec![None]
    } else {
        source
            .sheets()
            .iter()
            .take(MAX_SHEETS)
            .cloned()
            .map(Some)
            .collect()
    };
    for sheet in sheets {
        let Ok(mut rows) = source.rows(sheet.as_deref()) else {
            continue;
        };
        let mut last = 0u64;
        let mut failed = false;
        // Not `for`: the loop asks `rows` for its progress between rows.
        while let Some(row) = rows.next() {
            let Ok(row) = row else {
                failed = true;
                break;
            };
            assert!(row.number > last, "row {} follows row {last}", row.number);
            last = row.number;
            if is_text {
                assert!(row.numeric.is_empty(), "a text row has number flags");
            } else {
                assert_eq!(row.numeric.len(), row.cells.len());
            }
            let _ = (row.is_blank(), row.filled_len());
            assert!(
                (0.0..=1.0).contains(&rows.fraction_done()),
                "progress {} out of 0–1",
                rows.fraction_done()
            );
        }
        if !failed && let Ok(hash) = rows.file_hash() {
            assert_eq!(hash.len(), 64);
            assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
        }
    }
}
