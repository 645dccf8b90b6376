//! Saved import column mappings: a name → (file header → field key,
//! dimension code, or "" for a column to ignore).

use crate::messages::Message;
use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, now_text};

/// File header → target key ("" = ignore).
pub type SavedMapping = BTreeMap<String, String>;

impl Store {
    /// Saves (or replaces) a named mapping.
    pub fn save_mapping(&mut self, name: &str, columns: &SavedMapping) -> Result<()> {
        self.require(crate::domain::permission::Permission::EditCustomers)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Coded(Message::new("mapping.needs_name")));
        }
        let json =
            serde_json::to_string(columns).map_err(|e| StoreError::Refused(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO import_mapping (name, columns, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET columns = excluded.columns, updated_at = excluded.updated_at",
            params![name, json, now_text()],
        )?;
        Ok(())
    }

    pub fn mapping(&self, name: &str) -> Result<SavedMapping> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT columns FROM import_mapping WHERE name = ?1",
                [name.trim()],
                |r| r.get(0),
            )
            .optional()?;
        let json = json.ok_or_else(|| {
            StoreError::Coded(Message::new("mapping.not_found").with("name", name.trim()))
        })?;
        serde_json::from_str(&json).map_err(|e| StoreError::Refused(e.to_string()))
    }

    /// Names of the saved mappings, sorted.
    pub fn mapping_names(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM import_mapping ORDER BY name")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
