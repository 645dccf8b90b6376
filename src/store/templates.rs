//! Templates: named presets of field values ("VIP wholesale": credit 200000, 60 days, 专票 13%).

use crate::messages::Message;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Result, Store, StoreError, now_text};
use crate::domain::field::FieldValues;
use crate::domain::validate::{Rules, parse_customer};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Template {
    pub name: String,
    pub fields: FieldValues,
}

impl Store {
    /// Saves (or replaces) a template after checking the values it holds
    /// (a template has no name, and may leave out fields others depend on).
    pub fn save_template(&mut self, name: &str, fields: &FieldValues) -> Result<()> {
        self.require(crate::domain::permission::Permission::EditCustomers)?;
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Coded(Message::new("template.needs_name")));
        }
        let catalog = self.catalog()?;
        let rules = Rules {
            credit_ceiling: self.credit_ceiling()?,
            catalog: &catalog,
            kept_classification: None,
        };
        let mut probe = fields.clone();
        probe.insert("name".into(), "template".into());
        let (_, problems) = parse_customer(&probe, &rules);
        let problems = crate::domain::Problems(
            problems
                .0
                .into_iter()
                .filter(|p| p.is_error() && fields.contains_key(&p.field))
                .collect(),
        );
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let json = serde_json::to_string(fields).map_err(|e| StoreError::Refused(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO template (name, fields, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at",
            params![name, json, now_text()],
        )?;
        Ok(())
    }

    pub fn template(&self, name: &str) -> Result<Template> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT fields FROM template WHERE name = ?1",
                [name.trim()],
                |row| row.get(0),
            )
            .optional()?;
        let json = json.ok_or_else(|| StoreError::NoTemplate(name.to_string()))?;
        let fields = serde_json::from_str(&json).map_err(|e| StoreError::Refused(e.to_string()))?;
        Ok(Template {
            name: name.trim().to_string(),
            fields,
        })
    }

    pub fn templates(&self) -> Result<Vec<Template>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, fields FROM template ORDER BY name")?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (name, json) = row?;
            let fields =
                serde_json::from_str(&json).map_err(|e| StoreError::Refused(e.to_string()))?;
            out.push(Template { name, fields });
        }
        Ok(out)
    }

    pub fn delete_template(&mut self, name: &str) -> Result<()> {
        self.require(crate::domain::permission::Permission::EditCustomers)?;
        if self
            .conn
            .execute("DELETE FROM template WHERE name = ?1", [name.trim()])?
            == 0
        {
            return Err(StoreError::NoTemplate(name.to_string()));
        }
        Ok(())
    }
}
