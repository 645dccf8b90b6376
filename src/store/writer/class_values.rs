//! A classification value an import adds to its dimension: written in the
//! import's transaction and known at once to this writer's checks.

use rusqlite::Connection;

use super::Writer;
use crate::store::Result;

impl Writer {
    /// Adds `value` to dimension `dimension` (by code) inside the caller's
    /// transaction, and to what this writer checks and writes with: an
    /// import's classification value the catalog did not know yet.
    pub(in crate::store) fn add_class_value(
        &mut self,
        conn: &Connection,
        dimension: &str,
        value: &str,
    ) -> Result<()> {
        let value = value.trim();
        let dim_id: i64 = conn
            .prepare_cached("SELECT id FROM dimension WHERE code = ?1")?
            .query_row([dimension], |r| r.get(0))?;
        conn.prepare_cached(
            "INSERT INTO dimension_value (dimension_id, name, position)
             VALUES (?1, ?2, (SELECT COALESCE(MAX(position), 0) + 1 FROM dimension_value WHERE dimension_id = ?1))
             ON CONFLICT (dimension_id, name) DO UPDATE SET retired = 0",
        )?
        .execute(rusqlite::params![dim_id, value])?;
        let value_id: i64 = conn
            .prepare_cached("SELECT id FROM dimension_value WHERE dimension_id = ?1 AND name = ?2")?
            .query_row(rusqlite::params![dim_id, value], |r| r.get(0))?;
        self.class_ids
            .entry(dimension.to_string())
            .or_default()
            .insert(value.to_string(), (dim_id, value_id));
        if let Some(dim) = self
            .catalog
            .dimensions
            .iter_mut()
            .find(|d| d.code == dimension)
        {
            dim.values.retain(|v| v.name != value);
            dim.values
                .push(crate::domain::classification::DimensionValue {
                    name: value.to_string(),
                    retired: false,
                });
        }
        Ok(())
    }
}
