//! Saving: the full check, the duplicate dialog for new customers (similar
//! names may be saved anyway, a tax ID held by a live customer never), and
//! the write itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crossterm::event::KeyEvent;

use super::{Asking, FormScreen, Mode};
use crate::domain::Lang;
use crate::domain::field::FieldValues;
use crate::store::{Candidate, ListFilter, StoreError};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply, Status, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::screens::detail::DetailScreen;
use crate::tui::screens::entry::EntryScreen;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, fit};

pub struct Duplicate {
    /// The live customer holding the same tax ID: saving is not offered.
    pub tax_owner: Option<Candidate>,
    pub similar: Vec<Candidate>,
    pub selected: usize,
}

impl Duplicate {
    fn candidates(&self) -> impl Iterator<Item = &Candidate> {
        self.tax_owner.iter().chain(self.similar.iter())
    }

    fn may_save(&self) -> bool {
        self.tax_owner.is_none()
    }

    /// Its keys differ: a taken tax ID cannot be saved anyway.
    pub fn scope(&self) -> Scope {
        if self.may_save() {
            Scope::Duplicate
        } else {
            Scope::TaxDuplicate
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, theme: &Theme, lang: Lang) {
        let count = self.candidates().count() as u16;
        let area = centered(area, 70, count + 9);
        crate::tui::widgets::clear(frame, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(
                format!(" {} ", Msg::DuplicateTitle.get(lang)),
                theme.title,
            ));
        let width = block.inner(area).width as usize;
        let mut lines = Vec::new();
        let mut pos = 0;
        let mut section = |lines: &mut Vec<Line<'static>>, title: Msg, list: &[Candidate]| {
            if list.is_empty() {
                return;
            }
            lines.push(Line::styled(title.get(lang).to_string(), theme.focused));
            for c in list {
                let style = if pos == self.selected {
                    theme.selected
                } else {
                    theme.popup
                };
                let text = format!(" {}  {}  {}", c.code, c.name, c.status.label(lang));
                lines.push(Line::styled(fit(&text, width), style));
                pos += 1;
            }
        };
        if let Some(owner) = &self.tax_owner {
            section(&mut lines, Msg::DuplicateTaxId, std::slice::from_ref(owner));
        }
        section(&mut lines, Msg::DuplicateSimilar, &self.similar);
        lines.push(Line::raw(""));
        if !self.may_save() {
            lines.push(Line::styled(
                Msg::DuplicateNoSave.get(lang).to_string(),
                theme.error,
            ));
        }
        let hints: Vec<String> = keymap::hints(self.scope(), lang)
            .into_iter()
            .map(|(k, l)| format!("{k} {l}"))
            .collect();
        lines.push(Line::styled(hints.join("   "), theme.dim));
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block),
            area,
        );
    }
}

/// The dialog's keys: Enter opens the selected customer (the form stays
/// below, so nothing typed is lost), `s` saves anyway when allowed.
impl Component for Duplicate {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Duplicate::scope(self)
    }

    fn handle_key(
        &mut self,
        _key: &KeyEvent,
        action: Option<Action>,
        _: u16,
        _: &mut Ctx,
    ) -> Outcome {
        let count = self.candidates().count();
        match action {
            Some(Action::Back) => return Outcome::Answer(Reply::Cancelled),
            Some(Action::Down) => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::SaveAnyway) if self.may_save() => {
                return Outcome::Answer(Reply::Action(Action::SaveAnyway));
            }
            Some(Action::OpenExisting) => {
                if let Some(code) = self.candidates().nth(self.selected).map(|c| c.code.clone()) {
                    return Outcome::Answer(Reply::Chose(code));
                }
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        Duplicate::render(self, frame, area, &ctx.theme, ctx.lang)
    }
}

impl FormScreen {
    /// The duplicate dialog answered: save anyway, or look at the customer
    /// it found.
    pub(super) fn answer_duplicate(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        match reply {
            Reply::Action(Action::SaveAnyway) => self.save(ctx, true),
            Reply::Chose(code) => match DetailScreen::open(ctx, &code) {
                Ok(detail) => Outcome::Push(Box::new(detail)),
                Err(e) => Outcome::error(e.message().text(ctx.lang)),
            },
            _ => Outcome::Stay,
        }
    }

    /// Ctrl-S. `anyway` skips the similar-name dialog (its "save anyway").
    pub(super) fn save(&mut self, ctx: &mut Ctx, anyway: bool) -> Outcome {
        let checked = match self.validate_full(ctx) {
            Ok(checked) => checked,
            Err(failed) => return failed.into(),
        };
        let adding = matches!(self.mode, Mode::Add { .. });
        let tax_duplicate = checked
            .problems
            .iter()
            .any(|p| p.code == "tax_id.duplicate");
        if adding && tax_duplicate {
            let owner = tax_id_owner(ctx, &checked.data.tax_id);
            let mut similar = checked.similar;
            // The owner is listed once, under the tax ID.
            similar.retain(|c| owner.as_ref().is_none_or(|o| o.code != c.code));
            self.asking = Some(Asking::Duplicate);
            return ask(Duplicate {
                tax_owner: owner,
                similar,
                selected: 0,
            });
        }
        if checked.problems.has_errors() {
            self.focus_first_error();
            return Outcome::error(ctx.t(Msg::FixBeforeSave));
        }
        if adding && !anyway && !checked.similar.is_empty() {
            self.asking = Some(Asking::Duplicate);
            return ask(Duplicate {
                tax_owner: None,
                similar: checked.similar,
                selected: 0,
            });
        }
        self.write(ctx)
    }

    fn write(&mut self, ctx: &mut Ctx) -> Outcome {
        let values: FieldValues = self.values();
        let saved = match &self.mode {
            Mode::Add { .. } => {
                let given: FieldValues = values
                    .into_iter()
                    .filter(|(_, v)| !v.trim().is_empty())
                    .collect();
                ctx.store.add_customer(&given, None)
            }
            Mode::Edit { original } => ctx.store.edit_customer(&original.data.code, &values),
        };
        match saved {
            Ok(saved) => {
                let c = &saved.customer;
                // "Saved" is said, which replaced a failed refresh.
                let _ = ctx.refresh_customer(c.id);
                let said = Status::info(format!(
                    "{}{}{} {}",
                    ctx.t(Msg::Saved),
                    crate::tui::i18n::colon(ctx.lang),
                    c.data.code,
                    c.data.name
                ));
                let then = if self.then_invoice {
                    match EntryScreen::new(ctx, &c.data.code, None) {
                        Ok((form, failed)) => Outcome::Replace(Box::new(form)).saying(failed),
                        Err(e) => Outcome::Pop.saying(Status::error(e.message().text(ctx.lang))),
                    }
                } else {
                    Outcome::Pop
                };
                // The list selects the saved customer when shown again.
                Outcome::Saved(c.id, Box::new(then)).saying(said)
            }
            Err(StoreError::Invalid(problems)) => {
                self.problems = problems;
                self.focus_first_error();
                Outcome::error(ctx.t(Msg::FixBeforeSave))
            }
            Err(e) => Outcome::error(e.message().text(ctx.lang)),
        }
    }

    fn focus_first_error(&mut self) {
        let first = self
            .entries
            .iter()
            .position(|e| self.problems.errors().any(|p| p.field == e.key));
        if let Some(i) = first {
            self.focus = i;
        }
    }
}

/// Who holds `tax_id` now (the core's problem names them only in its message).
fn tax_id_owner(ctx: &Ctx, tax_id: &str) -> Option<Candidate> {
    let filter = ListFilter {
        search: Some(tax_id.to_string()),
        ..ListFilter::default()
    };
    let found = ctx.store.list_customers(&filter).ok()?;
    found
        .into_iter()
        .find(|c| c.data.tax_id == tax_id)
        .map(|c| Candidate {
            code: c.data.code,
            name: c.data.name,
            status: c.data.status,
        })
}
