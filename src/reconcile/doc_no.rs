//! Document numbers as both sides write them: "FP-000123", "fp 123",
//! "No.123", "ＦＰ１２３", "发票号：00123". The key keeps what identifies the
//! document and drops what only formats it.

use crate::domain::names::half_width;

/// Labels written in front of the number itself.
/// "NO" is only a label when it stands alone as a letter run ("No.5", "NO5",
/// "No 5"), so "NOV-1" keeps its letters.
pub(super) const LABELS: [&str; 10] = [
    "NO",
    "NUMBER",
    "№",
    "发票号码",
    "发票号",
    "单据号",
    "凭证号",
    "单号",
    "编号",
    "票号",
];

/// Separator between runs in a key: the key "FP|123" cannot be typed by a user,
/// so a run boundary never collides with a real character.
const RUN_BREAK: char = '|';

/// The matching key of a document number, or `None` when nothing identifying is
/// left (blank, "-", "#"): documents without a number never match by number.
///
/// Full-width forms become ASCII, letters are upper-cased, the text is cut into
/// runs of digits and runs of other characters at every change of kind and at
/// every separator (spaces, punctuation), leading zeros are dropped from digit
/// runs, and a leading label (`NO.`, `#`, `发票号：`) is dropped. So "FP-000123",
/// "fp 123" and "ＦＰ１２３" share the key "FP|123", while "12-3" and "1-23" stay apart.
pub fn doc_key(doc: &str) -> Option<String> {
    let mut runs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_is_digit = false;
    for c in doc.chars().map(half_width) {
        if is_separator(c) {
            push_run(&mut runs, &mut current);
            continue;
        }
        let is_digit = c.is_ascii_digit();
        if !current.is_empty() && is_digit != current_is_digit {
            push_run(&mut runs, &mut current);
        }
        current_is_digit = is_digit;
        current.push(c.to_ascii_uppercase());
    }
    push_run(&mut runs, &mut current);

    // A label with nothing after it ("No.") is a blank number, not the number "NO".
    let skip = usize::from(runs.first().is_some_and(|r| LABELS.contains(&r.as_str())));
    let runs = &runs[skip..];
    if runs.is_empty() {
        return None;
    }
    Some(runs.join(&RUN_BREAK.to_string()))
}

pub(super) fn push_run(runs: &mut Vec<String>, current: &mut String) {
    if current.is_empty() {
        return;
    }
    let run = std::mem::take(current);
    if run.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = run.trim_start_matches('0');
        runs.push(if trimmed.is_empty() { "0" } else { trimmed }.to_owned());
    } else {
        runs.push(run);
    }
}

/// Whitespace and punctuation (ASCII after half-width mapping, plus the CJK
/// forms that have no ASCII twin: 、。：「」【】 and the like).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c,
            '\u{00B7}' | '\u{2010}'..='\u{2027}' | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}' | '\u{FF5F}'..='\u{FF65}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Option<String> {
        doc_key(s)
    }

    #[test]
    fn case_spaces_width_and_leading_zeros_do_not_matter() {
        let expected = Some("FP|123".to_owned());
        for doc in [
            "FP-000123",
            "fp 123",
            "FP123",
            "ＦＰ１２３",
            "Fp_0123",
            " FP / 00123 ",
            "ｆｐ－０１２３",
        ] {
            assert_eq!(key(doc), expected, "{doc}");
        }
        assert_eq!(key("00012345"), Some("12345".into()));
        assert_eq!(key("0000"), Some("0".into()));
    }

    #[test]
    fn labels_in_front_are_dropped() {
        for doc in [
            "No.123",
            "NO 123",
            "no123",
            "#123",
            "№123",
            "No:00123",
            "发票号：123",
            "发票号码 00123",
            "单号#123",
            "123",
        ] {
            assert_eq!(key(doc), Some("123".into()), "{doc}");
        }
        assert_eq!(key("No.FP-12"), Some("FP|12".into()));
    }

    #[test]
    fn letters_that_only_start_like_a_label_are_kept() {
        assert_eq!(key("NOV-1"), Some("NOV|1".into()));
        assert_eq!(key("NUMBERS1"), Some("NUMBERS|1".into()));
        assert_eq!(key("NOMURA1"), Some("NOMURA|1".into()));
    }

    #[test]
    fn different_splits_stay_different() {
        assert_ne!(key("12-3"), key("1-23"));
        assert_ne!(key("FP1"), key("FP10"));
        assert_ne!(key("2024-001"), key("2024001"));
        assert_ne!(key("A1B"), key("AB1"));
    }

    #[test]
    fn blank_or_punctuation_only_has_no_key() {
        for doc in [
            "",
            "   ",
            "-",
            "#",
            "No.",
            "NO",
            "发票号：",
            "——",
            "、",
            "　",
        ] {
            assert_eq!(key(doc), None, "{doc:?}");
        }
    }

    #[test]
    fn chinese_characters_are_kept_as_runs() {
        assert_eq!(key("记-0012"), Some("记|12".into()));
        assert_eq!(key("记 12"), key("记12"));
        assert_ne!(key("记12"), key("收12"));
    }
}
