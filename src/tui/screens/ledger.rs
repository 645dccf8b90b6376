//! One customer's receivables ledger (`l`): every entry with its running
//! balance, what is still open and when it falls due, overdue rows
//! highlighted; keys to add an entry, allocate, reverse and export a statement.

mod actions;
pub mod figures;
mod view;

pub use actions::refusal_text;

use crossterm::event::KeyEvent;

use self::actions::PromptFor;
use self::figures::AccountFigures;
use super::entry::EntryScreen;
use super::{Outcome, Screen};
use crate::domain::customer::Customer;
use crate::store::{LedgerLine, StoreError};
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Scope};
use crate::tui::outfile::Overwrite;
use crate::tui::widgets::confirm::Answer;
use crate::tui::widgets::picker::{Picked, Picker};
use crate::tui::widgets::prompt::{Prompt, Prompted};
use crate::tui::widgets::table;

pub struct LedgerScreen {
    customer: Customer,
    lines: Vec<LedgerLine>,
    figures: AccountFigures,
    /// Position of the selected entry in `lines`.
    selected: usize,
    /// First entry on screen.
    offset: usize,
    /// Allocating the selected entry: "" is oldest first, else an entry id.
    picker: Option<Picker>,
    prompt: Option<(PromptFor, Prompt)>,
    /// The statement's file exists: replace it? (with the period asked for)
    overwrite: Option<(Overwrite, String, String)>,
}

impl LedgerScreen {
    /// Opens on the latest entry, where the bookkeeper usually works.
    pub fn open(ctx: &Ctx, code: &str) -> Result<LedgerScreen, StoreError> {
        let customer = ctx
            .store
            .customer(code)?
            .ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let (figures, lines) = AccountFigures::load(&ctx.store, customer.id, ctx.today)?;
        let selected = lines.len().saturating_sub(1);
        Ok(LedgerScreen {
            customer,
            lines,
            figures,
            selected,
            offset: 0,
            picker: None,
            prompt: None,
            overwrite: None,
        })
    }

    pub fn code(&self) -> &str {
        &self.customer.data.code
    }

    /// Re-reads the entries after a write here or on a screen above.
    pub fn reload(&mut self, ctx: &mut Ctx) {
        let count = self.lines.len();
        match LedgerScreen::open(ctx, &self.customer.data.code) {
            Ok(fresh) => {
                // A new entry (the highest id, wherever its date puts it) is
                // selected; otherwise the selection stays.
                if fresh.lines.len() > count
                    && let Some(newest) =
                        (0..fresh.lines.len()).max_by_key(|i| fresh.lines[*i].entry.id)
                {
                    self.selected = newest;
                }
                self.customer = fresh.customer;
                self.lines = fresh.lines;
                self.figures = fresh.figures;
                self.selected = self.selected.min(self.lines.len().saturating_sub(1));
            }
            Err(e) => ctx.error(e.message().text(ctx.lang)),
        }
    }

    pub fn scope(&self) -> Scope {
        if self.overwrite.is_some() {
            Scope::Confirm
        } else if self.prompt.is_some() {
            Scope::Prompt
        } else if self.picker.is_some() {
            Scope::Picker
        } else {
            Scope::Ledger
        }
    }

    fn selected_line(&self) -> Option<&LedgerLine> {
        self.lines.get(self.selected)
    }

    pub fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        if let Some((overwrite, from, to)) = &self.overwrite {
            match overwrite.confirm.handle_key(key) {
                Answer::Undecided => {}
                Answer::No => self.overwrite = None,
                Answer::Yes => {
                    let (from, to) = (from.clone(), to.clone());
                    let file = overwrite.file.to_string_lossy().into_owned();
                    self.overwrite = None;
                    if self.export_statement(&from, &to, &file, true, ctx) {
                        self.prompt = None;
                    }
                }
            }
            return Outcome::Stay;
        }
        if let Some((purpose, prompt)) = &mut self.prompt {
            let purpose = purpose.clone();
            match prompt.handle_key(key) {
                Prompted::Still => {}
                Prompted::Cancelled => self.prompt = None,
                Prompted::Submit(values) => {
                    // A refused dialog stays open, its text kept, the reason on the status line.
                    if self.submit(purpose, &values, ctx) {
                        self.prompt = None;
                    }
                }
            }
            return Outcome::Stay;
        }
        if let Some(picker) = &mut self.picker {
            match picker.handle_key(key) {
                Picked::Still => {}
                Picked::Cancelled => self.picker = None,
                Picked::Chose(value) => {
                    self.picker = None;
                    self.allocate(&value, ctx);
                }
            }
            return Outcome::Stay;
        }
        let Some(action) = action else {
            return Outcome::Stay;
        };
        let rows = view::table_rows(page);
        match action {
            Action::Back => return Outcome::Pop,
            Action::Reconcile => return super::reconcile::open(ctx, &self.customer.data.code),
            Action::AddEntry => {
                return match EntryScreen::new(ctx, self.code(), None) {
                    Ok(form) => Outcome::Push(Screen::Entry(Box::new(form))),
                    Err(e) => {
                        ctx.error(e.message().text(ctx.lang));
                        Outcome::Stay
                    }
                };
            }
            Action::Allocate => self.open_allocation(ctx),
            Action::ReverseEntry => self.open_reversal(ctx),
            Action::Statement => self.open_statement(ctx),
            other => self.navigate(other, rows),
        }
        Outcome::Stay
    }

    fn navigate(&mut self, action: Action, rows: usize) {
        self.selected = table::moved(self.selected, action, rows, self.lines.len());
        self.offset = table::in_view(self.selected, self.offset, rows);
    }

    pub fn scroll(&mut self, delta: i32, page: u16) {
        let action = if delta < 0 { Action::Up } else { Action::Down };
        for _ in 0..delta.unsigned_abs() {
            self.navigate(action, view::table_rows(page));
        }
    }
}
