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

/// What `enter_load_mode` changed, for `leave_load_mode` to put back.
#[derive(Debug)]
pub struct LoadMode {
    left_wal: bool,
    cache_size: i64,
    synchronous: i64,
}

impl LoadMode {
    /// Whether the rollback journal is in use (false: another connection kept WAL).
    pub fn rollback_journal(&self) -> bool {
        self.left_wal
    }
}

impl Store {
    /// Switches to a rollback journal with full syncs (so a power cut cannot
    /// corrupt the file) when no one else has the database open, and to a
    /// page cache of `cache_kib` KiB. Call outside any transaction.
    pub fn enter_load_mode(&mut self, cache_kib: i64) -> Result<LoadMode> {
        let cache_size: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        let synchronous: i64 = self
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))?;
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
            .pragma_update(None, "cache_size", -cache_kib.abs())?;
        Ok(LoadMode {
            left_wal,
            cache_size,
            synchronous,
        })
    }

    /// Restores what `enter_load_mode` changed (WAL for the readers, the cache).
    pub fn leave_load_mode(&mut self, mode: LoadMode) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", mode.cache_size)?;
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
        let mode = store.enter_load_mode(65_536).unwrap();
        assert!(mode.rollback_journal());
        assert_eq!(store.journal_mode().unwrap(), "delete");
        store.leave_load_mode(mode).unwrap();
        assert_eq!(store.journal_mode().unwrap(), "wal");

        let reader = Store::open(&path).unwrap();
        let mode = store.enter_load_mode(65_536).unwrap();
        assert!(!mode.rollback_journal(), "another connection keeps WAL");
        assert_eq!(store.journal_mode().unwrap(), "wal");
        store.leave_load_mode(mode).unwrap();
        drop(reader);
    }
}
