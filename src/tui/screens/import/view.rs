//! What every step shares on screen: the line of steps with the current one
//! marked, the chosen file in words, and small text helpers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Chosen;
use crate::domain::Lang;
use crate::domain::classification::Catalog;
use crate::domain::field::Field;
use crate::import::{FileKind, Source};
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::widgets::{fit, truncate};

const STEPS: [Msg; 7] = [
    Msg::StepFile,
    Msg::StepSheet,
    Msg::StepMapping,
    Msg::StepPreview,
    Msg::StepPolicy,
    Msg::StepImport,
    Msg::StepResult,
];

/// The area under the steps line and the file line, where the step draws.
pub(super) fn body_area(area: Rect) -> Rect {
    let [_, _, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    body
}

/// Draws the steps line and the file line; returns the area left for the step.
pub(super) fn chrome(
    frame: &mut Frame,
    area: Rect,
    current: usize,
    chosen: Option<&Chosen>,
    title: Msg,
    ctx: &Ctx,
) -> Rect {
    let [steps, file, _, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let body = body_area(area);
    let theme = &ctx.theme;
    let mut spans = vec![Span::styled(format!(" {} │ ", ctx.t(title)), theme.title)];
    for (i, step) in STEPS.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme.dim));
        }
        let style = match i.cmp(&current) {
            std::cmp::Ordering::Less => Style::new(),
            std::cmp::Ordering::Equal => theme.focused,
            std::cmp::Ordering::Greater => theme.dim,
        };
        spans.push(Span::styled(ctx.t(*step), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), steps);
    if let Some(chosen) = chosen {
        let mut text = format!(
            " {} · {}",
            chosen.source.file_name(),
            describe(&chosen.source, ctx.lang)
        );
        if current >= 2 {
            if let Some(sheet) = &chosen.layout.sheet {
                text.push_str(&format!(" · {} {sheet}", ctx.t(Msg::Sheet)));
            }
            text.push_str(&format!(
                " · {} {}",
                ctx.t(Msg::HeaderRow),
                chosen.layout.header_row
            ));
        }
        frame.render_widget(
            Paragraph::new(Line::styled(fit(&text, file.width as usize), theme.dim)),
            file,
        );
    }
    body
}

/// "Text · GB18030 · delimiter ," or "xlsx · 2 sheets", in the UI language.
pub(super) fn describe(source: &Source, lang: Lang) -> String {
    match source.kind() {
        FileKind::Text {
            encoding,
            delimiter,
        } => {
            let delimiter = match delimiter {
                b'\t' => "Tab".to_string(),
                d => char::from(*d).to_string(),
            };
            format!(
                "{} · {} · {} {delimiter}",
                Msg::TextFile.get(lang),
                encoding.name(),
                Msg::Delimiter.get(lang)
            )
        }
        FileKind::Workbook { kind, sheets } => {
            format!(
                "{} · {} {}",
                kind.name(),
                sheets.len(),
                Msg::Sheets.get(lang)
            )
        }
    }
}

/// A field key or dimension code as the user knows it ("" stays "").
pub(super) fn field_label(key: &str, lang: Lang, catalog: &Catalog) -> String {
    if let Some(field) = Field::from_key(key) {
        return field.label(lang).to_string();
    }
    catalog
        .dimension(key)
        .map_or_else(|| key.to_string(), |d| d.label(lang).to_string())
}

/// "label value · label value", cut to `width`.
pub(super) fn pairs(items: &[(String, &str)], width: usize) -> String {
    let text = items
        .iter()
        .map(|(value, label)| format!("{value} {label}"))
        .collect::<Vec<_>>()
        .join(" · ");
    truncate(&text, width).into_owned()
}

/// A number with thousands separators.
pub(super) fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Lines of `text` wrapped to `width` after a one-column margin, at most
/// `max` of them (the last ends in … when cut).
pub(super) fn wrapped(text: &str, width: usize, max: usize, style: Style) -> Vec<Line<'static>> {
    let width = width.saturating_sub(1);
    let mut lines = crate::tui::widgets::wrap(text, width);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            *last = truncate(&format!("{last}…"), width).into_owned();
        }
    }
    lines
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect()
}
