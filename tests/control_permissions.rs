//! Operators and permissions (issue 13) on real database files: every
//! permission tried by each role, allowed or refused (and the refusal
//! recorded), sign-in right, wrong and retired, and kehu as before when no
//! operator is defined.

use std::path::{Path, PathBuf};
use std::process::Command;

use kehu::domain::Money;
use kehu::domain::field::FieldValues;
use kehu::domain::ledger::EntryInput;
use kehu::domain::permission::{Permission, Role};
use kehu::store::{AddOptions, Store, StoreError};

const BOSS: (&str, &str) = ("老李", "boss-pass");
const CLERK: (&str, &str) = ("小王", "clerk-pass");

fn values(pairs: &[(&str, &str)]) -> FieldValues {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn codes(err: &StoreError) -> Vec<&'static str> {
    match err {
        StoreError::Invalid(p) => p.iter().map(|p| p.code).collect(),
        _ => Vec::new(),
    }
}

struct Books {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

/// A file with C000001 (no ledger), C000002 (limit 50,000.00, a ledger),
/// one customer import (batch 1), then a supervisor and a bookkeeper.
fn books() -> Books {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let csv = dir.path().join("新客户.csv");
    std::fs::write(
        &csv,
        "客户名称,联系电话\n杭州华丰贸易有限公司,0571-88886666\n",
    )
    .unwrap();
    {
        let mut store = Store::open(&db).unwrap();
        store
            .add_customer(&values(&[("name", "上海申通物流有限公司")]), None)
            .unwrap();
        store
            .add_customer(
                &values(&[
                    ("name", "深圳华强电子股份有限公司"),
                    ("credit_limit", "50000"),
                ]),
                None,
            )
            .unwrap();
        store
            .add_entry("C000002", &invoice("FP001", "1000"), &AddOptions::default())
            .unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_kehu"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "import",
            csv.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut store = Store::open(&db).unwrap();
    store
        .add_operator(BOSS.0, Role::Supervisor, BOSS.1)
        .unwrap();
    let mut store = signed_in(&db, BOSS);
    store
        .add_operator(CLERK.0, Role::Bookkeeper, CLERK.1)
        .unwrap();
    Books { _dir: dir, db }
}

fn signed_in(db: &Path, (name, password): (&str, &str)) -> Store {
    let mut store = Store::open(db).unwrap();
    store.sign_in(name, password).unwrap();
    store
}

fn invoice(doc: &str, amount: &str) -> EntryInput {
    EntryInput {
        kind: "invoice".into(),
        date: "2026-11-02".into(),
        doc_no: doc.into(),
        amount: amount.into(),
        ..EntryInput::default()
    }
}

/// Does what `permission` guards, on a store signed in as someone.
fn attempt(store: &mut Store, permission: Permission) -> Result<(), StoreError> {
    match permission {
        Permission::EditCustomers => store
            .edit_customer("C000001", &values(&[("contact", "张经理")]))
            .map(drop),
        Permission::EditLedger => store
            .add_entry("C000002", &invoice("FP002", "2000"), &AddOptions::default())
            .map(drop),
        Permission::DeleteCustomers => store.delete_customer("C000001"),
        Permission::MergeCustomers => store
            .merge_customers("C000002", "C000001", &[], None)
            .map(drop),
        Permission::UndoImports => store.undo_batch(1).map(drop),
        Permission::RaiseCreditLimit => store
            .edit_customer("C000002", &values(&[("credit_limit", "150000")]))
            .map(drop),
        Permission::OverrideCredit => {
            // 1,000 owed + 64,000 = 15,000 over the 50,000 limit (> 10,000).
            let options = AddOptions {
                override_reason: Some("老客户，月底回款".into()),
                ..AddOptions::default()
            };
            store
                .add_entry("C000002", &invoice("FP003", "64000"), &options)
                .map(drop)
        }
        // Tried on a reconciliation in its own test (control_confirm_roles).
        Permission::ConfirmUnclosed => store.require(Permission::ConfirmUnclosed),
        Permission::ManageOperators => store.add_operator("小张", Role::Bookkeeper, "zhang-pass"),
        Permission::ManageSettings => store.set_credit_ceiling(Money::from_fen(500_000_000)),
        Permission::ReviewCustomers => {
            // The imported customer, as if imported for review.
            store
                .connection()
                .execute(
                    "UPDATE customer SET status = 'pending_review' WHERE code = 'C000003'",
                    [],
                )
                .unwrap();
            store.approve_review("C000003").map(drop)
        }
    }
}

fn refusals(db: &Path) -> Vec<(String, String)> {
    let store = Store::open(db).unwrap();
    let mut stmt = store
        .connection()
        .prepare("SELECT operator, subject FROM control_audit WHERE action = 'refused' ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn every_permission_by_role_allowed_or_refused_and_recorded() {
    for permission in Permission::ALL {
        for (who, role) in [(CLERK, Role::Bookkeeper), (BOSS, Role::Supervisor)] {
            let b = books();
            let mut store = signed_in(&b.db, who);
            let result = attempt(&mut store, permission);
            let key = permission.key();
            if role.allows(permission) {
                assert!(result.is_ok(), "{} {key}: {:?}", who.0, result.err());
                assert!(refusals(&b.db).is_empty(), "{key}");
            } else {
                let err = result.expect_err(key);
                assert_eq!(codes(&err), ["permission.denied"], "{key}");
                let text = err.to_string();
                assert!(text.contains(key) && text.contains("supervisor"), "{text}");
                assert_eq!(refusals(&b.db), [(who.0.to_string(), key.to_string())]);
            }
        }
    }
}

#[test]
fn refused_writes_change_nothing() {
    let b = books();
    let mut store = signed_in(&b.db, CLERK);
    assert!(attempt(&mut store, Permission::DeleteCustomers).is_err());
    assert!(attempt(&mut store, Permission::RaiseCreditLimit).is_err());
    assert!(attempt(&mut store, Permission::OverrideCredit).is_err());
    assert!(attempt(&mut store, Permission::UndoImports).is_err());
    assert!(store.customer("C000001").unwrap().is_some());
    let c2 = store.customer("C000002").unwrap().unwrap();
    assert_eq!(c2.data.credit_limit, Some(Money::from_fen(5_000_000)));
    assert_eq!(store.ledger(c2.id).unwrap().len(), 1);
    assert_eq!(store.customer_count().unwrap(), 3);
    // Within the bookkeeper's bounds the same writes go through.
    store
        .edit_customer("C000002", &values(&[("credit_limit", "90000")]))
        .unwrap();
    let options = AddOptions {
        override_reason: Some("月底回款".into()),
        ..AddOptions::default()
    };
    // 1,000 + 95,000 is 6,000 over 90,000: within the 10,000 excess.
    store
        .add_entry("C000002", &invoice("FP004", "95000"), &options)
        .unwrap();
}

#[test]
fn sign_in_right_wrong_and_retired() {
    let b = books();
    let mut store = Store::open(&b.db).unwrap();
    assert_eq!(store.sign_in(CLERK.0, CLERK.1).unwrap(), Role::Bookkeeper);
    assert_eq!(store.operator(), CLERK.0);
    // Once signed in, the name cannot be swapped for another.
    store.set_operator("老李");
    assert_eq!(store.operator(), CLERK.0);

    let mut store = Store::open(&b.db).unwrap();
    let started = std::time::Instant::now();
    let err = store.sign_in(CLERK.0, "guess").unwrap_err();
    assert!(started.elapsed() >= kehu::store::SIGN_IN_DELAY);
    assert_eq!(codes(&err), ["operator.sign_in_failed"]);
    let err = store.sign_in("陌生人", "guess").unwrap_err();
    assert_eq!(codes(&err), ["operator.sign_in_failed"]);
    // Not signed in: reads work, writes are refused.
    assert!(store.customer("C000001").unwrap().is_some());
    let err = attempt(&mut store, Permission::EditCustomers).unwrap_err();
    assert_eq!(codes(&err), ["permission.sign_in_required"]);

    let mut boss = signed_in(&b.db, BOSS);
    boss.retire_operator(CLERK.0).unwrap();
    let err = boss.retire_operator(BOSS.0).unwrap_err();
    assert_eq!(codes(&err), ["operator.last_supervisor"]);
    let mut store = Store::open(&b.db).unwrap();
    let err = store.sign_in(CLERK.0, CLERK.1).unwrap_err();
    assert_eq!(codes(&err), ["operator.retired"]);

    let log: Vec<(String, String, Option<String>)> = {
        let mut stmt = store
            .connection()
            .prepare(
                "SELECT action, subject, detail FROM control_audit
                 WHERE action IN ('sign_in', 'sign_in_failed', 'operator_retire') ORDER BY id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let fails: Vec<_> = log
        .iter()
        .filter(|l| l.0 == "sign_in_failed")
        .map(|l| (l.1.as_str(), l.2.as_deref()))
        .collect();
    assert_eq!(
        fails,
        [
            ("小王", Some("wrong password")),
            ("陌生人", Some("unknown operator")),
            ("小王", Some("retired"))
        ]
    );
    assert!(
        log.iter()
            .any(|l| l.0 == "operator_retire" && l.1 == "小王")
    );
    // The hash is an argon2id PHC string, never the password.
    let hash: String = store
        .connection()
        .query_row(
            "SELECT password_hash FROM operator WHERE name = '老李'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
    assert!(!hash.contains(BOSS.1));
}

#[test]
fn passwords_the_first_supervisor_and_no_operators_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let mut store = Store::open(&db).unwrap();
    // No operators: everything is allowed, as before.
    assert!(!store.operators_defined());
    store
        .add_customer(&values(&[("name", "上海申通物流有限公司")]), None)
        .unwrap();
    store.delete_customer("C000001").unwrap();
    let err = store
        .add_operator("小王", Role::Bookkeeper, "clerk-pass")
        .unwrap_err();
    assert_eq!(codes(&err), ["operator.first_is_supervisor"]);
    let err = store
        .add_operator("老李", Role::Supervisor, "123")
        .unwrap_err();
    assert_eq!(codes(&err), ["operator.password_short"]);
    store
        .add_operator("老李", Role::Supervisor, "boss-pass")
        .unwrap();
    assert!(Store::open(&db).unwrap().operators_defined());

    let mut boss = signed_in(&db, ("老李", "boss-pass"));
    boss.add_operator("小王", Role::Bookkeeper, "clerk-pass")
        .unwrap();
    // A bookkeeper changes their own password, not someone else's.
    let mut clerk = signed_in(&db, ("小王", "clerk-pass"));
    clerk
        .set_operator_password("小王", "new-clerk-pass")
        .unwrap();
    let err = clerk
        .set_operator_password("老李", "taken-over")
        .unwrap_err();
    assert_eq!(codes(&err), ["permission.denied"]);
    signed_in(&db, ("小王", "new-clerk-pass"));
    let names: Vec<String> = boss
        .operators()
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(names, ["小王", "老李"]);
}

#[test]
fn the_cli_signs_in_from_kehu_password_and_names_the_refusal() {
    let b = books();
    let kehu = |operator: Option<&str>, password: Option<&str>, args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kehu"));
        cmd.arg("--db").arg(&b.db).env_remove("KEHU_OPERATOR");
        cmd.env_remove("KEHU_PASSWORD")
            .stdin(std::process::Stdio::null());
        if let Some(name) = operator {
            cmd.args(["--operator", name]);
        }
        if let Some(p) = password {
            cmd.env("KEHU_PASSWORD", p);
        }
        let out = cmd.args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = kehu(None, None, &["customer", "delete", "C000001"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("permission.sign_in_required"), "{err}");
    let (code, err) = kehu(
        Some(CLERK.0),
        Some(CLERK.1),
        &["customer", "delete", "C000001"],
    );
    assert_eq!(code, Some(1));
    assert!(
        err.contains("[delete_customers]") && err.contains("supervisor"),
        "{err}"
    );
    let (code, err) = kehu(Some(CLERK.0), Some("guess"), &["customer", "list"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("operator.sign_in_failed"), "{err}");
    let (code, err) = kehu(
        Some(BOSS.0),
        Some(BOSS.1),
        &["customer", "delete", "C000001"],
    );
    assert_eq!(code, Some(0), "{err}");
}
