//! The count the TUI asks for before its first frame: right, and without
//! reading the table (an encrypted database decrypts every page it reads).

use super::COUNT_NOT_ARCHIVED;
use crate::store::Store;
use crate::synth::customer_values;

#[test]
fn customer_count_leaves_out_archived_and_reads_only_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.db")).unwrap();
    let mut bulk = store.bulk_insert().unwrap();
    for i in 0..50 {
        bulk.insert(&customer_values(i)).unwrap().unwrap();
    }
    bulk.commit().unwrap();
    let conn = store.connection();
    conn.execute_batch(
        "UPDATE customer SET status = 'archived' WHERE id % 5 = 0;
         UPDATE customer SET status = 'on_hold' WHERE id % 5 = 1;
         UPDATE customer SET status = 'pending_review' WHERE id % 5 = 2;",
    )
    .unwrap();
    let scanned: i64 = conn
        .query_row(
            "SELECT count(*) FROM customer NOT INDEXED WHERE status <> 'archived'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(scanned, 40);
    assert_eq!(store.customer_count().unwrap(), scanned);

    let mut plan = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {COUNT_NOT_ARCHIVED}"))
        .unwrap();
    let steps: Vec<String> = plan
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let scans: Vec<&String> = steps.iter().filter(|s| s.contains("customer")).collect();
    assert_eq!(scans.len(), 2, "{steps:?}");
    assert!(
        scans.iter().all(|s| s.contains("COVERING INDEX")),
        "{steps:?}"
    );
    assert!(
        scans.iter().any(|s| s.contains("customer_archived")),
        "{steps:?}"
    );
}
