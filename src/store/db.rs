//! Opening the file: pragmas and versioned migrations.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

use super::{Result, StoreError};

mod credit_limit;
mod entry_doc_index;
mod equality_checks;
mod review_status;
mod schema_text;

/// Migrations in order; `user_version` counts how many have run.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_customers.sql")),
        M::up(include_str!("migrations/002_ledger.sql")),
        M::up(include_str!("migrations/003_import.sql")),
        M::up(include_str!("migrations/004_reconcile.sql")),
        M::up_with_hook(
            include_str!("migrations/005_equality_checks.sql"),
            equality_checks::rewrite,
        ),
        M::up(include_str!("migrations/006_batch_ranges.sql")),
        M::up_with_hook(
            include_str!("migrations/007_credit_limit_uncontrolled.sql"),
            credit_limit::rewrite,
        ),
        M::up(include_str!("migrations/008_control_confirm.sql")),
        M::up(include_str!("migrations/009_control_audit.sql")),
        M::up(include_str!("migrations/010_control_operators.sql")),
        M::up_with_hook(
            include_str!("migrations/011_control_review_merge.sql"),
            review_status::rewrite,
        ),
        M::up(include_str!("migrations/012_invoice_import.sql")),
        M::up(include_str!("migrations/013_batch_class_values.sql")),
        M::up(include_str!("migrations/014_ledger_search.sql")),
        M::up(include_str!("migrations/015_customer_archived.sql")),
        M::up(include_str!("migrations/016_customer_balance_index.sql")),
        M::up_with_hook(
            include_str!("migrations/017_ledger_entry_doc_index.sql"),
            entry_doc_index::rebuild,
        )
        .foreign_key_check(),
    ])
}

/// The schema version this program writes (the number of migrations).
pub const SCHEMA_VERSION: i64 = 17;

/// The first migration that rebuilds a table, run with foreign keys off.
const REBUILDS_FROM: i64 = 17;

/// Page size of new database files, bytes.
pub const PAGE_SIZE: i64 = 8192;

/// How long a write waits for another connection's lock.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Process-wide SQLite settings; call first thing in `main`, before any
/// database is opened (later it is refused and changes nothing). Turns off
/// SQLite's memory statistics, which take a global mutex on every
/// allocation: 2% of an import's writing thread, and kehu never reads them.
pub fn configure_sqlite() {
    // SAFETY: sqlite3_config is called before sqlite3_initialize (the first
    // connection) with the argument SQLITE_CONFIG_MEMSTATUS takes, an int.
    // Called later it returns SQLITE_MISUSE and does nothing.
    unsafe {
        rusqlite::ffi::sqlite3_config(
            rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
            0 as std::os::raw::c_int,
        );
    }
}

/// `kehu/kehu.db` in the user's data folder (e.g. `~/.local/share/kehu/kehu.db`).
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kehu").map(|dirs| dirs.data_dir().join("kehu.db"))
}

pub(super) fn open_file(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        super::private_files::create_private_dir_all(dir)?;
    }
    // Created owner-only before SQLite writes a byte; its WAL and
    // shared-memory files take the same mode.
    super::private_files::create_private_file(path)?;
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    // A connection to be keyed keeps SQLite's temporary files in memory
    // (sealed_temp.rs), so it can sort as a plain one does.
    let sealed = super::encryption::will_key(path) && super::sealed_temp::register();
    let mut conn = if sealed {
        Connection::open_with_flags_and_vfs(path, OpenFlags::default(), super::sealed_temp::NAME)
    } else {
        Connection::open(path)
    }
    .map_err(open_err)?;
    // Before anything reads the file: an encrypted one needs its key first.
    let keyed = super::encryption::key_connection(&conn, path)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    // New files get 8 KiB pages (only a new, empty file takes this; WAL
    // must come after). A million-row import wrote its 650 MB in half as many
    // page writes and ran 6.6 s -> 5.7 s; 16 KiB measured no better.
    if !keyed {
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(open_err)?;
    }
    // WAL lets the TUI read while a CLI import writes; NORMAL is durable in WAL mode
    // except for the last commits before a power loss.
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(open_err)?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(open_err)?;
    conn.pragma_update(None, "temp_store", temp_store(keyed && !sealed))
        .map_err(open_err)?;
    prepare(&mut conn, path)?;
    Ok(conn)
}

/// Where a connection keeps temporary tables and its sorts' spill.
/// SQLCipher's build of SQLite keeps them in memory (`SQLITE_TEMP_STORE=2`),
/// so nothing of an encrypted database reaches a temporary file in plaintext;
/// a keyed connection not opened through sealed_temp.rs keeps that. In
/// memory SQLite's sorter never spills and takes no helper thread: a
/// million-row import's index build then sorted in one heap (+70 MB peak,
/// slower). Plain files, and keyed ones whose temporary files the sealed VFS
/// keeps in memory, sort as plain SQLite does. `hide`: the connection holds
/// an encrypted database's rows and its temporary files would be on disk.
pub(super) fn temp_store(hide: bool) -> &'static str {
    if hide { "MEMORY" } else { "FILE" }
}

pub(super) fn open_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    prepare(&mut conn, Path::new(":memory:"))?;
    Ok(conn)
}

fn prepare(conn: &mut Connection, path: &Path) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.set_prepared_statement_cache_capacity(64);
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found >= REBUILDS_FROM {
        migrations().to_latest(conn)?;
        return Ok(());
    }
    // A table rebuild drops the old table: with foreign keys on, that
    // deletes its rows first, refused while other tables point at them.
    // The pragma is a no-op inside the migrations' transaction, so it is
    // set around them; the rebuilding migration checks the keys at its end.
    migrations().to_version(conn, (REBUILDS_FROM - 1) as usize)?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = migrations().to_latest(conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrated?;
    Ok(())
}

#[cfg(test)]
mod tests {
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

    fn dump(conn: &Connection, sql: &str) -> Vec<Vec<String>> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            (0..n)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                })
                .collect()
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

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
}
