//! Chinese tax and identity numbers: 统一社会信用代码 (USCC, GB 32100-2015),
//! legacy 15/20-character taxpayer numbers and 居民身份证号码 (GB 11643-1999).
//! Spec and worked examples: `shared/ID-SPECS.md`.

mod resident;

use serde::Serialize;

use super::problem::{Problem, Problems};
use super::text::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    Uscc,
    LegacyTaxId,
    ResidentId,
    Unknown,
}

/// Result of checking one ID: for the CLI `kehu check-id` (JSON keys input,
/// normalized, kind, valid, reason) and for validation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IdCheck {
    pub input: String,
    pub normalized: String,
    pub kind: IdKind,
    pub valid: bool,
    /// English sentence saying which check failed (or a warning); empty when valid with nothing to say.
    pub reason: String,
    /// Why invalid.
    #[serde(skip)]
    pub error: Option<IdError>,
    /// Valid but worth a look.
    #[serde(skip)]
    pub warnings: Vec<IdWarning>,
}

impl IdCheck {
    /// The error (if any) and warnings as problems on `field`.
    pub fn problems(&self, field: &str) -> Problems {
        let mut problems = Problems::default();
        if let Some(e) = &self.error {
            problems.push(Problem::error(field, e.code(), e.text()));
        }
        for w in &self.warnings {
            problems.push(Problem::warning(field, w.code(), w.text()));
        }
        problems
    }
}

/// Why an ID is invalid. Positions are 1-based, counted on the normalised ID.
#[derive(thiserror::Error, Clone, Debug, PartialEq, Eq)]
pub enum IdError {
    #[error(
        "the ID is empty: enter the 18-character credit code, or the old taxpayer or resident ID number"
    )]
    Empty,
    #[error(
        "the ID has {len} characters but needs 18 (credit code or resident ID), 15 or 20 (old taxpayer number): look for missing or extra characters"
    )]
    Length { len: usize },
    #[error(
        "character {ch:?} at position {position} is not allowed: credit codes use only digits and capital letters other than I, O, S, V and Z"
    )]
    BadChar { position: usize, ch: char },
    #[error("position {position} must be a digit but is {ch:?}: retype it")]
    NotDigit { position: usize, ch: char },
    #[error(
        "organisation code check character (position 17) should be {expected} but is {found}: a character in positions 9-17 is mistyped"
    )]
    OrgCodeCheck { expected: char, found: char },
    #[error(
        "check character (position 18) should be {expected} but is {found}: a character is mistyped"
    )]
    CheckChar { expected: char, found: char },
    #[error(
        "resident ID check character (position 18) should be {expected} but is {found}: a digit is mistyped"
    )]
    ResidentIdCheck { expected: char, found: char },
    #[error(
        "birth date {date_text} (positions 7-14) is not a real date or is in the future: check those digits"
    )]
    BirthDate { date_text: String },
    #[error(
        "birth year {year} (positions 7-10) is out of range for a resident ID (1900 to this year): check those digits"
    )]
    BirthYear { year: i32 },
}

impl IdError {
    /// Stable code the fronts key on.
    pub fn code(&self) -> &'static str {
        match self {
            IdError::Empty => "tax_id.empty",
            IdError::Length { .. } => "tax_id.length",
            IdError::BadChar { .. } | IdError::NotDigit { .. } => "tax_id.bad_char",
            IdError::OrgCodeCheck { .. } => "tax_id.org_check",
            IdError::CheckChar { .. } => "tax_id.check_char",
            IdError::ResidentIdCheck { .. } => "tax_id.resident_check",
            IdError::BirthDate { .. } => "tax_id.birth_date",
            IdError::BirthYear { .. } => "tax_id.birth_year",
        }
    }

    pub fn text(&self) -> Text {
        let zh = match self {
            IdError::Empty => {
                "号码为空：请输入18位统一社会信用代码，或旧纳税人识别号、身份证号".to_string()
            }
            IdError::Length { len } => format!(
                "号码有 {len} 位，应为18位（统一社会信用代码或身份证号）、15位或20位（旧纳税人识别号）：请检查是否漏输或多输了字符"
            ),
            IdError::BadChar { position, ch } => format!(
                "第{position}位的字符 {ch:?} 不允许：统一社会信用代码只用数字和除 I、O、S、V、Z 以外的大写字母"
            ),
            IdError::NotDigit { position, ch } => {
                format!("第{position}位应为数字，实际为 {ch:?}：请重新输入")
            }
            IdError::OrgCodeCheck { expected, found } => format!(
                "组织机构代码校验位（第17位）应为 {expected}，实际为 {found}：第9-17位中有字符输入错误"
            ),
            IdError::CheckChar { expected, found } => {
                format!("校验位（第18位）应为 {expected}，实际为 {found}：有字符输入错误")
            }
            IdError::ResidentIdCheck { expected, found } => {
                format!("身份证校验位（第18位）应为 {expected}，实际为 {found}：有数字输入错误")
            }
            IdError::BirthDate { date_text } => {
                format!("出生日期 {date_text}（第7-14位）不是有效日期或晚于今天：请检查这几位数字")
            }
            IdError::BirthYear { year } => format!(
                "出生年份 {year}（第7-10位）超出身份证号的范围（1900年至今）：请检查这几位数字"
            ),
        };
        Text::new(self.to_string(), zh)
    }
}

/// Valid, but worth a look.
#[derive(thiserror::Error, Clone, Debug, PartialEq, Eq)]
pub enum IdWarning {
    #[error(
        "positions 1-2 ({pair}) are not a known registration authority and organisation type: check the first two characters"
    )]
    UnknownType { pair: String },
    #[error(
        "organisation code check character (position 15) should be {expected} but is {found}; some old tax bureau numbers have no check digit, so compare with the tax registration certificate"
    )]
    LegacyNoCheck { expected: char, found: char },
}

impl IdWarning {
    pub fn code(&self) -> &'static str {
        match self {
            IdWarning::UnknownType { .. } => "tax_id.unknown_type",
            IdWarning::LegacyNoCheck { .. } => "tax_id.legacy_no_check",
        }
    }

    pub fn text(&self) -> Text {
        let zh = match self {
            IdWarning::UnknownType { pair } => {
                format!("第1-2位（{pair}）不是已知的登记管理部门和机构类别：请检查前两位")
            }
            IdWarning::LegacyNoCheck { expected, found } => format!(
                "组织机构代码校验位（第15位）应为 {expected}，实际为 {found}；部分旧税务登记号没有校验位，请与税务登记证核对"
            ),
        };
        Text::new(self.to_string(), zh)
    }
}

/// The USCC alphabet (no I, O, S, V, Z); a character's value is its index.
const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
/// Authority + type pairs from GB 32100; authority Y ("other") takes any type.
const KNOWN_TYPES: [&str; 11] = [
    "11", "12", "13", "19", "51", "52", "53", "59", "91", "92", "93",
];

/// Trim, full-width → half-width, lower → upper case, and drop all whitespace
/// and `-` (people type codes in groups). Idempotent.
pub fn normalize(input: &str) -> String {
    input
        .trim()
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Normalises `input`, decides its kind by length and shape, and runs that kind's checks.
pub fn check(input: &str) -> IdCheck {
    let normalized = normalize(input);
    let chars: Vec<char> = normalized.chars().collect();
    let (kind, result) = match chars.len() {
        0 => (IdKind::Unknown, Err(IdError::Empty)),
        15 => (IdKind::LegacyTaxId, validate_legacy15(&chars)),
        18 if resident::looks_like(&chars) => {
            // Resident IDs and all-digit credit codes overlap; the spec tries
            // the resident ID first and blames it when neither passes.
            match resident::validate(&chars) {
                Ok(()) => (IdKind::ResidentId, Ok(Vec::new())),
                Err(e) => match validate_uscc(&chars) {
                    Ok(w) => (IdKind::Uscc, Ok(w)),
                    Err(_) => (IdKind::ResidentId, Err(e)),
                },
            }
        }
        18 => (IdKind::Uscc, validate_uscc(&chars)),
        20 => (IdKind::LegacyTaxId, validate_legacy20(&chars)),
        len => (IdKind::Unknown, Err(IdError::Length { len })),
    };
    let (error, warnings) = match result {
        Ok(w) => (None, w),
        Err(e) => (Some(e), Vec::new()),
    };
    let reason = match &error {
        Some(e) => e.to_string(),
        None => warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    };
    IdCheck {
        input: input.to_string(),
        normalized,
        kind,
        valid: error.is_none(),
        reason,
        error,
        warnings,
    }
}

/// USCC check character (position 18) over positions 1–17; `None` unless
/// exactly 17 characters of the USCC alphabet.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let chars: Vec<char> = first17.chars().collect();
    uscc_check_of(&chars)
}

/// GB 11714 organisation-code check character over the 8 body characters
/// (digits and capital letters); `None` on a bad length or character.
pub fn org_code_check_char(body8: &str) -> Option<char> {
    let chars: Vec<char> = body8.chars().collect();
    org_check_of(&chars)
}

/// Resident ID (GB 11643) check character over the first 17 digits; `None`
/// unless exactly 17 ASCII digits.
pub fn resident_id_check_char(first17: &str) -> Option<char> {
    let chars: Vec<char> = first17.chars().collect();
    resident::check_char(&chars)
}

/// Each ASCII character's place in `USCC_ALPHABET`, `NONE` if absent: a
/// table because a check looks up 35 characters (an import, millions).
const USCC_VALUES: [u8; 128] = {
    let mut table = [NONE; 128];
    let alphabet = USCC_ALPHABET.as_bytes();
    let mut i = 0;
    while i < alphabet.len() {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table
};
const NONE: u8 = u8::MAX;

fn uscc_value(c: char) -> Option<u32> {
    match USCC_VALUES.get(c as usize) {
        Some(&v) if v != NONE => Some(v as u32),
        _ => None,
    }
}

fn uscc_check_of(first17: &[char]) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (&c, w) in first17.iter().zip(USCC_WEIGHTS) {
        sum += uscc_value(c)? * w;
    }
    // 31 − (Σ mod 31), with 31 wrapping to 0.
    let index = (31 - sum % 31) % 31;
    USCC_ALPHABET
        .as_bytes()
        .get(index as usize)
        .map(|&b| char::from(b))
}

fn org_check_of(body8: &[char]) -> Option<char> {
    if body8.len() != 8 {
        return None;
    }
    let mut sum = 0;
    for (&c, w) in body8.iter().zip(ORG_WEIGHTS) {
        // Digits are 0–9 and A–Z are 10–35, exactly base 36.
        if c.is_ascii_lowercase() {
            return None;
        }
        sum += c.to_digit(36)? * w;
    }
    match 11 - sum % 11 {
        10 => Some('X'),
        11 => Some('0'),
        c => char::from_digit(c, 10),
    }
}

fn validate_uscc(chars: &[char]) -> Result<Vec<IdWarning>, IdError> {
    if chars.len() != 18 {
        return Err(IdError::Length { len: chars.len() });
    }
    for (i, &ch) in chars.iter().enumerate() {
        let position = i + 1;
        if (3..=8).contains(&position) && !ch.is_ascii_digit() {
            return Err(IdError::NotDigit { position, ch });
        }
        if uscc_value(ch).is_none() {
            return Err(IdError::BadChar { position, ch });
        }
    }
    // Org-code check first: when it fails it narrows the typo to positions 9–17.
    let expected = org_check_of(&chars[8..16]).ok_or(IdError::Length { len: chars.len() })?;
    if expected != chars[16] {
        return Err(IdError::OrgCodeCheck {
            expected,
            found: chars[16],
        });
    }
    let expected = uscc_check_of(&chars[..17]).ok_or(IdError::Length { len: chars.len() })?;
    if expected != chars[17] {
        return Err(IdError::CheckChar {
            expected,
            found: chars[17],
        });
    }
    let known = chars[0] == 'Y'
        || KNOWN_TYPES
            .iter()
            .any(|t| t.chars().eq(chars[..2].iter().copied()));
    Ok(if known {
        Vec::new()
    } else {
        let pair = chars[..2].iter().collect();
        vec![IdWarning::UnknownType { pair }]
    })
}

/// 6-digit division + 9-character organisation code. Old bureau numbers may
/// lack the org-code check digit, so a mismatch is only a warning.
fn validate_legacy15(chars: &[char]) -> Result<Vec<IdWarning>, IdError> {
    if chars.len() != 15 {
        return Err(IdError::Length { len: chars.len() });
    }
    for (i, &ch) in chars.iter().enumerate() {
        let position = i + 1;
        if position <= 6 && !ch.is_ascii_digit() {
            return Err(IdError::NotDigit { position, ch });
        }
        if !(ch.is_ascii_digit() || ch.is_ascii_uppercase()) {
            return Err(IdError::BadChar { position, ch });
        }
    }
    let expected = org_check_of(&chars[6..14]).ok_or(IdError::Length { len: chars.len() })?;
    Ok(if expected == chars[14] {
        Vec::new()
    } else {
        vec![IdWarning::LegacyNoCheck {
            expected,
            found: chars[14],
        }]
    })
}

/// An individual's resident ID followed by 2 digits.
fn validate_legacy20(chars: &[char]) -> Result<Vec<IdWarning>, IdError> {
    resident::validate(chars)?;
    for (i, &ch) in chars.iter().enumerate().skip(18) {
        if !ch.is_ascii_digit() {
            return Err(IdError::NotDigit {
                position: i + 1,
                ch,
            });
        }
    }
    Ok(Vec::new())
}

#[cfg(test)]
mod tests;
