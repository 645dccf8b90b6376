use super::*;

#[test]
fn every_keyed_connection_uses_8_kib_pages_and_hmac_sha256() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let conn = Connection::open(&path).unwrap();
    key_pragmas(&conn, "main", "test passphrase", None).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let get = |name: &str| -> String {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, String>(0))
            .unwrap()
    };
    assert_eq!(get("cipher_hmac_algorithm"), "HMAC_SHA256");
    assert_eq!(get("cipher_page_size"), CIPHER_PAGE_SIZE.to_string());
    drop(conn);
    // Opened again as kehu opens it (salt from the file, derived key cached).
    let again = Connection::open(&path).unwrap();
    apply_key(&again, "test passphrase", &path).unwrap();
    assert!(readable(&again));
    let other = Connection::open(&path).unwrap();
    apply_key(&other, "another passphrase", &path).unwrap();
    assert!(!readable(&other));
}

fn temp_store_of(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA temp_store", [], |r| r.get(0))
        .unwrap()
}

/// SQLCipher encrypts no temporary file, so an encrypted database's
/// connection either opens its temporary files in memory through the sealed
/// VFS and sorts as a plain one does (spilling, with helper threads), or
/// keeps them in memory with `temp_store = MEMORY`; plain databases sort on
/// disk as plain SQLite does.
#[test]
fn encrypted_databases_sort_through_memory_files_and_plain_ones_on_disk() {
    const FILE: i64 = 1;
    const MEMORY: i64 = 2;
    let vfs_name = |conn: &Connection| -> String {
        let mut vfs: *mut rusqlite::ffi::sqlite3_vfs = std::ptr::null_mut();
        // SAFETY: an open connection; VFS_POINTER writes the VFS it uses,
        // which lives as long as the process, and its name is a C string.
        unsafe {
            let rc = rusqlite::ffi::sqlite3_file_control(
                conn.handle(),
                c"main".as_ptr(),
                rusqlite::ffi::SQLITE_FCNTL_VFS_POINTER,
                (&mut vfs as *mut *mut rusqlite::ffi::sqlite3_vfs).cast(),
            );
            assert_eq!(rc, rusqlite::ffi::SQLITE_OK);
            std::ffi::CStr::from_ptr((*vfs).zName)
                .to_string_lossy()
                .into_owned()
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    let store = crate::store::Store::open(&plain).unwrap();
    assert_eq!(temp_store_of(&store.conn), FILE);
    assert_ne!(vfs_name(&store.conn), crate::store::sealed_temp::NAME);
    drop(store);

    let secret = dir.path().join("secret.db");
    remember_key(&secret, Zeroizing::new("temp store passphrase".into()));
    let store = crate::store::Store::open(&secret).unwrap();
    assert!(is_encrypted(&secret));
    assert_eq!(temp_store_of(&store.conn), FILE);
    assert_eq!(vfs_name(&store.conn), crate::store::sealed_temp::NAME);
    drop(store);
    let again = crate::store::Store::open(&secret).unwrap();
    assert_eq!(temp_store_of(&again.conn), FILE);
    assert_eq!(vfs_name(&again.conn), crate::store::sealed_temp::NAME);

    // Encrypting a plain database: the connection that builds the
    // encrypted copy (and its indexes) sorts in memory from then on.
    let conn = Connection::open(dir.path().join("source.db")).unwrap();
    conn.execute_batch("PRAGMA temp_store = FILE; CREATE TABLE t (x); CREATE INDEX t_x ON t (x);")
        .unwrap();
    let copy = dir.path().join("copy.db");
    rewrite::export(&conn, &copy, Target::Encrypted("temp store passphrase")).unwrap();
    assert_eq!(temp_store_of(&conn), MEMORY);
}
