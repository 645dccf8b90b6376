//! A new database created with a passphrase given in the process (as the TUI
//! and workers open it) is encrypted with 8 KiB pages and opens again.

use kehu::domain::field::FieldValues;
use kehu::store::Store;
use kehu::store::encryption;
use zeroize::Zeroizing;

#[test]
fn a_new_database_with_a_passphrase_is_encrypted_and_opens_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    encryption::remember_key(&db, Zeroizing::new("store passphrase".into()));
    {
        let mut store = Store::open(&db).unwrap();
        let values: FieldValues = [("name".to_string(), "杭州示例贸易有限公司".to_string())]
            .into_iter()
            .collect();
        store.add_customer(&values, None).unwrap();
    }
    assert!(encryption::is_encrypted(&db));
    let bytes = std::fs::read(&db).unwrap();
    assert!(!bytes.windows(6).any(|w| w == "杭州".as_bytes()));
    // Page size: the file is whole 8 KiB pages.
    assert_eq!(bytes.len() % encryption::CIPHER_PAGE_SIZE as usize, 0);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.customer_count().unwrap(), 1);
}
