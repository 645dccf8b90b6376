use super::*;

#[test]
fn a_new_file_gets_8_kib_pages_and_an_old_one_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let page_size = |conn: &Connection| -> i64 {
        conn.pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap()
    };
    let new = open_file(&dir.path().join("new.db")).unwrap();
    assert_eq!(page_size(&new), PAGE_SIZE);
    let old_path = dir.path().join("old.db");
    {
        let old = Connection::open(&old_path).unwrap();
        old.execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x)")
            .unwrap();
    }
    let old = open_file(&old_path).unwrap();
    assert_eq!(page_size(&old), 4096);
}

#[test]
fn migrations_are_valid() {
    assert!(migrations().validate().is_ok());
}

fn table_sql(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_version_4_file_with_data_gets_equality_checks_that_still_hold() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        let v4 = migrations();
        v4.to_version(&mut conn, 4).unwrap();
        conn.execute(
            "INSERT INTO customer (code, name, name_key, kind, status, created_at, updated_at)
             VALUES ('C000001', '华强', '华强', 'individual', 'on_hold', 't', 't')",
            [],
        )
        .unwrap();
        assert!(table_sql(&conn).iter().any(|s| s.contains(" IN (")));
    }
    let conn = open_file(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let sql = table_sql(&conn);
    assert!(
        sql.iter().all(|s| !s.contains(" IN (")),
        "an IN check is left"
    );
    assert!(
        sql.iter()
            .any(|s| s.contains("kind = 'company' OR kind = 'individual'"))
    );
    let kept: (String, String) = conn
        .query_row("SELECT kind, status FROM customer", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(kept, ("individual".into(), "on_hold".into()));
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    // The rules are the same: a value outside the list is still refused.
    for bad in [
        "UPDATE customer SET kind = 'bogus'",
        "UPDATE customer SET tax_rate = 7",
        "UPDATE customer SET status = 'gone'",
    ] {
        let err = conn.execute(bad, []).unwrap_err().to_string();
        assert!(err.contains("CHECK constraint failed"), "{bad}: {err}");
    }
    conn.execute("UPDATE customer SET tax_rate = 13, invoice_type = NULL", [])
        .unwrap();
}

#[test]
fn a_version_6_file_keeps_its_limits_and_new_customers_are_not_controlled() {
    use crate::domain::customer::Status;
    use crate::domain::field::FieldValues;
    use crate::domain::ledger::credit::{CreditDecision, check_invoice};
    use crate::domain::money::Money;
    use crate::store::Store;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 6).unwrap();
        for (code, limit) in [("C000001", 0), ("C000002", 5_000_000)] {
            conn.execute(
                "INSERT INTO customer (code, name, name_key, credit_limit, created_at, updated_at)
                 VALUES (?1, ?1, ?1, ?2, 't', 't')",
                rusqlite::params![code, limit],
            )
            .unwrap();
        }
        // Before: an omitted limit was 0 (cash only) and NULL refused.
        conn.execute(
            "INSERT INTO customer (code, name, name_key, created_at, updated_at)
             VALUES ('C000003', 'x', 'x', 't', 't')",
            [],
        )
        .unwrap();
        assert!(
            conn.execute("UPDATE customer SET credit_limit = NULL", [])
                .is_err()
        );
    }
    let store = Store::open(&path).unwrap();
    let conn = store.connection();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let limit = |code: &str| store.customer(code).unwrap().unwrap().data.credit_limit;
    // Limits already set keep their meaning: 0 is still cash only.
    assert_eq!(limit("C000001"), Some(Money::ZERO));
    assert_eq!(limit("C000002"), Some(Money::from_fen(5_000_000)));
    assert_eq!(limit("C000003"), Some(Money::ZERO));
    assert!(matches!(
        check_invoice(
            Status::Active,
            limit("C000001"),
            Money::ZERO,
            Money::from_fen(1)
        ),
        CreditDecision::OverLimit(_)
    ));
    // The rule is looser only by NULL: a negative limit is still refused;
    // the index on name_key is still there.
    let err = conn
        .execute("UPDATE customer SET credit_limit = -1", [])
        .unwrap_err()
        .to_string();
    assert!(err.contains("CHECK constraint failed"), "{err}");
    let indexes: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index'
             AND name IN ('customer_name_key', 'customer_live_tax_id')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexes, 2);
    drop(store);
    // A new customer without a limit is not controlled.
    let mut store = Store::open(&path).unwrap();
    let values: FieldValues = [("name".to_string(), "成都远航贸易有限公司".to_string())]
        .into_iter()
        .collect();
    let saved = store.add_customer(&values, None).unwrap();
    assert_eq!(saved.customer.data.credit_limit, None);
    let stored: Option<i64> = store
        .connection()
        .query_row(
            "SELECT credit_limit FROM customer WHERE code = ?1",
            [&saved.customer.data.code],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, None);
}

// The integration tests' row dump (tests/support), shared rather than copied.
#[allow(dead_code)]
#[path = "../../../tests/support/sql_rows.rs"]
mod sql_rows;
use sql_rows::rows as dump;

/// Migration 017 rebuilds ledger_entry: every row and id, the other
/// tables' rows, every other index and trigger stay exactly as they
/// were; only the inline UNIQUE becomes the named `ledger_entry_doc`.
#[test]
fn a_version_16_ledger_keeps_every_row_and_gets_its_numbers_unique_by_a_named_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v16.db");
    const TABLES: [&str; 6] = [
        "SELECT * FROM import_batch ORDER BY id",
        "SELECT * FROM ledger_entry ORDER BY id",
        "SELECT * FROM ledger_allocation ORDER BY id",
        "SELECT * FROM ledger_account ORDER BY customer_id",
        "SELECT * FROM ledger_audit ORDER BY id",
        "SELECT * FROM customer ORDER BY id",
    ];
    const SCHEMA: &str = "SELECT type, name, tbl_name, sql FROM sqlite_schema
        WHERE name NOT IN ('ledger_entry', 'ledger_entry_doc', 'sqlite_autoindex_ledger_entry_1')
        ORDER BY type, name";
    const ENTRY_SQL: &str = "SELECT sql FROM sqlite_schema WHERE name = 'ledger_entry'";
    let (rows, schema, entry_sql) = {
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrations().to_version(&mut conn, 16).unwrap();
        conn.execute_batch(
            "INSERT INTO customer (id, code, name, name_key, created_at, updated_at)
                 VALUES (1, 'C000001', '华强', '华强', 't', 't'), (2, 'C000002', '赛格', '赛格', 't', 't');
             INSERT INTO ledger_entry (id, customer_id, kind, entry_date, doc_no, amount, due_date,
                 outstanding, memo, override_reason, reverses_id, created_at, updated_at, net_amount, tax_amount)
             VALUES (5, 1, 'invoice', '2025-01-02', 'FP1', 10000, '2025-02-01', 4000, '货款', 'ok', NULL, 'a', 'b', 8850, 1150),
                    (7, 1, 'receipt', '2025-01-09', 'SK1', -6000, NULL, 0, '', NULL, NULL, 'a', 'b', NULL, NULL),
                    (9, 2, 'invoice', '2025-01-03', 'FP1', 2000, '2025-02-02', 2000, '', NULL, NULL, 'a', 'b', NULL, NULL),
                    (12, 2, 'credit', '2025-01-04', 'R-FP1', -2000, NULL, 0, '', NULL, 9, 'a', 'b', NULL, NULL);
             INSERT INTO ledger_allocation (id, credit_id, debit_id, amount, effective_date, created_at)
                 VALUES (3, 7, 5, 6000, '2025-01-09', 'c');
             INSERT INTO ledger_account (customer_id, balance, open_debit, unapplied, oldest_due, last_date, entries)
                 VALUES (1, 4000, 4000, 0, '2025-02-01', '2025-01-09', 2);
             INSERT INTO ledger_audit (customer_id, entry_id, action, field, old, new, operator, at)
                 VALUES (1, 5, 'create', '*', NULL, '{}', '测试员', 't');
             INSERT INTO import_batch (id, file_name, file_hash, policy, operator, at, rows, inserted,
                 updated, skipped, rejected, audit_after, audit_last, kind, first_entry_id,
                 last_entry_id, ledger_audit_last)
                 VALUES (4, 'l.csv', 'ab', 'skip', '测试员', 't', 4, 4, 0, 0, 0, 0, 0, 'ledger', 5, 12, 1);",
        )
        .unwrap();
        (
            TABLES.map(|sql| dump(&conn, sql)),
            dump(&conn, SCHEMA),
            conn.query_row(ENTRY_SQL, [], |r| r.get::<_, String>(0))
                .unwrap(),
        )
    };
    let conn = open_file(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(TABLES.map(|sql| dump(&conn, sql)), rows);
    assert_eq!(dump(&conn, SCHEMA), schema);
    assert!(schema.len() > 20, "{schema:?}");
    let text =
        |conn: &Connection| -> String { conn.query_row(ENTRY_SQL, [], |r| r.get(0)).unwrap() };
    let before = entry_sql;
    assert!(
        before.contains("UNIQUE (customer_id, kind, doc_no)"),
        "{before}"
    );
    assert_eq!(
        text(&conn),
        before.replacen("\n    UNIQUE (customer_id, kind, doc_no),", "", 1)
    );
    let index: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'ledger_entry_doc'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(index, entry_doc_index::DOC_INDEX);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert!(dump(&conn, "PRAGMA foreign_key_check").is_empty());
    let fk: bool = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert!(fk, "foreign keys are on again");
    // The same rules: a repeated number and a dangling reference are refused.
    let err = conn
        .execute(
            "INSERT INTO ledger_entry (customer_id, kind, entry_date, doc_no, amount, due_date,
                 outstanding, created_at, updated_at)
             VALUES (1, 'invoice', '2025-03-01', 'FP1', 100, '2025-04-01', 100, 't', 't')",
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("UNIQUE constraint failed"), "{err}");
    let err = conn
        .execute(
            "INSERT INTO ledger_allocation (credit_id, debit_id, amount, effective_date, created_at)
             VALUES (7, 99, 1, 'd', 'c')",
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("FOREIGN KEY constraint failed"), "{err}");
    // Opening it again runs nothing more.
    drop(conn);
    let conn = open_file(&path).unwrap();
    assert_eq!(TABLES.map(|sql| dump(&conn, sql)), rows);
}
