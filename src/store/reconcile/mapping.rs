//! Saved statement mappings: the columns of one customer's statement layout
//! and which way round its debit and credit are.

use rusqlite::{OptionalExtension, params};

use super::super::{Result, Store, StoreError, now_text};
use super::{SavedStatementMapping, refused};
use crate::reconcile::SignConvention;

impl Store {
    /// Saves (or replaces) a named statement mapping.
    pub fn save_statement_mapping(
        &mut self,
        name: &str,
        saved: &SavedStatementMapping,
    ) -> Result<()> {
        self.require(crate::domain::permission::Permission::EditLedger)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(refused(
                "mapping.name",
                "A statement mapping needs a name.".into(),
                "对账单映射需要一个名称。".into(),
            ));
        }
        let json = serde_json::to_string(&saved.columns)
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO statement_mapping (name, columns, sign, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET columns = excluded.columns, sign = excluded.sign,
                 updated_at = excluded.updated_at",
            params![name, json, saved.sign.map(SignConvention::key), now_text()],
        )?;
        Ok(())
    }

    /// The statement mapping saved as `name`.
    pub fn statement_mapping(&self, name: &str) -> Result<SavedStatementMapping> {
        let found: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT columns, sign FROM statement_mapping WHERE name = ?1",
                [name.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((json, sign)) = found else {
            let names = self.statement_mapping_names()?.join(", ");
            return Err(refused(
                "mapping.not_found",
                format!(
                    "No statement mapping named “{}” (saved: {names}).",
                    name.trim()
                ),
                format!("没有名为“{}”的对账单映射（已保存：{names}）。", name.trim()),
            ));
        };
        Ok(SavedStatementMapping {
            columns: serde_json::from_str(&json).map_err(|e| StoreError::Refused(e.to_string()))?,
            sign: sign.as_deref().and_then(SignConvention::parse),
        })
    }

    /// Names of the saved statement mappings, sorted.
    pub fn statement_mapping_names(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM statement_mapping ORDER BY name")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
