//! Inputs the fuzz targets (fuzz/) crashed on, kept as ordinary tests so CI
//! runs them without a nightly toolchain. Each file in tests/data/fuzz/
//! <target>/ is read the way its target reads it.

use std::path::{Path, PathBuf};
use std::process::Command;

use kehu::import::{ImportError, Source};

/// A damaged .xls once made calamine grow until memory ran out (3–4 GB, then
/// an abort). Should that come back, the test must fail, not take the shared
/// machine with it: this process and every kehu it starts get at most 1 GiB
/// of address space, so an allocation without end fails (the process aborts
/// and the test fails) long before memory does.
fn limit_memory() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        const LIMIT: libc::rlim_t = 1 << 30;
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit/setrlimit only read and write the struct given.
        unsafe {
            assert_eq!(libc::getrlimit(libc::RLIMIT_AS, &mut limit), 0);
            limit.rlim_cur = limit.rlim_cur.min(LIMIT);
            assert_eq!(libc::setrlimit(libc::RLIMIT_AS, &limit), 0);
        }
    });
}

fn inputs(target: &str) -> Vec<PathBuf> {
    limit_memory();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
}

/// calamine 0.38 asserts on an xls whose compound-file header gives a
/// sector size that is not a multiple of 4 (`utils::to_u32`), and follows a
/// FAT chain that runs in a circle until memory runs out
/// (`cfb_chain_in_a_circle.xls`): kehu refuses both as damaged instead.
#[test]
fn damaged_workbooks_are_refused_with_an_error() {
    for path in inputs("workbook_reader") {
        match Source::open(&path) {
            Err(ImportError::NotSpreadsheet { what, .. }) => {
                assert!(what.contains("damaged"), "{}: {what}", path.display());
            }
            Err(e) => assert!(e.is_unreadable(), "{}: {e}", path.display()),
            Ok(source) => {
                // Opened: every sheet must read or fail with an error.
                for sheet in source.sheets().to_vec() {
                    if let Ok(rows) = source.rows(Some(&sheet)) {
                        rows.take_while(Result::is_ok).for_each(drop);
                    }
                }
            }
        }
    }
}

#[test]
fn the_cli_reports_a_damaged_workbook_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    for path in inputs("workbook_reader") {
        let out = Command::new(env!("CARGO_BIN_EXE_kehu"))
            .arg("--db")
            .arg(&db)
            .args(["import", path.to_str().unwrap(), "--format", "json"])
            .env("LANG", "C")
            .env("KEHU_OPERATOR", "测试员")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
        assert!(
            err.starts_with("kehu: ") && err.contains("damaged") && !err.contains("panicked"),
            "{}: {err}",
            path.display()
        );
    }
}
