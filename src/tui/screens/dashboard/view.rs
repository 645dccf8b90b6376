//! Drawing the dashboard: three lines of totals, then four panels (aging as
//! a horizontal bar chart, top debtors, over-limit customers, receivable by
//! class). Amounts are right-aligned and names cut by display width.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::DashboardScreen;
use crate::domain::Lang;
use crate::domain::date::iso;
use crate::domain::ledger::aging::Bucket;
use crate::domain::money::Money;
use crate::store::{Balance, Dashboard};
use crate::tui::app::Ctx;
use crate::tui::component::Component;
use crate::tui::i18n::{self, Msg};
use crate::tui::widgets::{fit, truncate, truncate_whole};

/// `left` cut to leave room for `amount`, which ends at the right edge;
/// an amount wider than the row is left out (`…`), never cut.
fn amount_row(left: &str, amount: &str, width: usize) -> String {
    if amount.width() + 1 > width {
        return truncate_whole(&format!("{left} {amount}"), width).into_owned();
    }
    let room = width.saturating_sub(amount.width() + 1);
    format!("{} {amount}", fit(left, room))
}

fn panel(title: String, ctx: &Ctx) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(ctx.theme.border)
        .title(Span::styled(format!(" {title} "), ctx.theme.title))
}

/// The list's marks for a balance: overdue, over the limit.
fn marks(b: &Balance, ctx: &Ctx) -> &'static str {
    crate::tui::index::marks(b.is_overdue(ctx.today), b.standing.over_limit)
}

impl DashboardScreen {
    pub(super) fn status_text(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let dim = ctx
            .catalog
            .dimensions
            .get(self.dimension)
            .map(|d| d.label(ctx.lang).to_string())
            .unwrap_or_default();
        let text = format!(
            "{} {} · ! {}  + {}",
            ctx.t(Msg::ByClass),
            dim,
            ctx.t(Msg::LegendOverdue),
            ctx.t(Msg::LegendOverLimit)
        );
        Line::styled(fit(&text, width), ctx.theme.dim)
    }

    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let mut title = format!(
            "{} · {} {}",
            ctx.t(Msg::DashboardTitle),
            ctx.t(Msg::AsOf),
            iso(ctx.today)
        );
        if self.is_loading() {
            title.push_str(&format!(" · {}", ctx.t(Msg::Loading)));
        }
        let [head, top, bottom] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(12.min(area.height.saturating_sub(10)).max(8)),
            Constraint::Min(0),
        ])
        .areas(area);
        let Some(d) = &self.figures else {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    truncate(&title, width).into_owned(),
                    theme.title,
                )),
                head,
            );
            return;
        };
        let totals = format!(
            "{} {} · {} {} · {} {}",
            ctx.t(Msg::TotalReceivable),
            d.receivable.grouped(),
            ctx.t(Msg::NetBalance),
            d.net.grouped(),
            d.customers_with_balance,
            ctx.t(Msg::CustomersWithBalance)
        );
        let customers = i18n::count(
            d.overdue_customers.max(0) as usize,
            Msg::Customers,
            ctx.lang,
        );
        let items = d.overdue_items;
        let counts = match ctx.lang {
            Lang::En => format!(" ({items} {}, {customers})", ctx.t(Msg::OverdueItems)),
            Lang::Zh => format!("（{items} {}，{customers}）", ctx.t(Msg::OverdueItems)),
        };
        let overdue = format!(
            "{} {}{counts} · {} {}",
            ctx.t(Msg::Overdue),
            d.overdue.grouped(),
            ctx.t(Msg::OverLimitCustomers),
            d.over_limit_customers
        );
        let overdue_style = if d.overdue > Money::ZERO {
            theme.error
        } else {
            Style::new()
        };
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(truncate(&title, width).into_owned(), theme.title),
                Line::raw(truncate_whole(&totals, width).into_owned()),
                Line::styled(truncate_whole(&overdue, width).into_owned(), overdue_style),
            ]),
            head,
        );
        let [aging, debtors] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
        let [over, classes] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        render_aging(frame, aging, d, ctx);
        self.render_lists(frame, debtors, over, d, ctx);
        self.render_classes(frame, classes, ctx);
    }

    fn render_lists(&self, frame: &mut Frame, debtors: Rect, over: Rect, d: &Dashboard, ctx: &Ctx) {
        let row = |b: &Balance, amount: String, width: usize| {
            let left = format!("{} {} {}", marks(b, ctx), b.code, b.name);
            Line::raw(amount_row(&left, &amount, width))
        };
        let list = |frame: &mut Frame, area: Rect, title: String, lines: Vec<Line<'static>>| {
            let block = panel(title, ctx);
            let lines = if lines.is_empty() {
                vec![Line::styled(ctx.t(Msg::NoneYet).to_string(), ctx.theme.dim)]
            } else {
                lines
            };
            frame.render_widget(Paragraph::new(lines).block(block), area);
        };
        let inner = |area: Rect| area.width.saturating_sub(2) as usize;
        let top: Vec<Line<'static>> = d
            .top_debtors
            .iter()
            .map(|b| row(b, b.standing.balance.grouped(), inner(debtors)))
            .collect();
        list(frame, debtors, ctx.t(Msg::TopDebtors).to_string(), top);
        // Over the limit: the excess, largest first (the store's order).
        let excess: Vec<Line<'static>> = d
            .over_limit
            .iter()
            .map(|b| {
                let excess = Money::from_fen(b.standing.excess());
                row(b, format!("+{}", excess.grouped()), inner(over))
            })
            .collect();
        let title = format!(
            "{} ({})",
            ctx.t(Msg::OverLimitCustomers),
            d.over_limit_customers
        );
        list(frame, over, title, excess);
    }

    fn render_classes(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let dim = ctx.catalog.dimensions.get(self.dimension);
        let title = format!(
            "{} {}",
            ctx.t(Msg::ByClass),
            dim.map(|d| d.label(ctx.lang)).unwrap_or_default()
        );
        let width = area.width.saturating_sub(2) as usize;
        let mut lines: Vec<Line<'static>> = self
            .by_class
            .iter()
            .map(|t| {
                let value = t.value.as_deref().unwrap_or(ctx.t(Msg::NoneValue));
                let left = format!("{value} ({})", t.customers);
                Line::raw(amount_row(&left, &t.balance.grouped(), width))
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled(ctx.t(Msg::NoneYet).to_string(), ctx.theme.dim));
        }
        frame.render_widget(Paragraph::new(lines).block(panel(title, ctx)), area);
    }
}

/// Aging buckets as horizontal bars. Each label is the bucket's name padded
/// by display width (逾期180天以上 is 13 columns) and its exact amount
/// right-aligned, so the bars start in one column and no amount hides a short bar.
fn render_aging(frame: &mut Frame, area: Rect, d: &Dashboard, ctx: &Ctx) {
    let theme = &ctx.theme;
    let inner_width = usize::from(area.width.saturating_sub(2));
    let fen = |m: Money| u64::try_from(m.fen()).unwrap_or(0);
    let max = Bucket::ALL
        .iter()
        .map(|b| fen(d.aging.get(*b)))
        .max()
        .unwrap_or(0);
    let name_width = Bucket::ALL
        .iter()
        .map(|b| b.label(ctx.lang).width())
        .max()
        .unwrap_or(0);
    let amount_width = Bucket::ALL
        .iter()
        .map(|b| d.aging.get(*b).grouped().len())
        .max()
        .unwrap_or(0);
    let bars: Vec<Bar<'static>> = Bucket::ALL
        .iter()
        .map(|b| {
            let amount = d.aging.get(*b);
            let style = match b {
                Bucket::NotDue => theme.ok,
                Bucket::Days1To30 | Bucket::Days31To60 => theme.warning,
                _ => theme.error,
            };
            let label = format!(
                "{} {:>amount_width$}",
                fit(b.label(ctx.lang), name_width),
                amount.grouped()
            );
            // A narrow panel drops the amount rather than show part of it.
            let label = truncate_whole(&label, inner_width).into_owned();
            // An empty text value: the amount is in the label.
            Bar::with_label(label, fen(amount))
                .text_value(String::new())
                .style(style)
        })
        .collect();
    let chart = BarChart::horizontal(bars)
        .block(panel(ctx.t(Msg::AgingTitle).to_string(), ctx))
        .bar_width(1)
        .bar_gap(0)
        .max(max.max(1));
    frame.render_widget(chart, area);
}
