//! The real binary on a temp database, for the CLI tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

pub fn kehu(db: &Path, args: &[&str]) -> Output {
    kehu_with(db, args, &[])
}

/// `kehu` with extra environment variables (a config folder, say).
pub fn kehu_with(db: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kehu"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env("KEHU_OPERATOR", "测试员");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

/// The binary signed in as `name` (password from KEHU_PASSWORD).
pub fn kehu_as(db: &Path, (name, password): (&str, &str), args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(db)
        .arg("--operator")
        .arg(name)
        .args(args)
        .env("KEHU_PASSWORD", password)
        .output()
        .unwrap()
}

pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = kehu(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

/// `kehu import --kind ledger --format json FILE`: its report, whatever
/// the exit (a file with refused rows is a report too).
pub fn ledger_import(db: &Path, file: &Path) -> Value {
    let out = kehu(
        db,
        &[
            "import",
            "--kind",
            "ledger",
            "--format",
            "json",
            file.to_str().unwrap(),
        ],
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

/// A customer with a 50,000 limit and 30 days, two invoices and a receipt.
pub fn books() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    ok(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "深圳市华强电子有限公司",
            "--tax-id",
            "914403001922038216",
            "-f",
            "credit_limit=50000",
            "-f",
            "payment_days=30",
        ],
    );
    ok(
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
            "00012345",
            "--amount",
            "30,000.00",
        ],
    );
    ok(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "发票",
            "--date",
            "2024/2/10",
            "--doc",
            "00012346",
            "--amount",
            "18000.50",
        ],
    );
    ok(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "receipt",
            "--date",
            "2024-02-20",
            "--doc",
            "SK-1",
            "--amount",
            "10000",
        ],
    );
    (dir, db)
}
