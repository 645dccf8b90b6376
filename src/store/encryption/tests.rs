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

/// SQLCipher keeps temporary tables and sorts in memory so no plaintext of
/// an encrypted database reaches a temporary file; kehu sorts plain
/// databases on disk (spilling, with helper threads) as plain SQLite does.
#[test]
fn encrypted_databases_sort_in_memory_and_plain_ones_on_disk() {
    const FILE: i64 = 1;
    const MEMORY: i64 = 2;
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    let store = crate::store::Store::open(&plain).unwrap();
    assert_eq!(temp_store_of(&store.conn), FILE);
    drop(store);

    let secret = dir.path().join("secret.db");
    remember_key(&secret, Zeroizing::new("temp store passphrase".into()));
    let store = crate::store::Store::open(&secret).unwrap();
    assert!(is_encrypted(&secret));
    assert_eq!(temp_store_of(&store.conn), MEMORY);
    drop(store);
    let again = crate::store::Store::open(&secret).unwrap();
    assert_eq!(temp_store_of(&again.conn), MEMORY);

    // Encrypting a plain database: the connection that builds the
    // encrypted copy (and its indexes) sorts in memory from then on.
    let conn = Connection::open(dir.path().join("source.db")).unwrap();
    conn.execute_batch("PRAGMA temp_store = FILE; CREATE TABLE t (x); CREATE INDEX t_x ON t (x);")
        .unwrap();
    let copy = dir.path().join("copy.db");
    rewrite::export(&conn, &copy, Target::Encrypted("temp store passphrase")).unwrap();
    assert_eq!(temp_store_of(&conn), MEMORY);
}
