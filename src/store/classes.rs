//! Grouping and filtering customers by a classification dimension — one the
//! user defined (行业, 地区 …) or activity (活跃度), computed from the ledger.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::{Result, Store, StoreError};
use crate::domain::Lang;
use crate::domain::activity::Activity;
use crate::domain::date::from_iso;
use crate::messages::Message;

/// A dimension to group or filter by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClassBy {
    Dimension {
        #[serde(skip)]
        id: i64,
        code: String,
        name_zh: String,
        name_en: String,
    },
    Activity,
}

impl ClassBy {
    pub fn label(&self, lang: Lang) -> &str {
        match (self, lang) {
            (ClassBy::Dimension { name_en, .. }, Lang::En) => name_en,
            (ClassBy::Dimension { name_zh, .. }, Lang::Zh) => name_zh,
            (ClassBy::Activity, lang) => Activity::dimension_label(lang),
        }
    }

    pub fn code(&self) -> &str {
        match self {
            ClassBy::Dimension { code, .. } => code,
            ClassBy::Activity => crate::domain::activity::CODE,
        }
    }
}

/// One value of a dimension, as a customer holds it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum ClassValue {
    /// A user-defined value, with its place in the dimension's list.
    Named {
        #[serde(skip)]
        position: i64,
        #[serde(skip)]
        id: i64,
        name: String,
    },
    Activity(Activity),
    /// The customer holds no value in this dimension.
    #[serde(serialize_with = "unclassified")]
    None,
}

fn unclassified<S: serde::Serializer>(s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_none()
}

impl ClassValue {
    pub fn label(&self, lang: Lang) -> String {
        match self {
            ClassValue::Named { name, .. } => name.clone(),
            ClassValue::Activity(a) => a.label(lang).to_string(),
            ClassValue::None => Message::new("class.none").text(lang),
        }
    }
}

impl Store {
    /// Finds a dimension by code or either name; `activity` / `活跃度` is the
    /// computed one. Unknown: `class.unknown_dimension`, naming the known ones.
    pub fn class_by(&self, key: &str) -> Result<ClassBy> {
        if Activity::is_dimension(key) {
            return Ok(ClassBy::Activity);
        }
        let key = key.trim();
        let found = self
            .conn
            .query_row(
                "SELECT id, code, name_zh, name_en FROM dimension
                 WHERE code = ?1 OR name_zh = ?1 OR lower(name_en) = lower(?1)",
                [key],
                |r| {
                    Ok(ClassBy::Dimension {
                        id: r.get(0)?,
                        code: r.get(1)?,
                        name_zh: r.get(2)?,
                        name_en: r.get(3)?,
                    })
                },
            )
            .optional()?;
        match found {
            Some(by) => Ok(by),
            None => {
                let mut stmt = self
                    .conn
                    .prepare("SELECT code FROM dimension ORDER BY position, id")?;
                let mut known = stmt
                    .query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                known.push(crate::domain::activity::CODE.to_string());
                Err(StoreError::Coded(
                    Message::new("class.unknown_dimension")
                        .with("dimension", key)
                        .with("known", known.join(", ")),
                ))
            }
        }
    }

    /// Parses a value of `by` (`制造业`, `dormant`, `休眠`); unknown:
    /// `class.unknown_value`, naming the values there are.
    pub fn class_value(&self, by: &ClassBy, text: &str) -> Result<ClassValue> {
        let text = text.trim();
        let values = self.class_values(by)?;
        let hit = values.iter().find(|v| match v {
            ClassValue::Named { name, .. } => name == text,
            ClassValue::Activity(a) => Activity::parse(text) == Some(*a),
            ClassValue::None => false,
        });
        match hit {
            Some(v) => Ok(v.clone()),
            None => Err(StoreError::Coded(
                Message::new("class.unknown_value")
                    .with("dimension", by.code())
                    .with("value", text)
                    .with(
                        "known",
                        values
                            .iter()
                            .map(|v| match v {
                                ClassValue::Activity(a) => a.key().to_string(),
                                other => other.label(Lang::Zh),
                            })
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
            )),
        }
    }

    /// `DIM=VALUE` (`行业=制造业`, `activity=dormant`) as a dimension and
    /// one of its values; without `=`: `class.filter_form`.
    pub fn class_filter(&self, text: &str) -> Result<(ClassBy, ClassValue)> {
        let Some((dim, value)) = text.split_once('=') else {
            return Err(StoreError::Coded(
                Message::new("class.filter_form").with("given", text),
            ));
        };
        let by = self.class_by(dim)?;
        let value = self.class_value(&by, value)?;
        Ok((by, value))
    }

    /// Every value of `by`, in the dimension's order (retired ones too).
    pub fn class_values(&self, by: &ClassBy) -> Result<Vec<ClassValue>> {
        match by {
            ClassBy::Activity => Ok(Activity::ALL
                .into_iter()
                .map(ClassValue::Activity)
                .collect()),
            ClassBy::Dimension { id, .. } => {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT position, id, name FROM dimension_value
                     WHERE dimension_id = ?1 ORDER BY position, id",
                )?;
                let values = stmt
                    .query_map([id], |r| {
                        Ok(ClassValue::Named {
                            position: r.get(0)?,
                            id: r.get(1)?,
                            name: r.get(2)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(values)
            }
        }
    }

    /// Each customer's value of `by` (customers without one are left out).
    /// Activity is as of `today`.
    pub fn class_of_customers(
        &self,
        by: &ClassBy,
        today: NaiveDate,
    ) -> Result<HashMap<i64, ClassValue>> {
        match by {
            ClassBy::Activity => Ok(self
                .activity_of_customers(today)?
                .into_iter()
                .map(|(id, a)| (id, ClassValue::Activity(a)))
                .collect()),
            ClassBy::Dimension { id, .. } => {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT cc.customer_id, v.position, v.id, v.name FROM customer_class cc
                     JOIN dimension_value v ON v.id = cc.value_id WHERE cc.dimension_id = ?1",
                )?;
                let rows = stmt.query_map([id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        ClassValue::Named {
                            position: r.get(1)?,
                            id: r.get(2)?,
                            name: r.get(3)?,
                        },
                    ))
                })?;
                Ok(rows.collect::<rusqlite::Result<_>>()?)
            }
        }
    }

    /// Every customer's activity as of `today`, from the date of its last
    /// invoice: the end of its invoices' range in `ledger_entry_customer_kind`,
    /// one probe per customer.
    pub fn activity_of_customers(&self, today: NaiveDate) -> Result<HashMap<i64, Activity>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, (SELECT MAX(e.entry_date) FROM ledger_entry e
                           WHERE e.customer_id = c.id AND e.kind = 'invoice')
             FROM customer c",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            let last: Option<String> = r.get(1)?;
            let last = last.as_deref().and_then(from_iso);
            out.insert(r.get(0)?, Activity::of(last, today));
        }
        Ok(out)
    }
}
