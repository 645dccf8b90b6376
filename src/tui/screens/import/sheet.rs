//! Step 2: which sheet (workbooks) and which row holds the headers. The
//! first rows are shown as the file has them, numbered as the spreadsheet
//! numbers them; the header row the core found is marked and ↑/↓ move it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::mapping::MappingStep;
use super::view::wrapped;
use super::{Chosen, Flow, Step};
use crate::domain::classification::Catalog;
use crate::import::header::{SEARCH_ROWS, column_letter, headers_of};
use crate::import::{self, ImportError, Layout, Mapping, Row, Source};
use crate::tui::app::Ctx;
use crate::tui::component::Status;
use crate::tui::i18n::Msg;
use crate::tui::keymap::Action;
use crate::tui::widgets::fit;

/// Widest a preview column is drawn.
const MAX_COLUMN: usize = 18;
/// The row-number column.
const NUMBER: usize = 6;

/// The layout the core finds; when it finds no header, the first filled row
/// is offered as one so the user can move it (rather than a dead end).
pub(super) fn load_layout(
    source: &Source,
    sheet: Option<&str>,
    catalog: &Catalog,
) -> Result<Layout, ImportError> {
    match import::layout(source, sheet, None, catalog) {
        Err(ImportError::NoHeader { .. }) => {
            let sheet = source.sheet_name(sheet)?;
            let preview = source.preview(sheet.as_deref(), SEARCH_ROWS)?;
            let Some(first) = preview.iter().find(|r| !r.is_blank()) else {
                return Err(ImportError::Empty {
                    path: source.path().to_path_buf(),
                });
            };
            Ok(Layout {
                sheet,
                header_row: first.number,
                headers: headers_of(first),
                preview,
            })
        }
        other => other,
    }
}

pub(crate) struct SheetStep {
    chosen: Chosen,
    /// First column shown (←/→).
    first_column: usize,
    error: Option<String>,
}

impl SheetStep {
    pub fn new(chosen: Chosen) -> SheetStep {
        SheetStep {
            chosen,
            first_column: 0,
            error: None,
        }
    }

    pub fn chosen(&self) -> &Chosen {
        &self.chosen
    }

    fn header_index(&self) -> usize {
        let layout = &self.chosen.layout;
        layout
            .preview
            .iter()
            .position(|r| r.number == layout.header_row)
            .unwrap_or(0)
    }

    pub fn handle_key(&mut self, action: Option<Action>, ctx: &mut Ctx) -> Flow {
        match action {
            Some(Action::Back) => return Flow::Back,
            // A sheet that could not be read has nothing to map.
            Some(Action::Confirm) if self.error.is_some() => {}
            Some(Action::Confirm) => {
                let mapping = Mapping::auto(&self.chosen.layout.headers, &ctx.catalog);
                let step = MappingStep::new(self.chosen.clone(), mapping);
                return Flow::Next(Box::new(Step::Mapping(step)));
            }
            Some(Action::Up | Action::Down) => self.move_header(action == Some(Action::Down)),
            Some(Action::NextSheet) => return self.next_sheet(ctx),
            Some(Action::ScrollLeft) => self.first_column = self.first_column.saturating_sub(1),
            Some(Action::ScrollRight) => {
                let width = self.column_count();
                self.first_column = (self.first_column + 1).min(width.saturating_sub(1));
            }
            _ => {}
        }
        Flow::Stay
    }

    /// To the next (or previous) row that is not blank.
    fn move_header(&mut self, down: bool) {
        let at = self.header_index();
        let preview = &self.chosen.layout.preview;
        let next = if down {
            (at + 1..preview.len()).find(|i| !preview[*i].is_blank())
        } else {
            (0..at).rev().find(|i| !preview[*i].is_blank())
        };
        if let Some(i) = next {
            let row = &preview[i];
            self.chosen.layout.header_row = row.number;
            self.chosen.layout.headers = headers_of(row);
        }
    }

    fn next_sheet(&mut self, ctx: &mut Ctx) -> Flow {
        let sheets = self.chosen.source.sheets();
        if sheets.len() < 2 {
            return Status::info(ctx.t(Msg::OneSheet)).into();
        }
        let at = self
            .chosen
            .layout
            .sheet
            .as_ref()
            .and_then(|s| sheets.iter().position(|x| x == s))
            .unwrap_or(0);
        let next = sheets[(at + 1) % sheets.len()].clone();
        match load_layout(&self.chosen.source, Some(&next), &ctx.catalog) {
            Ok(layout) => {
                self.chosen.layout = layout;
                self.first_column = 0;
                self.error = None;
            }
            Err(e) => {
                // The sheet changes anyway, so the next `s` moves on past it.
                self.chosen.layout = Layout {
                    sheet: Some(next),
                    header_row: 0,
                    headers: Vec::new(),
                    preview: Vec::new(),
                };
                self.error = Some(format!(
                    "{}{}{}",
                    ctx.t(Msg::CannotOpen),
                    crate::tui::i18n::colon(ctx.lang),
                    e.message().text(ctx.lang)
                ));
            }
        }
        Flow::Stay
    }

    fn column_count(&self) -> usize {
        self.chosen
            .layout
            .preview
            .iter()
            .map(Row::filled_len)
            .max()
            .unwrap_or(0)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let layout = &self.chosen.layout;
        let mut lines = Vec::new();
        let sheets = self.chosen.source.sheets();
        if let Some(sheet) = &layout.sheet {
            let at = sheets.iter().position(|s| s == sheet).map_or(1, |i| i + 1);
            lines.push(Line::styled(
                fit(
                    &format!(" {} {sheet} ({at}/{})", ctx.t(Msg::Sheet), sheets.len()),
                    width,
                ),
                theme.focused,
            ));
        }
        if let Some(error) = &self.error {
            lines.extend(wrapped(error, width, 3, theme.error));
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        lines.push(Line::raw(fit(
            &format!(
                " {} {} · {} {}",
                ctx.t(Msg::HeaderRow),
                layout.header_row,
                layout.headers.len(),
                ctx.t(Msg::ColumnsCount)
            ),
            width,
        )));
        lines.push(Line::raw(""));
        let widths = self.column_widths();
        let shown = |cells: &dyn Fn(usize) -> String| -> String {
            let mut text = String::new();
            let mut used = NUMBER;
            for (c, w) in widths.iter().enumerate().skip(self.first_column) {
                if used + w + 1 > width {
                    break;
                }
                text.push_str(&fit(&cells(c), *w));
                text.push(' ');
                used += w + 1;
            }
            text
        };
        let header = shown(&|c| column_letter(c));
        lines.push(Line::styled(
            fit(&format!("{:>5} {header}", ctx.t(Msg::ColRow)), width),
            theme.column_header,
        ));
        let rows = (area.height as usize).saturating_sub(lines.len());
        let at = self.header_index();
        // The header row and a few rows under it stay in view.
        let first = (at + 4).saturating_sub(rows).min(at);
        for (i, row) in layout.preview.iter().enumerate().skip(first).take(rows) {
            let cells = shown(&|c| row.cell(c).replace(['\r', '\n'], " "));
            let mark = if i == at { '▶' } else { ' ' };
            let style = if i == at {
                theme.selected
            } else if i < at {
                theme.dim
            } else {
                theme.popup
            };
            lines.push(Line::styled(
                fit(&format!("{mark}{:>4} {cells}", row.number), width),
                style,
            ));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    /// Each column as wide as its widest cell in the preview, within bounds.
    fn column_widths(&self) -> Vec<usize> {
        let mut widths = vec![3; self.column_count()];
        for row in &self.chosen.layout.preview {
            for (c, w) in widths.iter_mut().enumerate() {
                *w = (*w).max(row.cell(c).trim().width().min(MAX_COLUMN));
            }
        }
        widths
    }
}
