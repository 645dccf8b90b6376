//! The audit you can read (issue 13) on a real database file: every trail in
//! one list filtered by customer (also a deleted one), operator, action and
//! date; a deleted customer restored from its snapshot once; and the audit
//! tables refusing UPDATE and DELETE, whichever program writes the file.

use std::process::Command;

use kehu::domain::field::FieldValues;
use kehu::domain::ledger::EntryInput;
use kehu::store::{AddOptions, AuditFilter, Store, StoreError};

fn values(pairs: &[(&str, &str)]) -> FieldValues {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn books() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let mut store = Store::open(&db).unwrap();
    store.set_operator("会计小王");
    store
        .add_customer(
            &values(&[("name", "上海申通物流有限公司"), ("contact", "李经理")]),
            None,
        )
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
        .edit_customer("C000002", &values(&[("phone", "0755-83216666")]))
        .unwrap();
    let input = EntryInput {
        kind: "invoice".into(),
        date: "2026-11-02".into(),
        doc_no: "FP001".into(),
        amount: "1000".into(),
        ..EntryInput::default()
    };
    store
        .add_entry("C000002", &input, &AddOptions::default())
        .unwrap();
    store.set_operator("主管老李");
    store.delete_customer("C000001").unwrap();
    (dir, db)
}

fn filter() -> AuditFilter {
    AuditFilter::default()
}

#[test]
fn one_list_filtered_by_customer_operator_action_and_date() {
    let (_dir, db) = books();
    let store = Store::open(&db).unwrap();
    let all = store.audit_log(&filter()).unwrap();
    // Oldest first; rows of one second come trail by trail, so compare as a set.
    assert!(all.windows(2).all(|w| w[0].at <= w[1].at));
    let mut summary: Vec<(&str, &str, Option<&str>)> = all
        .iter()
        .map(|r| (r.source.as_str(), r.action.as_str(), r.customer.as_deref()))
        .collect();
    summary.sort();
    assert_eq!(
        summary,
        [
            ("customer", "create", Some("C000001")),
            ("customer", "create", Some("C000002")),
            ("customer", "delete", Some("C000001")),
            ("customer", "update", Some("C000002")),
            ("ledger", "create", Some("C000002")),
        ]
    );
    // A deleted customer is found by the code it had, with its whole snapshot.
    let gone = store
        .audit_log(&AuditFilter {
            customer: Some("C000001".into()),
            ..filter()
        })
        .unwrap();
    assert_eq!(gone.len(), 2);
    let snapshot = gone[1].old.as_deref().unwrap();
    assert!(
        snapshot.contains("\"name\":\"上海申通物流有限公司\""),
        "{snapshot}"
    );
    assert!(snapshot.contains("\"contact\":\"李经理\""), "{snapshot}");
    let by_boss = store
        .audit_log(&AuditFilter {
            operator: Some("主管老李".into()),
            ..filter()
        })
        .unwrap();
    assert_eq!(by_boss.len(), 1);
    assert_eq!(by_boss[0].action, "delete");
    let updates = store
        .audit_log(&AuditFilter {
            actions: vec!["update".into(), "delete".into()],
            ..filter()
        })
        .unwrap();
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0].subject, "phone");
    assert_eq!(updates[0].new.as_deref(), Some("0755-83216666"));
    // Today holds everything; a day long past nothing; the limit keeps the newest.
    let today = chrono::Local::now().date_naive();
    let dated = |from, to| {
        store
            .audit_log(&AuditFilter {
                from: Some(from),
                to: Some(to),
                ..filter()
            })
            .unwrap()
            .len()
    };
    assert_eq!(dated(today, today), 5);
    let past = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    assert_eq!(dated(past, past), 0);
    let newest = store
        .audit_log(&AuditFilter {
            limit: Some(2),
            ..filter()
        })
        .unwrap();
    assert_eq!(newest.len(), 2);
    assert!(newest.iter().any(|r| r.action == "delete"));
    let unknown = store.audit_log(&AuditFilter {
        customer: Some("C999999".into()),
        ..filter()
    });
    assert!(matches!(unknown, Err(StoreError::NotFound(_))));
}

#[test]
fn a_deleted_customer_is_restored_once_as_a_new_customer() {
    let (_dir, db) = books();
    let mut store = Store::open(&db).unwrap();
    let deleted = store
        .audit_log(&AuditFilter {
            actions: vec!["delete".into()],
            ..filter()
        })
        .unwrap();
    let id = deleted[0].id;
    let saved = store.restore_deleted(id).unwrap();
    let c = saved.customer;
    assert_eq!(c.data.code, "C000001");
    assert_eq!(c.data.name, "上海申通物流有限公司");
    assert_eq!(c.data.contact, "李经理");
    let err = store.restore_deleted(id).unwrap_err();
    assert!(
        err.to_string().contains("already restored as C000001"),
        "{err}"
    );
    // Not a deletion: refused with the way to find one.
    let err = store.restore_deleted(1).unwrap_err();
    assert!(err.to_string().contains("--action delete"), "{err}");
    let restores = store
        .audit_log(&AuditFilter {
            actions: vec!["restore".into()],
            ..filter()
        })
        .unwrap();
    assert_eq!(restores.len(), 1);
    assert_eq!(restores[0].subject, format!("audit {id}"));
}

#[test]
fn the_audit_tables_cannot_be_changed_or_emptied() {
    let (_dir, db) = books();
    let store = Store::open(&db).unwrap();
    let conn = store.connection();
    conn.execute(
        "INSERT INTO control_audit (action, operator, subject, at) VALUES ('setting', 'x', 'y', 'z')",
        [],
    )
    .unwrap();
    for table in ["audit", "ledger_audit", "reconcile_audit", "control_audit"] {
        for sql in [
            format!("UPDATE {table} SET operator = 'someone else'"),
            format!("DELETE FROM {table}"),
        ] {
            match conn.execute(&sql, []) {
                Err(e) => assert!(e.to_string().contains("append-only"), "{sql}: {e}"),
                // reconcile_audit has no rows here: nothing to refuse.
                Ok(n) => assert_eq!((table, n), ("reconcile_audit", 0), "{sql}"),
            }
        }
    }
    let rows: i64 = conn
        .query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 4);
}

#[test]
fn the_cli_reads_and_restores() {
    let (_dir, db) = books();
    let kehu = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kehu"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let out = kehu(&["audit", "--customer", "C000001", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].contains("at,operator,source,id,action,customer,subject,old,new"));
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[2].contains(",delete,C000001,"), "{csv}");

    let out = kehu(&["audit", "--action", "delete", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = rows[0]["id"].as_i64().unwrap();
    assert_eq!(rows[0]["operator"], "主管老李");
    let out = kehu(&["audit", "restore", &id.to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("restored audit row"));

    let out = kehu(&["audit", "--action", "remove"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an action"));
}
