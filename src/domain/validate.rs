//! Turns field text into a `CustomerData`, collecting every problem at once.
//! The one place where customer fields are checked: the form, the CLI and the
//! importer all come through here (the store adds the checks that need the
//! database: uniqueness and similar names).

use super::classification::Catalog;
use super::customer::{CustomerData, InvoiceType, Kind, Settlement, Status, TaxRate};
use super::field::{Field, FieldSource};
use super::mnemonic::mnemonic;
use super::money::Money;
use super::plain_text;
use super::problem::{Problem, Problems};
use super::tax_id::{self, IdKind};
use super::text::Text;

mod classification;
mod contacts;
use classification::check_classification;
use contacts::check_contacts;

/// What validation needs to know beyond the input itself.
#[derive(Clone, Debug)]
pub struct Rules<'a> {
    /// Credit limits at or above this are refused (a typo guard, 100,000,000.00 by default).
    pub credit_ceiling: Money,
    pub catalog: &'a Catalog,
    /// The stored classification when editing: a value retired since it was
    /// given stays allowed on that customer.
    pub kept_classification: Option<&'a std::collections::BTreeMap<String, String>>,
}

pub const DEFAULT_CREDIT_CEILING: Money = Money::from_fen(10_000_000_000); // 100,000,000.00 yuan
const MAX_NAME_CHARS: usize = 200;
const MAX_CODE_CHARS: usize = 20;

/// Parses and checks every field. Empty `code` and `mnemonic` mean "generate".
pub fn parse_customer(values: &impl FieldSource, rules: &Rules) -> (CustomerData, Problems) {
    parse_fields(values, rules.credit_ceiling).classify(values, rules)
}

/// A customer parsed and checked but for its classification, which needs
/// the catalog: an import does this half on its reading thread, away from
/// the catalog it adds values to as it goes (import/prepare.rs).
#[derive(Clone, Debug)]
pub struct ParsedFields {
    pub data: CustomerData,
    problems: Problems,
    /// The fields' plain-text faults: reported after the classification's
    /// problems, as `parse_customer` always listed them.
    text_faults: Problems,
}

impl ParsedFields {
    /// The classification checked against `rules` (its `credit_ceiling` is
    /// `parse_fields`' business): `parse_customer`'s result.
    pub fn classify(self, values: &impl FieldSource, rules: &Rules) -> (CustomerData, Problems) {
        let ParsedFields {
            mut data,
            problems: mut p,
            text_faults,
        } = self;
        check_classification(values, rules, &mut data, &mut p);
        p.0.extend(text_faults.0);
        plain_text::check_others(values, &mut p);
        (data, p)
    }
}

/// Every field but the classification (`values.others()` is not read).
pub fn parse_fields(values: &impl FieldSource, credit_ceiling: Money) -> ParsedFields {
    let mut p = Problems::default();
    let mut data = CustomerData::default();
    let get = |f: Field| values.field(f);

    data.name = collapse_spaces(get(Field::Name));
    if data.name.is_empty() {
        p.push(error(
            Field::Name,
            "name.required",
            "The full legal name is required (as on the business licence).",
            "客户名称必填（填写营业执照上的全称）。",
        ));
    } else if data.name.chars().count() > MAX_NAME_CHARS {
        p.push(error(
            Field::Name,
            "name.too_long",
            format!("The name is longer than {MAX_NAME_CHARS} characters."),
            format!("客户名称超过 {MAX_NAME_CHARS} 个字符。"),
        ));
    }
    data.code = get(Field::Code).to_ascii_uppercase();
    if !data.code.is_empty() && !is_valid_code(&data.code) {
        p.push(error(
            Field::Code,
            "code.format",
            format!(
                "Code “{}” may only hold letters, digits, -, _ and . (at most {MAX_CODE_CHARS}).",
                data.code
            ),
            format!(
                "编码“{}”只能包含字母、数字、-、_ 和 .（最多 {MAX_CODE_CHARS} 位）。",
                data.code
            ),
        ));
    }
    data.short_name = collapse_spaces(get(Field::ShortName));
    let typed_mnemonic = get(Field::Mnemonic);
    data.mnemonic = if typed_mnemonic.is_empty() {
        mnemonic(&data.name)
    } else {
        typed_mnemonic
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };

    data.kind = choice(get(Field::Kind), Field::Kind, Kind::parse, &mut p).unwrap_or(Kind::Company);
    data.status =
        choice(get(Field::Status), Field::Status, Status::parse, &mut p).unwrap_or(Status::Active);
    data.invoice_type = choice(
        get(Field::InvoiceType),
        Field::InvoiceType,
        InvoiceType::parse,
        &mut p,
    );
    data.settlement = choice(
        get(Field::Settlement),
        Field::Settlement,
        Settlement::parse,
        &mut p,
    );
    data.tax_rate = choice(get(Field::TaxRate), Field::TaxRate, TaxRate::parse, &mut p);

    check_tax_id(get(Field::TaxId), &mut data, &mut p);
    check_contacts(values, &mut data, &mut p);
    check_terms(
        get(Field::PaymentDays),
        get(Field::CreditLimit),
        credit_ceiling,
        &mut data,
        &mut p,
    );

    data.registered_address = collapse_spaces(get(Field::RegisteredAddress));
    data.business_address = collapse_spaces(get(Field::BusinessAddress));
    data.bank_name = collapse_spaces(get(Field::BankName));
    data.notes = get(Field::Notes).to_string();

    if data.invoice_type == Some(InvoiceType::Special) && data.tax_id.is_empty() {
        p.push(error(
            Field::TaxId,
            "tax_id.required_for_special",
            "A special VAT invoice (专票) needs the customer's tax ID.",
            "开具增值税专用发票必须填写客户税号。",
        ));
    }

    let mut text_faults = Problems::default();
    plain_text::check_fields(values, &mut text_faults);
    ParsedFields {
        data,
        problems: p,
        text_faults,
    }
}

fn check_tax_id(input: &str, data: &mut CustomerData, p: &mut Problems) {
    if input.is_empty() {
        return;
    }
    let mut check = tax_id::check(input);
    data.tax_id = std::mem::take(&mut check.normalized);
    if let Some(err) = &check.error {
        p.push(Problem::error(Field::TaxId.key(), err.code(), err.text()));
    }
    for warning in &check.warnings {
        p.push(Problem::warning(
            Field::TaxId.key(),
            warning.code(),
            warning.text(),
        ));
    }
    if !check.valid {
        return;
    }
    let mismatch = match (data.kind, check.kind) {
        (Kind::Individual, IdKind::Uscc) => Some(("an individual", "个人客户")),
        (Kind::Company | Kind::Government, IdKind::ResidentId) => {
            Some(("an organisation", "单位客户"))
        }
        _ => None,
    };
    if let Some((en, zh)) = mismatch {
        p.push(warning(
            Field::TaxId,
            "tax_id.kind_mismatch",
            format!("This looks like the wrong kind of number for {en}: check the customer kind."),
            format!("该号码类型与{zh}不符，请检查客户类型。"),
        ));
    }
}

fn check_terms(
    days: &str,
    limit: &str,
    credit_ceiling: Money,
    data: &mut CustomerData,
    p: &mut Problems,
) {
    if !days.is_empty() {
        let digits = days
            .trim_end_matches(['天', '日'])
            .trim_end_matches("days")
            .trim_end_matches("day")
            .trim();
        match digits.parse::<u16>() {
            Ok(d) if d <= 365 => data.payment_days = d,
            _ => p.push(error(
                Field::PaymentDays,
                "payment_days.range",
                format!("Payment days “{days}” must be a whole number from 0 to 365."),
                format!("账期“{days}”应为 0 到 365 之间的整数天数。"),
            )),
        }
    }
    if limit.is_empty() {
        return;
    }
    match Money::parse(limit) {
        Err(e) => p.push(Problem::error(Field::CreditLimit.key(), e.code(), e.text())),
        Ok(m) if m.is_negative() => p.push(error(
            Field::CreditLimit,
            "credit_limit.negative",
            "The credit limit cannot be negative (0 means cash only, empty means not controlled).",
            "信用额度不能为负数（0 表示现款，留空表示不控制）。",
        )),
        Ok(m) if m >= credit_ceiling => p.push(error(
            Field::CreditLimit,
            "credit_limit.ceiling",
            format!(
                "Credit limit {} is at or over the ceiling {}: check for an extra zero.",
                m.grouped(),
                credit_ceiling.grouped()
            ),
            format!(
                "信用额度 {} 达到或超过上限 {}，请检查是否多输了零。",
                m.grouped(),
                credit_ceiling.grouped()
            ),
        )),
        Ok(m) => data.credit_limit = Some(m),
    }
}

fn choice<T>(
    text: &str,
    field: Field,
    parse: fn(&str) -> Option<T>,
    p: &mut Problems,
) -> Option<T> {
    if text.is_empty() {
        return None;
    }
    let parsed = parse(text);
    if parsed.is_none() {
        p.push(error(
            field,
            "choice.invalid",
            format!(
                "“{text}” is not a valid {}.",
                field.label(super::text::Lang::En).to_lowercase()
            ),
            format!("“{text}”不是有效的{}。", field.label(super::text::Lang::Zh)),
        ));
    }
    parsed
}

/// Letters, digits, `-`, `_`, and `.` for the hierarchical codes 金蝶 KIS
/// and K/3 give customers (`01.001`).
fn is_valid_code(code: &str) -> bool {
    (1..=MAX_CODE_CHARS).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn collapse_spaces(s: &str) -> String {
    // Most cells are already collapsed: single ASCII spaces between words
    // and no byte that can start other whitespace (C0, U+0085/U+00A0 `C2`,
    // U+1680 `E1`, U+2000… `E2`, U+3000 `E3`). Those are copied as they are.
    // One pass over byte pairs, no branch per byte (a `windows(2)` search
    // for a double space and a second pass cost ~1,800 instructions a row).
    let b = s.as_bytes();
    let may_start_space = |c: u8| c < 0x20 || matches!(c, 0xc2 | 0xe1 | 0xe2 | 0xe3);
    let collapsed = match (b.first(), b.last()) {
        (Some(&first), Some(&last)) => {
            first != b' '
                && last != b' '
                && !may_start_space(last)
                && !b.iter().zip(&b[1..]).fold(false, |any, (&c, &next)| {
                    any | may_start_space(c) | (c == b' ' && next == b' ')
                })
        }
        _ => true,
    };
    if collapsed {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn error(
    field: Field,
    code: &'static str,
    en: impl Into<String>,
    zh: impl Into<String>,
) -> Problem {
    Problem::error(field.key(), code, Text::new(en, zh))
}

fn warning(
    field: Field,
    code: &'static str,
    en: impl Into<String>,
    zh: impl Into<String>,
) -> Problem {
    Problem::warning(field.key(), code, Text::new(en, zh))
}

#[cfg(test)]
mod tests;
