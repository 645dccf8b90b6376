//! The customer fields as data: one table gives each field its key (the code
//! name in `shared/GLOSSARY.md`), its labels, its form group and how it reads
//! as text, so the CLI, the form and the importer cannot drift apart.

use std::collections::BTreeMap;

use super::customer::CustomerData;
use super::text::Lang;

/// Raw text per field key, as typed in a form, given as `--field key=value`
/// or read from a file. Classification dimensions use their code as key.
pub type FieldValues = BTreeMap<String, String>;

/// Where validation reads a record's text: `FieldValues`, or an import row's
/// mapped cells read in place (no map of copies built per row).
pub trait FieldSource {
    /// The text given for `field`, trimmed ("" when none).
    fn field(&self, field: Field) -> &str;
    /// Every non-field key given (classification dimensions, or keys that
    /// are neither) with its trimmed text, in key order.
    fn others(&self) -> impl Iterator<Item = (&str, &str)>;
}

impl FieldSource for FieldValues {
    fn field(&self, field: Field) -> &str {
        self.get(field.key()).map_or("", |s| s.trim())
    }

    fn others(&self) -> impl Iterator<Item = (&str, &str)> {
        self.iter()
            .filter(|(k, _)| Field::from_key(k).is_none())
            .map(|(k, v)| (k.as_str(), v.trim()))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Basic,
    TaxInvoice,
    Bank,
    CreditTerms,
    Notes,
}

impl Group {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Group::Basic, Lang::En) => "Basic",
            (Group::Basic, Lang::Zh) => "基本信息",
            (Group::TaxInvoice, Lang::En) => "Tax & invoice",
            (Group::TaxInvoice, Lang::Zh) => "税务与发票",
            (Group::Bank, Lang::En) => "Bank",
            (Group::Bank, Lang::Zh) => "银行",
            (Group::CreditTerms, Lang::En) => "Credit & terms",
            (Group::CreditTerms, Lang::Zh) => "信用与账期",
            (Group::Notes, Lang::En) => "Notes",
            (Group::Notes, Lang::Zh) => "备注",
        }
    }
}

macro_rules! fields {
    ($($variant:ident => $key:literal, $en:literal, $zh:literal, $group:ident;)+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field { $($variant),+ }

        impl Field {
            /// Every field, in form order.
            pub const ALL: &'static [Field] = &[$(Field::$variant),+];

            pub fn key(self) -> &'static str {
                match self { $(Field::$variant => $key),+ }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Field::$variant, Lang::En) => $en, (Field::$variant, Lang::Zh) => $zh),+
                }
            }

            pub fn group(self) -> Group {
                match self { $(Field::$variant => Group::$group),+ }
            }

            pub fn from_key(key: &str) -> Option<Field> {
                match key { $($key => Some(Field::$variant),)+ _ => None }
            }
        }
    };
}

fields! {
    Code => "code", "Code", "客户编码", Basic;
    Name => "name", "Name", "客户名称", Basic;
    ShortName => "short_name", "Short name", "简称", Basic;
    Mnemonic => "mnemonic", "Mnemonic", "助记码", Basic;
    Kind => "kind", "Kind", "客户类型", Basic;
    Status => "status", "Status", "状态", Basic;
    Contact => "contact", "Contact", "联系人", Basic;
    Phone => "phone", "Phone", "电话", Basic;
    Mobile => "mobile", "Mobile", "手机", Basic;
    Email => "email", "Email", "邮箱", Basic;
    RegisteredAddress => "registered_address", "Registered address", "注册地址", Basic;
    BusinessAddress => "business_address", "Business address", "经营地址", Basic;
    TaxId => "tax_id", "Tax ID", "税号", TaxInvoice;
    InvoiceType => "invoice_type", "Invoice type", "发票类型", TaxInvoice;
    TaxRate => "tax_rate", "Tax rate", "税率", TaxInvoice;
    BankName => "bank_name", "Bank", "开户行", Bank;
    BankAccount => "bank_account", "Bank account", "银行账号", Bank;
    Settlement => "settlement", "Settlement", "结算方式", CreditTerms;
    PaymentDays => "payment_days", "Payment days", "账期(天)", CreditTerms;
    CreditLimit => "credit_limit", "Credit limit", "信用额度", CreditTerms;
    Notes => "notes", "Notes", "备注", Notes;
}

impl Field {
    /// Fields whose value is one of a closed set (the form opens a picker).
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            Field::Kind | Field::Status | Field::InvoiceType | Field::TaxRate | Field::Settlement
        )
    }

    /// The value of this field in `data`, as the text the parser reads back.
    pub fn text_of(self, data: &CustomerData) -> String {
        match self {
            Field::Code => data.code.clone(),
            Field::Name => data.name.clone(),
            Field::ShortName => data.short_name.clone(),
            Field::Mnemonic => data.mnemonic.clone(),
            Field::Kind => data.kind.key().to_string(),
            Field::Status => data.status.key().to_string(),
            Field::Contact => data.contact.clone(),
            Field::Phone => data.phone.clone(),
            Field::Mobile => data.mobile.clone(),
            Field::Email => data.email.clone(),
            Field::RegisteredAddress => data.registered_address.clone(),
            Field::BusinessAddress => data.business_address.clone(),
            Field::TaxId => data.tax_id.clone(),
            Field::InvoiceType => data
                .invoice_type
                .map(|v| v.key().to_string())
                .unwrap_or_default(),
            Field::TaxRate => data.tax_rate.map(|v| v.to_string()).unwrap_or_default(),
            Field::BankName => data.bank_name.clone(),
            Field::BankAccount => data.bank_account.clone(),
            Field::Settlement => data
                .settlement
                .map(|v| v.key().to_string())
                .unwrap_or_default(),
            Field::PaymentDays => data.payment_days.to_string(),
            Field::CreditLimit => data.credit_limit.map(|m| m.to_string()).unwrap_or_default(),
            Field::Notes => data.notes.clone(),
        }
    }
}

/// All of `data` as field text, classification included: the inverse of
/// `validate::parse_customer`, used to apply an edit on top of a stored record.
pub fn values_of(data: &CustomerData) -> FieldValues {
    let mut values: FieldValues = Field::ALL
        .iter()
        .map(|f| (f.key().to_string(), f.text_of(data)))
        .collect();
    for (dim, value) in &data.classification {
        values.insert(dim.clone(), value.clone());
    }
    values
}
