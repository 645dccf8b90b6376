//! Which column of a ledger file holds what: the customer (code, tax ID or
//! name), the entry's type, date, document number, amount, due date and
//! memo — recognised by the headers people write, changed with `--map`,
//! saved under a name like a customer mapping.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::Lang;
use crate::import::mapping::{MappingError, header_position, normalize_header, spec_pairs};
use crate::store::SavedMapping;

macro_rules! ledger_fields {
    ($($variant:ident => $key:literal, $en:literal, $zh:literal, [$($synonym:literal),*];)+) => {
        /// A column's meaning in a ledger file.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum LedgerField { $($variant),+ }

        impl LedgerField {
            pub const ALL: &'static [LedgerField] = &[$(LedgerField::$variant),+];

            /// The key in `--map`, saved mappings and problem fields.
            pub fn key(self) -> &'static str {
                match self { $(LedgerField::$variant => $key),+ }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((LedgerField::$variant, Lang::En) => $en, (LedgerField::$variant, Lang::Zh) => $zh),+
                }
            }

            /// Headers seen in files (shared/GLOSSARY.md), besides key and labels.
            fn synonyms(self) -> &'static [&'static str] {
                match self { $(LedgerField::$variant => &[$($synonym),*]),+ }
            }
        }
    };
}

ledger_fields! {
    CustomerCode => "customer_code", "Customer code", "客户编码",
        ["客户编号", "客户代码", "编码", "编号", "customer code", "customer id", "customer no", "code"];
    TaxId => "tax_id", "Tax ID", "税号",
        ["纳税人识别号", "统一社会信用代码", "社会信用代码", "信用代码", "识别号", "购买方税号",
         "购方税号", "购买方纳税人识别号", "tax id", "vat no", "taxpayer id"];
    CustomerName => "customer_name", "Customer name", "客户名称",
        ["客户", "客户全称", "单位名称", "公司名称", "企业名称", "购买方名称", "购方名称", "往来单位",
         "customer", "customer name", "company", "name"];
    Type => "type", "Type", "类型",
        ["单据类型", "业务类型", "类别", "entry type", "kind"];
    Date => "date", "Date", "日期",
        ["单据日期", "开票日期", "业务日期", "收款日期", "记账日期", "发生日期", "invoice date",
         "doc date"];
    DocNo => "doc_no", "Doc no.", "单据号",
        ["单号", "单据编号", "发票号", "发票号码", "凭证号", "票据号", "doc", "document no",
         "invoice no", "invoice number", "number", "no"];
    Amount => "amount", "Amount", "金额",
        ["价税合计", "含税金额", "发生额", "应收金额", "收款金额", "total", "amount incl tax"];
    DueDate => "due_date", "Due date", "到期日",
        ["到期日期", "应收日期", "付款期限", "due", "due on"];
    Memo => "memo", "Memo", "备注",
        ["摘要", "说明", "remarks", "notes", "description"];
}

impl Serialize for LedgerField {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// The field a header names, if it is one we know.
pub fn recognise(header: &str) -> Option<LedgerField> {
    let key = normalize_header(header);
    if key.is_empty() {
        return None;
    }
    let same = |candidate: &str| normalize_header(candidate) == key;
    LedgerField::ALL.iter().copied().find(|f| {
        same(f.key())
            || same(f.label(Lang::En))
            || same(f.label(Lang::Zh))
            || f.synonyms().iter().any(|s| same(s))
    })
}

/// A target typed by the user: a field, or `ignore` / `-` / nothing (`None`
/// inside); the outer `None` when it names nothing we know.
pub fn parse_target(text: &str) -> Option<Option<LedgerField>> {
    let t = text.trim();
    if t.is_empty() || t == "-" || t.eq_ignore_ascii_case("ignore") || t == "不导入" {
        return Some(None);
    }
    recognise(t).map(Some)
}

/// One target per column of the header row (`None`: ignored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LedgerMapping {
    pub headers: Vec<String>,
    pub targets: Vec<Option<LedgerField>>,
}

impl LedgerMapping {
    /// Every column mapped by its header; a field claimed by an earlier
    /// column leaves later ones ignored.
    pub fn auto(headers: &[String]) -> LedgerMapping {
        let mut targets: Vec<Option<LedgerField>> = Vec::with_capacity(headers.len());
        for header in headers {
            let target = recognise(header).filter(|f| !targets.contains(&Some(*f)));
            targets.push(target);
        }
        LedgerMapping {
            headers: headers.to_vec(),
            targets,
        }
    }

    /// Sets column `col` to `target`, taking it from any other column that had it.
    pub fn set(&mut self, col: usize, target: Option<LedgerField>) {
        if target.is_some() {
            for t in self.targets.iter_mut().filter(|t| **t == target) {
                *t = None;
            }
        }
        if let Some(slot) = self.targets.get_mut(col) {
            *slot = target;
        }
    }

    fn column(&self, header: &str) -> Option<usize> {
        header_position(&self.headers, header)
    }

    /// Applies `Header=field,Header2=field2` as typed on the command line.
    pub fn apply_spec(&mut self, spec: &str) -> Result<(), MappingError> {
        for pair in spec_pairs(spec) {
            let (header, target) = pair?;
            let col = self.column(header).ok_or_else(|| {
                MappingError::NoColumn(header.trim().to_string(), self.headers.join(", "))
            })?;
            let target = parse_target(target)
                .ok_or_else(|| MappingError::NoTarget(target.trim().to_string()))?;
            self.set(col, target);
        }
        Ok(())
    }

    /// Lays a saved mapping over this one; headers it does not name keep theirs.
    pub fn apply_saved(&mut self, saved: &SavedMapping) {
        for (header, key) in saved {
            if let (Some(col), Some(target)) = (self.column(header), parse_target(key)) {
                self.set(col, target);
            }
        }
    }

    /// Header → field key for every column ("" = ignored), to save under a name.
    pub fn to_saved(&self) -> SavedMapping {
        self.headers
            .iter()
            .zip(&self.targets)
            .filter(|(h, _)| !h.trim().is_empty())
            .map(|(h, t)| (h.trim().to_string(), t.map_or("", |f| f.key()).to_string()))
            .collect()
    }

    /// The column that holds `field`.
    pub fn column_of(&self, field: LedgerField) -> Option<usize> {
        self.targets.iter().position(|t| *t == Some(field))
    }

    /// Refuses a mapping an import cannot run with. `has_default_type`: every
    /// row's type can come from `--entry-type`.
    pub fn validate(&self, has_default_type: bool) -> Result<(), MappingError> {
        let mut seen: BTreeMap<LedgerField, usize> = BTreeMap::new();
        for (col, target) in self.targets.iter().enumerate() {
            let Some(field) = target else { continue };
            if let Some(first) = seen.insert(*field, col) {
                let header = |i: usize| self.headers.get(i).cloned().unwrap_or_default();
                return Err(MappingError::Twice(
                    header(first),
                    header(col),
                    field.key().to_string(),
                ));
            }
        }
        use LedgerField as F;
        if [F::CustomerCode, F::TaxId, F::CustomerName]
            .iter()
            .all(|f| self.column_of(*f).is_none())
        {
            return Err(MappingError::Missing(
                "the customer (its code, tax ID or name)",
                "customer_code",
            ));
        }
        if !has_default_type && self.column_of(F::Type).is_none() {
            return Err(MappingError::Missing(
                "the entry type (or give every row's type with --entry-type)",
                "type",
            ));
        }
        for (field, what) in [
            (F::Date, "the date"),
            (F::DocNo, "the document number"),
            (F::Amount, "the amount"),
        ] {
            if self.column_of(field).is_none() {
                return Err(MappingError::Missing(what, field.key()));
            }
        }
        Ok(())
    }

    /// "客户编码 → customer_code, 杂项 → (ignored)", for the summary.
    pub fn describe(&self) -> Vec<String> {
        self.headers
            .iter()
            .zip(&self.targets)
            .map(|(h, t)| format!("{h} → {}", t.map_or("(ignored)", |f| f.key())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn headers_people_write_are_recognised() {
        use LedgerField as F;
        assert_eq!(recognise("客户编码"), Some(F::CustomerCode));
        assert_eq!(recognise("纳税人识别号"), Some(F::TaxId));
        assert_eq!(recognise("客户名称*"), Some(F::CustomerName));
        assert_eq!(recognise("购买方名称"), Some(F::CustomerName));
        assert_eq!(recognise("单据类型"), Some(F::Type));
        assert_eq!(recognise("开票日期"), Some(F::Date));
        assert_eq!(recognise("发票号码"), Some(F::DocNo));
        assert_eq!(recognise("Invoice No."), Some(F::DocNo));
        assert_eq!(recognise("金额（元）"), Some(F::Amount));
        assert_eq!(recognise("价税合计"), Some(F::Amount));
        assert_eq!(recognise("到期日"), Some(F::DueDate));
        assert_eq!(recognise("摘要"), Some(F::Memo));
        assert_eq!(recognise("经办人"), None);
    }

    #[test]
    fn auto_mapping_validation_and_spec() {
        let h = headers(&["客户编码", "客户名称", "日期", "发票号", "金额", "经办人"]);
        let mut m = LedgerMapping::auto(&h);
        assert_eq!(m.targets[5], None);
        // No type column: only with --entry-type.
        assert!(matches!(
            m.validate(false),
            Err(MappingError::Missing(_, "type"))
        ));
        assert!(m.validate(true).is_ok());
        m.apply_spec("经办人=类型").unwrap();
        assert_eq!(m.targets[5], Some(LedgerField::Type));
        assert!(m.validate(false).is_ok());
        m.apply_spec("日期=ignore").unwrap();
        assert!(matches!(
            m.validate(false),
            Err(MappingError::Missing(_, "date"))
        ));
        assert!(matches!(
            m.apply_spec("日期=颜色"),
            Err(MappingError::NoTarget(_))
        ));
        let saved = m.to_saved();
        let mut again = LedgerMapping::auto(&h);
        again.apply_saved(&saved);
        assert_eq!(again, m);
    }
}
