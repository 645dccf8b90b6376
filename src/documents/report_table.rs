//! Reports across customers (statistics, entries found, period
//! reconciliation) as PDF: our letterhead, a title, a few facts (period, as
//! of), one table whose header repeats on every page, totals emphasised.

use super::blocks::{facts, footer, letterhead};
use super::page::{A4, Align, Column, Layout, Table};
use super::{DocError, Kit, render};

/// A report laid out as one table.
pub struct ReportDoc {
    pub title: String,
    /// Label codes of the message table (`doc.period` …) with their values.
    pub facts: Vec<(&'static str, String)>,
    pub headers: Vec<String>,
    /// Relative column widths, scaled to the page.
    pub weights: Vec<f32>,
    /// Columns whose cells are amounts or counts (right-aligned).
    pub right_aligned: Vec<usize>,
    /// Rows, and whether each is a totals row (a rule above it).
    pub rows: Vec<(Vec<String>, bool)>,
    /// A4 landscape, for wide tables.
    pub landscape: bool,
}

pub fn report_pdf(kit: &Kit, doc: &ReportDoc) -> Result<Vec<u8>, DocError> {
    let size = if doc.landscape { (A4.1, A4.0) } else { A4 };
    let mut page = Layout::new(&kit.face, size);
    letterhead(&mut page, kit, &doc.title);
    facts(&mut page, kit, &doc.facts);
    let width = page.right() - page.left();
    let sum: f32 = doc.weights.iter().sum::<f32>().max(1.0);
    let table = Table {
        columns: doc
            .weights
            .iter()
            .enumerate()
            .map(|(i, w)| Column {
                width: width * w / sum,
                align: if doc.right_aligned.contains(&i) {
                    Align::Right
                } else {
                    Align::Left
                },
            })
            .collect(),
        header: doc.headers.clone(),
        size: 8.5,
    };
    table.begin(&mut page);
    for (cells, total) in &doc.rows {
        table.row(&mut page, cells, *total);
    }
    table.end(&mut page);
    let pages = page.finish(footer(kit, &doc.title, ""));
    render::pdf(&kit.face, kit.seal.as_ref(), &doc.title, size, &pages)
}
