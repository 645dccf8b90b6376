//! Which column holds which customer field: recognised from the header by the
//! names people really write (shared/GLOSSARY.md, "headers seen in files"),
//! changed by hand, saved under a name and reused.

use std::collections::BTreeMap;

use serde::Serialize;

mod synonyms;

use synonyms::{DIMENSION_SYNONYMS, FIELD_SYNONYMS};

use crate::domain::Lang;
use crate::domain::classification::Catalog;
use crate::domain::field::Field;
use crate::domain::names::half_width;
use crate::store::SavedMapping;

/// Where a column's values go.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Field(Field),
    /// A classification dimension, by code.
    Dimension(String),
    Ignore,
}

impl Target {
    /// The key used in field values and saved mappings ("" for ignore).
    pub fn key(&self) -> &str {
        match self {
            Target::Field(f) => f.key(),
            Target::Dimension(code) => code,
            Target::Ignore => "",
        }
    }

    pub fn label(&self, lang: Lang, catalog: &Catalog) -> String {
        match self {
            Target::Field(f) => f.label(lang).to_string(),
            Target::Dimension(code) => catalog
                .dimension(code)
                .map_or_else(|| code.clone(), |d| d.label(lang).to_string()),
            Target::Ignore => match lang {
                Lang::En => "(ignored)".into(),
                Lang::Zh => "（不导入）".into(),
            },
        }
    }
}

impl Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// Header text reduced to what identifies it: half-width, lower case, no
/// spaces, no required-markers (*), no bracketed notes ("账期(天)", "信用额度（元）").
pub fn normalize_header(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars().map(half_width) {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '*' | '※' | ':' | '：' | '.' | '_' => {}
            c if c.is_whitespace() => {}
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// The target a header names, if it is one we know.
pub fn recognise(header: &str, catalog: &Catalog) -> Option<Target> {
    let key = normalize_header(header);
    if key.is_empty() {
        return None;
    }
    let same = |candidate: &str| normalize_header(candidate) == key;
    for field in Field::ALL {
        if same(field.key()) || same(field.label(Lang::Zh)) || same(field.label(Lang::En)) {
            return Some(Target::Field(*field));
        }
    }
    for (field, synonyms) in FIELD_SYNONYMS {
        if synonyms.iter().any(|s| same(s)) {
            return Some(Target::Field(*field));
        }
    }
    for dim in &catalog.dimensions {
        if same(&dim.code) || same(&dim.name_zh) || same(&dim.name_en) {
            return Some(Target::Dimension(dim.code.clone()));
        }
    }
    DIMENSION_SYNONYMS
        .iter()
        .filter(|(code, _)| catalog.dimension(code).is_some())
        .find(|(_, synonyms)| synonyms.iter().any(|s| same(s)))
        .map(|(code, _)| Target::Dimension((*code).to_string()))
}

/// The position of `header` among `headers`: exact, else normalised.
pub fn header_position(headers: &[String], header: &str) -> Option<usize> {
    let header = header.trim();
    headers.iter().position(|h| h.trim() == header).or_else(|| {
        let key = normalize_header(header);
        headers.iter().position(|h| normalize_header(h) == key)
    })
}

/// A target typed by the user: a field key or label, a dimension, or
/// `ignore` / `-` / nothing.
pub fn parse_target(text: &str, catalog: &Catalog) -> Option<Target> {
    let t = text.trim();
    if t.is_empty() || t == "-" || t.eq_ignore_ascii_case("ignore") || t == "不导入" {
        return Some(Target::Ignore);
    }
    recognise(t, catalog)
}

/// The `Header=target` pairs of a `--map` spec, split at commas (full-width too).
pub fn spec_pairs(spec: &str) -> impl Iterator<Item = Result<(&str, &str), MappingError>> {
    spec.split([',', '，'])
        .filter(|p| !p.trim().is_empty())
        .map(|pair| {
            pair.split_once('=')
                .ok_or_else(|| MappingError::Syntax(pair.trim().to_string()))
        })
}

/// One target per column of the header row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mapping {
    pub headers: Vec<String>,
    pub targets: Vec<Target>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("“{0}” should be Header=field, e.g. 公司名称=name")]
    Syntax(String),
    #[error("no column is headed “{0}”; the headers are: {1}")]
    NoColumn(String, String),
    #[error("“{0}” is not a customer field or classification dimension")]
    NoTarget(String),
    #[error("columns “{0}” and “{1}” both go to {2}: ignore one of them")]
    Twice(String, String, String),
    #[error("no column holds the customer name: map one with --map 'Header=name'")]
    NoName,
    /// A ledger file: no column for a required field (named).
    #[error("no column holds {0}: map one with --map 'Header={1}'")]
    Missing(&'static str, &'static str),
}

impl Mapping {
    /// Every column mapped from its header; a target claimed by an earlier
    /// column leaves later ones ignored.
    pub fn auto(headers: &[String], catalog: &Catalog) -> Mapping {
        let mut targets: Vec<Target> = Vec::with_capacity(headers.len());
        for header in headers {
            let target = recognise(header, catalog)
                .filter(|t| !targets.contains(t))
                .unwrap_or(Target::Ignore);
            targets.push(target);
        }
        Mapping {
            headers: headers.to_vec(),
            targets,
        }
    }

    /// Sets column `col` to `target`, taking it from any other column that had it.
    pub fn set(&mut self, col: usize, target: Target) {
        if target != Target::Ignore {
            for t in self.targets.iter_mut().filter(|t| **t == target) {
                *t = Target::Ignore;
            }
        }
        if let Some(slot) = self.targets.get_mut(col) {
            *slot = target;
        }
    }

    /// The column whose header is `header` (exact, else normalised).
    pub fn column(&self, header: &str) -> Option<usize> {
        header_position(&self.headers, header)
    }

    /// Lays a saved mapping over this one; headers it does not name keep their target.
    pub fn apply_saved(&mut self, saved: &SavedMapping, catalog: &Catalog) {
        for (header, key) in saved {
            if let (Some(col), Some(target)) = (self.column(header), parse_target(key, catalog)) {
                self.set(col, target);
            }
        }
    }

    /// Applies `Header=field,Header2=field2` as typed on the command line.
    pub fn apply_spec(&mut self, spec: &str, catalog: &Catalog) -> Result<(), MappingError> {
        for pair in spec_pairs(spec) {
            let (header, target) = pair?;
            let col = self.column(header).ok_or_else(|| {
                MappingError::NoColumn(header.trim().to_string(), self.headers.join(", "))
            })?;
            let target = parse_target(target, catalog)
                .ok_or_else(|| MappingError::NoTarget(target.trim().to_string()))?;
            self.set(col, target);
        }
        Ok(())
    }

    /// Header → target key for every column, to save under a name.
    pub fn to_saved(&self) -> SavedMapping {
        self.headers
            .iter()
            .zip(&self.targets)
            .filter(|(h, _)| !h.trim().is_empty())
            .map(|(h, t)| (h.trim().to_string(), t.key().to_string()))
            .collect()
    }

    /// The column that feeds `key` (a field key or dimension code).
    pub fn column_of(&self, key: &str) -> Option<usize> {
        self.targets
            .iter()
            .position(|t| t.key() == key && *t != Target::Ignore)
    }

    /// Refuses a mapping an import cannot run with.
    pub fn validate(&self) -> Result<(), MappingError> {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (col, target) in self.targets.iter().enumerate() {
            if *target == Target::Ignore {
                continue;
            }
            if let Some(first) = seen.insert(target.key(), col) {
                let header = |i: usize| self.headers.get(i).cloned().unwrap_or_default();
                return Err(MappingError::Twice(
                    header(first),
                    header(col),
                    target.key().to_string(),
                ));
            }
        }
        if self.column_of(Field::Name.key()).is_none() {
            return Err(MappingError::NoName);
        }
        Ok(())
    }

    /// How many columns go somewhere.
    pub fn mapped_count(&self) -> usize {
        self.targets
            .iter()
            .filter(|t| **t != Target::Ignore)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        use crate::domain::classification::Dimension;
        let dim = |code: &str, zh: &str, en: &str| Dimension {
            code: code.into(),
            name_zh: zh.into(),
            name_en: en.into(),
            retired: false,
            values: Vec::new(),
        };
        Catalog {
            dimensions: vec![
                dim("industry", "行业", "Industry"),
                dim("region", "地区", "Region"),
                dim("channel", "渠道", "Channel"),
            ],
        }
    }

    #[test]
    fn headers_people_write_are_recognised() {
        let c = catalog();
        let f = |h: &str| recognise(h, &c);
        assert_eq!(f("公司名称"), Some(Target::Field(Field::Name)));
        assert_eq!(f(" 客户名称* "), Some(Target::Field(Field::Name)));
        assert_eq!(f("Customer Name"), Some(Target::Field(Field::Name)));
        assert_eq!(f("纳税人识别号"), Some(Target::Field(Field::TaxId)));
        assert_eq!(f("VAT No."), Some(Target::Field(Field::TaxId)));
        assert_eq!(f("账期(天)"), Some(Target::Field(Field::PaymentDays)));
        assert_eq!(f("信用额度（元）"), Some(Target::Field(Field::CreditLimit)));
        assert_eq!(f("银行帐号"), Some(Target::Field(Field::BankAccount)));
        assert_eq!(f("Ｅ－ｍａｉｌ"), Some(Target::Field(Field::Email)));
        assert_eq!(f("tax_id"), Some(Target::Field(Field::TaxId)));
        assert_eq!(f("所属行业"), Some(Target::Dimension("industry".into())));
        assert_eq!(f("客户来源"), Some(Target::Dimension("channel".into())));
        // A dimension the catalog lacks is not offered.
        assert_eq!(f("规模"), None);
        assert_eq!(f("客户档案 2026年11月"), None);
    }

    #[test]
    fn auto_mapping_leaves_a_second_claim_ignored_and_spec_overrides() {
        let c = catalog();
        let headers: Vec<String> = ["单位名称", "公司名称", "税号", "杂项"]
            .map(String::from)
            .to_vec();
        let mut m = Mapping::auto(&headers, &c);
        assert_eq!(
            m.targets,
            vec![
                Target::Field(Field::Name),
                Target::Ignore,
                Target::Field(Field::TaxId),
                Target::Ignore
            ]
        );
        m.apply_spec("公司名称=name, 杂项=备注", &c).unwrap();
        assert_eq!(m.targets[0], Target::Ignore);
        assert_eq!(m.targets[1], Target::Field(Field::Name));
        assert_eq!(m.targets[3], Target::Field(Field::Notes));
        assert!(m.validate().is_ok());
        assert_eq!(
            m.apply_spec("无此列=name", &c),
            Err(MappingError::NoColumn(
                "无此列".into(),
                "单位名称, 公司名称, 税号, 杂项".into()
            ))
        );
        assert!(matches!(
            m.apply_spec("税号=nonsense", &c),
            Err(MappingError::NoTarget(_))
        ));
        m.set(1, Target::Ignore);
        assert_eq!(m.validate(), Err(MappingError::NoName));
    }

    #[test]
    fn saved_mappings_round_trip() {
        let c = catalog();
        let headers: Vec<String> = ["甲", "乙"].map(String::from).to_vec();
        let mut m = Mapping::auto(&headers, &c);
        m.apply_spec("甲=name,乙=region", &c).unwrap();
        let saved = m.to_saved();
        let mut again = Mapping::auto(&headers, &c);
        again.apply_saved(&saved, &c);
        assert_eq!(again, m);
    }
}
