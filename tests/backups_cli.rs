//! Backups you can trust, through the real binary: checked copies, pruning
//! that never pushes out the good ones, no backup for a run that writes
//! nothing, `kehu backup`/`backup list`/`restore` (a round trip over
//! customers, ledger and reconciliations), the way back from a damaged
//! database, and imports killed at random points.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use serde_json::Value;

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

fn ok(db: &Path, args: &[&str]) -> String {
    let out = kehu(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `rows` customers from the synthetic generator, starting at `first`.
fn customers_csv(path: &Path, first: u64, rows: u64) {
    let mut w = csv::Writer::from_path(path).unwrap();
    let headers: Vec<String> = kehu::synth::customer_values(0).into_keys().collect();
    w.write_record(&headers).unwrap();
    for i in first..first + rows {
        let v = kehu::synth::customer_values(i);
        w.write_record(headers.iter().map(|h| v[h].as_str()))
            .unwrap();
    }
    w.flush().unwrap();
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn integrity(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn backups(db: &Path) -> Vec<PathBuf> {
    kehu::store::list_backups(db)
        .into_iter()
        .map(|b| b.path)
        .collect()
}

// --- Backups that push out good backups --------------------------------------

#[test]
fn empty_and_damaged_backups_never_push_out_the_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let file = dir.path().join("a.csv");
    customers_csv(&file, 0, 5);
    ok(&db, &["import", s(&file)]);
    let good = backups(&db);
    assert_eq!(good.len(), 1);
    // What failed imports on a full disk used to leave: twelve zero-byte
    // backups and one with no customer table, all newer than the good one.
    let folder = kehu::store::backup_dir(&db);
    for i in 0..12 {
        std::fs::write(folder.join(format!("k-20990101-0000{i:02}-000.db")), b"").unwrap();
    }
    Connection::open(folder.join("k-20990102-000000-000.db"))
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 6;")
        .unwrap();
    // The next import that commits prunes: the bad ones go, the good stay.
    customers_csv(&file, 100, 5);
    ok(&db, &["import", s(&file)]);
    let now = backups(&db);
    assert_eq!(now.len(), 2, "{now:?}");
    assert!(now.contains(&good[0]));
    for b in &now {
        kehu::store::check_backup(b).unwrap();
    }
}

#[test]
fn the_newest_ten_good_backups_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(
        &db,
        &["customer", "add", "--name", "深圳市华强电子有限公司"],
    );
    for _ in 0..12 {
        ok(&db, &["backup"]);
    }
    let kept = backups(&db);
    assert_eq!(kept.len(), 10);
    for b in &kept {
        kehu::store::check_backup(b).unwrap();
    }
}

#[test]
fn a_backup_that_cannot_be_taken_stops_the_import_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(
        &db,
        &["customer", "add", "--name", "深圳市华强电子有限公司"],
    );
    // The backups folder cannot be made (a file is in its way).
    std::fs::write(dir.path().join("backups"), b"in the way").unwrap();
    let file = dir.path().join("a.csv");
    customers_csv(&file, 0, 5);
    let out = kehu(&db, &["import", s(&file)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        count(&db, "customer"),
        1,
        "nothing imported without a backup"
    );
}

#[test]
fn an_import_that_writes_nothing_takes_no_backup_and_records_no_batch() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let file = dir.path().join("a.csv");
    customers_csv(&file, 0, 5);
    ok(&db, &["import", s(&file)]);
    assert_eq!(backups(&db).len(), 1);
    assert_eq!(count(&db, "import_batch"), 1);
    // The same file again: every row is skipped.
    let out = kehu(&db, &["import", s(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("nothing was written"), "{text}");
    assert_eq!(backups(&db).len(), 1);
    assert_eq!(count(&db, "import_batch"), 1);
}

// --- backup, list, restore -----------------------------------------------

#[test]
fn backup_list_and_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(
        &db,
        &["customer", "add", "--name", "深圳市华强电子有限公司"],
    );
    let said = ok(&db, &["backup"]);
    assert!(said.contains("checked"), "{said}");
    let list: Value =
        serde_json::from_str(&ok(&db, &["backup", "list", "--format", "json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["usable"], true);
    let out = dir.path().join("copy.db");
    ok(&db, &["backup", "--out", s(&out)]);
    kehu::store::check_backup(&out).unwrap();
    // Not over the database, not over another database, not as .csv.
    let refused = kehu(&db, &["backup", "--out", s(&db), "--force"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let refused = kehu(&db, &["backup", "--out", s(&out), "--force"]);
    assert!(
        stderr(&refused).contains("output.is_database"),
        "{}",
        stderr(&refused)
    );
    let refused = kehu(&db, &["backup", "--out", s(&dir.path().join("b.csv"))]);
    assert!(
        stderr(&refused).contains("output.extension"),
        "{}",
        stderr(&refused)
    );
}

const TABLES: [&str; 5] = [
    "customer",
    "ledger_entry",
    "ledger_allocation",
    "reconcile_session",
    "reconcile_line",
];

fn counts(db: &Path) -> Vec<i64> {
    TABLES.iter().map(|t| count(db, t)).collect()
}

#[test]
fn restore_brings_back_customers_ledger_and_reconciliations() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(&db, &["demo"]);
    let found: Value = serde_json::from_str(&ok(
        &db,
        &[
            "customer",
            "list",
            "--search",
            "华强电子股份",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let code = found[0]["code"].as_str().unwrap().to_string();
    let statement =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/statement-huaqiang.csv");
    let out = kehu(
        &db,
        &["reconcile", &code, "--statement", s(&statement), "--save"],
    );
    assert!(matches!(out.status.code(), Some(0 | 3)), "{}", stderr(&out));
    let before = counts(&db);
    assert!(before.iter().all(|&n| n > 0), "{before:?}");
    let backup = dir.path().join("before.db");
    ok(&db, &["backup", "--out", s(&backup)]);

    // Changes after the backup: a customer, an entry, a second session.
    ok(
        &db,
        &["customer", "add", "--name", "宁波市万嘉运输有限公司"],
    );
    ok(
        &db,
        &[
            "ledger",
            "add",
            &code,
            "--type",
            "invoice",
            "--date",
            "2026-01-05",
            "--doc",
            "AFTER-1",
            "--amount",
            "10.00",
            "--override-reason",
            "test",
        ],
    );
    kehu(
        &db,
        &["reconcile", &code, "--statement", s(&statement), "--save"],
    );
    assert_ne!(counts(&db), before);

    let said = ok(&db, &["restore", s(&backup)]);
    assert!(said.contains("restored"), "{said}");
    assert_eq!(counts(&db), before);
    assert_eq!(integrity(&db), "ok");
    // The database as it was before the restore is kept as a good backup.
    let kept = backups(&db);
    assert_eq!(kept.len(), 1, "{kept:?}");
    kehu::store::check_backup(&kept[0]).unwrap();
    assert_eq!(count(&kept[0], "reconcile_session"), before[3] + 1);
    // And the restored database works as any other.
    let history: Value = serde_json::from_str(&ok(
        &db,
        &["reconcile", "history", &code, "--format", "json"],
    ))
    .unwrap();
    assert_eq!(history.as_array().unwrap().len(), 1);
}

#[test]
fn restore_refuses_a_file_that_is_not_a_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(
        &db,
        &["customer", "add", "--name", "深圳市华强电子有限公司"],
    );
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let out = kehu(&db, &["restore", s(&empty)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a good backup"),
        "{}",
        stderr(&out)
    );
    assert_eq!(count(&db, "customer"), 1);
    let out = kehu(&db, &["restore", s(&db)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(count(&db, "customer"), 1);
}

#[test]
fn a_damaged_database_names_the_newest_good_backup_and_restore_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    ok(&db, &["demo"]);
    let demo = count(&db, "customer");
    ok(&db, &["backup"]);
    let newest = backups(&db)[0].clone();
    // Scribble over the middle of the file, as a failing disk would.
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 8192;
    for b in &mut bytes[page * 2..page * 6] {
        *b = 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    let out = kehu(&db, &["customer", "list", "--all"]);
    assert_ne!(out.status.code(), Some(0));
    let text = stderr(&out);
    assert!(text.contains(s(&db)), "names the file: {text}");
    assert!(text.contains(s(&newest)), "names the backup: {text}");
    assert!(text.contains("kehu restore"), "{text}");
    assert!(text.contains("database.damaged"), "{text}");

    ok(&db, &["restore", s(&newest)]);
    assert_eq!(integrity(&db), "ok");
    assert_eq!(count(&db, "customer"), demo);
    // The damaged file is kept, but never counted as a good backup.
    let damaged = std::fs::read_dir(kehu::store::backup_dir(&db))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".damaged")
        })
        .count();
    assert_eq!(damaged, 1);
    assert_eq!(backups(&db), vec![newest]);
}

// --- kill -9 at random points ----------------------------------------------

/// A small xorshift: the test needs spread, not quality.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn imports_killed_at_twenty_random_points_leave_database_and_backups_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let first = dir.path().join("first.csv");
    customers_csv(&first, 0, 20);
    ok(&db, &["import", s(&first)]);
    // How long one small import takes here, to spread the kills over it.
    let probe = dir.path().join("probe.csv");
    customers_csv(&probe, 10_000, 200);
    let started = Instant::now();
    ok(&db, &["import", s(&probe)]);
    let span = started.elapsed().as_micros().max(1_000) as u64;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    let mut killed_mid_run = 0;
    for trial in 0..20u64 {
        let before = count(&db, "customer");
        let file = dir.path().join(format!("t{trial}.csv"));
        customers_csv(&file, 100_000 + trial * 1_000, 200);
        let at = Duration::from_micros(rng.below(span));
        let mut child = Command::new(env!("CARGO_BIN_EXE_kehu"))
            .arg("--db")
            .arg(&db)
            .args(["import", s(&file)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().unwrap(); // SIGKILL on unix
        child.wait().unwrap();

        assert_eq!(integrity(&db), "ok", "trial {trial} (seed {seed}, {at:?})");
        let after = count(&db, "customer");
        assert!(
            after == before || after == before + 200,
            "trial {trial} (seed {seed}, {at:?}): {before} → {after}"
        );
        let newest = kehu::store::newest_good_backup(&db).expect("a good backup");
        kehu::store::check_backup(&newest)
            .unwrap_or_else(|e| panic!("trial {trial} (seed {seed}, {at:?}): {e}"));
    }
    assert!(
        killed_mid_run > 0,
        "no kill landed inside a run (seed {seed})"
    );
    // Whatever the kills left behind (temporary files), the next import works.
    let last = dir.path().join("last.csv");
    customers_csv(&last, 900_000, 5);
    ok(&db, &["import", s(&last)]);
}
