//! The sample statement shipped in assets/samples/ for users to try
//! reconciliation on: written by the helper in support/statement_files.rs
//! (`cargo test --test sample_statement -- --ignored` writes them again) and
//! checked against the demo data through the real binary.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/statement_files.rs"]
mod files;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples")
}

#[test]
#[ignore = "writes assets/samples/; run by hand after changing the sample"]
fn write_the_sample_files() {
    std::fs::create_dir_all(samples()).unwrap();
    files::write_xlsx(
        &samples().join("statement-huaqiang.xlsx"),
        &files::huaqiang(),
    );
    files::write_csv(
        &samples().join("statement-huaqiang.csv"),
        &files::huaqiang(),
    );
}

#[test]
fn the_committed_csv_is_what_the_helper_writes() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("s.csv");
    files::write_csv(&fresh, &files::huaqiang());
    let committed = std::fs::read(samples().join("statement-huaqiang.csv")).unwrap();
    assert_eq!(std::fs::read(fresh).unwrap(), committed);
}

/// The code `kehu demo` gave the sample statement's customer.
fn sample_customer(db: &Path) -> String {
    let list = cli::json(
        db,
        &[
            "customer",
            "list",
            "--search",
            "华强电子股份",
            "--format",
            "json",
        ],
    );
    let found = list.as_array().unwrap();
    assert_eq!(found.len(), 1, "{list}");
    found[0]["code"].as_str().unwrap().to_string()
}

#[test]
fn the_samples_reconcile_against_the_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    cli::ok(&db, &["demo"]);
    let code = sample_customer(&db);
    for name in ["statement-huaqiang.xlsx", "statement-huaqiang.csv"] {
        let path = samples().join(name);
        let out = cli::kehu(
            &db,
            &[
                "reconcile",
                &code,
                "--statement",
                path.to_str().unwrap(),
                "--format",
                "json",
            ],
        );
        // Three differences are left to explain: exit 3.
        assert_eq!(out.status.code(), Some(3), "{name}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["our_balance"], "41350.00", "{name}");
        assert_eq!(v["their_balance"], "18900.00", "{name}");
        assert_eq!(v["unexplained_difference"], "-22450.00", "{name}");
        assert_eq!(v["matched"].as_array().unwrap().len(), 8, "{name}");
        assert_eq!(v["only_ours"][0]["doc"], "44031106");
        assert_eq!(v["only_theirs"][0]["amount"], "-12800.00");
        assert_eq!(v["amount_mismatch"][0]["ours"]["doc"], "44031102");
        assert_eq!(v["sign_convention"], "their_credit_is_our_debit");
    }
}
