//! Every row a query returns, each value as its Debug text: two databases
//! compared table by table, column by column.

use rusqlite::Connection;

pub fn rows(conn: &Connection, sql: &str) -> Vec<Vec<String>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| {
                r.get::<_, rusqlite::types::Value>(i)
                    .map(|v| format!("{v:?}"))
            })
            .collect()
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// After a load that dropped and rebuilt indexes (`b`): the same indexes as
/// a load that kept them (`a`), and `b` intact.
pub fn assert_indexes_rebuilt_alike(a: &Connection, b: &Connection) {
    let indexes = |c: &Connection| {
        rows(
            c,
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name",
        )
    };
    assert_eq!(indexes(a), indexes(b), "every index built again");
    let ok: String = b
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}
