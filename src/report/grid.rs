//! A report across customers as cells — text, counts, money — written the
//! same way to xlsx (money as numbers `#,##0.00`), csv, the printed table and
//! PDF. Statistics, entries found and the period reconciliation report are
//! each one `Grid`.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sheet::{self, MONEY_FORMAT};
use super::{FileKind, ReportError, Table};
use crate::documents::ReportDoc;
use crate::domain::Lang;
use crate::domain::money::Money;
use crate::messages::Message;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Count(u64),
    Money(Money),
}

impl Cell {
    fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Money(m) => m.to_string(),
        }
    }

    fn grouped(&self) -> String {
        match self {
            Cell::Money(m) => m.grouped(),
            other => other.plain(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub lang: Lang,
    pub title: String,
    /// Lines under the title (period, as of), label and value.
    pub facts: Vec<(&'static str, String)>,
    pub headers: Vec<String>,
    /// Relative widths (PDF) — also xlsx column widths in characters.
    pub widths: Vec<f32>,
    /// Rows and whether each is a totals row.
    pub rows: Vec<(Vec<Cell>, bool)>,
}

impl Grid {
    /// The plain table (csv, printed): money as `1234.56`.
    pub fn table(&self) -> Table {
        Table {
            headers: self.headers.clone(),
            rows: self
                .rows
                .iter()
                .map(|(cells, _)| cells.iter().map(Cell::plain).collect())
                .collect(),
        }
    }

    /// The same for a PDF: money grouped, figures right-aligned.
    pub fn document(&self) -> ReportDoc {
        let right_aligned = match self.rows.first() {
            Some((cells, _)) => cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !matches!(c, Cell::Text(_)))
                .map(|(i, _)| i)
                .collect(),
            None => Vec::new(),
        };
        ReportDoc {
            title: self.title.clone(),
            facts: self.facts.clone(),
            headers: self.headers.clone(),
            weights: self.widths.clone(),
            right_aligned,
            rows: self
                .rows
                .iter()
                .map(|(cells, total)| (cells.iter().map(Cell::grouped).collect(), *total))
                .collect(),
            landscape: self.widths.iter().sum::<f32>() > 110.0,
        }
    }

    /// Writes xlsx or csv by the file's extension.
    pub fn write(&self, path: &Path) -> Result<(), ReportError> {
        match FileKind::of(path) {
            Some(FileKind::Csv) => sheet::write_csv(path, &self.table()),
            Some(FileKind::Xlsx) => self.xlsx(path).map_err(|source| ReportError::Xlsx {
                path: path.to_path_buf(),
                source,
            }),
            None => Err(ReportError::UnknownKind(path.to_path_buf())),
        }
    }

    fn xlsx(&self, path: &Path) -> Result<(), XlsxError> {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        let bold = Format::new().set_bold();
        let money = Format::new().set_num_format(MONEY_FORMAT);
        let money_bold = Format::new().set_num_format(MONEY_FORMAT).set_bold();
        ws.write_string_with_format(
            0,
            0,
            &self.title,
            &Format::new().set_bold().set_font_size(14),
        )?;
        let mut row = 0;
        for (code, value) in &self.facts {
            row += 1;
            let label = Message::new(code).text(self.lang);
            ws.write_string(row, 0, format!("{label}{value}"))?;
        }
        let header_row = row + 2;
        for (col, h) in self.headers.iter().enumerate() {
            ws.write_string_with_format(header_row, col as u16, h, &bold)?;
        }
        row = header_row;
        for (cells, total) in &self.rows {
            row += 1;
            for (col, cell) in cells.iter().enumerate() {
                let col = col as u16;
                match (cell, total) {
                    (Cell::Text(s), false) => sheet::text(ws, row, col, s)?,
                    (Cell::Text(s), true) => {
                        ws.write_string_with_format(row, col, s, &bold)?;
                    }
                    (Cell::Count(n), _) => {
                        ws.write_number(row, col, *n as f64)?;
                    }
                    (Cell::Money(m), false) => sheet::money(ws, row, col, *m, &money)?,
                    (Cell::Money(m), true) => sheet::money(ws, row, col, *m, &money_bold)?,
                }
            }
        }
        for (col, w) in self.widths.iter().enumerate() {
            ws.set_column_width(col as u16, f64::from(*w))?;
        }
        ws.set_freeze_panes(header_row + 1, 0)?;
        book.save(path)?;
        Ok(())
    }
}
