//! Statistics by classification and entries found across customers, as grids
//! (xlsx, csv, printed, PDF).

use super::grid::{Cell, Grid};
use crate::domain::Lang;
use crate::domain::date::iso;
use crate::messages::Message;
use crate::store::{Figures, Period, SearchHit, Stats};

fn say(code: &'static str, lang: Lang) -> String {
    Message::new(code).text(lang)
}

/// `2026-01-01 至 2026-12-31`; an open end reads as such.
pub fn period_text(period: Period, lang: Lang) -> String {
    match (period.from, period.to) {
        (None, None) => say("report.all_dates", lang),
        (from, to) => Message::new("doc.period_range")
            .with("from", from.map_or_else(|| "…".into(), iso))
            .with("to", to.map_or_else(|| "…".into(), iso))
            .text(lang),
    }
}

fn figure_cells(f: &Figures) -> [Cell; 5] {
    [
        Cell::Count(f.customers),
        Cell::Money(f.invoiced),
        Cell::Money(f.received),
        Cell::Money(f.receivable),
        Cell::Money(f.overdue),
    ]
}

/// One row per value of the dimension, then the totals.
pub fn stats_grid(stats: &Stats, lang: Lang) -> Grid {
    let dimension = stats.by.label(lang).to_string();
    let mut headers = vec![dimension.clone()];
    headers.extend(
        [
            "stats.customers",
            "stats.invoiced",
            "stats.received",
            "stats.receivable",
            "stats.overdue",
        ]
        .map(|c| say(c, lang)),
    );
    let mut rows: Vec<(Vec<Cell>, bool)> = stats
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![Cell::Text(r.value.label(lang))];
            cells.extend(figure_cells(&r.figures));
            (cells, false)
        })
        .collect();
    let mut total = vec![Cell::Text(say("doc.total", lang))];
    total.extend(figure_cells(&stats.totals));
    rows.push((total, true));
    Grid {
        lang,
        title: Message::new("stats.title")
            .with("dimension", dimension)
            .text(lang),
        facts: vec![
            ("stats.period_label", period_text(stats.period, lang)),
            ("stats.as_of_label", iso(stats.as_of)),
        ],
        headers,
        widths: vec![22.0, 10.0, 17.0, 17.0, 17.0, 17.0],
        rows,
    }
}

/// Entries found, then a row with their count and sum.
pub fn search_grid(hits: &[SearchHit], period: Period, lang: Lang) -> Grid {
    let headers = [
        "search.date",
        "search.code",
        "search.customer",
        "search.type",
        "search.doc",
        "search.amount",
        "search.outstanding",
        "search.due",
        "search.memo",
    ]
    .map(|c| say(c, lang))
    .to_vec();
    let mut rows: Vec<(Vec<Cell>, bool)> = hits
        .iter()
        .map(|h| {
            (
                vec![
                    Cell::Text(iso(h.date)),
                    Cell::Text(h.code.clone()),
                    Cell::Text(h.name.clone()),
                    Cell::Text(h.kind.label(lang).to_string()),
                    Cell::Text(h.doc_no.clone()),
                    Cell::Money(h.amount),
                    Cell::Money(h.outstanding),
                    Cell::Text(h.due_date.map(iso).unwrap_or_default()),
                    Cell::Text(h.memo.clone()),
                ],
                false,
            )
        })
        .collect();
    let sum = |f: fn(&SearchHit) -> crate::domain::Money| {
        crate::domain::Money::sum(hits.iter().map(f)).unwrap_or_default()
    };
    rows.push((
        vec![
            Cell::Text(say("doc.total", lang)),
            Cell::Text(String::new()),
            Cell::Text(
                Message::new("search.count")
                    .with("count", hits.len())
                    .text(lang),
            ),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
            Cell::Money(sum(|h| h.amount)),
            Cell::Money(sum(|h| h.outstanding)),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
        ],
        true,
    ));
    Grid {
        lang,
        title: say("search.title", lang),
        facts: vec![("stats.period_label", period_text(period, lang))],
        headers,
        // Wide enough for a 20-digit 数电票 number whole, in the PDF and in Excel;
        // the memo too, where a red-letter invoice names the one it reverses.
        widths: vec![11.0, 10.0, 30.0, 11.0, 22.0, 14.0, 14.0, 11.0, 22.0],
        rows,
    }
}
