//! Drawing the form: one line per field with its problem beside it, group
//! headings, the focused field's messages in full underneath.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::entries::Entry;
use super::{FormScreen, Mode};
use crate::domain::field::Field;
use crate::domain::ledger::credit::{limit_label, limit_short};
use crate::domain::money::Money;
use crate::domain::{Lang, Problem, Severity};
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::widgets::{fit, truncate};

/// Lines under the title and above the message area.
pub fn form_rows(page: u16) -> usize {
    page.saturating_sub(4) as usize
}

/// The line (headings included) where entry `focus` is drawn.
pub fn line_of(entries: &[Entry], focus: usize) -> usize {
    let mut line = 0;
    let mut section = None;
    for (i, e) in entries.iter().enumerate() {
        if section != Some(e.section) {
            section = Some(e.section);
            line += 1;
        }
        if i == focus {
            return line;
        }
        line += 1;
    }
    line
}

/// Beside a credit limit of 0: it means cash only (现款).
fn credit_note(entry: &Entry, lang: Lang) -> String {
    if entry.key != Field::CreditLimit.key() {
        return String::new();
    }
    match Money::parse(entry.value().trim()) {
        Ok(m) if m == Money::ZERO => limit_short(Some(m), lang),
        _ => String::new(),
    }
}

fn mark(p: &Problem) -> &'static str {
    match p.severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
    }
}

impl FormScreen {
    pub(super) fn status_text(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let errors = self.problems.errors().count();
        let warnings = self.problems.warnings().count();
        let text = format!("✗ {errors}  ! {warnings}");
        let style = if errors > 0 {
            ctx.theme.error
        } else {
            ctx.theme.dim
        };
        Line::styled(fit(&text, width), style)
    }

    fn title(&self, ctx: &Ctx) -> String {
        let mut title = match &self.mode {
            Mode::Add { template: None } => ctx.t(Msg::AddTitle).to_string(),
            Mode::Add { template: Some(t) } => {
                format!(
                    "{} ({} {t})",
                    ctx.t(Msg::AddTitle),
                    ctx.t(Msg::FromTemplate)
                )
            }
            Mode::Edit { original } => {
                format!(
                    "{} {} {}",
                    ctx.t(Msg::EditTitle),
                    original.data.code,
                    original.data.name
                )
            }
        };
        if self.is_dirty() {
            title.push_str(&format!(" · {}", ctx.t(Msg::Unsaved)));
        }
        title
    }

    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let (theme, lang) = (&ctx.theme, ctx.lang);
        let [title_area, fields_area, message_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(3),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Line::styled(
                truncate(&self.title(ctx), area.width as usize).into_owned(),
                theme.title,
            )),
            title_area,
        );
        let width = area.width as usize;
        let label_width = self
            .entries
            .iter()
            .map(|e| e.label.width())
            .max()
            .unwrap_or(8)
            + 1;
        let value_width = ((width.saturating_sub(label_width + 4)) / 2).clamp(12, 40);
        let problem_width = width.saturating_sub(label_width + value_width + 4);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut section = None;
        let mut cursor: Option<(usize, u16)> = None;
        for (i, entry) in self.entries.iter().enumerate() {
            if section != Some(entry.section) {
                section = Some(entry.section);
                lines.push(Line::styled(
                    entry.section.label(lang).to_string(),
                    theme.title,
                ));
            }
            let focused = i == self.focus;
            let marker = if focused { "> " } else { "  " };
            let label_style = if focused { theme.focused } else { Style::new() };
            let (mut value, value_style) = self.value_cell(entry, ctx);
            if entry.choices.is_some() {
                value.push_str(" ▾");
            } else if focused {
                // The focused field scrolls so the cursor stays in view: the
                // end of a long name shows while it is typed.
                let (shown, x) = if entry.value().is_empty() {
                    ("", 0)
                } else {
                    entry.window(value_width)
                };
                if !entry.value().is_empty() {
                    value = shown.to_string();
                }
                let x = 2 + label_width + 1 + x;
                cursor = Some((x.min(2 + label_width + value_width), lines.len() as u16));
            }
            let problem = self.problems.for_field(&entry.key).next();
            let (problem_text, problem_style) = match problem {
                Some(p) => (
                    format!("{} {}", mark(p), p.message(lang)),
                    if p.is_error() {
                        theme.error
                    } else {
                        theme.warning
                    },
                ),
                None => (credit_note(entry, lang), theme.dim),
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{marker}{}", fit(&entry.label, label_width)),
                    label_style,
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
        let rows = fields_area.height as usize;
        let scroll = self.scroll.min(lines.len().saturating_sub(rows));
        let visible: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(rows).collect();
        frame.render_widget(Paragraph::new(visible), fields_area);
        if let Some((x, line)) = cursor
            && !ctx.covered
            && (line as usize) >= scroll
            && (line as usize) < scroll + rows
        {
            frame.set_cursor_position(Position {
                x: fields_area.x + x as u16,
                y: fields_area.y + line - scroll as u16,
            });
        }
        self.render_messages(frame, message_area, ctx);
    }

    /// The value as drawn, with placeholders for what the store fills in.
    fn value_cell(&self, entry: &Entry, ctx: &Ctx) -> (String, Style) {
        let theme = &ctx.theme;
        let adding = matches!(self.mode, Mode::Add { .. });
        if entry.key == "code" && entry.value().is_empty() && adding {
            return (format!("({})", ctx.t(Msg::Auto)), theme.dim);
        }
        if entry.key == Field::CreditLimit.key() && entry.value().trim().is_empty() {
            return (format!("({})", limit_label(None, ctx.lang)), theme.dim);
        }
        if entry.key == "mnemonic" && self.mnemonic_auto {
            return (entry.value().to_string(), theme.dim);
        }
        (entry.shown().to_string(), Style::new())
    }

    /// Every message of the focused field, wrapped, under the fields.
    fn render_messages(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(entry) = self.entries.get(self.focus) else {
            return;
        };
        let lines: Vec<Line<'static>> = self
            .problems
            .for_field(&entry.key)
            .map(|p| {
                let style = if p.is_error() {
                    ctx.theme.error
                } else {
                    ctx.theme.warning
                };
                Line::styled(
                    format!(
                        "{} {}{}{}",
                        mark(p),
                        entry.label,
                        crate::tui::i18n::colon(ctx.lang),
                        p.message(ctx.lang)
                    ),
                    style,
                )
            })
            .collect();
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
    }
}
