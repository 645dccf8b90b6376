//! The real `kehu` binary on a temp database: exit codes, JSON keys, `--db` placement.

use std::path::Path;
use std::process::{Command, Output};

fn kehu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehu"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("KEHU_DB")
        .env("KEHU_OPERATOR", "cli-test")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn add_list_show_edit_archive_delete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kehu(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "深圳市华强电子有限公司",
            "--tax-id",
            "914403001922038216",
            "-f",
            "credit_limit=5万",
            "-f",
            "payment_days=30",
            "-f",
            "行业=制造业",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let added: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(added["code"], "C000001");
    assert_eq!(added["credit_limit"], "50000.00");
    assert_eq!(added["payment_days"], 30);
    assert_eq!(added["classification"]["industry"], "制造业");

    // --db before the subcommand works too.
    let out = Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(&db)
        .args(["customer", "list", "--search", "hqdz", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    for key in [
        "code",
        "name",
        "mnemonic",
        "tax_id",
        "credit_limit",
        "payment_days",
        "status",
        "created_at",
    ] {
        assert!(list[0].get(key).is_some(), "missing key {key}");
    }

    let out = kehu(
        &db,
        &[
            "customer",
            "edit",
            "C000001",
            "-f",
            "credit_limit=80,000.00",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = kehu(&db, &["customer", "show", "C000001", "--format", "json"]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(shown["credit_limit"], "80000.00");
    let audit = shown["audit"].as_array().unwrap();
    assert_eq!(audit.last().unwrap()["field"], "credit_limit");
    assert_eq!(audit.last().unwrap()["old"], "50000.00");
    assert_eq!(audit.last().unwrap()["operator"], "cli-test");

    let out = kehu(&db, &["customer", "list", "--format", "csv"]);
    assert!(stdout(&out).starts_with("code,name,"));
    assert!(stdout(&out).contains("深圳市华强电子有限公司"));

    assert_eq!(
        kehu(&db, &["customer", "archive", "C000001"]).status.code(),
        Some(0)
    );
    let out = kehu(&db, &["customer", "list", "--format", "json"]);
    assert_eq!(stdout(&out).trim(), "[]");
    assert_eq!(
        kehu(&db, &["customer", "delete", "C000001"]).status.code(),
        Some(0)
    );
    let out = kehu(&db, &["customer", "show", "C000001"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn validation_errors_exit_1_and_name_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kehu(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "甲公司",
            "--tax-id",
            "914403001922038217",
            "-f",
            "credit_limit=-1",
            "-f",
            "email=x@",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for field in ["tax_id", "credit_limit", "email"] {
        assert!(
            err.contains(&format!("error: {field}:")),
            "{field} not named in: {err}"
        );
    }
    assert!(err.contains("position 18"), "{err}");
    let out = kehu(&db, &["customer", "list", "--format", "json"]);
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert_eq!(kehu(&db, &["customer", "add"]).status.code(), Some(2));
    assert_eq!(
        kehu(&db, &["customer", "frobnicate"]).status.code(),
        Some(2)
    );
    assert_eq!(
        kehu(
            &db,
            &["customer", "add", "--name", "甲", "-f", "no-equals-sign"]
        )
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn check_id_reports_kind_validity_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kehu(
        &db,
        &[
            "check-id",
            "９１４４ ０３００ １９２２ ０３８２ １６",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["normalized"], "914403001922038216");
    assert_eq!(v["kind"], "uscc");
    assert_eq!(v["valid"], true);
    for key in ["input", "reason"] {
        assert!(v.get(key).is_some());
    }

    let out = kehu(&db, &["check-id", "11010519491231002x", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (v["kind"].as_str(), v["valid"].as_bool()),
        (Some("resident_id"), Some(true))
    );

    let out = kehu(&db, &["check-id", "914403001922038203", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["valid"], false);
    assert!(
        v["reason"].as_str().unwrap().contains("organisation code"),
        "{v}"
    );
}

#[test]
fn demo_fills_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let out = kehu(&db, &["demo"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = kehu(&db, &["customer", "list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(list.as_array().unwrap().len() >= 190);
}

#[test]
fn a_newer_database_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert_eq!(kehu(&db, &["customer", "list"]).status.code(), Some(0));
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let out = kehu(&db, &["customer", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("newer kehu"), "{}", stderr(&out));
}

#[test]
fn the_credit_ceiling_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    assert_eq!(
        kehu(&db, &["settings", "credit-ceiling", "1万"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        stdout(&kehu(&db, &["settings", "credit-ceiling"])).trim(),
        "10,000.00"
    );
    let out = kehu(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "甲公司",
            "-f",
            "credit_limit=20000",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("10,000.00"), "{}", stderr(&out));
}
