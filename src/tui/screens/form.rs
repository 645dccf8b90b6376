//! Add and edit a customer: every field in groups, pickers for choices,
//! validation as you type in the UI language, the mnemonic following the name
//! until it is edited, Ctrl-S to save through the duplicate check.

mod checks;
mod entries;
mod save;
mod view;

use std::collections::BTreeSet;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use self::entries::Entry;
use super::Outcome;
use crate::domain::customer::Customer;
use crate::domain::field::{FieldValues, values_of};
use crate::domain::mnemonic::mnemonic;
use crate::domain::{Problem, Problems};
use crate::store::{StoreError, Template};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Reply, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::picker::Picker;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// What a form popup was opened for.
enum Asking {
    Pick,
    Discard,
    Duplicate,
}

pub enum Mode {
    Add { template: Option<String> },
    Edit { original: Box<Customer> },
}

pub struct FormScreen {
    mode: Mode,
    entries: Vec<Entry>,
    focus: usize,
    /// First form line on screen.
    scroll: usize,
    problems: Problems,
    /// Problems from the last store check, kept while their field is unchanged.
    store_problems: Vec<Problem>,
    edited_since_check: BTreeSet<String>,
    mnemonic_auto: bool,
    initial: FieldValues,
    /// What the open popup is for.
    asking: Option<Asking>,
    /// Body height at the last key (a pick moves on to the next field).
    page: u16,
    /// Opened by the quick invoice: after saving, the invoice form follows.
    then_invoice: bool,
}

impl FormScreen {
    pub fn add(ctx: &Ctx, template: Option<Template>) -> Result<FormScreen, StoreError> {
        let (values, name) = match template {
            Some(t) => (t.fields, Some(t.name)),
            None => (FieldValues::new(), None),
        };
        let mut form = FormScreen::with_values(ctx, Mode::Add { template: name }, &values);
        if let Some(kind) = form.entry_mut("kind").filter(|e| e.value().is_empty()) {
            kind.set("company".into());
        }
        form.initial = form.values();
        form.focus = form.index_of("name").unwrap_or(0);
        Ok(form)
    }

    pub fn edit(ctx: &Ctx, code: &str) -> Result<FormScreen, StoreError> {
        let customer = ctx
            .store
            .customer(code)?
            .ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let values = values_of(&customer.data);
        let auto = customer.data.mnemonic == mnemonic(&customer.data.name);
        let mut form = FormScreen::with_values(
            ctx,
            Mode::Edit {
                original: Box::new(customer),
            },
            &values,
        );
        form.mnemonic_auto = auto;
        form.focus = form.index_of("name").unwrap_or(0);
        form.validate_local(ctx);
        Ok(form)
    }

    fn with_values(ctx: &Ctx, mode: Mode, values: &FieldValues) -> FormScreen {
        let entries = entries::build(&ctx.catalog, values, ctx.lang);
        let mut form = FormScreen {
            mode,
            entries,
            focus: 0,
            scroll: 0,
            problems: Problems::default(),
            store_problems: Vec::new(),
            edited_since_check: BTreeSet::new(),
            mnemonic_auto: true,
            initial: FieldValues::new(),
            asking: None,
            page: 20,
            then_invoice: false,
        };
        form.initial = form.values();
        form
    }

    /// The add form with the name the quick invoice found nothing for; saving
    /// continues to the invoice form for the new customer.
    pub fn add_then_invoice(ctx: &Ctx, name: &str) -> Result<FormScreen, StoreError> {
        let mut form = FormScreen::add(ctx, None)?;
        form.then_invoice = true;
        if let Some(entry) = form.entry_mut("name") {
            entry.set(name.to_string());
        }
        // Focus is on the name: the mnemonic follows it as if typed.
        form.edited();
        form.validate_local(ctx);
        form.initial = form.values();
        Ok(form)
    }

    /// Tab to the field named `key` (its store checks run as on Tab).
    fn focus_key(&mut self, key: &str, page: u16, ctx: &mut Ctx) -> Option<Outcome> {
        let to = self.index_of(key)?;
        Some(self.move_focus(to as i32 - self.focus as i32, page, ctx))
    }

    fn index_of(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.key == key)
    }

    fn entry_mut(&mut self, key: &str) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.key == key)
    }

    /// Field key → text, as the store reads it.
    pub fn values(&self) -> FieldValues {
        self.entries
            .iter()
            .map(|e| (e.key.clone(), e.value().to_string()))
            .collect()
    }

    fn is_dirty(&self) -> bool {
        self.values() != self.initial
    }

    fn existing(&self) -> Option<&Customer> {
        match &self.mode {
            Mode::Edit { original } => Some(original),
            Mode::Add { .. } => None,
        }
    }

    fn focused_is_choice(&self) -> bool {
        self.entries
            .get(self.focus)
            .is_some_and(|e| e.choices.is_some())
    }

    fn open_picker(&mut self, first: Option<char>) -> Outcome {
        let Some(entry) = self.entries.get(self.focus) else {
            return Outcome::Stay;
        };
        let Some(items) = &entry.choices else {
            return Outcome::Stay;
        };
        let mut picker = Picker::new(entry.label.clone(), items.clone(), Some(entry.value()));
        if let Some(c) = first {
            picker.handle_key(&KeyEvent::from(KeyCode::Char(c)));
        }
        self.asking = Some(Asking::Pick);
        ask(picker)
    }

    fn type_key(&mut self, key: &KeyEvent, ctx: &Ctx) -> Outcome {
        if self.focused_is_choice() {
            match key.code {
                KeyCode::Char(c) => return self.open_picker(Some(c)),
                KeyCode::Backspace | KeyCode::Delete => {
                    if let Some(entry) = self.entries.get_mut(self.focus) {
                        entry.set(String::new());
                    }
                    self.edited();
                    self.validate_local(ctx);
                }
                _ => {}
            }
            return Outcome::Stay;
        }
        let replace_auto = self.mnemonic_auto
            && matches!(key.code, KeyCode::Char(_))
            && !key.modifiers.contains(KeyModifiers::CONTROL);
        let Some(entry) = self.entries.get_mut(self.focus) else {
            return Outcome::Stay;
        };
        // Typing over a generated mnemonic replaces it, as over a selection.
        if replace_auto && entry.key == "mnemonic" {
            entry.set(String::new());
        }
        let changed = entry.edit(key);
        if changed {
            self.edited();
            self.validate_local(ctx);
        }
        Outcome::Stay
    }

    fn keep_in_view(&mut self, page: u16) {
        let rows = view::form_rows(page).max(1);
        let line = view::line_of(&self.entries, self.focus);
        // Show the group heading above the first field of a group too.
        let top = line.saturating_sub(1);
        if top < self.scroll {
            self.scroll = top;
        } else if line >= self.scroll + rows {
            self.scroll = line + 1 - rows;
        }
    }
}

impl Component for FormScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Form
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        self.page = page;
        match action {
            Some(Action::Back) => {
                if self.is_dirty() {
                    self.asking = Some(Asking::Discard);
                    return ask(Confirm::new(Msg::DiscardTitle, ctx.t(Msg::DiscardBody)));
                }
                return Outcome::Pop;
            }
            Some(Action::Save) => return self.save(ctx, false),
            Some(Action::NextField) => return self.move_focus(1, page, ctx),
            Some(Action::PrevField) => return self.move_focus(-1, page, ctx),
            Some(Action::PageDown) => return self.move_focus(8, page, ctx),
            Some(Action::PageUp) => return self.move_focus(-8, page, ctx),
            Some(Action::Pick) => {
                if self.focused_is_choice() {
                    return self.open_picker(None);
                } else {
                    return self.move_focus(1, page, ctx);
                }
            }
            Some(Action::ClearField) => {
                if let Some(entry) = self.entries.get_mut(self.focus) {
                    entry.set(String::new());
                }
                self.edited();
                self.validate_local(ctx);
            }
            Some(_) => {}
            None => return self.type_key(key, ctx),
        }
        Outcome::Stay
    }

    /// A popup answered: the picked value, the discard question, the duplicate dialog.
    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        match (self.asking.take(), reply) {
            (Some(Asking::Pick), Reply::Chose(value)) => {
                if let Some(entry) = self.entries.get_mut(self.focus) {
                    entry.set(value);
                }
                self.edited();
                self.validate_local(ctx);
                self.move_focus(1, self.page, ctx)
            }
            (Some(Asking::Discard), Reply::Yes) => Outcome::Pop,
            (Some(Asking::Duplicate), reply) => self.answer_duplicate(reply, ctx),
            _ => Outcome::Stay,
        }
    }

    fn scroll(&mut self, delta: i32, _page: u16, _ctx: &mut Ctx) {
        self.scroll = (self.scroll as i32 + delta).max(0) as usize;
    }

    /// Drawn by `view.rs`.
    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        self.draw(frame, area, ctx)
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        self.status_text(width, ctx)
    }

    fn has_unsaved_changes(&self) -> bool {
        self.is_dirty()
    }

    fn focus_field(&mut self, key: &str, page: u16, ctx: &mut Ctx) -> Option<Outcome> {
        self.focus_key(key, page, ctx)
    }
}
