//! The problems the writing side reports about a row that matched a
//! stored customer or an earlier row of the file.

use crate::domain::{Problem, Severity, Text};
use crate::import::mapping::Target;
use crate::store::{Existing, MatchedBy};

pub(super) fn column_for(field: &str, targets: &[Target], headers: &[String]) -> String {
    targets
        .iter()
        .position(|t| *t != Target::Ignore && t.key() == field)
        .and_then(|i| headers.get(i).cloned())
        .unwrap_or_default()
}
pub(super) fn matched(existing: &Existing, code: &'static str, en: &str, zh: &str) -> Problem {
    let (by_en, by_zh) = by_text(existing.by);
    Problem::warning(
        existing.by.key(),
        code,
        Text::new(
            format!(
                "Already in the database as {} {} (same {by_en}): {en}.",
                existing.code, existing.name
            ),
            format!(
                "数据库中已有该客户 {} {}（{by_zh}相同）：{zh}。",
                existing.code, existing.name
            ),
        ),
    )
}

pub(super) fn in_file(
    existing: &Existing,
    first: u64,
    en: &str,
    zh: &str,
    severity: Severity,
) -> Problem {
    let (by_en, by_zh) = by_text(existing.by);
    Problem {
        severity,
        ..Problem::warning(
            existing.by.key(),
            "import.duplicate_in_file",
            Text::new(
                format!(
                    "Same {by_en} as row {first} of this file ({}): {en}.",
                    existing.name
                ),
                format!(
                    "与本文件第 {first} 行{by_zh}相同（{}）：{zh}。",
                    existing.name
                ),
            ),
        )
    }
}

/// Earlier rows named in a similar-name warning, at most.
pub(super) const MAX_LOOKALIKES: usize = 5;

/// "Similar to the name in row 12 of this file" (a warning).
pub(super) fn similar_rows(rows: &[u64]) -> Problem {
    let list: Vec<String> = rows.iter().map(u64::to_string).collect();
    Problem::warning(
        "name",
        "name.similar",
        Text::new(
            format!(
                "A similar name is in row {} of this file, with another tax ID.",
                list.join(", ")
            ),
            format!("本文件第 {} 行有相似名称（税号不同）。", list.join("、")),
        ),
    )
}

fn by_text(by: MatchedBy) -> (&'static str, &'static str) {
    match by {
        MatchedBy::TaxId => ("tax ID", "税号"),
        MatchedBy::Code => ("code", "编码"),
        MatchedBy::Name => ("name", "名称"),
    }
}
