//! A statement's rows by what they are, over the whole table: which balance
//! row opens (the last before the first line) and which closes (the last
//! after the last line), what is a total, a page carry, a repeated header, a
//! title or a footer. Rows a bookkeeper skips with their eyes are listed with
//! the reason, never refused; only a row that looks like a line and cannot be
//! read is a problem. Pure: no file, no database (`classify_cells` is the
//! entry point the fuzzers use).

use serde::Serialize;

use super::header::{detect_header, fill_year, join_header_rows};
use super::mapping::StatementMapping;
use super::period::{StatedPeriod, stated_period};
use super::rows::{BalanceLabel, BalanceRow, Parsed, RowReader, SkipReason, TheirRow, is_zero};
use crate::domain::{Money, Problem, Severity, Text};
use crate::import::{Row, RowProblem};
use crate::reconcile::TheirAmount;

/// A row left out, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkippedRow {
    /// As the spreadsheet or a text editor shows it.
    pub row: u64,
    pub reason: SkipReason,
    /// The row's first filled cells, to recognise it by.
    pub text: String,
}

/// The statement's rows sorted by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Classified {
    pub rows: Vec<TheirRow>,
    /// The last balance row before the first line.
    pub opening: Option<BalanceRow>,
    /// The last balance row after the last line.
    pub closing: Option<BalanceRow>,
    /// Balance rows between lines, each with the number of lines above it:
    /// checked against the running balance like the others.
    pub checkpoints: Vec<(usize, BalanceRow)>,
    pub skipped: Vec<SkippedRow>,
    pub problems: Vec<RowProblem>,
}

/// The row's filled cells joined, cut to a readable length.
fn row_text(row: &Row) -> String {
    let text = row
        .cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    text.chars().take(40).collect()
}

/// Classifies the rows below the header (in file order) with `mapping`.
pub fn classify(mapping: &StatementMapping, rows: &[Row]) -> Classified {
    let reader = RowReader { mapping };
    let parsed: Vec<Parsed> = rows.iter().map(|r| reader.read(r)).collect();
    let is_data = |p: &Parsed| matches!(p, Parsed::Line(..) | Parsed::Balance(..));
    let last_data = parsed.iter().rposition(is_data);
    let first_line = parsed.iter().position(|p| matches!(p, Parsed::Line(..)));
    let last_line = parsed.iter().rposition(|p| matches!(p, Parsed::Line(..)));
    // The closing row: the last balance row after the last line (or, with no
    // lines, the last balance row of all when there are two or more).
    let closing_at = parsed
        .iter()
        .rposition(|p| matches!(p, Parsed::Balance(..)));
    let closing_at = closing_at.filter(|&c| match last_line {
        Some(l) => c > l,
        None => parsed[..c].iter().any(|p| matches!(p, Parsed::Balance(..))),
    });
    // The opening row: the last balance row before the first line.
    let opening_at = parsed[..first_line.unwrap_or(parsed.len())]
        .iter()
        .rposition(|p| matches!(p, Parsed::Balance(..)))
        .filter(|&o| Some(o) != closing_at);

    let mut out = Classified::default();
    let mut totals = Totals::default();
    let skip = |out: &mut Classified, row: &Row, reason| {
        out.skipped.push(SkippedRow {
            row: row.number,
            reason,
            text: row_text(row),
        });
    };
    for (i, (row, p)) in rows.iter().zip(parsed).enumerate() {
        let after = last_data.is_some_and(|l| i > l);
        match p {
            Parsed::Blank => {}
            Parsed::Header => skip(&mut out, row, SkipReason::Header),
            Parsed::Total(reason, figures) => {
                if let Some(figures) = figures {
                    totals.check(row.number, figures, &out.rows, &mut out.problems);
                }
                skip(&mut out, row, reason)
            }
            Parsed::Text if after => skip(&mut out, row, SkipReason::Footer),
            Parsed::Text => skip(&mut out, row, SkipReason::Text),
            Parsed::NoAmount(_) if after => skip(&mut out, row, SkipReason::Footer),
            Parsed::NoAmount(problems) => out.problems.extend(problems),
            Parsed::Refused(problems) if after && footer_like(row, &problems) => {
                skip(&mut out, row, SkipReason::Footer)
            }
            Parsed::Refused(problems) => out.problems.extend(problems),
            Parsed::Line(line, warnings) => {
                out.problems.extend(warnings);
                out.rows.push(line);
            }
            Parsed::Balance(balance, warnings) => {
                out.problems.extend(warnings);
                if Some(i) == opening_at {
                    out.opening = Some(balance);
                } else if Some(i) == closing_at {
                    out.closing = Some(balance);
                } else {
                    // A year's opening above the period's, a month's balance
                    // between lines, a 期初余额 repeated on a new page.
                    if first_line.is_some_and(|f| i > f) && balance.balance.is_some() {
                        out.checkpoints.push((out.rows.len(), balance));
                    }
                    skip(&mut out, row, SkipReason::Balance);
                }
            }
        }
    }
    derive_movements(&mut out);
    sign_from_balances(&mut out);
    drop_zero_lines(&mut out, rows);
    out
}

/// Sums of (debit, credit) as written, debit-positive for a signed column.
fn sums(lines: &[TheirRow]) -> (i128, i128) {
    lines.iter().fold((0, 0), |(d, c), l| match l.raw {
        TheirAmount::DebitCredit { debit, credit } => {
            (d + i128::from(debit.fen()), c + i128::from(credit.fen()))
        }
        TheirAmount::Signed(m) => (d + i128::from(m.fen()), c),
    })
}

/// Checks each row of totals against the lines it sums: those since the
/// previous total (本月合计 per month), else every line so far (a 本期合计
/// after monthly totals).
#[derive(Default)]
struct Totals {
    /// Lines already covered by an earlier total.
    covered: usize,
}

impl Totals {
    fn check(
        &mut self,
        row: u64,
        figures: TheirAmount,
        lines: &[TheirRow],
        problems: &mut Vec<RowProblem>,
    ) {
        let stated = match figures {
            TheirAmount::DebitCredit { debit, credit } => {
                (i128::from(debit.fen()), i128::from(credit.fen()))
            }
            TheirAmount::Signed(m) => (i128::from(m.fen()), 0),
        };
        let since = sums(lines.get(self.covered..).unwrap_or_default());
        let all = sums(lines);
        self.covered = lines.len();
        if stated == since || stated == all {
            return;
        }
        let show = |(d, c): (i128, i128)| {
            let m = |v: i128| {
                i64::try_from(v).map_or_else(|_| v.to_string(), |f| Money::from_fen(f).grouped())
            };
            match figures {
                TheirAmount::DebitCredit { .. } => format!("{} / {}", m(d), m(c)),
                TheirAmount::Signed(_) => m(d),
            }
        };
        let (s, c) = (show(stated), show(since));
        let p = Problem::warning(
            "amount",
            "statement.total_differs",
            Text::new(
                format!(
                    "The total {s} is not the sum of the lines above it ({c}): a line may be missing or misread"
                ),
                format!("合计 {s} 与上方各行之和（{c}）不符：可能缺行或有金额读错"),
            ),
        );
        problems.push(RowProblem {
            row,
            column: String::new(),
            field: "amount".into(),
            severity: Severity::Warning,
            code: p.code,
            message: p.message,
        });
    }
}

/// A row after the lines that only failed because a money column holds
/// text ("对账人：" typed under 借方): a signature, not a line.
fn footer_like(row: &Row, problems: &[RowProblem]) -> bool {
    let dated = row
        .cells
        .iter()
        .any(|c| super::rows::date_of(c.trim()).is_ok());
    !dated && problems.iter().all(|p| p.code == "money.invalid")
}

/// A 方向 + 余额 layout has no movement columns: each line moves the balance
/// by the difference to the balance above it. A line with no balance above
/// it (no opening row) becomes the opening.
fn derive_movements(out: &mut Classified) {
    if !out.rows.iter().any(|r| r.derived) {
        return;
    }
    let mut previous = out.opening.as_ref().and_then(|o| o.balance);
    let mut kept = Vec::with_capacity(out.rows.len());
    for mut line in std::mem::take(&mut out.rows) {
        let balance = line.balance;
        match (previous, balance) {
            (Some(before), Some(now)) => {
                let change = now.fen().saturating_sub(before.fen());
                line.raw = TheirAmount::Signed(Money::from_fen(change));
                kept.push(line);
            }
            (None, Some(_)) if out.opening.is_none() && kept.is_empty() => {
                out.opening = Some(BalanceRow {
                    row: line.row,
                    date: Some(line.date),
                    label: BalanceLabel::None,
                    raw: None,
                    balance,
                });
            }
            _ => kept.push(line),
        }
        previous = balance.or(previous);
    }
    out.rows = kept;
}

/// One amount column written without a sign (金额 beside 余额): where the
/// balance moves by minus the amount, the amount is a decrease.
fn sign_from_balances(out: &mut Classified) {
    let unsigned = out
        .rows
        .iter()
        .all(|r| matches!(r.raw, TheirAmount::Signed(m) if !m.is_negative()));
    if !unsigned || out.rows.iter().any(|r| r.derived) {
        return;
    }
    let mut previous = out.opening.as_ref().and_then(|o| o.balance);
    for line in &mut out.rows {
        if let (TheirAmount::Signed(amount), Some(before), Some(now)) =
            (line.raw, previous, line.balance)
            && let Some(minus) = amount.fen().checked_neg()
            && now.fen().checked_sub(before.fen()) == Some(minus)
            && minus != 0
        {
            line.raw = TheirAmount::Signed(Money::from_fen(minus));
        }
        previous = line.balance.or(previous);
    }
}

fn drop_zero_lines(out: &mut Classified, rows: &[Row]) {
    let zero: Vec<u64> = out
        .rows
        .iter()
        .filter(|r| is_zero(r.raw))
        .map(|r| r.row)
        .collect();
    if zero.is_empty() {
        return;
    }
    out.rows.retain(|r| !is_zero(r.raw));
    for number in zero {
        let text = rows
            .iter()
            .find(|r| r.number == number)
            .map(row_text)
            .unwrap_or_default();
        out.skipped.push(SkippedRow {
            row: number,
            reason: SkipReason::ZeroAmount,
            text,
        });
    }
    out.skipped.sort_by_key(|s| s.row);
}

/// A statement read from rows of text alone: the header found, two-row
/// headers joined, columns mapped from the headers, the period stated above
/// the header, the rows below classified. Row numbers count from 1 in the
/// order given. `None` when no header names a date and an amount or balance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassifiedStatement {
    pub header_row: u64,
    pub mapping: StatementMapping,
    pub period: Option<StatedPeriod>,
    pub classified: Classified,
}

/// The statement row classifier on rows of text cells, without files or a
/// database (the fuzz target's entry point). Never panics.
pub fn classify_cells(cells: &[Vec<String>]) -> Option<ClassifiedStatement> {
    let rows: Vec<Row> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| Row {
            number: i as u64 + 1,
            cells: c.clone(),
            numeric: Vec::new(),
        })
        .collect();
    let index = detect_header(&rows)?;
    let (header_index, headers) = join_header_rows(&rows, index);
    let mut mapping = StatementMapping::auto(&headers);
    mapping.validate().ok()?;
    let period = rows[..index]
        .iter()
        .flat_map(|r| &r.cells)
        .find_map(|c| stated_period(c));
    fill_year(&mut mapping, &rows[..=header_index], period.as_ref());
    let classified = classify(&mapping, &rows[header_index + 1..]);
    Some(ClassifiedStatement {
        header_row: rows[header_index].number,
        mapping,
        period,
        classified,
    })
}

/// A warning for a balance row its lines do not lead to: the opening row
/// against the first line's balance, the closing row against the opening
/// plus every line. A misread column shows up here.
pub fn balance_problem(
    closing: bool,
    row: u64,
    column: &str,
    stated: Money,
    computed: Money,
) -> RowProblem {
    let (s, c) = (stated.grouped(), computed.grouped());
    let (code, en, zh) = if closing {
        (
            "statement.closing_differs",
            format!(
                "The closing balance {s} is not the opening plus the lines ({c}): a column may be misread or a line missing"
            ),
            format!("期末余额 {s} 与期初加各行发生额（{c}）不符：可能有列读错或缺行"),
        )
    } else {
        (
            "statement.opening_differs",
            format!(
                "The opening balance {s} is not the first line's balance less its amount ({c})"
            ),
            format!("期初余额 {s} 与第一行余额减其发生额（{c}）不符"),
        )
    };
    let p = Problem::warning("balance", code, Text::new(en, zh));
    RowProblem {
        row,
        column: column.to_string(),
        field: "balance".into(),
        severity: Severity::Warning,
        code: p.code,
        message: p.message,
    }
}
