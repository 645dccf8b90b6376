//! Chinese tax and identity numbers: 统一社会信用代码 (USCC, GB 32100-2015),
//! legacy 15/20-character taxpayer numbers and 居民身份证号码 (GB 11643-1999).
//! Spec and worked examples: `shared/ID-SPECS.md`.

mod errors;
mod resident;

pub use errors::{IdError, IdWarning};

use serde::Serialize;

use super::problem::{Problem, Problems};

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
    // Most IDs arrive as they are stored (an import checks a million):
    // copied once, not rebuilt a char at a time.
    if input
        .bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        return input.to_string();
    }
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
    // Every kind is at most 20 chars: those are decoded onto the stack
    // (an import checks a million IDs; collecting a Vec was ~860
    // instructions of each check); a longer one only reports its length.
    let mut buf = ['\0'; 20];
    let mut len = 0;
    for c in normalized.chars() {
        if let Some(slot) = buf.get_mut(len) {
            *slot = c;
        }
        len += 1;
    }
    let chars = &buf[..len.min(buf.len())];
    let (kind, result) = match len {
        0 => (IdKind::Unknown, Err(IdError::Empty)),
        15 => (IdKind::LegacyTaxId, validate_legacy15(chars)),
        18 if resident::looks_like(chars) => {
            // Resident IDs and all-digit credit codes overlap; the spec tries
            // the resident ID first and blames it when neither passes.
            match resident::validate(chars) {
                Ok(()) => (IdKind::ResidentId, Ok(Vec::new())),
                Err(e) => match validate_uscc(chars) {
                    Ok(w) => (IdKind::Uscc, Ok(w)),
                    Err(_) => (IdKind::ResidentId, Err(e)),
                },
            }
        }
        18 => (IdKind::Uscc, validate_uscc(chars)),
        20 => (IdKind::LegacyTaxId, validate_legacy20(chars)),
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
