//! `kehu settings company`: our company's details through the real binary,
//! checked like a customer's, kept in the database, recorded in the trail.

#[path = "support/cli.rs"]
mod support;

use support::{json, kehu, ok};

fn db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    (dir, db)
}

#[test]
fn company_is_saved_field_by_field_and_shown() {
    let (_dir, db) = db();
    let empty = json(&db, &["settings", "company", "--format", "json"]);
    assert_eq!(empty["name"], "");

    ok(
        &db,
        &[
            "settings",
            "company",
            "--name",
            "杭州 示例 贸易有限公司",
            "--tax-id",
            "91330106 MA27XX8F0G",
            "--account",
            "6222 0212 3456 7890 123",
        ],
    );
    // A later change touches only the fields it names.
    ok(&db, &["settings", "company", "--phone", "0571-88886666"]);
    let saved = json(&db, &["settings", "company", "--format", "json"]);
    assert_eq!(saved["name"], "杭州 示例 贸易有限公司");
    assert_eq!(saved["tax_id"], "91330106MA27XX8F0G");
    assert_eq!(saved["bank_account"], "6222021234567890123");
    assert_eq!(saved["phone"], "0571-88886666");

    let table = ok(&db, &["--lang", "zh", "settings", "company"]);
    assert!(
        table.contains("公司名称") && table.contains("杭州 示例 贸易有限公司"),
        "{table}"
    );

    let trail = ok(&db, &["audit", "--format", "json"]);
    assert!(
        trail.contains("company"),
        "the change is in the control trail: {trail}"
    );
}

#[test]
fn a_bad_tax_id_or_missing_name_writes_nothing() {
    let (_dir, db) = db();
    let out = kehu(
        &db,
        &["settings", "company", "--tax-id", "91330106MA27XX8F0G"],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("name"), "the missing name is named: {err}");

    ok(&db, &["settings", "company", "--name", "示例公司"]);
    let out = kehu(
        &db,
        &["settings", "company", "--tax-id", "91330106589876543X"],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tax_id"), "the bad tax ID is named: {err}");
    let saved = json(&db, &["settings", "company", "--format", "json"]);
    assert_eq!(saved["tax_id"], "", "nothing was written");
    assert_eq!(saved["name"], "示例公司");
}

#[test]
fn a_seal_that_is_not_an_image_is_refused() {
    let (dir, db) = db();
    let seal = dir.path().join("seal.png");
    std::fs::write(&seal, "text, not an image").unwrap();
    let out = kehu(
        &db,
        &[
            "settings",
            "company",
            "--name",
            "示例公司",
            "--seal",
            seal.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("company.seal_format"));
}
