//! The real binary: a resident ID with an 18xx birth year is reported as
//! exactly that, by `check-id` and when adding a customer, not as a failed
//! credit-code check.

#[path = "support/cli.rs"]
mod support;

use support::*;

/// 110105 + 1899-12-31 + 001 and its GB 11643 check character.
fn id_born_1899() -> String {
    let first17 = "11010518991231001";
    format!(
        "{first17}{}",
        kehu::domain::tax_id::resident_id_check_char(first17).unwrap()
    )
}

#[test]
fn an_18xx_birth_year_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let id = id_born_1899();
    let out = kehu(&db, &["check-id", &id, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "resident_id", "{v}");
    let reason = v["reason"].as_str().unwrap();
    assert!(reason.contains("birth year 1899"), "{reason}");
    assert!(!reason.contains("check character"), "{reason}");

    let out = kehu(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "张三",
            "-f",
            "kind=individual",
            "--tax-id",
            &id,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[tax_id.birth_year]") || err.contains("birth year 1899"),
        "{err}"
    );
}
