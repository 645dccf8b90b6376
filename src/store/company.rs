//! Our company's details, kept as `company.*` rows of the `setting` table
//! (one record, no table of its own). Changing them is a settings change:
//! guarded by `ManageSettings` and recorded in the control trail.

use rusqlite::{OptionalExtension, params};

use super::control::{Event, record_event};
use super::{Result, Store, StoreError};
use crate::domain::company::{Company, KEYS, parse_company};
use crate::domain::field::FieldValues;
use crate::domain::permission::Permission;

const PREFIX: &str = "company.";

impl Store {
    /// Our company as last saved (all empty when never set).
    pub fn company(&self) -> Result<Company> {
        let values = self.company_values()?;
        // Stored values were checked when saved; read them back as they are
        // rather than refusing to show a record a newer rule would question.
        let (company, _) = parse_company(&values);
        Ok(company)
    }

    /// Applies `changes` (keys from `company::KEYS`; an empty value clears a
    /// field) over the saved record, checks the result like a customer and
    /// saves it in one transaction. Returns the saved company.
    pub fn set_company(&mut self, changes: &FieldValues) -> Result<Company> {
        self.require(Permission::ManageSettings)?;
        let mut values = self.company_values()?;
        for (key, value) in changes {
            values.insert(key.clone(), value.clone());
        }
        let (company, problems) = parse_company(&values);
        if problems.has_errors() {
            return Err(StoreError::Invalid(problems));
        }
        let tx = self.conn.transaction()?;
        let mut changed = Vec::new();
        for (key, _) in KEYS {
            let value = company.get(key);
            let old: Option<String> = tx
                .query_row(
                    "SELECT value FROM setting WHERE key = ?1",
                    [format!("{PREFIX}{key}")],
                    |r| r.get(0),
                )
                .optional()?;
            if old.as_deref().unwrap_or("") == value {
                continue;
            }
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![format!("{PREFIX}{key}"), value],
            )?;
            changed.push(format!("{key}={value}"));
        }
        if !changed.is_empty() {
            let detail = changed.join("; ");
            record_event(
                &tx,
                &Event {
                    action: "setting",
                    operator: &self.operator,
                    customer: None,
                    subject: "company",
                    detail: Some(&detail),
                },
            )?;
        }
        tx.commit()?;
        Ok(company)
    }

    fn company_values(&self) -> Result<FieldValues> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, value FROM setting WHERE key LIKE 'company.%'")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut values = FieldValues::new();
        for row in rows {
            let (key, value) = row?;
            if let Some(key) = key.strip_prefix(PREFIX) {
                values.insert(key.to_string(), value);
            }
        }
        Ok(values)
    }
}
