//! Customer imports under control (issue 13), through the real binary: a
//! bookkeeper's row setting a credit limit above the supervisor amount is
//! refused (and recorded) like on the form, or put up for review with the
//! rest of the import (the setting on, or `--review`).

#[path = "support/cli.rs"]
mod cli;
#[path = "support/control.rs"]
mod control;

use std::path::{Path, PathBuf};

use control::{BOSS, CLERK, books, status};
use kehu::domain::Money;
use kehu::domain::customer::Status;
use kehu::store::Store;

fn csv(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_bookkeepers_import_obeys_the_credit_limit_rule() {
    let (dir, db) = books();
    let file = csv(
        dir.path(),
        "客户.csv",
        "客户名称,信用额度\n杭州华丰贸易有限公司,200000\n上海申通物流有限公司,5000\n",
    );
    let path = file.to_str().unwrap();
    // Review off: the row above the supervisor amount is refused, naming it.
    let out = cli::kehu_as(&db, CLERK, &["import", path]);
    assert_eq!(out.status.code(), Some(1), "a row was rejected");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("permission.credit_limit"), "{said}");
    let store = Store::open(&db).unwrap();
    let names: Vec<String> = store
        .list_customers(&Default::default())
        .unwrap()
        .into_iter()
        .map(|c| c.data.name)
        .collect();
    assert_eq!(names, ["上海申通物流有限公司"]);

    // An update raising a stored limit is refused the same way.
    let raise = csv(
        dir.path(),
        "提额.csv",
        "客户名称,信用额度\n上海申通物流有限公司,500000\n",
    );
    let out = cli::kehu_as(
        &db,
        CLERK,
        &[
            "import",
            raise.to_str().unwrap(),
            "--on-duplicate",
            "update",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store
            .customer("C000001")
            .unwrap()
            .unwrap()
            .data
            .credit_limit,
        Some(Money::parse("5000").unwrap())
    );

    // A supervisor imports it.
    let out = cli::kehu_as(&db, BOSS, &["import", path]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The refused row of the first import is in the audit beside the
    // sign-ins (the second import wrote nothing, its refusal neither).
    let out = cli::kehu_as(
        &db,
        BOSS,
        &[
            "audit", "--action", "refused", "--action", "sign-in", "--format", "json",
        ],
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let refused: Vec<&serde_json::Value> =
        rows.iter().filter(|r| r["action"] == "refused").collect();
    assert_eq!(refused.len(), 1, "{rows:?}");
    assert!(
        refused[0]["new"]
            .as_str()
            .unwrap()
            .contains("杭州华丰贸易有限公司")
    );
    assert!(
        refused
            .iter()
            .all(|r| r["subject"] == "raise_credit_limit" && r["operator"] == CLERK.0)
    );
    let sign_ins = rows.iter().filter(|r| r["action"] == "sign_in").count();
    assert!(sign_ins >= 3, "{rows:?}");
}

#[test]
fn with_review_on_or_review_asked_an_import_puts_its_new_customers_up_for_review() {
    let (dir, db) = books();
    let file = csv(
        dir.path(),
        "客户.csv",
        "客户名称,信用额度,状态\n杭州华丰贸易有限公司,200000,正常\n上海申通物流有限公司,5000,\n",
    );
    let path = file.to_str().unwrap();
    // --review by a supervisor, the setting off.
    let out = cli::kehu_as(&db, BOSS, &["import", path, "--review"]);
    assert_eq!(out.status.code(), Some(0));
    let store = Store::open(&db).unwrap();
    assert_eq!(status(&store, "C000001"), Status::PendingReview);
    assert_eq!(status(&store, "C000002"), Status::PendingReview);
    assert_eq!(store.review_queue().unwrap().len(), 2);

    // The setting on: a bookkeeper's import goes up for review, the limit
    // above the supervisor amount included (the supervisor approves it all).
    let (dir, db) = books();
    let file = csv(
        dir.path(),
        "客户.csv",
        "客户名称,信用额度\n杭州华丰贸易有限公司,200000\n",
    );
    let out = cli::kehu_as(&db, BOSS, &["settings", "review-new-customers", "on"]);
    assert_eq!(out.status.code(), Some(0));
    let out = cli::kehu_as(&db, CLERK, &["import", file.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(status(&store, "C000001"), Status::PendingReview);
    let out = cli::kehu_as(&db, CLERK, &["review", "approve", "C000001"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("review_customers"));
    let out = cli::kehu_as(&db, BOSS, &["review", "approve", "C000001"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("C000001"));
    let store = Store::open(&db).unwrap();
    assert_eq!(status(&store, "C000001"), Status::Active);
}

#[test]
fn a_bookkeepers_demo_load_obeys_the_credit_limit_rule_too() {
    let (_dir, db) = books();
    // The demo customers include limits above 100,000.00: refused, nothing added.
    let out = cli::kehu_as(&db, CLERK, &["demo"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("permission.credit_limit"), "{err}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.customer_count().unwrap(), 0);
    let out = cli::kehu_as(&db, BOSS, &["demo"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
