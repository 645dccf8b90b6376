//! The reconciliation statement (余额调节表) as a table, an xlsx sheet and a
//! csv file: both balances, a summary of what matched (per rule), every
//! reconciling item with its note, and the adjusted balance that meets
//! theirs. Every figure comes from the engine in fen.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sheet::{self, MONEY_FORMAT};
use super::{FileKind, ReportError, Table};
use crate::domain::Lang;
use crate::domain::date::iso;
use crate::domain::money::Money;
use crate::reconcile::{Line, Reconciliation, Rule, Side};

/// What the statement is about besides the reconciliation itself.
#[derive(Clone, Debug)]
pub struct ReconciliationDoc<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub statement_file: &'a str,
    /// "Draft #12", "Confirmed #12 by 王芳 2026-01-05…", or empty when unsaved.
    pub status: String,
    pub reconciliation: &'a Reconciliation,
}

/// A cell of the statement (the PDF lays these out too).
pub(crate) enum Value {
    Text(String),
    Money(Money),
    Blank,
}

pub(crate) struct Row {
    pub cells: [Value; 9],
    pub bold: bool,
}

pub(crate) fn headers(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::En => [
            "Item",
            "Our date",
            "Our doc",
            "Our amount",
            "Their date",
            "Their doc",
            "Their amount",
            "Adjustment",
            "Note",
        ],
        Lang::Zh => [
            "项目",
            "我方日期",
            "我方单据号",
            "我方金额",
            "对方日期",
            "对方单据号",
            "对方金额",
            "调节金额",
            "说明",
        ],
    }
}

fn t(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Zh => zh.to_string(),
    }
}

/// The date, documents and total of one side of an item ("FP1、FP2").
fn side(lines: &[Line]) -> [Value; 3] {
    if lines.is_empty() {
        return [Value::Blank, Value::Blank, Value::Blank];
    }
    let date = lines
        .iter()
        .map(|l| l.date)
        .min()
        .map(iso)
        .unwrap_or_default();
    let docs: Vec<&str> = lines
        .iter()
        .map(|l| l.doc.as_str())
        .filter(|d| !d.is_empty())
        .collect();
    let total = Money::from_fen(lines.iter().map(|l| l.amount.fen()).sum());
    [
        Value::Text(date),
        Value::Text(docs.join("、")),
        Value::Money(total),
    ]
}

/// Columns of a row.
const ITEM: usize = 0;
const OUR_DATE: usize = 1;
const OUR_AMOUNT: usize = 3;
const THEIR_DATE: usize = 4;
const THEIR_AMOUNT: usize = 6;
const EFFECT: usize = 7;
const NOTE: usize = 8;

impl Row {
    /// A row with `label` in the first column and `cells` at their columns.
    fn new(bold: bool, label: String, cells: Vec<(usize, Value)>) -> Row {
        let mut row = Row {
            cells: std::array::from_fn(|_| Value::Blank),
            bold,
        };
        row.cells[ITEM] = Value::Text(label);
        for (col, value) in cells {
            if let Some(slot) = row.cells.get_mut(col) {
                *slot = value;
            }
        }
        row
    }
}

pub(crate) fn rows(doc: &ReconciliationDoc, lang: Lang) -> Vec<Row> {
    use Value::{Money as M, Text};
    let r = doc.reconciliation;
    let to = || Text(iso(doc.to));
    let mut rows = vec![
        Row::new(
            true,
            t(lang, "Balance per our books", "我方账面余额"),
            vec![(OUR_DATE, to()), (OUR_AMOUNT, M(r.our_balance()))],
        ),
        Row::new(
            true,
            t(lang, "Balance per their statement", "对方账面余额"),
            vec![(THEIR_DATE, to()), (THEIR_AMOUNT, M(r.their_balance()))],
        ),
        Row::new(true, t(lang, "Matched", "已核对相符"), Vec::new()),
    ];
    for rule in Rule::ALL {
        let matches: Vec<_> = r.matched().iter().filter(|m| m.rule == rule).collect();
        if matches.is_empty() {
            continue;
        }
        let sum = |side: Side| {
            Money::from_fen(
                matches
                    .iter()
                    .flat_map(|m| m.side(side))
                    .map(|l| l.amount.fen())
                    .sum(),
            )
        };
        let count = match lang {
            Lang::En => format!("{} match(es)", matches.len()),
            Lang::Zh => format!("{} 组", matches.len()),
        };
        rows.push(Row::new(
            false,
            rule.label(lang).to_string(),
            vec![
                (OUR_AMOUNT, M(sum(Side::Ours))),
                (THEIR_AMOUNT, M(sum(Side::Theirs))),
                (NOTE, Text(count)),
            ],
        ));
    }
    rows.push(Row::new(
        true,
        t(lang, "Reconciling items", "调节项目"),
        Vec::new(),
    ));
    let items = r.reconciling_items();
    for item in &items {
        let [od, odoc, oamt] = side(item.ours);
        let [td, tdoc, tamt] = side(item.theirs);
        let mut cells = vec![
            (1, od),
            (2, odoc),
            (3, oamt),
            (4, td),
            (5, tdoc),
            (6, tamt),
            (EFFECT, M(item.effect)),
        ];
        if let Some(note) = item.note {
            cells.push((NOTE, Text(note.to_string())));
        }
        rows.push(Row::new(false, item.kind.label(lang).to_string(), cells));
    }
    if items.is_empty() {
        rows.push(Row::new(false, t(lang, "None", "无"), Vec::new()));
    }
    let adjusted =
        Money::from_fen(r.our_balance().fen() + items.iter().map(|i| i.effect.fen()).sum::<i64>());
    let closes = if r.closes() {
        t(
            lang,
            "Closes: every difference explained",
            "调节后相符，差异均已说明",
        )
    } else {
        t(lang, "Does not close: explain the rest", "存在未说明差异")
    };
    rows.push(Row::new(
        true,
        t(
            lang,
            "Our balance adjusted (= their balance)",
            "调节后余额（= 对方余额）",
        ),
        vec![(EFFECT, M(adjusted))],
    ));
    rows.push(Row::new(
        true,
        t(lang, "Unexplained difference", "未说明差额"),
        vec![
            (EFFECT, M(r.unexplained_difference())),
            (NOTE, Text(closes)),
        ],
    ));
    rows
}

/// Every row as text, as the csv holds it.
pub fn reconciliation_table(doc: &ReconciliationDoc, lang: Lang) -> Table {
    let rows = rows(doc, lang)
        .into_iter()
        .map(|row| {
            row.cells
                .into_iter()
                .map(|v| match v {
                    Value::Text(s) => s,
                    Value::Money(m) => m.to_string(),
                    Value::Blank => String::new(),
                })
                .collect()
        })
        .collect();
    Table {
        headers: headers(lang).map(String::from).to_vec(),
        rows,
    }
}

/// Writes the reconciliation statement to `path`, xlsx or csv by extension.
pub fn write_reconciliation(
    path: &Path,
    doc: &ReconciliationDoc,
    lang: Lang,
) -> Result<(), ReportError> {
    match FileKind::of(path) {
        Some(FileKind::Csv) => sheet::write_csv(path, &reconciliation_table(doc, lang)),
        Some(FileKind::Xlsx) => xlsx(path, doc, lang).map_err(|source| ReportError::Xlsx {
            path: path.to_path_buf(),
            source,
        }),
        None => Err(ReportError::UnknownKind(path.to_path_buf())),
    }
}

fn xlsx(path: &Path, doc: &ReconciliationDoc, lang: Lang) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let title = t(lang, "Reconciliation statement", "余额调节表");
    ws.set_name(&title)?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format(MONEY_FORMAT);
    let money_bold = Format::new().set_num_format(MONEY_FORMAT).set_bold();
    ws.write_string_with_format(0, 0, &title, &Format::new().set_bold().set_font_size(16))?;
    let (customer, period, to, file) = match lang {
        Lang::En => ("Customer", "Period", "to", "Their statement"),
        Lang::Zh => ("客户", "期间", "至", "对方对账单"),
    };
    ws.write_string(1, 0, format!("{customer}: {} ({})", doc.name, doc.code))?;
    ws.write_string(
        2,
        0,
        format!("{period}: {} {to} {}", iso(doc.from), iso(doc.to)),
    )?;
    ws.write_string(3, 0, format!("{file}: {}", doc.statement_file))?;
    if !doc.status.is_empty() {
        ws.write_string(4, 0, &doc.status)?;
    }
    let header_row = 6;
    for (col, h) in headers(lang).iter().enumerate() {
        ws.write_string_with_format(header_row, col as u16, *h, &bold)?;
    }
    for (i, row) in rows(doc, lang).iter().enumerate() {
        let r = header_row + 1 + i as u32;
        for (col, value) in row.cells.iter().enumerate() {
            let col = col as u16;
            match value {
                Value::Text(s) if row.bold && col == 0 => {
                    ws.write_string_with_format(r, col, s, &bold)?;
                }
                // Document numbers stay text: 00012345 keeps its zeros.
                Value::Text(s) => sheet::text(ws, r, col, s)?,
                Value::Money(m) => {
                    let format = if row.bold { &money_bold } else { &money };
                    sheet::money(ws, r, col, *m, format)?;
                }
                Value::Blank => {}
            }
        }
    }
    for (col, width) in [30, 12, 20, 14, 12, 20, 14, 14, 36].into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    book.save(path)?;
    Ok(())
}
