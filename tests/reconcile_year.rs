//! A statement whose dates are 月 and 日 columns with no year anywhere in the
//! file: refused naming `--year`, and read with it (real binary, real files).

#[path = "support/cli.rs"]
mod cli;

use cli::{books, kehu};

const NO_YEAR: &str = "月,日,凭证号,摘要,借方,贷方,余额\n\
                       1,10,记-3,销售 00012345,30000.00,,30000.00\n\
                       2,10,记-9,销售 00012346,18000.50,,48000.50\n\
                       2,20,记-15,收款,,10000.00,38000.50\n";

#[test]
fn a_month_day_statement_without_a_year_is_refused_naming_year_and_read_with_it() {
    let (dir, db) = books();
    let file = dir.path().join("no_year.csv");
    std::fs::write(&file, NO_YEAR).unwrap();
    let path = file.to_str().unwrap();

    let refused = kehu(
        &db,
        &["--lang", "en", "reconcile", "C000001", "--statement", path],
    );
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stdout).to_string()
        + &String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("--year 2026"), "{said}");
    assert!(said.contains("row 2"), "{said}");

    let read = kehu(
        &db,
        &[
            "reconcile",
            "C000001",
            "--statement",
            path,
            "--year",
            "2024",
            "--format",
            "json",
        ],
    );
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!(v["from"], "2024-01-10", "{v}");
    assert_eq!(v["to"], "2024-02-20", "{v}");
    assert_eq!(v["matched"].as_array().unwrap().len(), 3, "{v}");
    assert_eq!(v["closes"], true, "{v}");

    let out_of_range = kehu(
        &db,
        &["reconcile", "C000001", "--statement", path, "--year", "26"],
    );
    assert_eq!(out_of_range.status.code(), Some(2));
}
