//! The TUI's texts: [`Msg`], entries of the one message table
//! (`src/messages/ui/*.rs`, new ones appended to the last file), and the
//! punctuation and counts that go between them. Field labels, choice labels
//! and validation messages come from the core (`Field::label`,
//! `Problem.message`).

use crate::domain::Lang;
pub use crate::messages::ui::Msg;

/// ": " in English, "：" in Chinese (no ASCII punctuation in Chinese text).
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    }
}

/// Between two sentences: ". " in English, "。" in Chinese.
pub fn full_stop(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ". ",
        Lang::Zh => "。",
    }
}

/// A count with its unit in the UI language: "1,234 customers" / "1,234 个客户".
pub fn count(n: usize, unit: Msg, lang: Lang) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(d);
    }
    format!("{grouped} {}", unit.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped() {
        assert_eq!(
            count(100_000, Msg::Customers, Lang::En),
            "100,000 customers"
        );
        assert_eq!(count(12, Msg::Customers, Lang::Zh), "12 个客户");
    }
}
