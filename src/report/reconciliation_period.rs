//! The period reconciliation report as a grid (xlsx, csv, printed, PDF).

use super::grid::{Cell, Grid};
use super::stats::period_text;
use crate::domain::Lang;
use crate::domain::date::iso;
use crate::messages::Message;
use crate::store::{Period, PeriodReport, PeriodStanding};

pub fn reconciliation_period_grid(report: &PeriodReport, lang: Lang) -> Grid {
    let say = |code: &'static str| Message::new(code).text(lang);
    let headers = [
        "search.code",
        "search.customer",
        "recon_period.standing",
        "recon_period.session_period",
        "recon_period.confirmed_by",
        "recon_period.confirmed_at",
        "recon_period.our_balance",
        "recon_period.their_balance",
        "recon_period.open_difference",
    ]
    .map(say)
    .to_vec();
    let money = |m: Option<crate::domain::Money>| m.map_or(Cell::Text(String::new()), Cell::Money);
    let mut rows: Vec<(Vec<Cell>, bool)> = report
        .rows
        .iter()
        .map(|r| {
            let s = r.session.as_ref();
            (
                vec![
                    Cell::Text(r.code.clone()),
                    Cell::Text(r.name.clone()),
                    Cell::Text(say(r.standing.message_code())),
                    Cell::Text(s.map_or(String::new(), |s| {
                        format!("{} – {}", iso(s.from), iso(s.to))
                    })),
                    Cell::Text(s.and_then(|s| s.confirmed_by.clone()).unwrap_or_default()),
                    Cell::Text(
                        s.and_then(|s| {
                            s.confirmed_at
                                .as_deref()
                                .map(|t| t.chars().take(10).collect())
                        })
                        .unwrap_or_default(),
                    ),
                    money(s.map(|s| s.our_balance)),
                    money(s.map(|s| s.their_balance)),
                    money(s.map(|s| s.open_difference)),
                ],
                false,
            )
        })
        .collect();
    let mut total = vec![
        Cell::Text(say("doc.total")),
        Cell::Text(summary(report, lang)),
    ];
    total.extend((0..6).map(|_| Cell::Text(String::new())));
    total.push(Cell::Money(report.open_difference()));
    rows.push((total, true));
    Grid {
        lang,
        title: say("recon_period.title"),
        facts: vec![
            (
                "stats.period_label",
                period_text(
                    Period {
                        from: Some(report.from),
                        to: Some(report.to),
                    },
                    lang,
                ),
            ),
            ("recon_period.summary_label", summary(report, lang)),
        ],
        headers,
        widths: vec![10.0, 30.0, 11.0, 22.0, 10.0, 11.0, 14.0, 14.0, 14.0],
        rows,
    }
}

/// 已确认 3，草稿 1，本期未对账 2，从未对账 5
fn summary(report: &PeriodReport, lang: Lang) -> String {
    Message::new("recon_period.summary")
        .with("confirmed", report.count(PeriodStanding::Confirmed))
        .with("draft", report.count(PeriodStanding::Draft))
        .with("missing", report.count(PeriodStanding::NotThisPeriod))
        .with("never", report.count(PeriodStanding::Never))
        .text(lang)
}
