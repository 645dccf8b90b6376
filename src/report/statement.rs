//! Statement of account (对账单) as a table, an xlsx sheet and a csv file.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sheet::{self, MONEY_FORMAT};
use super::sign_off;
use super::{FileKind, ReportError, Table};
use crate::domain::Lang;
use crate::domain::company::Company;
use crate::domain::date::iso;
use crate::domain::ledger::EntryField;
use crate::domain::money::Money;
use crate::store::{Statement, StatementLine};

fn headers(lang: Lang) -> Vec<String> {
    let (debit, credit, balance) = match lang {
        Lang::En => ("Debit", "Credit", "Balance"),
        Lang::Zh => ("借方", "贷方", "余额"),
    };
    vec![
        EntryField::Date.label(lang).to_string(),
        EntryField::Type.label(lang).to_string(),
        EntryField::DocNo.label(lang).to_string(),
        EntryField::Memo.label(lang).to_string(),
        debit.to_string(),
        credit.to_string(),
        balance.to_string(),
        EntryField::DueDate.label(lang).to_string(),
    ]
}

fn opening_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Opening balance",
        Lang::Zh => "期初余额",
    }
}

fn closing_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Period total / closing balance",
        Lang::Zh => "本期合计/期末余额",
    }
}

/// One entry's cells in the table's columns, money written by `money`
/// (plain in csv, grouped in the PDF); blank instead of 0.00 in the debit
/// and credit columns, as on paper.
pub(crate) fn line_cells(
    line: &StatementLine,
    lang: Lang,
    money: fn(Money) -> String,
) -> Vec<String> {
    let amount = |m: Money| {
        if m == Money::ZERO {
            String::new()
        } else {
            money(m)
        }
    };
    vec![
        iso(line.date),
        line.kind.label(lang).to_string(),
        line.doc_no.clone(),
        line.memo.clone(),
        amount(line.debit),
        amount(line.credit),
        money(line.balance),
        line.due_date.map(iso).unwrap_or_default(),
    ]
}

/// Opening row, one row per entry with its running balance, then the
/// period's totals with the closing balance.
pub fn statement_table(s: &Statement, lang: Lang) -> Table {
    let mut rows = Vec::with_capacity(s.lines.len() + 2);
    rows.push(vec![
        iso(s.from),
        opening_label(lang).to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        s.opening.to_string(),
        String::new(),
    ]);
    for line in &s.lines {
        rows.push(line_cells(line, lang, |m| m.to_string()));
    }
    rows.push(vec![
        iso(s.to),
        closing_label(lang).to_string(),
        String::new(),
        String::new(),
        s.total_debit.to_string(),
        s.total_credit.to_string(),
        s.closing.to_string(),
        String::new(),
    ]);
    Table {
        headers: headers(lang),
        rows,
    }
}

/// Writes the statement to `path`, xlsx or csv by its extension.
pub fn write_statement(path: &Path, s: &Statement, lang: Lang) -> Result<(), ReportError> {
    write_statement_from(path, s, &Company::default(), lang)
}

/// As `write_statement`, the xlsx headed by our company (when set) and
/// ending with the sign-off block the customer fills in.
pub fn write_statement_from(
    path: &Path,
    s: &Statement,
    company: &Company,
    lang: Lang,
) -> Result<(), ReportError> {
    match FileKind::of(path) {
        Some(FileKind::Csv) => sheet::write_csv(path, &statement_table(s, lang)),
        Some(FileKind::Xlsx) => xlsx(path, s, company, lang).map_err(|source| ReportError::Xlsx {
            path: path.to_path_buf(),
            source,
        }),
        None => Err(ReportError::UnknownKind(path.to_path_buf())),
    }
}

fn xlsx(path: &Path, s: &Statement, company: &Company, lang: Lang) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let (title, customer, tax_id, period, to) = match lang {
        Lang::En => ("Statement of account", "Customer", "Tax ID", "Period", "to"),
        Lang::Zh => ("对账单", "客户", "税号", "期间", "至"),
    };
    ws.set_name(title)?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format(MONEY_FORMAT);
    let money_bold = Format::new().set_num_format(MONEY_FORMAT).set_bold();
    // Our company above the title, as on the letterhead of the PDF.
    let top = sign_off::company_header(ws, company, lang)?;
    ws.write_string_with_format(top, 0, title, &Format::new().set_bold().set_font_size(16))?;
    ws.write_string(top + 1, 0, format!("{customer}: {} ({})", s.name, s.code))?;
    if !s.tax_id.is_empty() {
        ws.write_string(top + 2, 0, format!("{tax_id}: {}", s.tax_id))?;
    }
    ws.write_string(
        top + 3,
        0,
        format!("{period}: {} {to} {}", iso(s.from), iso(s.to)),
    )?;

    let header_row = top + 5;
    for (col, h) in headers(lang).iter().enumerate() {
        ws.write_string_with_format(header_row, col as u16, h, &bold)?;
    }
    let mut row = header_row + 1;
    sheet::text(ws, row, 0, &iso(s.from))?;
    sheet::text(ws, row, 1, opening_label(lang))?;
    sheet::money(ws, row, 6, s.opening, &money)?;
    for line in &s.lines {
        row += 1;
        sheet::text(ws, row, 0, &iso(line.date))?;
        sheet::text(ws, row, 1, line.kind.label(lang))?;
        sheet::text(ws, row, 2, &line.doc_no)?;
        sheet::text(ws, row, 3, &line.memo)?;
        if line.debit != Money::ZERO {
            sheet::money(ws, row, 4, line.debit, &money)?;
        }
        if line.credit != Money::ZERO {
            sheet::money(ws, row, 5, line.credit, &money)?;
        }
        sheet::money(ws, row, 6, line.balance, &money)?;
        sheet::text(ws, row, 7, &line.due_date.map(iso).unwrap_or_default())?;
    }
    row += 1;
    sheet::text(ws, row, 0, &iso(s.to))?;
    ws.write_string_with_format(row, 1, closing_label(lang), &bold)?;
    sheet::money(ws, row, 4, s.total_debit, &money_bold)?;
    sheet::money(ws, row, 5, s.total_credit, &money_bold)?;
    sheet::money(ws, row, 6, s.closing, &money_bold)?;
    sign_off::block(ws, row + 2, company, &s.name, lang)?;

    for (col, width) in [12, 16, 20, 30, 16, 16, 16, 12].into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    book.save(path)?;
    Ok(())
}
