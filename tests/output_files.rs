//! Every file kehu writes goes through one checked way (src/outfile.rs): the
//! real binary on real files. Never onto the live database or its side files,
//! never onto the file being read, never over an existing file without
//! `--force`, never a format the name does not say, nothing at all in a dry
//! run or for zero rejected rows; and `--db` in a missing folder is an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::SystemTime;

use proptest::prelude::*;
use sha2::{Digest, Sha256};

fn kehu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "C")
        .env("KEHU_OPERATOR", "测试员")
        .env_remove("KEHU_TEST_PAUSE_IN_COMMIT")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A database with two customers, made once and copied for each test.
fn template_db() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let db = dir.join("template.db");
        for name in ["深圳市华强电子有限公司", "杭州市宝丰运输有限公司"] {
            let out = kehu(&db, &["customer", "add", "--name", name]);
            assert!(out.status.success(), "{}", stderr(&out));
        }
        db
    })
}

/// A folder holding `k.db` (two customers) and `in.csv` (rows a run rejects).
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    std::fs::copy(template_db(), &db).unwrap();
    let input = dir.path().join("in.csv");
    // No name on either row: both are rejected, nothing is written.
    std::fs::write(&input, "客户名称,联系电话\n,0571-1\n,0571-2\n").unwrap();
    (dir, db, input)
}

fn customers(db: &Path) -> usize {
    let out = kehu(db, &["customer", "list", "--all", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

fn assert_refused(out: &Output, code: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    assert!(stderr(out).contains(code), "{}", stderr(out));
}

// --- Output onto the live database -------------------------------------

#[test]
fn export_onto_the_database_is_refused_and_the_database_stays() {
    let (_dir, db, _) = setup();
    let before = std::fs::read(&db).unwrap();
    for force in [false, true] {
        let mut args = vec!["export", s(&db)];
        if force {
            args.push("--force");
        }
        assert_refused(&kehu(&db, &args), "output.is_database");
    }
    // Its side files too, even under another name for the folder.
    let wal = format!("{}-wal", s(&db));
    assert_refused(&kehu(&db, &["export", &wal]), "output.is_database");
    let dotted = db.parent().unwrap().join(".").join("k.db");
    assert_refused(&kehu(&db, &["export", s(&dotted)]), "output.is_database");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(customers(&db), 2);
}

#[test]
fn a_template_onto_the_database_is_refused() {
    let (_dir, db, _) = setup();
    assert_refused(
        &kehu(&db, &["import", "--template", s(&db), "--force"]),
        "output.is_database",
    );
    assert_eq!(customers(&db), 2);
}

#[test]
fn a_dry_run_with_rejects_onto_the_database_destroys_nothing() {
    let (dir, db, input) = setup();
    let out = kehu(
        &db,
        &["import", s(&input), "--dry-run", "--rejects", s(&db)],
    );
    assert_refused(&out, "output.is_database");
    assert_eq!(customers(&db), 2);
    assert!(!dir.path().join("backups").exists());
    // A dry run writes nothing at all, not even to a fine new file.
    let fine = dir.path().join("rejected.csv");
    let out = kehu(
        &db,
        &["import", s(&input), "--dry-run", "--rejects", s(&fine)],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!fine.exists());
    assert!(stderr(&out).contains("dry run"), "{}", stderr(&out));
}

#[test]
fn any_sqlite_file_is_refused_even_with_force() {
    let (dir, db, _) = setup();
    let other = dir.path().join("other.csv");
    std::fs::copy(&db, &other).unwrap();
    assert_refused(
        &kehu(&db, &["export", s(&other), "--force"]),
        "output.is_database",
    );
    assert_eq!(std::fs::read(&other).unwrap(), std::fs::read(&db).unwrap());
}

// --- Silent overwrites ---------------------------------------------------

#[test]
fn rejects_with_no_rejected_row_leave_the_file_alone() {
    let (dir, db, _) = setup();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "客户名称\n宁波市万嘉运输有限公司\n").unwrap();
    let important = dir.path().join("important.csv");
    std::fs::write(&important, "keep me").unwrap();
    let out = kehu(
        &db,
        &["import", s(&good), "--rejects", s(&important), "--force"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no rows were rejected"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&important).unwrap(), b"keep me");
    assert_eq!(customers(&db), 3);
}

#[test]
fn rejects_naming_the_input_file_are_refused() {
    let (_dir, db, input) = setup();
    let before = std::fs::read(&input).unwrap();
    let out = kehu(
        &db,
        &["import", s(&input), "--rejects", s(&input), "--force"],
    );
    assert_refused(&out, "output.is_input");
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn rejects_over_an_existing_file_need_force() {
    let (dir, db, input) = setup();
    let old = dir.path().join("old.csv");
    std::fs::write(&old, "old").unwrap();
    assert_refused(
        &kehu(&db, &["import", s(&input), "--rejects", s(&old)]),
        "output.exists",
    );
    assert_eq!(std::fs::read(&old).unwrap(), b"old");
    let out = kehu(&db, &["import", s(&input), "--rejects", s(&old), "--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = std::fs::read_to_string(&old).unwrap();
    assert!(text.contains("error"), "{text}");
    // Every row was rejected, so nothing was written: no backup, not even its folder.
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn an_extension_that_is_not_the_format_written_is_refused() {
    let (dir, db, _) = setup();
    for name in ["notes.docx", "out.pdf", "no_extension"] {
        let target = dir.path().join(name);
        assert_refused(&kehu(&db, &["export", s(&target)]), "output.extension");
        assert!(!target.exists(), "{name}");
    }
    let good = dir.path().join("客户.CSV");
    let out = kehu(&db, &["export", s(&good)]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn export_template_statement_aging_and_reports_do_not_overwrite_without_force() {
    let (dir, db, _) = setup();
    let out = kehu(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "invoice",
            "--date",
            "2024-01-10",
            "--doc",
            "INV-1",
            "--amount",
            "100.00",
            "--override-reason",
            "test",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let existing = dir.path().join("existing.xlsx");
    std::fs::write(&existing, "mine").unwrap();
    let e = s(&existing);
    let runs: [&[&str]; 4] = [
        &["export", e],
        &["import", "--template", e],
        &[
            "statement",
            "C000001",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--out",
            e,
        ],
        &["aging", "--out", e],
    ];
    for args in runs {
        assert_refused(&kehu(&db, args), "output.exists");
        assert_eq!(std::fs::read(&existing).unwrap(), b"mine", "{args:?}");
    }
    for args in runs {
        let mut forced = args.to_vec();
        forced.push("--force");
        std::fs::write(&existing, "mine").unwrap();
        let out = kehu(&db, &forced);
        assert!(out.status.success(), "{forced:?}: {}", stderr(&out));
        assert_ne!(std::fs::read(&existing).unwrap(), b"mine", "{forced:?}");
    }
    // No temporary file is left beside them.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp."))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

// --- --db ----------------------------------------------------------------

#[test]
fn a_db_in_a_missing_folder_is_an_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nonexistent/dir/k.db");
    let out = kehu(&db, &["customer", "list"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("db.no_folder"), "{}", stderr(&out));
    assert!(!dir.path().join("nonexistent").exists());
}

#[test]
fn a_new_db_file_is_created_with_a_notice_and_an_existing_one_silently() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let out = kehu(&db, &["customer", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("created new database"),
        "{}",
        stderr(&out)
    );
    let again = kehu(&db, &["customer", "list"]);
    assert!(again.status.success());
    assert!(!stderr(&again).contains("created"), "{}", stderr(&again));
}

#[test]
fn the_default_database_is_created_silently() {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_kehu"))
        .args(["customer", "list"])
        .env_remove("KEHU_DB")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("created"), "{}", stderr(&out));
    assert!(home.path().join("data/kehu/kehu.db").exists());
}

// --- the property ----------------------------------------------------------

/// Every file in `dir` but the database (which opening may touch; its
/// customers are counted instead): a hash of its bytes and its modification time.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            // SQLite's own side files come and go with every run.
            if name.ends_with("-wal") || name.ends_with("-shm") || name.ends_with("-journal") {
                return None;
            }
            let meta = e.metadata().ok()?;
            if !meta.is_file() {
                return None;
            }
            if name == "k.db" {
                return None;
            }
            let hash = Sha256::digest(std::fs::read(e.path()).unwrap()).to_vec();
            Some((name, (hash, meta.modified().unwrap())))
        })
        .collect()
}

const TARGETS: [&str; 7] = [
    "k.db",
    "k.db-wal",
    "k.db-journal",
    "k.db-shm",
    "in.csv",
    "existing.csv",
    "new.csv",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn an_output_path_is_written_new_or_refused_and_nothing_else_is_touched(
        target in 0..TARGETS.len(),
        force in any::<bool>(),
        rejects in any::<bool>(),
    ) {
        let (dir, db, input) = setup();
        std::fs::write(dir.path().join("existing.csv"), "mine").unwrap();
        let name = TARGETS[target];
        let path = dir.path().join(name);
        let before = snapshot(dir.path());
        let mut args = if rejects {
            vec!["import", s(&input), "--rejects", s(&path)]
        } else {
            vec!["export", s(&path)]
        };
        if force {
            args.push("--force");
        }
        let out = kehu(&db, &args);
        let after = snapshot(dir.path());
        let wrote = out.status.code() != Some(2);
        let may_write = match name {
            "new.csv" => true,
            "existing.csv" => force,
            // Only the import reads it; for an export it is any existing file.
            "in.csv" => force && !rejects,
            _ => false,
        };
        prop_assert_eq!(wrote, may_write, "{:?}: {}", args, stderr(&out));
        for (file, state) in &before {
            if wrote && file == name {
                prop_assert_ne!(&after[file].0, &state.0, "{} was not written", file);
            } else {
                prop_assert_eq!(after.get(file), Some(state), "{} was touched", file);
            }
        }
        let new_files: Vec<&String> = after.keys().filter(|f| !before.contains_key(*f)).collect();
        let expected: Vec<&String> = after.keys().filter(|f| wrote && *f == name && !before.contains_key(*f)).collect();
        prop_assert_eq!(new_files, expected);
        prop_assert_eq!(customers(&db), 2);
    }
}
