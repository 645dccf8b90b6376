//! Settings for one very large write transaction (an import). Measured on a
//! million-row import: WAL writes every page twice (the log, then the
//! checkpoint at commit) and took twice the time of a rollback journal, which
//! for new pages writes them once. The journal can only leave WAL while no
//! other connection has the file open; otherwise the import runs in WAL as usual.
//! The price: while such an import writes, a connection opened meanwhile (a
//! TUI started during a long CLI import) waits for it, up to the busy timeout,
//! instead of reading alongside.

use super::db::BUSY_TIMEOUT;
use super::{Result, Store};

/// What a load asks of the connection.
#[derive(Clone, Copy, Debug)]
pub struct Load {
    /// Page cache for the load, KiB.
    pub cache_kib: i64,
    /// Off for a writer whose every reference is valid by construction: a
    /// customer import only points at customers it just inserted and at
    /// classification ids it read in the same transaction. Checking each
    /// reference cost 11% of a 200k-row import (three lookups per
    /// classification row). A ledger import too: its entries name customers
    /// it found in the same transaction, its allocations entries it read or wrote.
    pub foreign_keys: bool,
}

/// What `enter_load_mode` changed, for `leave_load_mode` to put back.
#[derive(Debug)]
pub struct LoadMode {
    left_wal: bool,
    cache_size: i64,
    synchronous: i64,
    foreign_keys: bool,
}

impl LoadMode {
    /// Whether the rollback journal is in use (false: another connection kept WAL).
    pub fn rollback_journal(&self) -> bool {
        self.left_wal
    }
}

impl Store {
    /// Switches to a rollback journal with full syncs (so a power cut cannot
    /// corrupt the file) when no one else has the database open, and to the
    /// page cache and foreign-key checks `load` asks for. Call outside any
    /// transaction.
    pub fn enter_load_mode(&mut self, load: Load) -> Result<LoadMode> {
        let cache_size: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        let synchronous: i64 = self
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))?;
        let foreign_keys: bool = self
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
        let was_wal = self.journal_mode()? == "wal";
        // Ask once, without waiting: "database is locked" means another
        // connection is open, and the import stays in WAL.
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let left_wal = was_wal
            && self
                .conn
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
                .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        if left_wal {
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        }
        self.conn
            .pragma_update(None, "cache_size", -load.cache_kib.abs())?;
        self.conn
            .pragma_update(None, "foreign_keys", load.foreign_keys)?;
        Ok(LoadMode {
            left_wal,
            cache_size,
            synchronous,
            foreign_keys,
        })
    }

    /// Restores what `enter_load_mode` changed (WAL for the readers, the cache).
    pub fn leave_load_mode(&mut self, mode: LoadMode) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", mode.cache_size)?;
        self.conn
            .pragma_update(None, "foreign_keys", mode.foreign_keys)?;
        if mode.left_wal {
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
            self.conn
                .pragma_update(None, "synchronous", mode.synchronous)?;
        }
        Ok(())
    }

    /// `wal`, `delete`, `memory`, …
    pub fn journal_mode(&self) -> Result<String> {
        Ok(self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_mode_leaves_wal_only_when_alone_and_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let mut store = Store::open(&path).unwrap();
        let fk = |store: &Store| -> bool {
            store
                .conn
                .pragma_query_value(None, "foreign_keys", |r| r.get(0))
                .unwrap()
        };
        let load = Load {
            cache_kib: 65_536,
            foreign_keys: false,
        };
        let mode = store.enter_load_mode(load).unwrap();
        assert!(mode.rollback_journal());
        assert_eq!(store.journal_mode().unwrap(), "delete");
        assert!(!fk(&store));
        store.leave_load_mode(mode).unwrap();
        assert_eq!(store.journal_mode().unwrap(), "wal");
        assert!(fk(&store), "foreign keys are checked again");

        let reader = Store::open(&path).unwrap();
        let mode = store.enter_load_mode(load).unwrap();
        assert!(!mode.rollback_journal(), "another connection keeps WAL");
        assert_eq!(store.journal_mode().unwrap(), "wal");
        store.leave_load_mode(mode).unwrap();
        drop(reader);
    }
}
