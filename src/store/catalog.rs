//! Classification dimensions and their values: added, renamed, retired —
//! never deleted while a customer uses them.

use crate::messages::Message;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, StoreError};
use crate::domain::classification::{Catalog, Dimension, DimensionValue};

impl Store {
    pub fn catalog(&self) -> Result<Catalog> {
        load_catalog(&self.conn)
    }

    /// Adds a dimension (`code` is the key used in files and `--field`).
    pub fn add_dimension(&mut self, code: &str, name_zh: &str, name_en: &str) -> Result<()> {
        self.require(crate::domain::permission::Permission::ManageSettings)?;
        let code = code.trim();
        if code.is_empty()
            || !code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(StoreError::Coded(
                Message::new("class.bad_code").with("code", code),
            ));
        }
        if crate::domain::field::Field::from_key(code).is_some() {
            return Err(StoreError::Coded(
                Message::new("class.is_field").with("code", code),
            ));
        }
        self.conn.execute(
            "INSERT INTO dimension (code, name_zh, name_en, position)
             VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position), 0) + 1 FROM dimension))",
            params![code, name_zh.trim(), name_en.trim()],
        )?;
        Ok(())
    }

    /// Renames a dimension's labels; its code (used in files and `--field`) stays.
    pub fn rename_dimension(
        &mut self,
        dimension: &str,
        name_zh: &str,
        name_en: &str,
    ) -> Result<()> {
        self.require(crate::domain::permission::Permission::ManageSettings)?;
        let dim_id = dimension_id(&self.conn, dimension)?;
        self.conn.execute(
            "UPDATE dimension SET name_zh = ?2, name_en = ?3 WHERE id = ?1",
            params![dim_id, name_zh.trim(), name_en.trim()],
        )?;
        Ok(())
    }

    /// Retires a whole dimension: customers keep their values, no new ones are given.
    pub fn retire_dimension(&mut self, dimension: &str) -> Result<()> {
        self.require(crate::domain::permission::Permission::ManageSettings)?;
        let dim_id = dimension_id(&self.conn, dimension)?;
        self.conn
            .execute("UPDATE dimension SET retired = 1 WHERE id = ?1", [dim_id])?;
        Ok(())
    }

    pub fn add_dimension_value(&mut self, dimension: &str, value: &str) -> Result<()> {
        self.require(crate::domain::permission::Permission::EditCustomers)?;
        let dim_id = dimension_id(&self.conn, dimension)?;
        let value = value.trim();
        if value.is_empty() {
            return Err(StoreError::Coded(Message::new("class.empty_value")));
        }
        self.conn.execute(
            "INSERT INTO dimension_value (dimension_id, name, position)
             VALUES (?1, ?2, (SELECT COALESCE(MAX(position), 0) + 1 FROM dimension_value WHERE dimension_id = ?1))
             ON CONFLICT (dimension_id, name) DO UPDATE SET retired = 0",
            params![dim_id, value],
        )?;
        Ok(())
    }

    /// Renames a value; customers holding it follow, since they refer to it by id.
    pub fn rename_dimension_value(&mut self, dimension: &str, old: &str, new: &str) -> Result<()> {
        self.require(crate::domain::permission::Permission::EditCustomers)?;
        let dim_id = dimension_id(&self.conn, dimension)?;
        let changed = self.conn.execute(
            "UPDATE dimension_value SET name = ?3 WHERE dimension_id = ?1 AND name = ?2",
            params![dim_id, old.trim(), new.trim()],
        )?;
        if changed == 0 {
            return Err(StoreError::Coded(
                Message::new("class.no_value")
                    .with("value", old)
                    .with("dimension", dimension),
            ));
        }
        Ok(())
    }

    /// Retires a value: it stays on the customers that have it but cannot be chosen again.
    pub fn retire_dimension_value(&mut self, dimension: &str, value: &str) -> Result<()> {
        self.require(crate::domain::permission::Permission::EditCustomers)?;
        let dim_id = dimension_id(&self.conn, dimension)?;
        let changed = self.conn.execute(
            "UPDATE dimension_value SET retired = 1 WHERE dimension_id = ?1 AND name = ?2",
            params![dim_id, value.trim()],
        )?;
        if changed == 0 {
            return Err(StoreError::Coded(
                Message::new("class.no_value")
                    .with("value", value)
                    .with("dimension", dimension),
            ));
        }
        Ok(())
    }

    /// Deletes a value only when no customer, archived or not, holds it.
    pub fn delete_dimension_value(&mut self, dimension: &str, value: &str) -> Result<()> {
        self.require(crate::domain::permission::Permission::EditCustomers)?;
        let dim_id = dimension_id(&self.conn, dimension)?;
        let in_use: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM customer_class c JOIN dimension_value v ON v.id = c.value_id
             WHERE v.dimension_id = ?1 AND v.name = ?2",
            params![dim_id, value.trim()],
            |row| row.get(0),
        )?;
        if in_use > 0 {
            return Err(StoreError::Coded(
                Message::new("class.in_use")
                    .with("value", value)
                    .with("count", in_use),
            ));
        }
        self.conn.execute(
            "DELETE FROM dimension_value WHERE dimension_id = ?1 AND name = ?2",
            params![dim_id, value.trim()],
        )?;
        Ok(())
    }
}

fn dimension_id(conn: &Connection, key: &str) -> Result<i64> {
    conn.query_row(
        "SELECT id FROM dimension WHERE code = ?1 OR name_zh = ?1 OR lower(name_en) = lower(?1)",
        [key.trim()],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::Coded(Message::new("class.no_dimension").with("dimension", key)))
}

pub(super) fn load_catalog(conn: &Connection) -> Result<Catalog> {
    let mut dims: Vec<(i64, Dimension)> = conn
        .prepare_cached(
            "SELECT id, code, name_zh, name_en, retired FROM dimension ORDER BY position, id",
        )?
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                Dimension {
                    code: row.get(1)?,
                    name_zh: row.get(2)?,
                    name_en: row.get(3)?,
                    retired: row.get(4)?,
                    values: Vec::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT dimension_id, name, retired FROM dimension_value ORDER BY position, id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let dim_id: i64 = row.get(0)?;
        if let Some((_, dim)) = dims.iter_mut().find(|(id, _)| *id == dim_id) {
            dim.values.push(DimensionValue {
                name: row.get(1)?,
                retired: row.get(2)?,
            });
        }
    }
    Ok(Catalog {
        dimensions: dims.into_iter().map(|(_, d)| d).collect(),
    })
}
