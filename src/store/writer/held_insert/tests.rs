use super::*;
use crate::domain::customer::CustomerData;
use crate::store::Store;
use crate::store::writer::{CustomerInsert, INSERT_SQL};
use crate::synth::customer_values;

/// Synthetic customers checked as an import checks them, with texts of
/// every kind the insert binds: CJK, empty, and a value with a NUL-free
/// quote; codes given so both databases store the same.
fn customers(store: &mut Store, rows: u64) -> Vec<(CustomerData, String)> {
    let bulk = store.bulk_insert().unwrap();
    let check = bulk.field_check();
    (0..rows)
        .map(|i| {
            let mut values = customer_values(i);
            values.insert("code".into(), format!("C{:06}", i + 1));
            if i % 3 == 0 {
                values.insert("notes".into(), format!("备注 \"{i}\" 第二行"));
            }
            if i % 4 == 0 {
                values.remove("credit_limit");
                values.remove("email");
            }
            let checked = check.check(&values, None);
            assert!(!checked.problems.has_errors(), "{}", checked.problems);
            (checked.data, checked.name_key)
        })
        .collect()
}

fn dump(conn: &Connection) -> Vec<Vec<rusqlite::types::Value>> {
    let mut stmt = conn.prepare("SELECT * FROM customer ORDER BY id").unwrap();
    let columns = stmt.column_count();
    stmt.query_map([], |r| {
        (0..columns)
            .map(|i| r.get::<_, rusqlite::types::Value>(i))
            .collect()
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// The rows written through `HeldInsert` are, column by column, the rows
/// rusqlite's own statement writes into a second database; and the ids it
/// returns are the rows' ids. Each row's values are dropped right after its
/// insert, so a binding that outlived its bytes would show in later rows.
#[test]
fn rows_bound_without_copies_are_the_rows_rusqlite_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut ours = Store::open(&dir.path().join("ours.db")).unwrap();
    let theirs = Store::open(&dir.path().join("theirs.db")).unwrap();
    let rows = customers(&mut ours, 300);
    let now = "2026-12-07 06:00:00";
    {
        let conn = ours.connection();
        let mut held = HeldInsert::prepare(conn, INSERT_SQL).unwrap();
        for (i, (data, key)) in rows.iter().enumerate() {
            // Fresh copies, freed after the insert.
            let (data, key) = (data.clone(), key.clone());
            let id = held.insert_row(conn, &data, &key, now).unwrap();
            assert_eq!(id, i as i64 + 1);
        }
    }
    {
        let conn = theirs.connection();
        let mut stmt = conn.prepare(INSERT_SQL).unwrap();
        for (data, key) in &rows {
            stmt.insert_row(conn, data, key, now).unwrap();
        }
    }
    let (a, b) = (dump(ours.connection()), dump(theirs.connection()));
    assert_eq!(a.len(), 300);
    assert_eq!(a, b);
    // The quoted CJK note and a missing credit limit went in as given.
    let (note, limit): (String, Option<i64>) = ours
        .connection()
        .query_row(
            "SELECT notes, credit_limit FROM customer WHERE code = 'C000001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((note.as_str(), limit), ("备注 \"0\" 第二行", None));
}

/// A UNIQUE conflict comes back as rusqlite reports it (the writer moves
/// to the next code on exactly this), and the statement goes on working.
#[test]
fn a_unique_conflict_is_rusqlites_error_and_the_statement_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.db")).unwrap();
    let rows = customers(&mut store, 3);
    let conn = store.connection();
    let mut held = HeldInsert::prepare(conn, INSERT_SQL).unwrap();
    let now = "2026-12-07 06:00:00";
    held.insert_row(conn, &rows[0].0, &rows[0].1, now).unwrap();
    let mut same_code = rows[1].0.clone();
    same_code.code = rows[0].0.code.clone();
    let err = held
        .insert_row(conn, &same_code, &rows[1].1, now)
        .unwrap_err();
    match err {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, Some(message))) => {
            assert_eq!(f.extended_code, ffi::SQLITE_CONSTRAINT_UNIQUE);
            assert!(message.contains("customer.code"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        held.insert_row(conn, &rows[2].0, &rows[2].1, now).unwrap(),
        2
    );
    let short: [&dyn ToSql; 1] = [&1];
    assert!(matches!(
        held.execute(&short),
        Err(StoreError::Sqlite(rusqlite::Error::InvalidParameterCount(
            1, 23
        )))
    ));
    let count: i64 = conn
        .query_row("SELECT COUNT(*) FROM customer", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 2);
}
