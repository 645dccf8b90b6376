//! The customer record and its closed-choice fields.

use std::collections::BTreeMap;

use serde::Serialize;

use super::money::Money;
use super::text::Lang;

/// Whether `wanted` (lower case, no spaces) is `label` lower-cased without
/// its spaces. Compared as it goes: choices are parsed for every imported
/// row, and building the lowered label allocated twice per variant.
fn same_label(wanted: &str, label: &str) -> bool {
    label
        .chars()
        .filter(|c| *c != ' ')
        .flat_map(char::to_lowercase)
        .eq(wanted.chars())
}

/// Declares a closed set of choices with a stable storage key, labels in both
/// languages and the extra words people type for it (专票, 普票…).
macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $key:literal, $en:literal, $zh:literal, [$($alias:literal),*];)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The key stored in the database and shown in JSON.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::En) => $en, ($name::$variant, Lang::Zh) => $zh),+
                }
            }

            /// The short names people type for it (专票, 普票…).
            pub fn aliases(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($alias),*]),+ }
            }

            /// Accepts the key, either label or a known alias, ignoring case and spaces.
            pub fn parse(text: &str) -> Option<$name> {
                // Most cells are a key as it is ("special"): no copy then.
                let plain = text.bytes().all(|b| matches!(b, b'!'..=b'~') && !b.is_ascii_uppercase());
                let wanted: std::borrow::Cow<str> = if plain {
                    text.into()
                } else {
                    text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase().into()
                };
                let wanted = wanted.as_ref();
                $(
                    if wanted == $key
                        || same_label(&wanted, $en)
                        || wanted == $zh
                        $(|| wanted == $alias)* {
                        return Some($name::$variant);
                    }
                )+
                None
            }
        }
    };
}

choice_enum! {
    /// 客户类型
    Kind {
        Company => "company", "Company", "企业", ["公司", "单位", "企业客户"];
        Individual => "individual", "Individual", "个人", ["自然人", "个人客户", "person"];
        Government => "government", "Government", "政府/事业单位", ["政府", "事业单位", "机关", "gov"];
        Other => "other", "Other", "其他", ["其它"];
    }
}

choice_enum! {
    /// 发票类型
    InvoiceType {
        Special => "special", "Special VAT invoice", "增值税专用发票", ["专票", "专用发票", "vat special", "special vat"];
        General => "general", "General VAT invoice", "增值税普通发票", ["普票", "普通发票", "general vat"];
        Electronic => "electronic", "E-invoice", "电子发票", ["电票", "全电发票", "数电发票", "e-invoice", "einvoice"];
    }
}

choice_enum! {
    /// 结算方式
    Settlement {
        Cash => "cash", "Cash", "现金", ["现款"];
        BankTransfer => "bank_transfer", "Bank transfer", "转账", ["银行转账", "汇款", "电汇", "transfer"];
        Credit => "credit", "On credit", "赊销", ["月结", "挂账"];
        BillOfExchange => "bill_of_exchange", "Bill of exchange", "承兑汇票", ["汇票", "承兑", "银行承兑汇票", "商业承兑汇票", "bill"];
        Other => "other", "Other", "其他", ["其它"];
    }
}

choice_enum! {
    /// 状态: archived customers keep their history but leave the working lists.
    Status {
        Active => "active", "Active", "正常", ["启用", "有效"];
        OnHold => "on_hold", "On hold", "停用", ["冻结", "暂停", "onhold", "hold"];
        Archived => "archived", "Archived", "归档", ["已归档", "archive"];
        PendingReview => "pending_review", "Pending review", "待审核", ["待审", "审核中", "pending"];
    }
}

/// VAT rate in whole percent; only the rates in force in China are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaxRate(u8);

impl TaxRate {
    pub const ALLOWED: [u8; 7] = [13, 9, 6, 5, 3, 1, 0];

    pub fn new(percent: u8) -> Option<TaxRate> {
        Self::ALLOWED.contains(&percent).then_some(TaxRate(percent))
    }

    pub fn percent(self) -> u8 {
        self.0
    }

    pub fn all() -> impl Iterator<Item = TaxRate> {
        Self::ALLOWED.iter().map(|p| TaxRate(*p))
    }

    /// Accepts `13%`, `13`, `0.13`, `１３％`, `免税` (0).
    pub fn parse(text: &str) -> Option<TaxRate> {
        // Printable ASCII ("13%", nearly every cell) has nothing to map or
        // drop: not copied.
        let t: std::borrow::Cow<str> = if text.bytes().all(|b| b.is_ascii_graphic()) {
            text.into()
        } else {
            text.trim()
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    '％' => '%',
                    '．' => '.',
                    _ => c,
                })
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .into()
        };
        let t = t.as_ref();
        if t == "免税" || t == "零税率" {
            return TaxRate::new(0);
        }
        let number = t.strip_suffix('%').unwrap_or(t);
        if let Ok(p) = number.parse::<u8>() {
            return TaxRate::new(p);
        }
        // A fraction such as 0.13 or 0.09: compare as text to avoid floating point.
        let frac = number.strip_prefix("0.")?;
        let padded = format!("{frac:0<2}");
        if padded.len() != 2 || !t.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        TaxRate::new(padded.parse().ok()?)
    }
}

impl std::fmt::Display for TaxRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", self.0)
    }
}

impl Serialize for TaxRate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A customer code as stored and looked up: trimmed, upper case. The
/// text itself when it is so already, as codes nearly always are (a ledger
/// file names a customer on every row: no copy per row).
pub fn code_key(code: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = code.trim();
    if trimmed.bytes().any(|b| b.is_ascii_lowercase()) {
        trimmed.to_ascii_uppercase().into()
    } else {
        trimmed.into()
    }
}

/// Everything a bookkeeper keys in about one customer, typed and validated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CustomerData {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub mnemonic: String,
    pub kind: Kind,
    pub tax_id: String,
    pub contact: String,
    pub phone: String,
    pub mobile: String,
    pub email: String,
    pub registered_address: String,
    pub business_address: String,
    pub bank_name: String,
    pub bank_account: String,
    pub invoice_type: Option<InvoiceType>,
    pub tax_rate: Option<TaxRate>,
    pub settlement: Option<Settlement>,
    pub payment_days: u16,
    /// `None`: not controlled (不控制); 0: cash only (现款).
    pub credit_limit: Option<Money>,
    pub status: Status,
    pub notes: String,
    /// Dimension code → value name (行业 → 制造业).
    pub classification: BTreeMap<String, String>,
}

impl Default for CustomerData {
    fn default() -> Self {
        CustomerData {
            code: String::new(),
            name: String::new(),
            short_name: String::new(),
            mnemonic: String::new(),
            kind: Kind::Company,
            tax_id: String::new(),
            contact: String::new(),
            phone: String::new(),
            mobile: String::new(),
            email: String::new(),
            registered_address: String::new(),
            business_address: String::new(),
            bank_name: String::new(),
            bank_account: String::new(),
            invoice_type: None,
            tax_rate: None,
            settlement: None,
            payment_days: 0,
            credit_limit: None,
            status: Status::Active,
            notes: String::new(),
            classification: BTreeMap::new(),
        }
    }
}

/// A stored customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Customer {
    #[serde(skip)]
    pub id: i64,
    #[serde(flatten)]
    pub data: CustomerData,
    pub created_at: String,
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Printable ASCII skips the copy: each rate parses as its full-width
    /// twin (which takes the copying path) and as itself with spaces around.
    #[test]
    fn ascii_tax_rates_parse_as_their_full_width_twins() {
        let mut parsed = 0;
        for text in [
            "13%", "9", "0.06", "0.09", "6%", "0.1", "0.13%", "3.0", "14%", "x", "%", "0.",
        ] {
            let twin: String = text
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
                    '%' => '％',
                    '.' => '．',
                    _ => c,
                })
                .collect();
            let spaced = format!(" {text} ");
            let want = TaxRate::parse(&twin);
            assert_eq!(TaxRate::parse(text), want, "{text}");
            assert_eq!(TaxRate::parse(&spaced), want, "{text}");
            parsed += usize::from(want.is_some());
        }
        assert!(parsed >= 5, "{parsed}");
    }

    #[test]
    fn a_code_is_looked_up_as_stored_and_copied_only_when_it_is_not() {
        use std::borrow::Cow;
        assert!(matches!(code_key("C00042"), Cow::Borrowed("C00042")));
        assert!(matches!(code_key(" C00042\t"), Cow::Borrowed("C00042")));
        assert_eq!(code_key(" c00042a "), "C00042A");
        assert!(matches!(code_key("c1"), Cow::Owned(_)));
        assert_eq!(code_key("客户a1"), "客户A1");
    }

    #[test]
    fn a_choice_is_read_from_its_key_either_label_or_an_alias_in_any_case() {
        for text in [
            "bank_transfer",
            "Bank transfer",
            "BANK TRANSFER",
            "banktransfer",
            "bank\u{b}transfer",
            "转账",
            "电汇",
        ] {
            assert_eq!(
                Settlement::parse(text),
                Some(Settlement::BankTransfer),
                "{text}"
            );
        }
        assert_eq!(Settlement::parse("On Credit"), Some(Settlement::Credit));
        assert_eq!(Kind::parse(" 企业 "), Some(Kind::Company));
        for text in ["bank", "transfers", "on", ""] {
            assert_eq!(Settlement::parse(text), None, "{text}");
        }
    }
}
