//! Which column of a statement holds which field, recognised from the headers,
//! changed by `Header=field` specs, and saved under a name together with the
//! statement's sign convention ("their debit is our credit").

use std::collections::BTreeMap;

use thiserror::Error;

use super::fields::{StatementField, recognise};
use crate::import::mapping::{header_position, normalize_header};
use crate::reconcile::SignConvention;
use crate::store::SavedStatementMapping;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementMapping {
    pub headers: Vec<String>,
    /// One per column; `None` = ignored.
    pub targets: Vec<Option<StatementField>>,
    /// Set once per saved mapping; `None` = detect from the totals.
    pub sign: Option<SignConvention>,
    /// No date column but 月 and 日 columns (用友's 三栏式明细账): the year
    /// comes from above the header (`2026年`, the 期间 line).
    pub date_parts: Option<DateParts>,
}

/// The columns of a date split into month and day, and the year they are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateParts {
    pub month: usize,
    pub day: usize,
    /// `None` until found above the header.
    pub year: Option<i32>,
    /// A period running into the next year: months before this one are in
    /// `year + 1`.
    pub next_year_before: Option<u32>,
}

/// The headers of a date split in two columns.
pub(super) fn date_part(header: &str) -> Option<bool> {
    match normalize_header(header).as_str() {
        "月" | "月份" => Some(true),
        "日" => Some(false),
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StatementMappingError {
    #[error("“{0}” should be Header=field, e.g. 发票号=doc")]
    Syntax(String),
    #[error("no column is headed “{0}”; the headers are: {1}")]
    NoColumn(String, String),
    #[error(
        "“{0}” is not a statement field: use date, doc, description, debit, credit, amount, balance, direction or ignore"
    )]
    NoTarget(String),
    #[error("no column holds the date: map one with --map 'Header=date'")]
    NoDate,
    #[error(
        "no column holds the amounts: map 借方/贷方 with --map 'Header=debit,Header=credit' or one signed column with 'Header=amount'"
    )]
    NoAmount,
    #[error(
        "both a signed amount column and debit/credit columns are mapped: ignore one, e.g. --map 'Header=ignore'"
    )]
    AmountTwice,
}

impl StatementMapping {
    /// Every field goes to the column naming it best (the first on a tie).
    pub fn auto(headers: &[String]) -> StatementMapping {
        let mut best: BTreeMap<StatementField, (u8, usize)> = BTreeMap::new();
        for (col, header) in headers.iter().enumerate() {
            if let Some((field, rank)) = recognise(header) {
                let slot = best.entry(field).or_insert((rank, col));
                if rank < slot.0 {
                    *slot = (rank, col);
                }
            }
        }
        let mut targets = vec![None; headers.len()];
        for (field, (_, col)) in best {
            targets[col] = Some(field);
        }
        let mut mapping = StatementMapping {
            headers: headers.to_vec(),
            targets,
            sign: None,
            date_parts: None,
        };
        if mapping.column_of(StatementField::Date).is_none() {
            let month = headers.iter().position(|h| date_part(h) == Some(true));
            let day = headers.iter().position(|h| date_part(h) == Some(false));
            if let (Some(month), Some(day)) = (month, day) {
                mapping.date_parts = Some(DateParts {
                    month,
                    day,
                    year: None,
                    next_year_before: None,
                });
            }
        }
        // A signed amount column beside 借方/贷方 is usually a total: keep the pair.
        if mapping.column_of(StatementField::Amount).is_some() && mapping.has_debit_credit() {
            mapping.clear(StatementField::Amount);
        }
        mapping
    }

    fn has_debit_credit(&self) -> bool {
        self.column_of(StatementField::Debit).is_some()
            || self.column_of(StatementField::Credit).is_some()
    }

    fn clear(&mut self, field: StatementField) {
        for t in self.targets.iter_mut().filter(|t| **t == Some(field)) {
            *t = None;
        }
    }

    /// Sets column `col`, taking the field from any other column that had it.
    pub fn set(&mut self, col: usize, target: Option<StatementField>) {
        if target == Some(StatementField::Date) {
            self.date_parts = None;
        }
        if let Some(field) = target {
            self.clear(field);
        }
        if let Some(slot) = self.targets.get_mut(col) {
            *slot = target;
        }
    }

    pub fn column_of(&self, field: StatementField) -> Option<usize> {
        self.targets.iter().position(|t| *t == Some(field))
    }

    /// The column whose header is `header` (exact, else normalised).
    pub fn column(&self, header: &str) -> Option<usize> {
        header_position(&self.headers, header)
    }

    /// Lays a saved mapping over this one: its columns where the headers are
    /// found, and its sign convention.
    pub fn apply_saved(&mut self, saved: &SavedStatementMapping) {
        for (header, key) in &saved.columns {
            if let (Some(col), Ok(target)) = (self.column(header), parse_target(key)) {
                self.set(col, target);
            }
        }
        if saved.sign.is_some() {
            self.sign = saved.sign;
        }
    }

    /// Applies `Header=field,Header2=field2` as typed on the command line.
    pub fn apply_spec(&mut self, spec: &str) -> Result<(), StatementMappingError> {
        for pair in spec.split([',', '，']).filter(|p| !p.trim().is_empty()) {
            let (header, target) = pair
                .split_once('=')
                .ok_or_else(|| StatementMappingError::Syntax(pair.trim().to_string()))?;
            let col = self.column(header).ok_or_else(|| {
                StatementMappingError::NoColumn(header.trim().to_string(), self.headers.join(", "))
            })?;
            self.set(col, parse_target(target)?);
        }
        Ok(())
    }

    pub fn to_saved(&self) -> SavedStatementMapping {
        SavedStatementMapping {
            columns: self
                .headers
                .iter()
                .zip(&self.targets)
                .filter(|(h, _)| !h.trim().is_empty())
                .map(|(h, t)| (h.trim().to_string(), t.map_or("", |f| f.key()).to_string()))
                .collect(),
            sign: self.sign,
        }
    }

    /// Refuses a mapping a statement cannot be read with.
    pub fn validate(&self) -> Result<(), StatementMappingError> {
        if self.column_of(StatementField::Date).is_none() && self.date_parts.is_none() {
            return Err(StatementMappingError::NoDate);
        }
        let signed = self.column_of(StatementField::Amount).is_some();
        let balance = self.column_of(StatementField::Balance).is_some();
        match (signed, self.has_debit_credit()) {
            // 方向 + 余额 alone: each line moves the balance.
            (false, false) if balance => Ok(()),
            (false, false) => Err(StatementMappingError::NoAmount),
            (true, true) => Err(StatementMappingError::AmountTwice),
            _ => Ok(()),
        }
    }
}

/// A field key or header word, or ignore / - / nothing.
fn parse_target(text: &str) -> Result<Option<StatementField>, StatementMappingError> {
    let t = text.trim();
    if t.is_empty() || t == "-" || t.eq_ignore_ascii_case("ignore") || t == "不导入" {
        return Ok(None);
    }
    StatementField::parse(t)
        .or_else(|| recognise(t).map(|(f, _)| f))
        .map(Some)
        .ok_or_else(|| StatementMappingError::NoTarget(t.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_invoice_number_wins_over_the_voucher_number() {
        let h = headers(&[
            "日期",
            "凭证号",
            "发票号",
            "摘要",
            "借方",
            "贷方",
            "方向",
            "余额",
        ]);
        let m = StatementMapping::auto(&h);
        assert_eq!(m.column_of(StatementField::Doc), Some(2));
        assert_eq!(m.targets[1], None);
        assert_eq!(m.column_of(StatementField::Direction), Some(6));
        assert!(m.validate().is_ok());
    }

    #[test]
    fn specs_saved_mappings_and_refusals() {
        let h = headers(&["Date", "Ref", "Amount", "甲"]);
        let mut m = StatementMapping::auto(&h);
        assert!(m.validate().is_ok());
        m.apply_spec("甲=description, Ref=ignore").unwrap();
        assert_eq!(m.column_of(StatementField::Description), Some(3));
        assert_eq!(m.column_of(StatementField::Doc), None);
        m.sign = Some(SignConvention::Same);
        let saved = m.to_saved();
        let mut again = StatementMapping::auto(&h);
        again.apply_saved(&saved);
        assert_eq!(again, m);
        assert!(matches!(
            m.apply_spec("无此列=date"),
            Err(StatementMappingError::NoColumn(..))
        ));
        assert!(matches!(
            m.apply_spec("甲=nonsense"),
            Err(StatementMappingError::NoTarget(_))
        ));
        m.apply_spec("Date=ignore").unwrap();
        assert_eq!(m.validate(), Err(StatementMappingError::NoDate));
        m.apply_spec("Date=date,Amount=-").unwrap();
        assert_eq!(m.validate(), Err(StatementMappingError::NoAmount));
        m.apply_spec("Amount=amount,甲=debit").unwrap();
        assert_eq!(m.validate(), Err(StatementMappingError::AmountTwice));
    }
}
