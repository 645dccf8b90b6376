//! A large load builds some indexes after its rows are in. Inserting a
//! million rows in random key order into the tax-ID and name-key indexes
//! costs more than sorting them once at the end (floor in FLOORS.md: 6.1 s
//! with the index first, 3.1 s with it built after). An import only does
//! this once it has inserted more rows than were stored before, so a small
//! file added to a big database never pays for rebuilding its indexes.
//!
//! The indexes are dropped and created again inside the import's own
//! transaction: a rollback (cancel, error, kill) brings the old ones back,
//! and the rebuilt UNIQUE index on live tax IDs re-checks every row.

use rusqlite::Connection;

use super::Result;
use super::bulk::BulkInsert;

/// The indexes an import never reads (it matches rows on keys in memory,
/// see known.rs) and writes at random places: tax IDs and name keys (kept
/// row by row, the name keys alone took a merged million-row import from
/// 5.2 to 8.8 s). The table's other indexes take keys in ascending order
/// (customer ids, codes: customer_balance), and customer_class_value at a
/// few dozen places, the end of each value's run. Kept row by row these
/// cost more instructions than one sorted build each (callgrind, 100,000
/// rows: 4,354 M → 4,479 M for customer_balance), but they cost them on the
/// writing thread while the reading threads keep the other core busy,
/// where a build runs alone after the load. 1M rows, medians of
/// interleaved runs: customer_balance kept, merged file 5.28 → 5.24 s (9
/// runs), unique names 4.96 → 4.81 s (3); customer_class_value kept too,
/// merged 5.29 → 4.96 s (4), unique 4.80 → 4.68 s (3), its index 12%
/// larger (3,120 pages against 2,776 built).
const DEFERRABLE: [&str; 2] = ["customer_live_tax_id", "customer_name_key"];

/// Page cache while the indexes are built, KiB.
const BUILD_CACHE_KIB: i64 = 2048;

/// Below this many rows, maintaining the indexes row by row is cheap.
const MIN_ROWS: usize = 20_000;

/// Where a bulk stands with its deferrable indexes.
#[derive(Debug, Default)]
pub(super) enum Deferral {
    #[default]
    Never,
    /// Drop them once this many rows are inserted.
    After(usize),
    /// Dropped: the statements that create them again.
    Dropped(Vec<String>),
}

impl BulkInsert<'_> {
    /// Lets this bulk build the deferrable indexes after the load once it
    /// has inserted more rows than the table held before (and `MIN_ROWS`).
    pub fn build_indexes_after_large_load(&mut self) -> Result<()> {
        let stored: i64 = self
            .tx
            .query_row("SELECT COUNT(*) FROM customer", [], |r| r.get(0))?;
        self.deferral = Deferral::after_stored(stored);
        Ok(())
    }

    /// Whether the deferrable indexes are dropped right now.
    pub fn indexes_deferred(&self) -> bool {
        matches!(self.deferral, Deferral::Dropped(_))
    }

    /// Called after each insert: drops the indexes when the load gets large.
    pub(super) fn defer_if_large(&mut self) -> Result<()> {
        self.deferral
            .drop_when(self.inserted, &self.tx, &DEFERRABLE)
    }

    /// Creates the dropped indexes again; `commit` calls it.
    pub(super) fn rebuild_deferred(&mut self) -> Result<()> {
        self.deferral.rebuild(&self.tx)
    }
}

impl Deferral {
    /// The threshold of a load that defers once it has written more rows
    /// than its table held before (and `MIN_ROWS`).
    pub(super) fn after_stored(stored: i64) -> Deferral {
        Deferral::After((stored.max(0) as usize).max(MIN_ROWS))
    }

    /// Drops `names` once `written` reaches the threshold.
    pub(super) fn drop_when(
        &mut self,
        written: usize,
        conn: &Connection,
        names: &[&str],
    ) -> Result<()> {
        if matches!(self, Deferral::After(n) if written >= *n) {
            let mut sql = Vec::new();
            for name in names {
                let create: Option<String> = conn.query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )?;
                if let Some(create) = create {
                    conn.execute_batch(&format!("DROP INDEX {name}"))?;
                    sql.push(create);
                }
            }
            *self = Deferral::Dropped(sql);
        }
        Ok(())
    }

    /// Creates the dropped indexes again (before the commit).
    pub(super) fn rebuild(&mut self, conn: &Connection) -> Result<()> {
        if let Deferral::Dropped(sql) = std::mem::take(self) {
            // Lets SQLite's sorter use a helper thread for the builds.
            let threads: i64 = conn.pragma_query_value(None, "threads", |r| r.get(0))?;
            conn.pragma_update(None, "threads", 2)?;
            let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
            // A small cache builds them twice as fast (0.4 s instead of 0.8 s
            // each at 1M rows): SQLite sizes the sorter's runs by it.
            conn.pragma_update(None, "cache_size", -BUILD_CACHE_KIB)?;
            for create in sql {
                conn.execute_batch(&create)?;
            }
            conn.pragma_update(None, "cache_size", cache)?;
            conn.pragma_update(None, "threads", threads)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::synth::customer_values;

    fn index_names(conn: &rusqlite::Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'customer'",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn load(store: &mut Store, rows: u64, commit: bool) {
        let mut bulk = store.bulk_insert().unwrap();
        bulk.match_in_memory().unwrap();
        bulk.deferral = Deferral::After(3);
        let check = bulk.field_check();
        for i in 0..rows {
            let checked = check.check(&customer_values(i), None);
            assert!(!checked.problems.has_errors(), "{}", checked.problems);
            bulk.insert_checked(checked).unwrap();
        }
        assert!(bulk.indexes_deferred());
        let names = index_names(&bulk.tx);
        assert!(
            !names.iter().any(|n| DEFERRABLE.contains(&n.as_str())),
            "{names:?}"
        );
        if commit {
            bulk.commit().unwrap();
        }
    }

    #[test]
    fn indexes_dropped_for_a_large_load_come_back_on_commit_and_on_rollback() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("k.db")).unwrap();
        let before = index_names(store.connection());
        load(&mut store, 5, false);
        assert_eq!(index_names(store.connection()), before, "rolled back");
        assert_eq!(store.customer_count().unwrap(), 0);

        load(&mut store, 5, true);
        let mut after = index_names(store.connection());
        let mut expected = before.clone();
        after.sort();
        expected.sort();
        assert_eq!(after, expected, "rebuilt on commit");
        assert_eq!(store.customer_count().unwrap(), 5);
        let conn = store.connection();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        // The rebuilt UNIQUE index holds again: a second live customer with
        // the first one's tax ID is refused by the database itself.
        let err = conn
            .execute(
                "INSERT INTO customer (code, name, name_key, tax_id, created_at, updated_at)
                 SELECT 'X1', name, name_key, tax_id, created_at, updated_at FROM customer LIMIT 1",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("UNIQUE"), "{err}");
    }

    /// The classification rows' value index (on another table) and the
    /// balance index are dropped during the load too and come back holding
    /// every row.
    #[test]
    fn the_classification_and_balance_indexes_come_back_with_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("k.db")).unwrap();
        let schema_indexes = |conn: &rusqlite::Connection| -> Vec<String> {
            let mut stmt = conn
                .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name")
                .unwrap();
            stmt.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let before = schema_indexes(store.connection());
        for name in DEFERRABLE {
            assert!(before.iter().any(|n| n == name), "{name} in {before:?}");
        }
        let mut bulk = store.bulk_insert().unwrap();
        bulk.match_in_memory().unwrap();
        bulk.deferral = Deferral::After(3);
        let check = bulk.field_check();
        for i in 0..50 {
            let checked = check.check(&customer_values(i), None);
            assert!(!checked.problems.has_errors(), "{}", checked.problems);
            bulk.insert_checked(checked).unwrap();
        }
        let during = schema_indexes(&bulk.tx);
        for name in DEFERRABLE {
            assert!(!during.iter().any(|n| n == name), "{name} in {during:?}");
        }
        bulk.commit().unwrap();
        let conn = store.connection();
        assert_eq!(schema_indexes(conn), before);
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let class_rows = count("SELECT count(*) FROM customer_class NOT INDEXED");
        assert!(
            class_rows >= 100,
            "industry and region for each: {class_rows}"
        );
        assert_eq!(
            count(
                "SELECT count(*) FROM customer_class INDEXED BY customer_class_value WHERE value_id > 0"
            ),
            class_rows
        );
        assert_eq!(
            count("SELECT count(*) FROM customer INDEXED BY customer_balance WHERE code > ''"),
            50
        );
    }

    /// A plain file sorts on disk: a load whose index build outgrows the
    /// build's 2 MiB sorter memory spills runs to temporary files and
    /// merges them (with a helper thread), and the indexes come out whole.
    #[test]
    fn a_plain_load_whose_index_sort_spills_rebuilds_whole_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("k.db")).unwrap();
        let temp_store: i64 = store
            .connection()
            .query_row("PRAGMA temp_store", [], |r| r.get(0))
            .unwrap();
        assert_eq!(temp_store, 1, "FILE");
        let rows = 60_000;
        load(&mut store, rows, true);
        let conn = store.connection();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let live = "WHERE tax_id <> '' AND status <> 'archived'";
        let with_tax_id = count(&format!("SELECT count(*) FROM customer NOT INDEXED {live}"));
        assert!(with_tax_id > rows as i64 / 2, "{with_tax_id}");
        assert_eq!(
            count(&format!(
                "SELECT count(*) FROM customer INDEXED BY customer_live_tax_id {live}"
            )),
            with_tax_id
        );
        assert_eq!(
            count("SELECT count(*) FROM customer INDEXED BY customer_name_key WHERE name_key > ''"),
            rows as i64
        );
    }
}
