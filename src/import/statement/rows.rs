//! One row of a statement: a line, the opening balance, a total to skip, or
//! problems naming the row and column.

use chrono::NaiveDate;

use super::fields::StatementField;
use super::mapping::StatementMapping;
use crate::domain::date::parse_date;
use crate::domain::{Money, Problem, Severity, Text};
use crate::import::mapping::normalize_header;
use crate::import::{Row, RowProblem};
use crate::reconcile::TheirAmount;

/// A line of their statement as written (their sign).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TheirRow {
    /// Row number as the spreadsheet shows it; the line's id in the engine.
    pub row: u64,
    pub date: NaiveDate,
    pub doc: String,
    pub description: String,
    pub raw: TheirAmount,
    /// Debit-positive when a direction column says which side; else as written.
    pub balance: Option<Money>,
}

/// The 期初余额 row, when the statement has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpeningRow {
    pub row: u64,
    pub date: Option<NaiveDate>,
    pub raw: Option<TheirAmount>,
    pub balance: Option<Money>,
}

pub(super) enum Parsed {
    /// A line, with warnings about it (a balance that cannot be read).
    Line(TheirRow, Vec<RowProblem>),
    Opening(OpeningRow, Vec<RowProblem>),
    /// 合计, 承前页 and the like: figures of other rows.
    Total,
    Blank,
    Refused(Vec<RowProblem>),
}

/// Words that mark the opening balance row.
const OPENING_WORDS: &[&str] = &[
    "期初余额",
    "期初",
    "上期结转",
    "上年结转",
    "上月结转",
    "年初余额",
    "opening balance",
    "balance b/f",
    "b/f",
    "balance brought forward",
    "brought forward",
];

/// Words that mark a row of totals or a page carry (its figures repeat others).
const TOTAL_WORDS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "本期合计",
    "本月合计",
    "本年累计",
    "本期发生额合计",
    "累计",
    "承前页",
    "过次页",
    "total",
    "subtotal",
    "grand total",
    "balance c/f",
    "carried forward",
];

fn names_one_of(text: &str, words: &[&str]) -> bool {
    let key = normalize_header(text);
    !key.is_empty() && words.iter().any(|w| normalize_header(w) == key)
}

/// Reads a date cell; a time after the date (Excel's "2025-10-09 00:00:00") is dropped.
fn date_of(text: &str) -> Result<NaiveDate, crate::domain::date::DateError> {
    parse_date(text).or_else(|e| match text.trim().split_once([' ', 'T']) {
        Some((day, _)) => parse_date(day),
        None => Err(e),
    })
}

pub(super) struct RowReader<'a> {
    pub mapping: &'a StatementMapping,
}

impl RowReader<'_> {
    fn cell<'r>(&self, row: &'r Row, field: StatementField) -> &'r str {
        self.mapping
            .column_of(field)
            .map_or("", |col| row.cell(col).trim())
    }

    fn header(&self, field: StatementField) -> String {
        self.mapping
            .column_of(field)
            .and_then(|c| self.mapping.headers.get(c).cloned())
            .unwrap_or_default()
    }

    fn problem(&self, row: &Row, field: StatementField, p: Problem) -> RowProblem {
        RowProblem {
            row: row.number,
            column: self.header(field),
            field: field.key().to_string(),
            severity: p.severity,
            code: p.code,
            message: p.message,
        }
    }

    fn money(
        &self,
        row: &Row,
        field: StatementField,
        problems: &mut Vec<RowProblem>,
    ) -> Option<Money> {
        let text = self.cell(row, field);
        if text.is_empty() || text == "-" {
            return None;
        }
        match Money::parse(text) {
            Ok(m) => Some(m),
            Err(e) => {
                let column = self.header(field);
                problems.push(self.problem(
                    row,
                    field,
                    Problem::error(
                        field.key(),
                        e.code(),
                        Text::new(
                            format!("{} (column {column})", e.text().en),
                            format!("{}（{column}列）", e.text().zh),
                        ),
                    ),
                ));
                None
            }
        }
    }

    /// The amount columns of a row: `None` when they are all empty.
    fn amount(&self, row: &Row, problems: &mut Vec<RowProblem>) -> Option<TheirAmount> {
        if self.mapping.column_of(StatementField::Amount).is_some() {
            return self
                .money(row, StatementField::Amount, problems)
                .map(TheirAmount::Signed);
        }
        let debit = self.money(row, StatementField::Debit, problems);
        let credit = self.money(row, StatementField::Credit, problems);
        (debit.is_some() || credit.is_some()).then(|| TheirAmount::DebitCredit {
            debit: debit.unwrap_or_default(),
            credit: credit.unwrap_or_default(),
        })
    }

    /// The balance, debit-positive when a direction column gives its side.
    fn balance(&self, row: &Row, problems: &mut Vec<RowProblem>) -> Option<Money> {
        let mut warnings = Vec::new();
        let value = self.money(row, StatementField::Balance, &mut warnings);
        // A balance that cannot be read only weakens a check: a warning.
        problems.extend(warnings.into_iter().map(|mut p| {
            p.severity = Severity::Warning;
            p
        }));
        let value = value?;
        let side = normalize_header(self.cell(row, StatementField::Direction));
        let magnitude = Money::from_fen(value.fen().saturating_abs());
        match side.as_str() {
            "借" | "dr" | "d" | "debit" => Some(magnitude),
            "贷" | "cr" | "c" | "credit" => Money::ZERO.checked_sub(magnitude),
            "平" => Some(Money::ZERO),
            _ => Some(value),
        }
    }

    pub fn read(&self, row: &Row) -> Parsed {
        if row.is_blank() {
            return Parsed::Blank;
        }
        let date_text = self.cell(row, StatementField::Date);
        let labels = [
            date_text,
            self.cell(row, StatementField::Doc),
            self.cell(row, StatementField::Description),
        ];
        let mut problems = Vec::new();
        if labels.iter().any(|t| names_one_of(t, OPENING_WORDS)) {
            let raw = self.amount(row, &mut problems);
            let balance = self.balance(row, &mut problems);
            if problems.iter().any(|p| p.severity == Severity::Error) {
                return Parsed::Refused(problems);
            }
            let opening = OpeningRow {
                row: row.number,
                date: date_of(date_text).ok(),
                raw,
                balance,
            };
            return Parsed::Opening(opening, problems);
        }
        if labels.iter().any(|t| names_one_of(t, TOTAL_WORDS)) {
            return Parsed::Total;
        }
        let date = match date_of(date_text) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(self.problem(
                    row,
                    StatementField::Date,
                    Problem::error("date", e.code(), e.text()),
                ));
                None
            }
        };
        let raw = self.amount(row, &mut problems);
        let balance = self.balance(row, &mut problems);
        let amount_read = problems
            .iter()
            .all(|p| p.field == "date" || p.severity == Severity::Warning);
        if raw.is_none() && amount_read {
            let columns = match self.mapping.column_of(StatementField::Amount) {
                Some(_) => self.header(StatementField::Amount),
                None => [StatementField::Debit, StatementField::Credit]
                    .map(|f| self.header(f))
                    .into_iter()
                    .filter(|h| !h.is_empty())
                    .collect::<Vec<_>>()
                    .join("/"),
            };
            let field = if self.mapping.column_of(StatementField::Amount).is_some() {
                StatementField::Amount
            } else {
                StatementField::Debit
            };
            let mut p = self.problem(
                row,
                field,
                Problem::error(
                    "amount",
                    "statement.no_amount",
                    Text::new(
                        format!(
                            "No amount in {columns}: fill it in, or delete the row if it is not a line of the statement"
                        ),
                        format!("{columns} 没有金额：请填写金额；如果这不是对账明细，请删除该行"),
                    ),
                ),
            );
            p.column = columns;
            problems.push(p);
        }
        match (date, raw) {
            (Some(date), Some(raw)) if problems.iter().all(|p| p.severity != Severity::Error) => {
                let line = TheirRow {
                    row: row.number,
                    date,
                    doc: self.cell(row, StatementField::Doc).to_string(),
                    description: self.cell(row, StatementField::Description).to_string(),
                    raw,
                    balance,
                };
                Parsed::Line(line, problems)
            }
            _ => Parsed::Refused(problems),
        }
    }
}
