//! Drawing the ledger: the customer's figures, the entries (visible rows
//! only) and what the selected entry carries beyond its row.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::LedgerScreen;
use crate::domain::Lang;
use crate::domain::customer::Status;
use crate::domain::date::iso;
use crate::domain::ledger::EntryKind;
use crate::domain::money::Money;
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::widgets::table::{self, Table, Want};
use crate::tui::widgets::{fit, truncate, truncate_start};

/// Lines above the table (title, two of figures) and below it (the entry's detail).
const ABOVE: u16 = 3;
const BELOW: u16 = 1;
/// A 数电票 number, and one space after it.
const DOC_WIDTH: u16 = 21;

/// Entry rows that fit in a body of `height` lines.
pub(super) fn table_rows(height: u16) -> usize {
    height.saturating_sub(ABOVE + BELOW + 1) as usize
}

/// A short type label for a narrow column.
pub fn short_kind(kind: EntryKind, lang: Lang) -> &'static str {
    let msg = match kind {
        EntryKind::Opening => Msg::KindOpening,
        EntryKind::Invoice => Msg::KindInvoice,
        EntryKind::Receipt => Msg::KindReceipt,
        EntryKind::Credit => Msg::KindCredit,
        EntryKind::Prepayment => Msg::KindPrepayment,
        EntryKind::Adjustment => Msg::KindAdjustment,
    };
    msg.get(lang)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Date,
    Type,
    Doc,
    Amount,
    Balance,
    Open,
    Due,
    Days,
    Memo,
}

impl Col {
    fn title(self) -> Msg {
        match self {
            Col::Date => Msg::ColDate,
            Col::Type => Msg::ColType,
            Col::Doc => Msg::ColDoc,
            Col::Amount => Msg::ColAmount,
            Col::Balance => Msg::ColBalance,
            Col::Open => Msg::ColOutstanding,
            Col::Due => Msg::ColDue,
            Col::Days => Msg::ColDaysOverdue,
            Col::Memo => Msg::ColMemo,
        }
    }
}

/// "label value · label value".
fn joined(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(label, value)| format!("{label} {value}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

impl LedgerScreen {
    pub(super) fn status_text(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let text = match self.selected_line() {
            Some(_) => format!(
                "{} {}/{}",
                self.customer.data.code,
                self.selected + 1,
                self.lines.len()
            ),
            None => self.customer.data.code.clone(),
        };
        Line::styled(fit(&text, width), ctx.theme.dim)
    }

    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let (theme, lang) = (&ctx.theme, ctx.lang);
        let width = area.width as usize;
        let c = &self.customer.data;
        let mut title = format!("{} · {} {}", ctx.t(Msg::LedgerTitle), c.code, c.name);
        if c.status != Status::Active {
            title.push_str(&format!(" · {}", c.status.label(lang)));
        }
        // Credit used is the balance when owed: left to the detail screen.
        let used = Msg::CreditUsed.get(lang);
        let pairs: Vec<(&str, String)> = self
            .figures
            .pairs(lang)
            .into_iter()
            .filter(|(label, _)| *label != used)
            .collect();
        let (first, rest) = pairs.split_at(pairs.len().min(3));
        let overdue_style = if self.figures.overdue > Money::ZERO {
            theme.error
        } else {
            theme.dim
        };
        let head = vec![
            Line::styled(truncate(&title, width).into_owned(), theme.title),
            Line::raw(truncate(&joined(first), width).into_owned()),
            Line::styled(truncate(&joined(rest), width).into_owned(), overdue_style),
        ];
        frame.render_widget(
            Paragraph::new(head),
            Rect {
                height: ABOVE.min(area.height),
                ..area
            },
        );
        let table_area = Rect {
            y: area.y + ABOVE,
            height: area.height.saturating_sub(ABOVE + BELOW),
            ..area
        };
        if table_area.height == 0 {
            return;
        }
        self.render_table(frame, table_area, ctx);
        let detail = Rect {
            y: area.bottom().saturating_sub(BELOW),
            height: BELOW,
            ..area
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                truncate(&self.entry_detail(lang), width).into_owned(),
                theme.dim,
            )),
            detail,
        );
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let (theme, lang, today) = (ctx.theme, ctx.lang, ctx.today);
        let want = |min, weight, rank| Want {
            min,
            ideal: min,
            weight,
            rank,
        };
        let wants = [
            (Col::Date, want(10, 0, 0)),
            (Col::Type, want(7, 0, 0)),
            (Col::Doc, want(8, 2, 0)),
            (Col::Amount, want(12, 0, 0)),
            (Col::Balance, want(12, 0, 0)),
            (Col::Open, want(12, 0, 1)),
            (Col::Due, want(10, 0, 1)),
            (Col::Days, want(8, 0, 3)),
            (Col::Memo, want(8, 3, 4)),
        ];
        let mut widths = table::layout(area.width, &wants.map(|(_, w)| w));
        // A 20-digit 数电票 number whole before the memo takes the room.
        if let [_, _, Some(doc), .., Some(memo)] = &mut widths[..] {
            let moved = DOC_WIDTH.saturating_sub(*doc).min(memo.saturating_sub(8));
            *doc += moved;
            *memo -= moved;
        }
        let shown: Vec<Col> = wants
            .iter()
            .zip(&widths)
            .filter_map(|((c, _), w)| w.map(|_| *c))
            .collect();
        let columns: Vec<table::Column> = shown
            .iter()
            .zip(widths.iter().flatten())
            .map(|(c, w)| table::Column {
                title: c.title().get(lang),
                width: *w,
                right: matches!(c, Col::Amount | Col::Balance | Col::Open | Col::Days),
            })
            .collect();
        let lines = &self.lines;
        let cell = |pos: usize, col: usize| -> Cow<'_, str> {
            let Some(line) = lines.get(pos) else {
                return Cow::Borrowed("");
            };
            let e = &line.entry;
            match shown[col] {
                Col::Date => Cow::Owned(iso(e.data.date)),
                Col::Type => Cow::Borrowed(short_kind(e.data.kind, lang)),
                Col::Doc => truncate_start(&e.data.doc_no, columns[col].width.into()),
                Col::Amount => Cow::Owned(e.data.amount.grouped()),
                Col::Balance => Cow::Owned(line.balance.grouped()),
                Col::Open if e.outstanding == Money::ZERO => Cow::Borrowed(""),
                Col::Open => Cow::Owned(e.outstanding.grouped()),
                Col::Due => Cow::Owned(e.data.due_date.map(iso).unwrap_or_default()),
                Col::Days => Cow::Owned(
                    e.days_overdue(today)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ),
                Col::Memo => Cow::Borrowed(e.data.memo.as_str()),
            }
        };
        let reversed: Vec<i64> = lines.iter().filter_map(|l| l.entry.reverses_id).collect();
        let row_style = |pos: usize| match lines.get(pos) {
            Some(l) if l.entry.days_overdue(today).is_some() => theme.error,
            Some(l) if l.entry.reverses_id.is_some() || reversed.contains(&l.entry.id) => theme.dim,
            _ => Style::new(),
        };
        let page = (area.height.saturating_sub(1) as usize).max(1);
        // The offset kept by navigation may be stale after a resize.
        let offset = table::in_view(self.selected, self.offset, page);
        Table {
            columns: &columns,
            count: lines.len(),
            offset,
            selected: (!lines.is_empty()).then_some(self.selected),
            cell,
            header_style: theme.column_header,
            selected_style: theme.selected,
            row_style: &row_style,
            cell_style: None,
        }
        .render(area, frame.buffer_mut());
        if lines.is_empty() && area.height > 2 {
            let row = Rect {
                y: area.y + 2,
                height: 1,
                ..area
            };
            frame.render_widget(
                Paragraph::new(Line::styled(
                    format!("  {}", ctx.t(Msg::NoEntries)),
                    theme.dim,
                )),
                row,
            );
        }
    }

    /// The selected entry's full type, memo, override reason and reversal links.
    fn entry_detail(&self, lang: Lang) -> String {
        let Some(line) = self.selected_line() else {
            return String::new();
        };
        let e = &line.entry;
        let mut parts = vec![format!("{} {}", e.data.kind.label(lang), e.data.doc_no)];
        if !e.data.memo.is_empty() {
            parts.push(e.data.memo.clone());
        }
        if let Some(reason) = &e.override_reason {
            parts.push(format!(
                "{}{}{reason}",
                Msg::OverrideRecorded.get(lang),
                crate::tui::i18n::colon(lang)
            ));
        }
        let doc_of = |id: i64| {
            self.lines
                .iter()
                .find(|l| l.entry.id == id)
                .map(|l| l.entry.data.doc_no.clone())
        };
        if let Some(original) = e.reverses_id.and_then(doc_of) {
            parts.push(format!("{} {original}", Msg::Reverses.get(lang)));
        }
        if let Some(by) = self
            .lines
            .iter()
            .find(|l| l.entry.reverses_id == Some(e.id))
        {
            parts.push(format!(
                "{} {}",
                Msg::ReversedBy.get(lang),
                by.entry.data.doc_no
            ));
        }
        if e.locked {
            parts.push(Msg::Locked.get(lang).to_string());
        }
        parts.join(" · ")
    }
}
