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
