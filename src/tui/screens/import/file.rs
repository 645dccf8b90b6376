//! Step 1: the file. A path typed with Tab completion (`~` is the home
//! folder), or one of the recent files brought up with ↑/↓. Enter opens it:
//! the core works out the kind, encoding, delimiter and header row. What
//! the file holds (customers, ledger entries, invoices from the tax
//! platform) is shown under the path: guessed on Enter when the file makes
//! it obvious (then a second Enter goes on), changed with F2.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::complete::{complete, expand_home};
use super::invoices::InvoiceRunStep;
use super::kind::{FileKind, guess};
use super::progress::ProgressStep;
use super::sheet::{SheetStep, load_layout};
use super::view::wrapped;
use super::worker::Core;
use super::{Chosen, Flow, Step, recent};
use crate::import::Source;
use crate::import::ledger::{self, LedgerMapping, LedgerSettings};
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::keymap::Action;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::prompt::tail;
use crate::tui::widgets::{fit, truncate};

pub(crate) struct FileStep {
    input: LineInput,
    /// Entries still possible after a Tab (several matched).
    candidates: Vec<String>,
    /// The recent file brought into the input with ↑/↓.
    recent: Option<usize>,
    error: Option<String>,
    kind: FileKind,
    /// The kind was chosen with F2: no guessing over it.
    by_hand: bool,
    /// The path the kind was last guessed for, and whether that guess
    /// changed the kind (said on screen until the next Enter).
    guessed_for: Option<String>,
    guess_shown: bool,
}

fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
}

impl FileStep {
    pub fn new(_ctx: &Ctx) -> FileStep {
        FileStep {
            input: LineInput::default(),
            candidates: Vec::new(),
            recent: None,
            error: None,
            kind: FileKind::Customers,
            by_hand: false,
            guessed_for: None,
            guess_shown: false,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent, action: Option<Action>, ctx: &mut Ctx) -> Flow {
        match action {
            Some(Action::Confirm) => return self.open(ctx),
            Some(Action::Back) => return Flow::Close,
            Some(Action::ImportKind) => {
                self.kind = self.kind.next();
                self.by_hand = true;
                self.guess_shown = false;
            }
            Some(Action::Complete) => {
                let done = complete(self.input.value(), home().as_deref());
                self.error = (done.text == self.input.value() && done.candidates.is_empty())
                    .then(|| ctx.t(Msg::NoCompletion).to_string());
                self.input.set(done.text);
                self.candidates = done.candidates;
            }
            Some(Action::Down | Action::Up) => {
                let count = ctx.recent_imports.len();
                if count > 0 {
                    let next = match (self.recent, action) {
                        (None, Some(Action::Down)) => 0,
                        (None, _) => count - 1,
                        (Some(i), Some(Action::Down)) => (i + 1) % count,
                        (Some(i), _) => (i + count - 1) % count,
                    };
                    self.recent = Some(next);
                    self.input
                        .set(ctx.recent_imports[next].display().to_string());
                    self.candidates.clear();
                    self.error = None;
                }
            }
            Some(Action::ClearField) => {
                self.input.clear();
                self.candidates.clear();
            }
            _ => {
                if self.input.edit(key) {
                    self.candidates.clear();
                    self.error = None;
                    self.recent = None;
                }
            }
        }
        Flow::Stay
    }

    fn open(&mut self, ctx: &mut Ctx) -> Flow {
        let typed = self.input.value().trim();
        if typed.is_empty() {
            self.error = Some(ctx.t(Msg::FileRequired).to_string());
            return Flow::Stay;
        }
        let path = expand_home(typed, home().as_deref());
        self.guess_shown = false;
        if !self.by_hand && self.guessed_for.as_deref() != Some(typed) {
            self.guessed_for = Some(typed.to_string());
            let guessed = guess(&path);
            if guessed != self.kind {
                self.kind = guessed;
                // Not the usual kind: shown, and a second Enter goes on.
                if guessed != FileKind::Customers {
                    self.guess_shown = true;
                    self.error = None;
                    return Flow::Stay;
                }
            }
        }
        match self.kind {
            FileKind::Customers => {}
            FileKind::Ledger => return self.open_ledger(path, ctx),
            FileKind::Invoices => return self.open_invoices(path, ctx),
        }
        let opened = Source::open(&path).and_then(|source| {
            let layout = load_layout(&source, None, &ctx.catalog)?;
            Ok((source, layout))
        });
        match opened {
            Ok((source, layout)) => {
                self.remember(&path, ctx);
                let chosen = Chosen {
                    source: Arc::new(source),
                    layout,
                    mapping: None,
                };
                Flow::Next(Box::new(Step::Sheet(SheetStep::new(chosen))))
            }
            Err(e) => {
                self.error = Some(format!(
                    "{}{}{}",
                    ctx.t(Msg::CannotOpen),
                    crate::tui::i18n::colon(ctx.lang),
                    e.message().text(ctx.lang)
                ));
                Flow::Stay
            }
        }
    }

    /// Invoices: booked at once by the core (our company must be set: it
    /// tells our invoices from others').
    fn open_invoices(&mut self, path: PathBuf, ctx: &mut Ctx) -> Flow {
        let company = match ctx.store.company() {
            Ok(company) => company,
            Err(e) => return self.refuse(e.message().text(ctx.lang)),
        };
        if company.name.is_empty() && company.tax_id.is_empty() {
            return self.refuse(ctx.t(Msg::InvoicesNeedCompany).to_string());
        }
        self.remember(&path, ctx);
        Flow::Next(Box::new(Step::InvoiceRun(InvoiceRunStep::start(ctx, path))))
    }

    /// Ledger entries: the ledger's own header search and automatic mapping
    /// (the mapping step maps customer fields), then the run and its result.
    fn open_ledger(&mut self, path: PathBuf, ctx: &mut Ctx) -> Flow {
        let opened = Source::open(&path).and_then(|source| {
            let layout = ledger::layout(&source, None, None)?;
            Ok((source, layout))
        });
        let (source, layout) = match opened {
            Ok(opened) => opened,
            Err(e) => {
                let text = e.message().text(ctx.lang);
                return self.refuse(format!(
                    "{}{}{text}",
                    ctx.t(Msg::CannotOpen),
                    crate::tui::i18n::colon(ctx.lang)
                ));
            }
        };
        let mapping = LedgerMapping::auto(&layout.headers);
        if let Err(e) = mapping.validate(false) {
            let text = e.message().text(ctx.lang);
            return self.refuse(format!(
                "{}{}{text}",
                ctx.t(Msg::LedgerNeedsColumns),
                crate::tui::i18n::colon(ctx.lang)
            ));
        }
        self.remember(&path, ctx);
        let settings = LedgerSettings::new(&layout, mapping);
        let chosen = Chosen {
            source: Arc::new(source),
            layout,
            mapping: None,
        };
        let core = Core::Ledger(Box::new(settings));
        let step = ProgressStep::start(ctx, chosen, core);
        Flow::Next(Box::new(Step::Progress(step)))
    }

    fn refuse(&mut self, text: String) -> Flow {
        self.error = Some(text);
        Flow::Stay
    }

    fn remember(&mut self, path: &std::path::Path, ctx: &mut Ctx) {
        let file = ctx.import.recent_file.clone();
        recent::remember(&mut ctx.recent_imports, path, file.as_deref());
        self.error = None;
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let label = format!(
            " {}{}",
            ctx.t(Msg::FilePath),
            crate::tui::i18n::colon(ctx.lang)
        );
        let room = width.saturating_sub(label.width() + 1);
        let shown = tail(self.input.value(), room);
        let mut lines = vec![Line::from(vec![
            Span::styled(label.clone(), theme.focused),
            Span::raw(shown),
        ])];
        let cursor_x = label.width() + tail(self.input.before_cursor(), room).width();
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    " {}{}",
                    ctx.t(Msg::FileHolds),
                    crate::tui::i18n::colon(ctx.lang)
                ),
                theme.title,
            ),
            Span::raw(ctx.t(self.kind.label()).to_string()),
            Span::styled(format!(" · {}", ctx.t(Msg::KindChange)), theme.dim),
        ]));
        if self.guess_shown {
            lines.extend(wrapped(ctx.t(Msg::KindGuessed), width, 2, theme.warning));
        }
        if let Some(error) = &self.error {
            lines.extend(wrapped(error, width, 4, theme.error));
        }
        lines.push(Line::raw(""));
        if !self.candidates.is_empty() {
            lines.push(Line::styled(
                format!(" {}", ctx.t(Msg::Matches)),
                theme.title,
            ));
            lines.extend(columns(&self.candidates, width.saturating_sub(3), 4));
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            format!(" {}", ctx.t(Msg::RecentFiles)),
            theme.title,
        ));
        if ctx.recent_imports.is_empty() {
            lines.push(Line::styled(
                format!("   {}", ctx.t(Msg::NoRecentFiles)),
                theme.dim,
            ));
        }
        for (i, file) in ctx.recent_imports.iter().enumerate() {
            let style = if self.recent == Some(i) {
                theme.selected
            } else {
                theme.popup
            };
            let text = tail(&file.display().to_string(), width.saturating_sub(4));
            lines.push(Line::styled(fit(&format!("   {text}"), width), style));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            truncate(&format!(" {}", ctx.t(Msg::Formats)), width).into_owned(),
            theme.dim,
        ));
        frame.render_widget(Paragraph::new(lines), area);
        frame.set_cursor_position(Position {
            x: area.x + (cursor_x as u16).min(area.width.saturating_sub(1)),
            y: area.y,
        });
    }
}

/// Names laid out in columns across `width`, at most `max_lines` lines
/// (the last says how many more there are).
fn columns(names: &[String], width: usize, max_lines: usize) -> Vec<Line<'static>> {
    let cell = names
        .iter()
        .map(|n| n.width())
        .max()
        .unwrap_or(1)
        .clamp(1, 30)
        + 2;
    let per_line = (width / cell).max(1);
    let mut lines: Vec<Line<'static>> = names
        .chunks(per_line)
        .map(|chunk| {
            // Two spaces after every name, a cut one included: names never
            // run together.
            let text: String = chunk
                .iter()
                .map(|n| format!("{}  ", fit(n, cell - 2)))
                .collect();
            Line::raw(format!("   {}", text.trim_end()))
        })
        .collect();
    if lines.len() > max_lines {
        let more = names.len() - (max_lines - 1) * per_line;
        lines.truncate(max_lines - 1);
        lines.push(Line::raw(format!("   … +{more}")));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn candidates_are_apart_even_when_cut() {
        let long = "客户资料-华南区-2026年11月-第二批-已核对版本.xlsx".to_string();
        let names = vec![long.clone(), format!("{long}.bak"), "短.csv".to_string()];
        let lines = text(&columns(&names, 77, 4));
        assert_eq!(lines.len(), 2, "{lines:?}");
        // The first line holds two cut names with a gap between them.
        assert!(lines[0].contains("…  客户资料"), "{lines:?}");
        assert!(lines[1].ends_with("短.csv"), "{lines:?}");
    }
}
