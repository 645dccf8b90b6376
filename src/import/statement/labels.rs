//! What the label cells of a statement row say it is (期初余额, 期末余额,
//! 本期合计, 本年累计, 承前页 / 过次页), why a row is skipped, and the balance
//! rows themselves.

use chrono::NaiveDate;

use crate::domain::Money;
use crate::import::mapping::normalize_header;
use crate::reconcile::TheirAmount;

/// Why a row is left out, as the JSON report and the TUI name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// 本期合计 / 本月合计 / 合计.
    Total,
    /// 本年累计.
    YearToDate,
    /// 承前页 / 过次页: a page carry.
    PageCarry,
    /// The header repeated on a new page.
    Header,
    /// Text above or between the lines (a title, a 科目 or 期间 line).
    Text,
    /// Text after the last line (经核对，以上余额相符, 对账人：, 单位盖章：).
    Footer,
    /// A balance row that neither opens nor closes (a month's balance, an
    /// earlier 年初余额): checked against the running balance.
    Balance,
    /// A line whose amount is zero.
    ZeroAmount,
}

impl SkipReason {
    pub fn key(self) -> &'static str {
        match self {
            SkipReason::Total => "total",
            SkipReason::YearToDate => "year_to_date",
            SkipReason::PageCarry => "page_carry",
            SkipReason::Header => "header",
            SkipReason::Text => "text",
            SkipReason::Footer => "footer",
            SkipReason::Balance => "balance",
            SkipReason::ZeroAmount => "zero_amount",
        }
    }

    pub fn text(self) -> crate::domain::Text {
        let (en, zh) = match self {
            SkipReason::Total => ("total", "合计行"),
            SkipReason::YearToDate => ("year to date", "本年累计"),
            SkipReason::PageCarry => ("page carry", "承前页/过次页"),
            SkipReason::Header => ("header again", "重复表头"),
            SkipReason::Text => ("text only", "文字行"),
            SkipReason::Footer => ("footer", "表尾"),
            SkipReason::Balance => ("balance row", "余额行"),
            SkipReason::ZeroAmount => ("zero amount", "金额为零"),
        };
        crate::domain::Text::new(en, zh)
    }
}

/// A row with a balance and no movement (期初余额, 期末余额, or unlabelled).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BalanceRow {
    pub row: u64,
    pub date: Option<NaiveDate>,
    pub label: BalanceLabel,
    /// Figures in the amount columns of a labelled opening row (some
    /// software writes the opening there instead of in 余额).
    pub raw: Option<TheirAmount>,
    /// Debit-positive when a direction column says which side; else as written.
    pub balance: Option<Money>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BalanceLabel {
    Opening,
    Closing,
    None,
}

/// Words that mark the opening balance row.
const OPENING_WORDS: &[&str] = &[
    "期初余额",
    "期初",
    "上期结转",
    "上年结转",
    "上月结转",
    "年初余额",
    "期初数",
    "opening balance",
    "balance b/f",
    "b/f",
    "balance brought forward",
];

/// Words that mark the closing balance row.
const CLOSING_WORDS: &[&str] = &[
    "期末余额",
    "期末",
    "本期余额",
    "期末数",
    "结余",
    "余额",
    "closing balance",
    "ending balance",
];

/// Words inside an unlabelled balance row's text ("本月余额", "月末结存").
pub(super) const BALANCE_HINTS: &[&str] = &["余额", "结余", "结存", "balance"];

/// Words that mark a page carry: the running figures repeated.
const CARRY_WORDS: &[&str] = &[
    "承前页",
    "过次页",
    "承上页",
    "转下页",
    "carried forward",
    "brought forward",
    "balance c/f",
    "c/f",
];

const YEAR_WORDS: &[&str] = &["本年累计", "本年合计", "年度累计", "累计", "year to date"];

/// Words that mark a row of totals.
const TOTAL_WORDS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "本期合计",
    "本月合计",
    "本季合计",
    "本期发生额合计",
    "本期发生额",
    "total",
    "subtotal",
    "grand total",
];

/// What a label cell says the row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Label {
    Opening,
    Closing,
    Carry,
    YearToDate,
    Total,
}

const LABELS: [(Label, &[&str]); 5] = [
    (Label::Carry, CARRY_WORDS),
    (Label::YearToDate, YEAR_WORDS),
    (Label::Total, TOTAL_WORDS),
    (Label::Opening, OPENING_WORDS),
    (Label::Closing, CLOSING_WORDS),
];

/// The label a cell names: exactly (after normalising), or — when the row has
/// no date, so it cannot be a line — as part of a longer text ("2026年7月合计").
pub(super) fn label_of(text: &str, loose: bool) -> Option<Label> {
    let key = normalize_header(text);
    if key.is_empty() {
        return None;
    }
    let exact = LABELS
        .iter()
        .find(|(_, words)| words.iter().any(|w| normalize_header(w) == key));
    if let Some((label, _)) = exact {
        return Some(*label);
    }
    if !loose || key.chars().count() > 16 {
        return None;
    }
    LABELS.iter().find_map(|(label, words)| {
        words
            .iter()
            .filter(|w| w.chars().count() >= 2 && !w.is_ascii())
            // "余额" alone inside a longer text is too loose a hint.
            .filter(|w| **w != "余额" && **w != "期末" && **w != "期初")
            .any(|w| key.contains(&normalize_header(w)))
            .then_some(*label)
    })
}
