//! 居民身份证号码 (GB 11643-1999): 6-digit division, YYYYMMDD birth date,
//! 3-digit sequence, MOD 11-2 check character.

use chrono::NaiveDate;

use super::IdError;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The earliest birth year a resident ID is taken to carry: 18-digit IDs
/// were issued from 1999, and no one born before 1900 is a customer.
pub(super) const FIRST_BIRTH_YEAR: i32 = 1900;
/// Indexed by `Σ mod 11`.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// MOD 11-2 check character over the first 17 digits; `None` unless exactly 17 ASCII digits.
pub(super) fn check_char(first17: &[char]) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in first17.iter().zip(WEIGHTS) {
        sum += c.to_digit(10)? * w;
    }
    CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// Shape alone: 17 digits (first 1–9, no division code starts with 0), digit or
/// `X` last, and positions 7–14 an 18xx–20xx date with a possible month and day.
/// Used to decide whether an 18-character code is tried as a resident ID first
/// (an 18xx year is then reported as out of range, not as a credit-code
/// check failure).
pub(super) fn looks_like(chars: &[char]) -> bool {
    let [first, .., last] = chars else {
        return false;
    };
    chars.len() == 18
        && ('1'..='9').contains(first)
        && chars[..17].iter().all(char::is_ascii_digit)
        && (last.is_ascii_digit() || *last == 'X')
        && date_parts(&chars[6..14]).is_some_and(|(y, m, d)| {
            (1800..=2099).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
        })
}

/// Full check of the first 18 characters of `chars` (the 20-character legacy
/// form carries two more digits after them, checked by the caller).
pub(super) fn validate(chars: &[char]) -> Result<(), IdError> {
    let Some(id) = chars.get(..18) else {
        return Err(IdError::Length { len: chars.len() });
    };
    for (i, &ch) in id.iter().enumerate() {
        if i < 17 && !ch.is_ascii_digit() {
            return Err(IdError::NotDigit {
                position: i + 1,
                ch,
            });
        }
        if i == 17 && !(ch.is_ascii_digit() || ch == 'X') {
            return Err(IdError::BadChar { position: 18, ch });
        }
    }
    // Date before check character: a mistyped date breaks both, and the date
    // message says where to look.
    let date_text: String = id[6..14].iter().collect();
    if let Some((year, _, _)) = date_parts(&id[6..14])
        && year < FIRST_BIRTH_YEAR
    {
        return Err(IdError::BirthYear { year });
    }
    let today = chrono::Local::now().date_naive();
    let real = date_parts(&id[6..14])
        .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
        .is_some_and(|date| date <= today);
    if !real {
        return Err(IdError::BirthDate { date_text });
    }
    let expected = check_char(&id[..17]).ok_or(IdError::Length { len: chars.len() })?;
    if expected != id[17] {
        return Err(IdError::ResidentIdCheck {
            expected,
            found: id[17],
        });
    }
    Ok(())
}

/// Splits 8 ASCII digits into (year, month, day).
fn date_parts(digits: &[char]) -> Option<(i32, u32, u32)> {
    let number = |range: std::ops::Range<usize>| {
        digits
            .get(range)?
            .iter()
            .try_fold(0u32, |acc, c| Some(acc * 10 + c.to_digit(10)?))
    };
    if digits.len() != 8 {
        return None;
    }
    Some((
        i32::try_from(number(0..4)?).ok()?,
        number(4..6)?,
        number(6..8)?,
    ))
}
