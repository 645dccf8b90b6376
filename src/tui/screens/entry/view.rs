//! Drawing the entry form: the customer's standing, one line per field with
//! its problem beside it, the credit decision as it stands, and the focused
//! field's messages in full.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{EntryScreen, TEXT_FIELDS};
use crate::domain::date::iso;
use crate::domain::ledger::credit::limit_label;
use crate::domain::ledger::{EntryField, EntryKind};
use crate::domain::{Lang, Problem, Severity};
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::screens::ledger::figures::available_text;
use crate::tui::widgets::{fit, truncate, wrap};

fn mark(p: &Problem) -> &'static str {
    match p.severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
    }
}

impl EntryScreen {
    fn label(&self, field: EntryField, lang: Lang) -> &'static str {
        if field == EntryField::Memo && self.kind == EntryKind::Adjustment {
            Msg::MemoReason.get(lang)
        } else {
            field.label(lang)
        }
    }

    pub(super) fn status_text(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let problems = self.check.as_ref().map(|c| &c.problems);
        let errors = problems.map_or(0, |p| p.errors().count());
        let warnings = problems.map_or(0, |p| p.warnings().count());
        let style = if errors > 0 {
            ctx.theme.error
        } else {
            ctx.theme.dim
        };
        Line::styled(fit(&format!("✗ {errors}  ! {warnings}"), width), style)
    }

    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let [head, fields_area, credit_area, message_area] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(TEXT_FIELDS.len() as u16 + 2),
            Constraint::Min(1),
            Constraint::Length(3),
        ])
        .areas(area);
        let mut title = format!("{} · {}", ctx.t(Msg::EntryTitle), self.customer_label());
        if self.is_dirty() {
            title.push_str(&format!(" · {}", ctx.t(Msg::Unsaved)));
        }
        let standing = self.check.as_ref().map(|c| c.standing);
        let figures = standing.map_or_else(String::new, |s| {
            format!(
                "{} {} · {} {} · {} {}",
                ctx.t(Msg::ColBalance),
                s.balance.grouped(),
                ctx.t(Msg::ColCredit),
                limit_label(s.credit_limit, ctx.lang),
                ctx.t(Msg::CreditAvailable),
                available_text(s.credit_available)
            )
        });
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(truncate(&title, width).into_owned(), theme.title),
                Line::styled(truncate(&figures, width).into_owned(), theme.dim),
            ]),
            head,
        );
        let cursor = self.render_fields(frame, fields_area, ctx);
        self.render_credit(frame, credit_area, ctx);
        self.render_messages(frame, message_area, ctx);
        if let Some(position) = cursor.filter(|_| !ctx.covered) {
            frame.set_cursor_position(position);
        }
    }

    /// The field lines; returns where the terminal cursor goes.
    fn render_fields(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) -> Option<Position> {
        let (theme, lang) = (&ctx.theme, ctx.lang);
        let width = area.width as usize;
        let fields: Vec<EntryField> = std::iter::once(EntryField::Type)
            .chain(TEXT_FIELDS)
            .collect();
        let label_width = fields
            .iter()
            .map(|f| self.label(*f, lang).width())
            .max()
            .unwrap_or(8)
            + 1;
        let value_width = (width.saturating_sub(label_width + 4) / 2).clamp(12, 36);
        let problem_width = width.saturating_sub(label_width + value_width + 4);
        let data = self.check.as_ref().and_then(|c| c.data.as_ref());
        let mut lines = Vec::new();
        let mut cursor = None;
        for (i, field) in fields.iter().enumerate() {
            let focused = i == self.focus;
            let (value, value_style) = match field {
                EntryField::Type => (format!("{} ▾", self.kind.label(lang)), Style::new()),
                EntryField::DueDate if self.text(*field).is_empty() => {
                    // What the store will fill in: date + the customer's payment days.
                    let due = data.and_then(|d| d.due_date).map(iso);
                    let text = match due {
                        Some(due) => format!("({} {due})", ctx.t(Msg::Auto)),
                        None if data.is_some() => String::new(),
                        None => format!("({})", ctx.t(Msg::Auto)),
                    };
                    (text, theme.dim)
                }
                _ => (self.text(*field).to_string(), Style::new()),
            };
            if focused && *field != EntryField::Type {
                let before = self
                    .inputs
                    .get(i - 1)
                    .map_or(0, |input| input.before_cursor().width());
                let x = 2 + label_width + 1 + before.min(value_width);
                cursor = Some(Position {
                    x: area.x + x as u16,
                    y: area.y + i as u16,
                });
            }
            let problem = self
                .check
                .as_ref()
                .and_then(|c| c.problems.for_field(field.key()).next());
            let (problem_text, problem_style) = match problem {
                Some(p) => (
                    format!("{} {}", mark(p), p.message(lang)),
                    if p.is_error() {
                        theme.error
                    } else {
                        theme.warning
                    },
                ),
                None => (String::new(), Style::new()),
            };
            let marker = if focused { "> " } else { "  " };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{marker}{}", fit(self.label(*field, lang), label_width)),
                    if focused { theme.focused } else { Style::new() },
                ),
                Span::raw(" "),
                Span::styled(fit(&value, value_width), value_style),
                Span::raw(" "),
                Span::styled(
                    truncate(&problem_text, problem_width).into_owned(),
                    problem_style,
                ),
            ]));
        }
        frame.render_widget(Paragraph::new(lines), area);
        cursor
    }

    /// The balance after this entry and, for an invoice, the credit decision
    /// with its figures, in the UI language.
    fn render_credit(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(check) = &self.check else {
            return;
        };
        let theme = &ctx.theme;
        let width = area.width as usize;
        let mut lines = Vec::new();
        if let Some(data) = &check.data {
            let after = check.standing.balance.checked_add(data.amount);
            if let Some(after) = after {
                lines.push(Line::raw(format!(
                    "{}{}{}",
                    ctx.t(Msg::BalanceAfter),
                    crate::tui::i18n::colon(ctx.lang),
                    after.grouped()
                )));
            }
        }
        if let Some(p) = check.credit.problem(&self.customer_label()) {
            for line in wrap(&format!("✗ {}", p.message(ctx.lang)), width) {
                lines.push(Line::styled(line, theme.error));
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// Every message of the focused field, wrapped, at the bottom.
    fn render_messages(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(check) = &self.check else {
            return;
        };
        let field = self.focused_field();
        let label = self.label(field, ctx.lang);
        let mut lines = Vec::new();
        for p in check.problems.for_field(field.key()) {
            let style = if p.is_error() {
                ctx.theme.error
            } else {
                ctx.theme.warning
            };
            let text = format!(
                "{} {label}{}{}",
                mark(p),
                crate::tui::i18n::colon(ctx.lang),
                p.message(ctx.lang)
            );
            for line in wrap(&text, area.width as usize) {
                lines.push(Line::styled(line, style));
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
