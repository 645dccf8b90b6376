//! Encryption at rest through the real binary on real files: encrypt,
//! open with the right passphrase, refuse the wrong one without writing,
//! rekey, decrypt, backup and restore, file modes, operators' key wraps.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NAME: &str = "深圳市华强电子有限公司";
const TAX_ID: &str = "914403001922038216";

fn kehu(db: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kehu"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env("KEHU_OPERATOR", "测试员");
    for var in [
        "KEHU_DB_KEY",
        "KEHU_NEW_DB_KEY",
        "KEHU_PASSWORD",
        "KEHU_NEW_PASSWORD",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.output().unwrap()
}

fn ok(db: &Path, env: &[(&str, &str)], args: &[&str]) -> String {
    let out = kehu(db, env, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn holds(path: &Path, needle: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// A database with one customer, encrypted with "first passphrase".
fn encrypted() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    ok(
        &db,
        &[],
        &["customer", "add", "--name", NAME, "--tax-id", TAX_ID],
    );
    assert!(holds(&db, TAX_ID), "the plain file shows the tax ID");
    ok(
        &db,
        &[("KEHU_NEW_DB_KEY", "first passphrase")],
        &["encrypt"],
    );
    (dir, db)
}

const FIRST: &[(&str, &str)] = &[("KEHU_DB_KEY", "first passphrase")];

#[test]
fn the_encrypted_file_holds_no_name_or_tax_id_and_opens_only_with_its_passphrase() {
    let (_dir, db) = encrypted();
    for needle in [NAME, TAX_ID, "SQLite format 3"] {
        assert!(!holds(&db, needle), "{needle} is readable in the file");
    }
    let list = ok(&db, FIRST, &["customer", "list"]);
    assert!(list.contains(NAME), "{list}");

    let before = std::fs::read(&db).unwrap();
    let out = kehu(
        &db,
        &[("KEHU_DB_KEY", "not the passphrase")],
        &["customer", "list"],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("wrong passphrase"), "{err}");
    assert!(!err.contains("malformed"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing was written");

    // No passphrase and no terminal to ask on: refused, not "not a database".
    let out = kehu(&db, &[], &["customer", "list"]);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("malformed"));
}

#[test]
fn rekey_then_decrypt() {
    let (_dir, db) = encrypted();
    ok(
        &db,
        &[
            ("KEHU_DB_KEY", "first passphrase"),
            ("KEHU_NEW_DB_KEY", "second passphrase"),
        ],
        &["rekey"],
    );
    assert!(!kehu(&db, FIRST, &["customer", "list"]).status.success());
    let second = &[("KEHU_DB_KEY", "second passphrase")];
    assert!(ok(&db, second, &["customer", "list"]).contains(NAME));

    ok(&db, second, &["decrypt"]);
    assert!(holds(&db, "SQLite format 3"));
    assert!(ok(&db, &[], &["customer", "list"]).contains(NAME));
    assert!(!db.with_extension("db.keys").exists(), "no key file left");
}

#[test]
fn a_short_passphrase_or_encrypting_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    ok(&db, &[], &["customer", "add", "--name", NAME]);
    let out = kehu(&db, &[("KEHU_NEW_DB_KEY", "short")], &["encrypt"]);
    assert!(!out.status.success());
    assert!(holds(&db, "SQLite format 3"), "still plain");
    ok(
        &db,
        &[("KEHU_NEW_DB_KEY", "first passphrase")],
        &[
            "encrypt",
            "--keep-plain",
            dir.path().join("plain.db").to_str().unwrap(),
        ],
    );
    assert!(
        holds(&dir.path().join("plain.db"), NAME),
        "the plain copy was kept as asked"
    );
    let out = kehu(
        &db,
        &[
            ("KEHU_DB_KEY", "first passphrase"),
            ("KEHU_NEW_DB_KEY", "other passphrase"),
        ],
        &["encrypt"],
    );
    assert!(!out.status.success());
}

#[test]
fn backups_keep_the_encryption_and_restore_with_the_passphrase() {
    let (dir, db) = encrypted();
    let backup = dir.path().join("copy.db");
    ok(&db, FIRST, &["backup", "--out", backup.to_str().unwrap()]);
    assert!(!holds(&backup, NAME) && !holds(&backup, "SQLite format 3"));
    ok(&db, FIRST, &["customer", "delete", "C000001"]);
    assert!(!ok(&db, FIRST, &["customer", "list"]).contains(NAME));
    ok(&db, FIRST, &["restore", backup.to_str().unwrap()]);
    assert!(ok(&db, FIRST, &["customer", "list"]).contains(NAME));
    assert!(
        !holds(&db, NAME),
        "the restored database is still encrypted"
    );
}

#[cfg(unix)]
#[test]
fn the_database_its_side_files_and_backups_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("data");
    let db = folder.join("kehu.db");
    // A missing --db folder is refused; the default data folder is made 0700.
    std::fs::create_dir(&folder).unwrap();
    ok(&db, &[], &["customer", "add", "--name", NAME]);
    ok(&db, &[], &["backup"]);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&db), 0o600);
    let backups = folder.join("backups");
    assert_eq!(mode(&backups), 0o700);
    for entry in std::fs::read_dir(&backups).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }
    ok(
        &db,
        &[("KEHU_NEW_DB_KEY", "first passphrase")],
        &["encrypt"],
    );
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&folder.join("kehu.db.keys")), 0o600);
}

#[test]
fn an_operator_opens_the_database_with_their_password_until_retired() {
    let (_dir, db) = encrypted();
    let boss = [
        ("KEHU_DB_KEY", "first passphrase"),
        ("KEHU_NEW_PASSWORD", "boss-secret"),
    ];
    ok(
        &db,
        &boss,
        &["operator", "add", "主管", "--role", "supervisor"],
    );
    let as_boss = [("KEHU_PASSWORD", "boss-secret")];
    let signed_in = [
        ("KEHU_PASSWORD", "boss-secret"),
        ("KEHU_NEW_PASSWORD", "clerk-secret"),
    ];
    ok(
        &db,
        &signed_in,
        &[
            "--operator",
            "主管",
            "operator",
            "add",
            "王会计",
            "--role",
            "bookkeeper",
        ],
    );

    // No passphrase anywhere: each one's password opens it.
    assert!(ok(&db, &as_boss, &["--operator", "主管", "customer", "list"]).contains(NAME));
    let clerk = [("KEHU_PASSWORD", "clerk-secret")];
    assert!(ok(&db, &clerk, &["--operator", "王会计", "customer", "list"]).contains(NAME));
    let wrong = [("KEHU_PASSWORD", "not-it")];
    assert!(
        !kehu(&db, &wrong, &["--operator", "王会计", "customer", "list"])
            .status
            .success()
    );

    ok(
        &db,
        &as_boss,
        &["--operator", "主管", "operator", "retire", "王会计"],
    );
    let out = kehu(&db, &clerk, &["--operator", "王会计", "customer", "list"]);
    assert!(
        !out.status.success(),
        "a retired operator's password no longer opens it"
    );

    // A rekey keeps the remaining operator's wrap good.
    ok(
        &db,
        &[
            ("KEHU_DB_KEY", "first passphrase"),
            ("KEHU_PASSWORD", "boss-secret"),
            ("KEHU_NEW_DB_KEY", "second passphrase"),
        ],
        &["--operator", "主管", "rekey"],
    );
    assert!(ok(&db, &as_boss, &["--operator", "主管", "customer", "list"]).contains(NAME));
}

#[path = "support/pty.rs"]
mod pty;

/// The app asks for the passphrase at start, on the terminal, before the
/// list: a wrong one is refused with the message, the right one opens it.
#[test]
fn the_app_asks_for_the_passphrase_at_start() {
    let (dir, db) = encrypted();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut wrong = pty::Session::start(&db, &home);
    wrong.wait_for("passphrase for");
    wrong.send(b"not the passphrase\r");
    wrong.wait_for("wrong passphrase");
    assert!(!wrong.wait_for_exit().success());

    let mut app = pty::Session::start(&db, &home);
    app.wait_for("passphrase for");
    app.send(b"first passphrase\r");
    app.wait_for(NAME);
    app.send(b"q");
}

/// In Chinese the app's passphrase prompt and its refusal are Chinese too,
/// and SQLCipher's own log lines (`ERROR CORE … hmac check failed`) are not
/// printed over them.
#[test]
fn the_passphrase_prompt_and_refusal_speak_the_ui_language() {
    let (dir, db) = encrypted();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let mut wrong = pty::Session::start_in(&db, &home, "zh");
    wrong.wait_for("的口令");
    wrong.send(b"not the passphrase\r");
    wrong.wait_for("口令错误");
    assert!(!wrong.wait_for_exit().success());
    let screen = wrong.contents();
    assert!(!screen.contains("passphrase for"), "{screen}");
    assert!(!screen.contains("hmac"), "{screen}");

    let out = kehu(
        &db,
        &[("KEHU_DB_KEY", "not the passphrase")],
        &["--lang", "zh", "customer", "list"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("口令错误"), "{err}");
    assert!(
        !err.contains("ERROR CORE") && !err.contains("hmac"),
        "{err}"
    );
}

/// Without a passphrase and without a terminal (a script, cron), the refusal
/// says where a passphrase can come from, in the UI language, no OS English.
#[test]
fn no_terminal_to_ask_on_names_the_other_ways_to_give_the_passphrase() {
    let (_dir, db) = encrypted();
    let out = kehu(&db, &[], &["--lang", "zh", "customer", "list"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("KEHU_DB_KEY") && err.contains("没有可供输入的终端"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}
