//! The classification values an import batch added (migration 013), taken
//! back when the batch is undone: a value no customer holds any more is
//! deleted; one that a customer has taken since stays.

use rusqlite::Connection;

use crate::store::Result;

/// Deletes what batch `batch` added to the catalog and nobody holds; gives
/// how many values went.
pub(super) fn take_back(conn: &Connection, batch: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM dimension_value
         WHERE (dimension_id, name) IN
               (SELECT dimension_id, name FROM import_batch_value WHERE batch_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM customer_class c WHERE c.value_id = dimension_value.id)",
        [batch],
    )?)
}
