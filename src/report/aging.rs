//! Aging report (账龄分析) as a table, an xlsx sheet and a csv file.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sheet::{self, MONEY_FORMAT};
use super::{FileKind, ReportError, Table};
use crate::domain::Lang;
use crate::domain::date::iso;
use crate::domain::ledger::aging::{Aged, Bucket};
use crate::domain::money::Money;
use crate::store::AgingReport;

fn headers(lang: Lang) -> Vec<String> {
    let (code, name, unapplied, total) = match lang {
        Lang::En => ("Code", "Customer", "Unapplied credit", "Total"),
        Lang::Zh => ("客户编码", "客户名称", "未核销贷项", "合计"),
    };
    let mut h = vec![code.to_string(), name.to_string()];
    h.extend(Bucket::ALL.iter().map(|b| b.label(lang).to_string()));
    h.push(unapplied.to_string());
    h.push(total.to_string());
    h
}

fn figures(aged: &Aged) -> Vec<Money> {
    let mut f: Vec<Money> = Bucket::ALL.iter().map(|b| aged.get(*b)).collect();
    f.push(aged.unapplied);
    f.push(aged.total);
    f
}

fn total_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Total",
        Lang::Zh => "合计",
    }
}

/// One row per customer, then the totals.
pub fn aging_table(report: &AgingReport, lang: Lang) -> Table {
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.code.clone(), r.name.clone()];
            row.extend(figures(&r.aged).iter().map(Money::to_string));
            row
        })
        .collect();
    let mut total = vec![String::new(), total_label(lang).to_string()];
    total.extend(figures(&report.totals).iter().map(Money::to_string));
    rows.push(total);
    Table {
        headers: headers(lang),
        rows,
    }
}

/// Writes the aging report to `path`, xlsx or csv by its extension.
pub fn write_aging(path: &Path, report: &AgingReport, lang: Lang) -> Result<(), ReportError> {
    match FileKind::of(path) {
        Some(FileKind::Csv) => sheet::write_csv(path, &aging_table(report, lang)),
        Some(FileKind::Xlsx) => xlsx(path, report, lang).map_err(|source| ReportError::Xlsx {
            path: path.to_path_buf(),
            source,
        }),
        None => Err(ReportError::UnknownKind(path.to_path_buf())),
    }
}

fn xlsx(path: &Path, report: &AgingReport, lang: Lang) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let title = match lang {
        Lang::En => format!("Aging as of {}", iso(report.as_of)),
        Lang::Zh => format!("账龄分析（截至 {}）", iso(report.as_of)),
    };
    ws.set_name(match lang {
        Lang::En => "Aging",
        Lang::Zh => "账龄分析",
    })?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format(MONEY_FORMAT);
    let money_bold = Format::new().set_num_format(MONEY_FORMAT).set_bold();
    ws.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(14))?;
    let header_row = 2;
    for (col, h) in headers(lang).iter().enumerate() {
        ws.write_string_with_format(header_row, col as u16, h, &bold)?;
    }
    let mut row = header_row;
    for r in &report.rows {
        row += 1;
        sheet::text(ws, row, 0, &r.code)?;
        sheet::text(ws, row, 1, &r.name)?;
        for (i, m) in figures(&r.aged).into_iter().enumerate() {
            sheet::money(ws, row, 2 + i as u16, m, &money)?;
        }
    }
    row += 1;
    ws.write_string_with_format(row, 1, total_label(lang), &bold)?;
    for (i, m) in figures(&report.totals).into_iter().enumerate() {
        sheet::money(ws, row, 2 + i as u16, m, &money_bold)?;
    }
    ws.set_column_width(0, 12)?;
    ws.set_column_width(1, 36)?;
    for col in 2..10 {
        ws.set_column_width(col, 15)?;
    }
    ws.set_freeze_panes(header_row + 1, 2)?;
    book.save(path)?;
    Ok(())
}
