//! Duplicate-name detection: the same company is written many ways
//! (有限公司 vs 有限责任公司, full-width letters, brackets, "Co., Ltd.").
//! Keys are built in one pass with one allocation: they run on every bulk insert.

/// Full-width ASCII forms (Ａ, ５, ，, （) and the ideographic space to their ASCII forms.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Chinese legal forms, longest first. 分公司 and 总公司 are guarded below:
/// a branch is a different customer.
const ZH_SUFFIXES: [&str; 5] = [
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "股份公司",
    "公司",
];

/// English legal forms as words separated by single spaces, longest first where one
/// ends another ("company limited" before "limited").
const EN_SUFFIXES: [&str; 11] = [
    "company limited",
    "co limited",
    "corporation",
    "co ltd",
    "coltd",
    "limited",
    "corp",
    "ltd",
    "inc",
    "llc",
    "plc",
];

/// Characters that separate words but are not part of a name: whitespace, ASCII
/// punctuation, brackets, and common CJK/typographic punctuation.
fn is_separator(c: char) -> bool {
    // CJK ideographs (and everything else from U+3400 to the CJK
    // compatibility forms) are none: settled without the Unicode tables.
    if ('\u{3400}'..'\u{FE30}').contains(&c) {
        return false;
    }
    is_separator_by_class(c)
}

fn is_separator_by_class(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c,
            '\u{00B7}' | '\u{30FB}' // middle dots · ・
            | '\u{2010}'..='\u{2027}' // dashes, curly quotes, bullets, …
            | '\u{3001}'..='\u{3004}' // 、。〃〄
            | '\u{3008}'..='\u{3020}' // 〈〉《》「」『』【】〒〓〔〕〖〗〘〙〚〛〜〝〞〟〠
            | '\u{3030}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF5F}'..='\u{FF65}')
}

/// Key used to spot the same company written differently: full-width → half-width,
/// lower-case ASCII, brackets removed but their content kept, spaces and punctuation
/// removed, and one trailing legal form (有限公司, Co., Ltd., Inc, …) dropped.
pub fn name_key(name: &str) -> String {
    // Pass 1: normalised text with every run of separators as one space, so English
    // suffixes are matched as whole words ("Global Zinc" keeps its "inc").
    let mut key = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars().map(half_width) {
        if is_separator(c) {
            pending_space = !key.is_empty();
        } else {
            if pending_space {
                key.push(' ');
                pending_space = false;
            }
            key.push(c.to_ascii_lowercase());
        }
    }
    strip_english_suffix(&mut key);
    key.retain(|c| c != ' ');
    strip_chinese_suffix(&mut key);
    key
}

fn strip_english_suffix(key: &mut String) {
    // Every suffix ends in an ASCII letter: a name ending in a CJK character
    // (nearly all) is not compared with each of them.
    if !key.as_bytes().last().is_some_and(u8::is_ascii_alphabetic) {
        return;
    }
    for suffix in EN_SUFFIXES {
        let Some(cut) = key.len().checked_sub(suffix.len()) else {
            continue;
        };
        if cut == 0 || !key.ends_with(suffix) {
            continue;
        }
        // A word boundary before the suffix: a space or a CJK character ("华强Ltd").
        let before = key[..cut].chars().next_back();
        if before.is_some_and(|b| !b.is_ascii_alphanumeric()) {
            key.truncate(cut);
            let trimmed = key.trim_end().len();
            key.truncate(trimmed);
            return;
        }
    }
}

fn strip_chinese_suffix(key: &mut String) {
    for suffix in ZH_SUFFIXES {
        if let Some(rest) = key.strip_suffix(suffix) {
            let branch = suffix == "公司" && (rest.ends_with('分') || rest.ends_with('总'));
            if !rest.is_empty() && !branch {
                let cut = rest.len();
                key.truncate(cut);
            }
            return;
        }
    }
}

/// 0.0..=1.0 similarity of two keys (normalised Levenshtein over chars).
pub fn similarity(a_key: &str, b_key: &str) -> f64 {
    if a_key == b_key {
        return 1.0;
    }
    strsim::normalized_levenshtein(a_key, b_key)
}

/// The rule used to warn about a possible duplicate: equal keys, similarity ≥ 0.8,
/// or one key contains the other and the shorter has at least 4 characters (so
/// "华强电子" flags "深圳市华强电子科技"). Empty keys never match: they carry no name.
pub fn is_similar(a_key: &str, b_key: &str) -> bool {
    if a_key.is_empty() || b_key.is_empty() {
        return false;
    }
    if a_key == b_key {
        return true;
    }
    let (short, long) = if a_key.len() <= b_key.len() {
        (a_key, b_key)
    } else {
        (b_key, a_key)
    };
    (short.chars().count() >= 4 && long.contains(short)) || similarity(a_key, b_key) >= 0.8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_settled_as_by_their_class_for_every_char() {
        let mut separators = 0;
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(
                is_separator(c),
                is_separator_by_class(c),
                "U+{:04X}",
                c as u32
            );
            separators += usize::from(is_separator(c));
        }
        assert!(separators > 100, "{separators}");
    }

    /// Names ending in an ASCII letter or not, with and without a suffix:
    /// the early return for a non-letter ending keeps every key.
    #[test]
    fn english_suffixes_go_only_from_names_ending_in_a_letter() {
        for (name, key) in [
            ("Huaqiang Co., Ltd.", "huaqiang"),
            ("华强Ltd", "华强"),
            ("华强 Inc 2", "华强inc2"),
            ("Global Zinc", "globalzinc"),
            ("ABC 有限公司", "abc"),
            ("Acme LLC（深圳）", "acmellc深圳"),
        ] {
            assert_eq!(name_key(name), key, "{name}");
        }
    }

    #[test]
    fn half_width_maps_full_width_ascii() {
        let s: String = "ＡＢＣ１２３，（）　".chars().map(half_width).collect();
        assert_eq!(s, "ABC123,() ");
        assert_eq!(half_width('中'), '中');
    }

    #[test]
    fn chinese_legal_forms_are_dropped() {
        for name in [
            "深圳市华强电子有限公司",
            "深圳市华强电子股份有限公司",
            "深圳市华强电子有限责任公司",
            "深圳市华强电子 有限公司",
            "深圳市华强电子股份公司",
            "深圳市华强电子公司",
            " 深圳市·华强电子、有限公司。",
        ] {
            assert_eq!(name_key(name), "深圳市华强电子", "{name}");
        }
        assert_eq!(name_key("华强电子（深圳）有限公司"), "华强电子深圳");
        assert_eq!(
            name_key("华强电子【深圳】(集团)有限公司"),
            "华强电子深圳集团"
        );
        assert_eq!(name_key("华强集团有限公司"), "华强集团");
    }

    #[test]
    fn branches_and_head_offices_keep_their_form() {
        assert_eq!(name_key("华强电子深圳分公司"), "华强电子深圳分公司");
        assert_eq!(name_key("华强电子总公司"), "华强电子总公司");
        assert_ne!(name_key("华强电子深圳分公司"), name_key("华强电子有限公司"));
        // A name that is only a legal form is kept rather than emptied.
        assert_eq!(name_key("有限公司"), "有限公司");
        assert_eq!(name_key("Ltd."), "ltd");
    }

    #[test]
    fn english_legal_forms_are_dropped_as_words() {
        for name in [
            "ABC Trading Co., Ltd.",
            "abc trading co ltd",
            "ＡＢＣ Trading Company Limited",
            "ABC Trading Co.Ltd",
            "ABC Trading CoLtd",
            "ABC-Trading Limited",
            "ABC Trading, Inc.",
            "ABC Trading Corp.",
            "ABC Trading Corporation",
            "ABC Trading LLC",
            "A.B.C. Trading Ltd",
        ] {
            assert_eq!(name_key(name), "abctrading", "{name}");
        }
        assert_eq!(name_key("Global Zinc"), "globalzinc");
        assert_eq!(name_key("华强Ltd"), "华强");
        assert_eq!(name_key("ABC (HK) Limited"), "abchk");
    }

    #[test]
    fn similarity_and_warning_rule() {
        let hq = name_key("深圳市华强电子有限公司");
        assert_eq!(similarity(&hq, &hq), 1.0);
        assert!(is_similar(&hq, &name_key("深圳市华强电子科技有限公司")));
        assert!(is_similar(&hq, &name_key("深圳华强电子有限公司")));
        assert!(!is_similar(&hq, &name_key("北京市朝阳建筑有限公司")));
        assert!(similarity(&hq, &name_key("北京市朝阳建筑有限公司")) < 0.5);
        // Short containment is not enough: "华强" is in many names.
        assert!(!is_similar("华强", "深圳市华强电子"));
        assert!(is_similar("华强电子", "深圳市华强电子科技"));
        assert!(!is_similar("", ""));
        assert!(is_similar("abctrading", "abctradng"));
    }
}
