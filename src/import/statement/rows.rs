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

use super::labels::{BALANCE_HINTS, Label, label_of};
pub use super::labels::{BalanceLabel, BalanceRow, SkipReason};

mod problems;

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
    /// The layout has no movement columns: `raw` is the change of the balance.
    pub derived: bool,
}

/// What one row of a statement is, read on its own. Which balance row
/// opens and which closes, and where the table ends, is decided over all
/// rows by `classify.rs`.
pub(super) enum Parsed {
    /// A line, with warnings about it (a balance that cannot be read).
    Line(TheirRow, Vec<RowProblem>),
    /// A row that carries a balance but no movement: labelled (期初余额,
    /// 期末余额) or not.
    Balance(BalanceRow, Vec<RowProblem>),
    /// 本期合计, 本年累计, 承前页, 过次页: figures of other rows (the
    /// movement figures of a total, when readable, to check).
    Total(SkipReason, Option<TheirAmount>),
    /// The header row again (a new page of the export).
    Header,
    /// Text only: a title, a 科目 line, a footer, a signature.
    Text,
    /// A document but no amount and no balance: a line with its amount
    /// missing, unless it stands after the table (a footer).
    NoAmount(Vec<RowProblem>),
    Blank,
    Refused(Vec<RowProblem>),
}

/// Reads a date cell; a time after the date (Excel's "2025-10-09 00:00:00") is dropped.
pub(super) fn date_of(text: &str) -> Result<NaiveDate, crate::domain::date::DateError> {
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
                // The problem carries its row and column; the text is the fix.
                problems.push(self.problem(
                    row,
                    field,
                    Problem::error(field.key(), e.code(), e.text()),
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

    /// The date as text: the date column's, or year-month-day from the 月 and
    /// 日 columns of a split date ("" while a part or the year is missing).
    fn date_text(&self, row: &Row) -> String {
        let Some(parts) = self.mapping.date_parts else {
            return self.cell(row, StatementField::Date).to_string();
        };
        let (month, day) = (row.cell(parts.month).trim(), row.cell(parts.day).trim());
        let number = |t: &str| t.parse::<u32>().ok().filter(|_| t.len() <= 2);
        match (parts.year, number(month), number(day)) {
            (Some(year), Some(m), Some(d)) => {
                let year = match parts.next_year_before {
                    Some(start) if m < start => year + 1,
                    _ => year,
                };
                format!("{year}-{m:02}-{d:02}")
            }
            // A part typed but no year: shown as the month and day alone, so
            // the row is refused naming the missing year.
            (None, Some(m), Some(d)) => format!("{m}-{d}"),
            _ => String::new(),
        }
    }

    fn split_date_columns(&self, parts: super::mapping::DateParts) -> String {
        let header = |c: usize| self.mapping.headers.get(c).cloned().unwrap_or_default();
        format!("{}/{}", header(parts.month), header(parts.day))
    }

    /// The cells that can carry a label: every column not holding figures.
    fn label(&self, row: &Row, dated: bool) -> Option<Label> {
        let figures = [
            StatementField::Debit,
            StatementField::Credit,
            StatementField::Amount,
            StatementField::Balance,
        ]
        .map(|f| self.mapping.column_of(f));
        row.cells
            .iter()
            .enumerate()
            .filter(|(i, _)| !figures.contains(&Some(*i)))
            .find_map(|(_, c)| label_of(c, !dated))
    }

    /// The row names the columns as the header does (a new page).
    fn repeats_header(&self, row: &Row) -> bool {
        let same = self
            .mapping
            .headers
            .iter()
            .zip(&row.cells)
            .filter(|(h, c)| !c.trim().is_empty() && normalize_header(h) == normalize_header(c))
            .count();
        same >= 2
    }

    /// Every text outside the date, figures and direction names a balance
    /// (or there is none): "2026-09-30 | 支付货款 | 贷 | 12,800" with its
    /// amount missing is a line to fix, not a balance row.
    fn only_balance_words(&self, row: &Row) -> bool {
        let skip = [
            StatementField::Date,
            StatementField::Debit,
            StatementField::Credit,
            StatementField::Amount,
            StatementField::Balance,
            StatementField::Direction,
        ]
        .map(|f| self.mapping.column_of(f));
        let parts = self.mapping.date_parts.map(|p| [p.month, p.day]);
        row.cells
            .iter()
            .enumerate()
            .filter(|(i, _)| !parts.is_some_and(|p| p.contains(i)))
            .filter(|(i, c)| !skip.contains(&Some(*i)) && !c.trim().is_empty())
            .all(|(_, c)| {
                let key = normalize_header(c);
                BALANCE_HINTS.iter().any(|w| key.contains(w))
            })
    }

    /// Whether the layout has movement columns at all (else the movement is
    /// the change of the balance: a 方向 + 余额 layout).
    pub fn has_movement(&self) -> bool {
        [
            StatementField::Debit,
            StatementField::Credit,
            StatementField::Amount,
        ]
        .iter()
        .any(|f| self.mapping.column_of(*f).is_some())
    }

    pub fn read(&self, row: &Row) -> Parsed {
        if row.is_blank() {
            return Parsed::Blank;
        }
        if self.repeats_header(row) {
            return Parsed::Header;
        }
        let date_text = self.date_text(row);
        let date_text = date_text.as_str();
        let date = date_of(date_text).ok();
        let mut problems = Vec::new();
        match self.label(row, date.is_some()) {
            Some(Label::Total) => {
                // Figures that cannot be read only leave the total unchecked.
                let figures = self.amount(row, &mut Vec::new());
                return Parsed::Total(SkipReason::Total, figures);
            }
            Some(Label::YearToDate) => return Parsed::Total(SkipReason::YearToDate, None),
            Some(Label::Carry) => return Parsed::Total(SkipReason::PageCarry, None),
            Some(label @ (Label::Opening | Label::Closing)) => {
                let raw = self.amount(row, &mut problems);
                let balance = self.balance(row, &mut problems);
                if problems.iter().any(|p| p.severity == Severity::Error) {
                    return Parsed::Refused(problems);
                }
                let label = if label == Label::Opening {
                    BalanceLabel::Opening
                } else {
                    BalanceLabel::Closing
                };
                let row = BalanceRow {
                    row: row.number,
                    date,
                    label,
                    raw: raw.filter(|r| !is_zero(*r)),
                    balance,
                };
                return Parsed::Balance(row, problems);
            }
            None => {}
        }
        // No date and no figure anywhere: a title, a 科目 line, a signature.
        let any_digit = row.cells.iter().any(|c| {
            c.chars()
                .any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch))
        });
        if date.is_none() && !any_digit {
            return Parsed::Text;
        }
        let raw = self.amount(row, &mut problems);
        let balance = self.balance(row, &mut problems);
        let doc = self.cell(row, StatementField::Doc);
        let movement_unread = problems
            .iter()
            .any(|p| p.severity == Severity::Error && p.field != "date");
        if movement_unread {
            return Parsed::Refused(problems);
        }
        // No movement column at all: a dated row with a balance is a line
        // whose movement is the change of the balance (worked out later).
        let derived = !self.has_movement() && date.is_some() && balance.is_some();
        if raw.is_none() && !derived {
            if balance.is_some() && doc.is_empty() && self.only_balance_words(row) {
                let row = BalanceRow {
                    row: row.number,
                    date,
                    label: BalanceLabel::None,
                    raw: None,
                    balance,
                };
                return Parsed::Balance(row, problems);
            }
            if doc.is_empty() && balance.is_none() {
                return Parsed::Text;
            }
            problems.push(self.no_amount(row));
            return Parsed::NoAmount(problems);
        }
        let date = match date_of(date_text) {
            Ok(d) => d,
            Err(e) => {
                let mut p = self.problem(
                    row,
                    StatementField::Date,
                    Problem::error("date", e.code(), e.text()),
                );
                if let Some(parts) = self.mapping.date_parts {
                    p.column = self.split_date_columns(parts);
                    if parts.year.is_none() {
                        p.code = "statement.no_year";
                        p.message = Text::new(
                            "The statement gives month and day but no year: give it (kehu reconcile … --year 2026), or put the year above the header (2026年) or a 期间 line, or the date in one column",
                            "对账单只有月、日而没有年份：请指定年份（kehu reconcile … --year 2026），或在表头上方写明年份（如 2026年）或期间，或把日期放在一列中",
                        );
                    }
                }
                problems.push(p);
                return Parsed::Refused(problems);
            }
        };
        let line = TheirRow {
            row: row.number,
            date,
            doc: doc.to_string(),
            description: self.cell(row, StatementField::Description).to_string(),
            raw: raw.unwrap_or(TheirAmount::Signed(Money::ZERO)),
            balance,
            derived,
        };
        Parsed::Line(line, problems)
    }
}

pub(super) fn is_zero(raw: TheirAmount) -> bool {
    match raw {
        TheirAmount::Signed(m) => m.fen() == 0,
        TheirAmount::DebitCredit { debit, credit } => debit.fen() == 0 && credit.fen() == 0,
    }
}
