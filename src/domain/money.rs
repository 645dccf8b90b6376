//! Exact money: an `i64` count of fen (分, 0.01 yuan). Never floating point.
//!
//! Parsing is done in integer arithmetic so nothing is ever rounded silently;
//! `rust_decimal` is used only for rate arithmetic (tax, percentages).

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use thiserror::Error;

use super::names::half_width;
use super::text::Text;

/// An amount in integer fen (分).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a typed or imported amount was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("no amount given")]
    Empty,
    #[error("“{input}” is not an amount")]
    Invalid { input: String },
    #[error("“{input}” has more than 2 decimal places")]
    TooManyDecimals { input: String },
    #[error("“{input}” is too large")]
    TooLarge { input: String },
    /// A range `MIN..MAX` typed the wrong way round.
    #[error("“{input}” goes from the larger amount to the smaller")]
    Reversed { input: String, turned: String },
}

impl MoneyError {
    /// Stable machine code, e.g. for tests and JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            MoneyError::Empty => "money.empty",
            MoneyError::Invalid { .. } => "money.invalid",
            MoneyError::TooManyDecimals { .. } => "money.decimals",
            MoneyError::TooLarge { .. } => "money.too_large",
            MoneyError::Reversed { .. } => "money.range_reversed",
        }
    }

    /// What went wrong and how to fix it, in both UI languages.
    pub fn text(&self) -> Text {
        match self {
            MoneyError::Empty => Text::new(
                "No amount given: type an amount like 50000, 50,000.00 or 5万",
                "金额为空：请输入金额，如 50000、50,000.00 或 5万",
            ),
            MoneyError::Invalid { input } => Text::new(
                format!("“{input}” is not an amount: use digits like 50000 or 50,000.00 or 5万"),
                format!("“{input}”不是有效金额：请输入数字，如 50000、50,000.00 或 5万"),
            ),
            MoneyError::TooManyDecimals { input } => Text::new(
                format!(
                    "“{input}” has more than 2 decimal places: amounts go down to the fen (0.01), e.g. 1234.56"
                ),
                format!("“{input}”的小数超过两位：金额精确到分（0.01），如 1234.56"),
            ),
            MoneyError::TooLarge { input } => Text::new(
                format!("“{input}” is too large to record: check for extra digits"),
                format!("“{input}”金额过大，无法记录：请检查是否多输了数字"),
            ),
            MoneyError::Reversed { input, turned } => Text::new(
                format!(
                    "“{input}” is from the larger amount to the smaller: write the smaller first, {turned}"
                ),
                format!("“{input}”从大到小：请把小的金额写在前面，如 {turned}"),
            ),
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// The amount in yuan as a spreadsheet number cell (shown with
    /// `#,##0.00`): one correctly rounded division, the double nearest the
    /// exact decimal, which Excel shows exactly for any amount under 2^53
    /// fen. The only conversion of money to floating point in kehu; nothing
    /// is computed on it.
    pub fn sheet_number(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Whole yuan; `None` on overflow.
    pub fn from_yuan(yuan: i64) -> Option<Money> {
        yuan.checked_mul(100).map(Money)
    }

    /// Reads what bookkeepers type and files contain; see the module tests for the forms.
    pub fn parse(input: &str) -> Result<Money, MoneyError> {
        parse_amount(input)
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Checked total; `None` on overflow (why there is no `std::iter::Sum`).
    pub fn sum<I: IntoIterator<Item = Money>>(items: I) -> Option<Money> {
        items.into_iter().try_fold(Money::ZERO, Money::checked_add)
    }

    /// With thousands separators for display: "50,000.00", "-1,234.50".
    pub fn grouped(self) -> String {
        let abs = self.0.unsigned_abs();
        let int = (abs / 100).to_string();
        let mut out = String::with_capacity(int.len() * 4 / 3 + 5);
        if self.0 < 0 {
            out.push('-');
        }
        for (i, digit) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(digit);
        }
        out.push('.');
        push_two_digits(&mut out, abs % 100);
        out
    }

    /// `self × rate` rounded half away from zero (四舍五入) to the fen; `rate` is a
    /// fraction (13% = 0.13). `round_dp` alone would be banker's rounding.
    pub fn mul_rate_rounded(self, rate: Decimal) -> Option<Money> {
        let exact = Decimal::from(self.0).checked_mul(rate)?;
        let rounded = exact.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        i64::try_from(rounded).ok().map(Money)
    }
}

fn push_two_digits(out: &mut String, n: u64) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Plain "50000.00" / "-12.30": the storage and JSON form.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        if f.width().is_none() {
            write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
        } else {
            // Honour `{:>12}` for aligned columns.
            f.pad(&format!("{sign}{}.{:02}", abs / 100, abs % 100))
        }
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Money, MoneyError> {
        Money::parse(s)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        deserializer.deserialize_any(MoneyVisitor)
    }
}

struct MoneyVisitor;

impl de::Visitor<'_> for MoneyVisitor {
    type Value = Money;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount as a string like \"12.30\", or a whole number of yuan")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
        Money::parse(v).map_err(|e| E::custom(e.text().en))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
        Money::from_yuan(v).ok_or_else(|| E::custom(format!("{v} yuan is too large")))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
        i64::try_from(v)
            .ok()
            .and_then(Money::from_yuan)
            .ok_or_else(|| E::custom(format!("{v} yuan is too large")))
    }

    // Floats are refused on purpose: 0.1 is not exact in binary.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
        Err(E::custom(format!(
            "{v}: write amounts with decimals as strings, e.g. \"12.30\""
        )))
    }
}

/// Keeps messages short when someone pastes a whole line into an amount field.
fn shown(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix)
        .then(|| s.get(..cut))
        .flatten()
}

const CURRENCY_PREFIXES: [&str; 5] = ["¥", "￥", "rmb", "cny", "人民币"];
const CURRENCY_SUFFIXES: [&str; 4] = ["元整", "元", "rmb", "cny"];

fn parse_amount(input: &str) -> Result<Money, MoneyError> {
    let trimmed = super::trim::trim(input);
    if trimmed.is_empty() {
        return Err(MoneyError::Empty);
    }
    let invalid = || MoneyError::Invalid {
        input: shown(trimmed),
    };
    // Full-width digits, commas, brackets and signs become ASCII; ASCII
    // text (nearly every amount) is already so and is not copied.
    let normal: std::borrow::Cow<str> = if trimmed.is_ascii() {
        trimmed.into()
    } else {
        trimmed.chars().map(half_width).collect::<String>().into()
    };
    let mut t = normal.as_ref();

    // Prefixes in any sensible order: currency, one sign, or an accounting "(".
    let (mut negative, mut signed, mut paren, mut currency) = (false, false, false, false);
    loop {
        t = t.trim_start();
        if let Some(r) = (!currency)
            .then(|| CURRENCY_PREFIXES.iter().find_map(|p| strip_prefix_ci(t, p)))
            .flatten()
        {
            (t, currency) = (r, true);
        } else if let Some(r) = t.strip_prefix('-').filter(|_| !signed && !paren) {
            (t, negative, signed) = (r, true, true);
        } else if let Some(r) = t.strip_prefix('+').filter(|_| !signed && !paren) {
            (t, signed) = (r, true);
        } else if let Some(r) = t.strip_prefix('(').filter(|_| !signed && !paren) {
            (t, negative, paren) = (r, true, true);
        } else {
            break;
        }
    }
    let (mut closed, mut unit) = (false, false);
    loop {
        t = t.trim_end();
        if let Some(r) = t.strip_suffix(')').filter(|_| paren && !closed) {
            (t, closed) = (r, true);
        } else if let Some(r) = (!unit)
            .then(|| CURRENCY_SUFFIXES.iter().find_map(|s| strip_suffix_ci(t, s)))
            .flatten()
        {
            (t, unit) = (r, true);
        } else {
            break;
        }
    }
    if paren != closed {
        return Err(invalid());
    }
    // 万 / 亿 sit right after the number ("5万元"), so they are taken last.
    let (t, shift) = match (t.strip_suffix('万'), t.strip_suffix('亿')) {
        (Some(r), _) => (r.trim_end(), 4),
        (_, Some(r)) => (r.trim_end(), 8),
        _ => (t, 0),
    };

    let (int_part, frac) = match t.split_once('.') {
        Some((i, f)) => (i, f),
        None => (t, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac.is_empty()) || !all_digits(frac) {
        return Err(invalid());
    }
    if int_part.contains(',') {
        // Grouping commas only in thousands positions; "50000,00" is ambiguous.
        let mut groups = int_part.split(',');
        let first_ok = groups
            .next()
            .is_some_and(|g| (1..=3).contains(&g.len()) && all_digits(g));
        if !first_ok || !groups.all(|g| g.len() == 3 && all_digits(g)) {
            return Err(invalid());
        }
    } else if !all_digits(int_part) {
        return Err(invalid());
    }

    // value = mantissa / 10^scale; fen = value × 100 × 10^shift, which must be whole.
    let frac = frac.trim_end_matches('0');
    let exponent = 2 + shift - frac.len() as i64;
    if exponent < 0 {
        // The last kept fraction digit is non-zero, so the result has a fraction of a fen.
        return Err(MoneyError::TooManyDecimals {
            input: shown(trimmed),
        });
    }
    let too_large = || MoneyError::TooLarge {
        input: shown(trimmed),
    };
    let mut fen: u128 = 0;
    for b in int_part
        .bytes()
        .chain(frac.bytes())
        .filter(u8::is_ascii_digit)
    {
        fen = fen
            .checked_mul(10)
            .and_then(|m| m.checked_add(u128::from(b - b'0')))
            .ok_or_else(too_large)?;
    }
    for _ in 0..exponent {
        fen = fen.checked_mul(10).ok_or_else(too_large)?;
    }
    let fen = i128::try_from(fen).map_err(|_| too_large())?;
    let fen = if negative { -fen } else { fen };
    i64::try_from(fen).map(Money).map_err(|_| too_large())
}

#[cfg(test)]
mod tests;
