//! The app's connection handed over for a load. An import can leave WAL for
//! a rollback journal (`load_mode`, twice as fast at a million rows) only
//! while no other connection has the file open; the TUI's own connection
//! would keep it in WAL. While the import wizard's worker imports (the
//! wizard is modal), the app releases its connection and takes it back
//! when the worker ends. Meanwhile the store holds a stand-in without any
//! table, so a read fails instead of seeing an empty database; everything
//! else (path, operator, sign-in, the name index) stays as it was.

use rusqlite::Connection;

use super::{Result, Store, db};

impl Store {
    /// Closes the connection to the file (a store without one: nothing to
    /// do). Until [`Store::reclaim`], every query fails.
    pub fn release(&mut self) -> Result<()> {
        if self.path.is_none() || self.released {
            return Ok(());
        }
        let stand_in = Connection::open_in_memory()?;
        // Dropping the old connection closes it (and its share of the WAL).
        self.conn = stand_in;
        self.released = true;
        Ok(())
    }

    /// Opens the file again after [`Store::release`], keyed as any other
    /// connection of this process (an encrypted file with its passphrase).
    /// On failure the store stays released and may be asked again.
    pub fn reclaim(&mut self) -> Result<()> {
        let Some(path) = self.path.clone().filter(|_| self.released) else {
            return Ok(());
        };
        self.conn = db::open_file(&path)?;
        self.released = false;
        Ok(())
    }

    /// Whether the connection is handed over.
    pub fn is_released(&self) -> bool {
        self.released
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Load;

    fn count(store: &Store) -> Result<i64> {
        Ok(store
            .conn
            .query_row("SELECT count(*) FROM customer", [], |r| r.get(0))?)
    }

    #[test]
    fn a_released_store_lets_a_load_leave_wal_and_reads_the_file_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let mut app = Store::open(&path).unwrap();
        app.set_operator("app");
        let before = count(&app).unwrap();
        let load = Load {
            cache_kib: 1024,
            foreign_keys: true,
        };

        app.release().unwrap();
        assert!(app.is_released());
        assert!(count(&app).is_err(), "no empty database meanwhile");
        let mut import = Store::open(&path).unwrap();
        let mode = import.enter_load_mode(load).unwrap();
        assert!(mode.rollback_journal(), "alone with the file");
        import.conn.execute("CREATE TABLE written (x)", []).unwrap();
        import.leave_load_mode(mode).unwrap();
        drop(import);

        app.reclaim().unwrap();
        assert!(!app.is_released());
        assert_eq!(count(&app).unwrap(), before);
        assert_eq!(app.journal_mode().unwrap(), "wal");
        assert_eq!(app.operator(), "app");
        let seen: i64 = app
            .conn
            .query_row("SELECT count(*) FROM written", [], |r| r.get(0))
            .unwrap();
        assert_eq!(seen, 0, "the import's table is read from the file");
        app.reclaim().unwrap();

        // Held, the app's connection keeps the load in WAL.
        let mut import = Store::open(&path).unwrap();
        let mode = import.enter_load_mode(load).unwrap();
        assert!(!mode.rollback_journal());
        import.leave_load_mode(mode).unwrap();

        let mut memory = Store::open_in_memory().unwrap();
        memory.release().unwrap();
        assert!(!memory.is_released(), "nothing to hand over");
        assert!(count(&memory).is_ok());
    }

    #[test]
    fn a_failed_reclaim_is_an_error_and_the_store_stays_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        let mut app = Store::open(&path).unwrap();
        app.release().unwrap();
        let saved = std::fs::read(&path).unwrap();
        std::fs::write(&path, vec![7u8; 4096]).unwrap();
        let err = app.reclaim().unwrap_err();
        assert_eq!(err.code(), "db.needs_key");
        assert!(app.is_released());
        std::fs::write(&path, saved).unwrap();
        app.reclaim().unwrap();
        assert!(count(&app).is_ok());
    }

    #[cfg(feature = "encryption")]
    #[test]
    fn an_encrypted_database_is_reclaimed_with_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        drop(Store::open(&path).unwrap());
        let key = zeroize::Zeroizing::new("correct horse".to_string());
        let target = crate::store::encryption::Target::Encrypted(&key);
        crate::store::encryption::rewrite(&path, target, None).unwrap();
        crate::store::encryption::remember_key(&path, key);
        let mut app = Store::open(&path).unwrap();
        let before = count(&app).unwrap();
        app.release().unwrap();
        app.reclaim().unwrap();
        assert_eq!(count(&app).unwrap(), before);
        assert!(crate::store::encryption::is_encrypted(&path));
    }
}
