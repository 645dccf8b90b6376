//! New customers' classification rows, written many to a statement. A
//! million-row import writes two or three of them per customer; one
//! statement each was a fifth of the writing thread's time.

use rusqlite::Connection;

use crate::store::{Result, StoreError};

/// (customer id, dimension id, value id) rows waiting to be written.
#[derive(Default)]
pub(in crate::store) struct ClassRows {
    pending: Vec<[i64; 3]>,
}

const ROWS_PER_STATEMENT: usize = 200;

impl ClassRows {
    pub fn push(&mut self, conn: &Connection, row: [i64; 3]) -> Result<()> {
        self.pending.push(row);
        if self.pending.len() == ROWS_PER_STATEMENT {
            self.flush(conn)?;
        }
        Ok(())
    }

    /// Writes every pending row. Call before anything reads `customer_class`
    /// and before committing.
    pub fn flush(&mut self, conn: &Connection) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let sql = insert_sql(self.pending.len());
        let params = self.pending.iter().flatten();
        let written = if self.pending.len() == ROWS_PER_STATEMENT {
            conn.prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(params))?
        } else {
            // The last, shorter batch: prepared once, not kept in the cache.
            conn.prepare(&sql)?
                .execute(rusqlite::params_from_iter(params))?
        };
        // OR IGNORE (see `insert_sql`) must never have ignored a row.
        if written != self.pending.len() {
            return Err(StoreError::Refused(format!(
                "{} of {} classification rows were already stored",
                self.pending.len() - written,
                self.pending.len()
            )));
        }
        self.pending.clear();
        Ok(())
    }
}

/// `INSERT OR IGNORE … VALUES (…), (…), …`. A new customer's rows cannot
/// conflict (one value per dimension), and `flush` checks none was ignored;
/// but with a conflict clause that may abort, SQLite keeps a statement
/// journal for a many-row statement, copying every page it touches to a
/// temporary file first: 381 MB of writes for a 200,000-row import.
fn insert_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT OR IGNORE INTO customer_class (customer_id, dimension_id, value_id) VALUES ",
    );
    for i in 0..rows {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str("(?, ?, ?)");
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_written_in_full_statements_and_a_last_short_one() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE customer_class (customer_id, dimension_id, value_id,
             PRIMARY KEY (customer_id, dimension_id))",
        )
        .unwrap();
        let mut rows = ClassRows::default();
        for id in 0..(ROWS_PER_STATEMENT as i64 + 3) {
            rows.push(&conn, [id, 1, 7]).unwrap();
        }
        let count = |conn: &Connection| -> i64 {
            conn.query_row("SELECT COUNT(*) FROM customer_class", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(
            count(&conn),
            ROWS_PER_STATEMENT as i64,
            "one full statement so far"
        );
        rows.flush(&conn).unwrap();
        assert_eq!(count(&conn), ROWS_PER_STATEMENT as i64 + 3);
        let last: (i64, i64, i64) = conn
            .query_row(
                "SELECT customer_id, dimension_id, value_id FROM customer_class ORDER BY customer_id DESC",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(last, (ROWS_PER_STATEMENT as i64 + 2, 1, 7));
        // A row already stored is an error, not silently skipped.
        rows.push(&conn, [0, 1, 7]).unwrap();
        let err = rows.flush(&conn).unwrap_err();
        assert!(err.to_string().contains("1 of 1"), "{err}");
    }
}
