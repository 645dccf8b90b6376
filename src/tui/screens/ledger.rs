//! One customer's receivables ledger (`l`): every entry with its running
//! balance, what is still open and when it falls due, overdue rows
//! highlighted; keys to add an entry, allocate, reverse and export a statement.

mod actions;
mod export;
pub mod figures;
mod view;

use self::actions::PromptFor;

/// What a ledger dialog is for.
enum Asking {
    /// Allocating the selected entry: "" is oldest first, else an entry id.
    Allocate,
    Prompt(PromptFor),
    /// The statement's file exists: replace it?
    Overwrite {
        file: String,
        from: String,
        to: String,
    },
}
use self::figures::AccountFigures;
use super::Outcome;
use super::entry::EntryScreen;
use crate::domain::customer::Customer;
use crate::store::{LedgerLine, StoreError};
use crate::tui::app::Ctx;
use crate::tui::component::Reply;
use crate::tui::keymap::{Action, Scope};
use crate::tui::outfile::Overwrite;
use crate::tui::widgets::table;

pub struct LedgerScreen {
    customer: Customer,
    lines: Vec<LedgerLine>,
    figures: AccountFigures,
    /// Position of the selected entry in `lines`.
    selected: usize,
    /// First entry on screen.
    offset: usize,
    /// What the open dialog (on the app's popup stack) is for.
    asking: Option<Asking>,
    /// A statement refused because its file exists: the question to ask
    /// next, with the period asked for.
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
            asking: None,
            overwrite: None,
        })
    }

    pub fn code(&self) -> &str {
        &self.customer.data.code
    }

    /// Re-reads the entries after a write here or on a screen above.
    fn reload(&mut self, ctx: &mut Ctx) {
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

    fn scope(&self) -> Scope {
        Scope::Ledger
    }

    /// A dialog answered: what it was asked for is in `asking`.
    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        let Some(asked) = self.asking.take() else {
            return Outcome::Stay;
        };
        match (asked, reply) {
            (Asking::Allocate, Reply::Chose(value)) => self.allocate(&value, ctx),
            (Asking::Prompt(purpose), Reply::Submit(values)) => {
                if self.submit(purpose.clone(), &values, ctx) {
                    return Outcome::Stay;
                }
                // A refused dialog stays open, its text kept, the reason on
                // the status line; an existing file asks to be replaced.
                if let Some((overwrite, from, to)) = self.overwrite.take() {
                    self.asking = Some(Asking::Overwrite {
                        file: overwrite.file.to_string_lossy().into_owned(),
                        from,
                        to,
                    });
                    return Outcome::FollowUp(Box::new(overwrite.confirm));
                }
                self.asking = Some(Asking::Prompt(purpose));
                return Outcome::Keep;
            }
            (Asking::Overwrite { file, from, to }, reply) => {
                // Back to the statement dialog below, unless the file is written.
                self.asking = Some(Asking::Prompt(PromptFor::Statement));
                if reply == Reply::Yes && self.export_statement(&from, &to, &file, true, ctx) {
                    self.asking = None;
                    return Outcome::CloseBelow;
                }
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn selected_line(&self) -> Option<&LedgerLine> {
        self.lines.get(self.selected)
    }

    fn handle_key(&mut self, action: Option<Action>, page: u16, ctx: &mut Ctx) -> Outcome {
        let Some(action) = action else {
            return Outcome::Stay;
        };
        let rows = view::table_rows(page);
        match action {
            Action::Back => return Outcome::Pop,
            Action::Reconcile => return super::reconcile::open(ctx, &self.customer.data.code),
            Action::AddEntry => {
                return match EntryScreen::new(ctx, self.code(), None) {
                    Ok(form) => Outcome::Push(Box::new(form)),
                    Err(e) => {
                        ctx.error(e.message().text(ctx.lang));
                        Outcome::Stay
                    }
                };
            }
            Action::Allocate => return self.open_allocation(ctx),
            Action::ReverseEntry => return self.open_reversal(ctx),
            Action::Statement => return self.open_statement(ctx),
            other => self.navigate(other, rows),
        }
        Outcome::Stay
    }

    fn navigate(&mut self, action: Action, rows: usize) {
        self.selected = table::moved(self.selected, action, rows, self.lines.len());
        self.offset = table::in_view(self.selected, self.offset, rows);
    }

    fn scroll(&mut self, delta: i32, page: u16) {
        let action = if delta < 0 { Action::Up } else { Action::Down };
        for _ in 0..delta.unsigned_abs() {
            self.navigate(action, view::table_rows(page));
        }
    }
}

mod component {
    use crossterm::event::KeyEvent;
    use ratatui::Frame;
    use ratatui::layout::Rect;
    use ratatui::text::Line;

    use super::LedgerScreen;
    use crate::tui::app::Ctx;
    use crate::tui::component::{Component, Outcome, Reply};
    use crate::tui::keymap::{Action, Scope};

    impl Component for LedgerScreen {
        fn scope(&self, _ctx: &Ctx) -> Scope {
            LedgerScreen::scope(self)
        }
        fn handle_key(
            &mut self,
            _key: &KeyEvent,
            action: Option<Action>,
            page: u16,
            ctx: &mut Ctx,
        ) -> Outcome {
            LedgerScreen::handle_key(self, action, page, ctx)
        }
        fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
            LedgerScreen::answer(self, reply, ctx)
        }
        fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
            LedgerScreen::render(self, frame, area, ctx)
        }
        fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
            LedgerScreen::status_line(self, width, ctx)
        }
        fn scroll(&mut self, delta: i32, page: u16, _ctx: &mut Ctx) {
            LedgerScreen::scroll(self, delta, page)
        }
        fn on_return(&mut self, ctx: &mut Ctx) {
            self.reload(ctx)
        }
    }
}
