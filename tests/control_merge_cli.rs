//! `kehu customer merge` and `--undo` through the real binary (issue 13).

#[path = "support/cli.rs"]
mod cli;

#[test]
fn the_cli_merges_finds_the_dropped_code_and_undoes() {
    let (_dir, db) = cli::books();
    cli::ok(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "深圳华强电子",
            "-f",
            "phone=0755-83216666",
        ],
    );
    cli::ok(
        &db,
        &[
            "ledger",
            "add",
            "C000002",
            "--type",
            "invoice",
            "--date",
            "2024-03-01",
            "--doc",
            "00012345",
            "--amount",
            "500",
        ],
    );
    // The invoice number clashes: refused, naming it and how to rename.
    let out = cli::kehu(&db, &["customer", "merge", "C000001", "C000002"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invoice:00012345") && err.contains("--new-doc"),
        "{err}"
    );
    cli::ok(
        &db,
        &[
            "ledger",
            "edit",
            "C000002",
            "invoice:00012345",
            "--new-doc",
            "00012345-B",
        ],
    );
    let said = cli::ok(
        &db,
        &[
            "customer",
            "merge",
            "C000001",
            "C000002",
            "--field",
            "phone",
            "--reason",
            "重复录入",
        ],
    );
    assert!(
        said.contains("merge 1") && said.contains("--undo 1"),
        "{said}"
    );
    let found = cli::json(
        &db,
        &[
            "customer", "list", "--search", "C000002", "--format", "json",
        ],
    );
    assert_eq!(found[0]["code"], "C000001");
    assert_eq!(found[0]["phone"], "0755-83216666");
    let shown = cli::kehu(&db, &["customer", "show", "C000002"]);
    assert!(String::from_utf8_lossy(&shown.stderr).contains("C000001"));
    let audit = cli::json(&db, &["audit", "--action", "merge", "--format", "json"]);
    assert_eq!(audit.as_array().unwrap().len(), 1);
    assert_eq!(audit[0]["subject"], "C000002");

    let said = cli::ok(&db, &["customer", "merge", "--undo", "1"]);
    assert!(said.contains("undid merge 1"), "{said}");
    let found = cli::json(
        &db,
        &[
            "customer", "list", "--search", "C000002", "--format", "json",
        ],
    );
    assert_eq!(found[0]["code"], "C000002");
    let out = cli::kehu(&db, &["customer", "merge", "--undo", "1"]);
    assert_eq!(out.status.code(), Some(1));
    let out = cli::kehu(&db, &["customer", "merge", "C000001"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a missing DROP is a usage error"
    );
}
