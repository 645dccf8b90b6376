//! 助记码: upper-case pinyin initials of a customer name, for quick lookup by keyboard.
//!
//! The `pinyin` crate gives the first reading of each character, which is wrong for
//! common polyphones (中国银行 → ZGYX, 重庆 → ZQ). A small table of words fixes the
//! usual ones; the mnemonic stays user-editable for the rest.

use pinyin::ToPinyin;

use super::names::half_width;

/// Words whose reading differs from the per-character default, with their initials.
/// Sorted by word (byte order) so lookup is a binary search; a test keeps it sorted.
/// Only the common cases: a longer table costs lookups on every character.
const OVERRIDES: &[(&str, &str)] = &[
    ("乐山", "LS"),
    ("乐清", "YQ"), // Yuèqīng
    ("会计", "KJ"),
    ("六安", "LA"),
    ("分行", "FH"),
    ("单位", "DW"),
    ("厦门", "XM"),
    ("同行", "TH"),
    ("商行", "SH"),
    ("大厦", "DS"),
    ("央行", "YH"),
    ("快乐", "KL"),
    ("总行", "ZH"),
    ("成都", "CD"),
    ("支行", "ZH"),
    ("朝阳", "CY"),
    ("琴行", "QH"),
    ("番禺", "PY"),
    ("蚌埠", "BB"),
    ("行业", "HY"),
    ("行长", "HZ"),
    ("西藏", "XZ"),
    ("车行", "CH"),
    ("都江堰", "DJY"),
    ("重庆", "CQ"),
    ("银行", "YH"),
    ("长丰", "CF"),
    ("长乐", "CL"),
    ("长兴", "CX"),
    ("长城", "CC"),
    ("长宁", "CN"),
    ("长安", "CA"),
    ("长寿", "CS"),
    ("长征", "CZ"),
    ("长春", "CC"),
    ("长江", "CJ"),
    ("长沙", "CS"),
    ("长治", "CZ"),
    ("长白山", "CBS"),
    ("长虹", "CH"),
    ("音乐", "YY"),
    ("首都", "SD"),
];

/// The code point of a word's first char; every override word starts with a
/// 3-byte UTF-8 (BMP CJK) char, which a compile-time check below keeps so.
const fn first_code(word: &str) -> u32 {
    let b = word.as_bytes();
    ((b[0] as u32 & 0x0F) << 12) | ((b[1] as u32 & 0x3F) << 6) | (b[2] as u32 & 0x3F)
}

/// Bit `c % 4096` set for the first char of every override word: most
/// characters start none, and this check is far cheaper than searching the
/// table for each of them (at 128 bits a quarter of a name's characters got
/// through to the search, perf put it at 1.5% of an import's CPU; at 1024
/// bits 限, in every 有限公司, still did).
const FIRST_CHAR_MASK: [u64; 64] = {
    let mut mask = [0u64; 64];
    let mut i = 0;
    while i < OVERRIDES.len() {
        let b = OVERRIDES[i].0.as_bytes();
        assert!(b.len() >= 3 && b[0] & 0xF0 == 0xE0);
        let code = first_code(OVERRIDES[i].0) % 4096;
        mask[(code / 64) as usize] |= 1 << (code % 64);
        i += 1;
    }
    mask
};

/// The longest override word at the start of `rest`, whose first char is `first`.
fn override_at(rest: &str, first: char) -> Option<(&'static str, &'static str)> {
    let code = u32::from(first);
    let bit = code % 4096;
    if FIRST_CHAR_MASK[(bit / 64) as usize] & (1 << (bit % 64)) == 0 {
        return None;
    }
    // Sorted by bytes is sorted by first char: the words starting with
    // `first` are a run, found by comparing code points, not strings.
    let start = OVERRIDES.partition_point(|(word, _)| first_code(word) < code);
    let mut best: Option<(&'static str, &'static str)> = None;
    for &(word, code) in OVERRIDES.get(start..).unwrap_or_default() {
        if first_code(word) != u32::from(first) {
            break;
        }
        if rest.starts_with(word) && best.is_none_or(|(b, _)| word.len() > b.len()) {
            best = Some((word, code));
        }
    }
    best
}

/// Upper-case pinyin initials of `name`; ASCII letters and digits kept (full-width ones
/// normalised first); spaces, brackets, punctuation and characters without a reading dropped.
pub fn mnemonic(name: &str) -> String {
    let mut out = String::with_capacity(name.len().min(64));
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        if !c.is_ascii()
            && let Some((word, code)) = override_at(rest, c)
        {
            out.push_str(code);
            rest = &rest[word.len()..];
            continue;
        }
        rest = &rest[c.len_utf8()..];
        let c = half_width(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if let Some(py) = c.to_pinyin() {
            // Plain readings are ASCII except a few interjections (ê); skip those.
            if let Some(&b) = py
                .plain()
                .as_bytes()
                .first()
                .filter(|b| b.is_ascii_alphabetic())
            {
                out.push(char::from(b.to_ascii_uppercase()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_sorted_and_well_formed() {
        assert!(
            OVERRIDES.windows(2).all(|w| w[0].0 < w[1].0),
            "keep OVERRIDES sorted"
        );
        for (word, code) in OVERRIDES {
            assert_eq!(word.chars().count(), code.len(), "{word}");
            assert!(code.bytes().all(|b| b.is_ascii_uppercase()), "{word}");
        }
    }

    /// The mask and the run search against a plain scan of the table, for
    /// every BMP character starting a name and every override word in place.
    #[test]
    fn override_lookup_matches_a_scan_of_the_table() {
        let scan = |rest: &str| {
            OVERRIDES
                .iter()
                .filter(|(word, _)| rest.starts_with(word))
                .max_by_key(|(word, _)| word.len())
                .copied()
        };
        for c in (0x80..0x10000).filter_map(char::from_u32) {
            let rest = format!("{c}江堰山");
            assert_eq!(override_at(&rest, c), scan(&rest), "U+{:04X}", c as u32);
        }
        for (word, code) in OVERRIDES {
            let rest = format!("{word}有限公司");
            let first = word.chars().next().unwrap();
            assert_eq!(
                override_at(&rest, first).map(|(w, _)| w.len()),
                Some(word.len())
            );
            assert_eq!(mnemonic(word), *code, "{word}");
        }
    }

    #[test]
    fn examples() {
        for (name, code) in [
            ("深圳市华强电子有限公司", "SZSHQDZYXGS"),
            ("中国银行", "ZGYH"),
            ("重庆钢铁", "CQGT"),
            ("厦门航空", "XMHK"),
            ("长沙银行", "CSYH"),
            ("长春一汽", "CCYQ"),
            ("招商银行", "ZSYH"),
            ("成都市都江堰", "CDSDJY"),
            ("ABC科技（北京）有限公司", "ABCKJBJYXGS"),
            ("ａｂｃ１２３贸易", "ABC123MY"),
            ("中国银行长沙分行", "ZGYHCSFH"),
            ("银行业协会", "YHYXH"),
            ("长白山旅游", "CBSLY"),
            ("乐清电器行", "YQDQX"),
            ("北京朝阳 3M 公司！", "BJCY3MGS"),
            ("重工机械", "ZGJX"),
            ("", ""),
            ("（）·、", ""),
        ] {
            assert_eq!(mnemonic(name), code, "{name}");
        }
    }

    #[test]
    fn override_lookup_prefers_longest() {
        assert_eq!(override_at("长白山", '长'), Some(("长白山", "CBS")));
        assert_eq!(override_at("长期", '长'), None);
        assert_eq!(override_at("啊", '啊'), None);
    }
}
