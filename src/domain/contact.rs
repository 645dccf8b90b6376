//! Format checks for phones, e-mail and bank accounts. Each returns the value
//! as it is stored, or why it cannot be.

/// Mobile: 11 digits `1[3-9]…`, with an optional +86/86 prefix and separators.
pub fn normalize_mobile(input: &str) -> Option<String> {
    let separator = |c: char| matches!(c, ' ' | '-' | '(' | ')');
    // Without separators (most cells) the input is the digits: no copy.
    let digits: std::borrow::Cow<str> = if input.contains(separator) {
        input
            .chars()
            .filter(|c| !separator(*c))
            .collect::<String>()
            .into()
    } else {
        input.into()
    };
    let digits = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("0086"))
        .or_else(|| digits.strip_prefix("86").filter(|rest| rest.len() == 11))
        .unwrap_or(&digits);
    let bytes = digits.as_bytes();
    let ok = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    ok.then(|| digits.to_string())
}

/// The number before an extension (`转`, `#`, `x`, `ext`), trimmed.
fn main_number(input: &str) -> &str {
    input
        .split(['转', '#', 'x', 'X'])
        .next()
        .unwrap_or(input)
        .trim()
        .trim_end_matches("ext")
        .trim_end_matches("ext.")
}

/// Landline (`0755-83456789`, `010 6512 3456 转 8001`), a 400/800 line, or a
/// mobile number. Only digits and separators are allowed.
pub fn is_plausible_phone(input: &str) -> bool {
    let main = main_number(input);
    // The digits without the separators, looked at in place: a byte that is
    // not an ASCII separator must be a digit (any other, multi-byte
    // characters included, fails), so nothing needs copying.
    let digits = main
        .bytes()
        .filter(|b| !matches!(b, b' ' | b'-' | b'(' | b')' | b'+'));
    let mut first = [0u8; 3];
    let mut len = 0;
    for b in digits {
        if !b.is_ascii_digit() {
            return false;
        }
        if let Some(slot) = first.get_mut(len) {
            *slot = b;
        }
        len += 1;
    }
    if len == 0 {
        return false;
    }
    // The mobile test last: it allocates, and most phone columns are landlines.
    (first[0] == b'0' && (10..=12).contains(&len))
        || ((&first == b"400" || &first == b"800") && len == 10)
        || (7..=8).contains(&len)
        || normalize_mobile(main).is_some()
}

/// Whether the text has only what a phone number may hold (digits,
/// separators, an extension marker).
pub fn has_only_phone_chars(input: &str) -> bool {
    input.chars().all(|c| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+' | '转' | '#' | 'x' | 'X')
    }) || input.contains("ext")
}

/// A simple, strict-enough address check: one `@`, a dotted domain, no spaces.
pub fn is_valid_email(input: &str) -> bool {
    // Nearly every address is ASCII: judged byte by byte, the same rules.
    if input.is_ascii() {
        is_valid_ascii_email(input.as_bytes())
    } else {
        is_valid_email_by_chars(input)
    }
}

/// The rules over chars: any text (non-ASCII letters in the domain pass).
fn is_valid_email_by_chars(input: &str) -> bool {
    let Some((local, domain)) = input.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !input.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
        })
}

/// `is_valid_email` for ASCII text: the same rules without decoding chars
/// or splitting (an import checks a million).
fn is_valid_ascii_email(b: &[u8]) -> bool {
    let Some(at) = b.iter().position(|&c| c == b'@') else {
        return false;
    };
    let (local, domain) = (&b[..at], &b[at + 1..]);
    // `char::is_whitespace` on ASCII: space, \t, \n, \x0B, \x0C, \r.
    let space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    !local.is_empty()
        && !b.iter().any(space)
        && domain.contains(&b'.')
        && domain.first() != Some(&b'.')
        && domain.last() != Some(&b'.')
        && !domain.windows(2).any(|w| w == b"..")
        && domain
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.'))
}

/// Bank account: 8–30 digits; spaces and dashes are allowed on input and dropped.
pub fn normalize_bank_account(input: &str) -> Option<String> {
    let digits: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect();
    (digits.bytes().all(|b| b.is_ascii_digit()) && (8..=30).contains(&digits.len()))
        .then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles() {
        assert_eq!(
            normalize_mobile("138 0013 8000").as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            normalize_mobile("+86 138-0013-8000").as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            normalize_mobile("8613800138000").as_deref(),
            Some("13800138000")
        );
        assert_eq!(normalize_mobile("12800138000"), None);
        assert_eq!(normalize_mobile("1380013800"), None);
    }

    #[test]
    fn phones() {
        assert!(is_plausible_phone("0755-83456789"));
        assert!(is_plausible_phone("010 6512 3456 转 8001"));
        assert!(is_plausible_phone("400-820-8820"));
        assert!(is_plausible_phone("13800138000"));
        assert!(!is_plausible_phone("12"));
        assert!(!is_plausible_phone("call me"));
        assert!(has_only_phone_chars("0755-8345"));
        assert!(!has_only_phone_chars("tel: 0755"));
    }

    /// The phone check as it was written first (a copy of the digits), the
    /// answer the copy-free one must give.
    fn plausible_by_copy(input: &str) -> bool {
        let main = main_number(input);
        let digits: String = main
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '+'))
            .collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let len = digits.len();
        (digits.starts_with('0') && (10..=12).contains(&len))
            || ((digits.starts_with("400") || digits.starts_with("800")) && len == 10)
            || (7..=8).contains(&len)
            || normalize_mobile(main).is_some()
    }

    #[test]
    fn phones_and_mobiles_are_judged_as_by_a_copy_of_their_digits() {
        let pieces = [
            "0", "4", "8", "00", "1", "3", "9", "-", " ", "(", ")", "+", "86", "０", "转", "x",
            "ext", "７", "号", "138", "400", "800", "0755", "8345",
        ];
        let mut rng = 12345u64;
        for _ in 0..20_000 {
            let mut input = String::new();
            for _ in 0..1 + rng % 7 {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                input.push_str(pieces[(rng >> 20) as usize % pieces.len()]);
            }
            assert_eq!(
                is_plausible_phone(&input),
                plausible_by_copy(&input),
                "{input:?}"
            );
            let by_copy = {
                let digits: String = input
                    .chars()
                    .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
                    .collect();
                let d = digits
                    .strip_prefix("+86")
                    .or_else(|| digits.strip_prefix("0086"))
                    .or_else(|| digits.strip_prefix("86").filter(|rest| rest.len() == 11))
                    .unwrap_or(&digits);
                let b = d.as_bytes();
                (b.len() == 11
                    && b.iter().all(u8::is_ascii_digit)
                    && b[0] == b'1'
                    && (b'3'..=b'9').contains(&b[1]))
                .then(|| d.to_string())
            };
            assert_eq!(normalize_mobile(&input), by_copy, "{input:?}");
        }
        assert!(is_plausible_phone("400-123-4567") && is_plausible_phone("0755 8345 6789"));
        assert!(!is_plausible_phone("０７５５83456789") && !is_plausible_phone("+-()"));
    }

    #[test]
    fn emails() {
        assert!(is_valid_email("caiwu@huaqiang.com.cn"));
        // The ASCII path against the char rules on generated addresses.
        let by_chars = is_valid_email_by_chars;
        let pieces = [
            "a", "Z9", "@", ".", "-", "_", " ", "\u{b}", "\t", "com", "..", "+",
        ];
        let mut rng = 777u64;
        let mut valid = 0;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        for _ in 0..20_000 {
            // Mostly shaped like an address (local @ name . name), with a
            // random piece now and then in any of its parts.
            let mut input = String::new();
            for part in ["a", "@", "com", ".", "cn"] {
                let r = next();
                input.push_str(if r % 4 == 0 {
                    pieces[(r >> 20) as usize % pieces.len()]
                } else {
                    part
                });
            }
            assert_eq!(is_valid_email(&input), by_chars(&input), "{input:?}");
            valid += usize::from(by_chars(&input));
        }
        assert!(
            valid > 50,
            "the generated addresses include valid ones: {valid}"
        );
        assert!(!is_valid_email("caiwu@huaqiang"));
        assert!(!is_valid_email("cai wu@huaqiang.com"));
        assert!(!is_valid_email("@huaqiang.com"));
    }

    #[test]
    fn bank_accounts() {
        assert_eq!(
            normalize_bank_account("6222 0212 3456 7890").as_deref(),
            Some("6222021234567890")
        );
        assert_eq!(normalize_bank_account("1234567"), None);
        assert_eq!(normalize_bank_account("9.14403E+17"), None);
    }
}
