//! A deleted customer's snapshot over the audit screen: every field it had,
//! labelled in the UI language; `r` answers "restore it as a new customer".

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::domain::field::{Field, FieldValues};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::widgets::{centered, clear, fit, truncate};

pub struct Snapshot {
    /// What the row says (code, when deleted, by whom).
    about: String,
    /// (label key, value), in form order, empty values left out.
    fields: Vec<(Field, String)>,
    offset: usize,
}

impl Snapshot {
    pub fn new(about: String, values: &FieldValues) -> Snapshot {
        let fields = Field::ALL
            .iter()
            .filter_map(|f| {
                let value = values.get(f.key())?;
                (!value.trim().is_empty()).then(|| (*f, value.clone()))
            })
            .collect();
        Snapshot {
            about,
            fields,
            offset: 0,
        }
    }
}

impl Component for Snapshot {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::AuditSnapshot
    }

    fn handle_key(
        &mut self,
        _key: &KeyEvent,
        action: Option<Action>,
        _page: u16,
        _ctx: &mut Ctx,
    ) -> Outcome {
        match action {
            Some(Action::RestoreDeleted) => return Outcome::Answer(Reply::Yes),
            Some(Action::Back) => return Outcome::Answer(Reply::Cancelled),
            Some(Action::Down) => {
                self.offset = (self.offset + 1).min(self.fields.len().saturating_sub(1))
            }
            Some(Action::Up) => self.offset = self.offset.saturating_sub(1),
            _ => {}
        }
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let height = (self.fields.len() as u16 + 6).min(area.height);
        let area = centered(area, 76, height);
        clear(frame, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(
                format!(" {} ", ctx.t(Msg::AuditSnapshotTitle)),
                theme.title,
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = inner.width as usize;
        let label_width = self
            .fields
            .iter()
            .map(|(f, _)| f.label(ctx.lang).width())
            .max()
            .unwrap_or(0)
            + 2;
        let mut lines = vec![Line::raw(truncate(&self.about, width).into_owned())];
        let rows = inner.height.saturating_sub(3) as usize;
        for (field, value) in self.fields.iter().skip(self.offset).take(rows) {
            let text = format!("{}{value}", fit(field.label(ctx.lang), label_width));
            lines.push(Line::raw(truncate(&text, width).into_owned()));
        }
        lines.push(Line::raw(""));
        let hints = keymap::hints(Scope::AuditSnapshot, ctx.lang)
            .into_iter()
            .map(|(k, l)| format!("{k} {l}"))
            .collect::<Vec<_>>()
            .join("   ");
        lines.push(Line::styled(
            truncate(&hints, width).into_owned(),
            theme.dim,
        ));
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
