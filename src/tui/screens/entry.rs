//! Adding a ledger entry: type, date, document number, amount, due date and
//! memo, checked by the store as you type (problems beside the fields, in
//! the UI language, and the credit decision with its figures); Ctrl-S saves,
//! and an invoice over the credit limit asks for an override reason.

mod save;
mod view;

use crossterm::event::{KeyCode, KeyEvent};

use super::Outcome;
use crate::domain::customer::Customer;
use crate::domain::date::iso;
use crate::domain::ledger::{EntryField, EntryInput, EntryKind};
use crate::store::{EntryCheck, StoreError};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Reply, Status, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::picker::{Item, Picker};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// What an entry popup was opened for.
enum Asking {
    Kind,
    Discard,
    /// Over the credit limit: the reason to issue it anyway.
    Override,
}

/// The typed fields in form order; the type (a choice) comes before them.
const TEXT_FIELDS: [EntryField; 5] = [
    EntryField::Date,
    EntryField::DocNo,
    EntryField::Amount,
    EntryField::DueDate,
    EntryField::Memo,
];

pub struct EntryScreen {
    customer: Customer,
    kind: EntryKind,
    inputs: Vec<LineInput>,
    /// 0 is the type; `i` ≥ 1 is `TEXT_FIELDS[i - 1]`.
    focus: usize,
    /// The store's verdict on what is typed now.
    check: Option<EntryCheck>,
    /// What the open popup is for.
    asking: Option<Asking>,
    initial: EntryInput,
}

impl EntryScreen {
    /// A new entry for the customer `code`, of `kind` (an invoice by default),
    /// dated today; with what went wrong checking it, for the status line.
    pub fn new(
        ctx: &mut Ctx,
        code: &str,
        kind: Option<EntryKind>,
    ) -> Result<(EntryScreen, Option<Status>), StoreError> {
        let customer = ctx
            .store
            .customer(code)?
            .ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let inputs = TEXT_FIELDS
            .iter()
            .map(|f| match f {
                EntryField::Date => LineInput::new(iso(ctx.today)),
                _ => LineInput::default(),
            })
            .collect();
        let mut form = EntryScreen {
            customer,
            kind: kind.unwrap_or(EntryKind::Invoice),
            inputs,
            // The date is filled in: start on the document number.
            focus: 2,
            check: None,
            asking: None,
            initial: EntryInput::default(),
        };
        form.initial = form.input();
        let failed = form.validate(ctx);
        Ok((form, failed))
    }

    pub fn customer_id(&self) -> i64 {
        self.customer.id
    }

    fn text(&self, field: EntryField) -> &str {
        TEXT_FIELDS
            .iter()
            .position(|f| *f == field)
            .and_then(|i| self.inputs.get(i))
            .map_or("", LineInput::value)
    }

    /// What is typed, as the store reads it.
    pub fn input(&self) -> EntryInput {
        EntryInput {
            kind: self.kind.key().to_string(),
            date: self.text(EntryField::Date).to_string(),
            doc_no: self.text(EntryField::DocNo).to_string(),
            amount: self.text(EntryField::Amount).to_string(),
            due_date: self.text(EntryField::DueDate).to_string(),
            memo: self.text(EntryField::Memo).to_string(),
        }
    }

    fn is_dirty(&self) -> bool {
        self.input() != self.initial
    }

    fn focused_field(&self) -> EntryField {
        match self.focus {
            0 => EntryField::Type,
            i => TEXT_FIELDS.get(i - 1).copied().unwrap_or(EntryField::Memo),
        }
    }

    /// Every check the save would make, the credit decision included; one
    /// indexed read, so it runs per keystroke. What went wrong, for the
    /// status line.
    fn validate(&mut self, ctx: &Ctx) -> Option<Status> {
        match ctx
            .store
            .check_entry(&self.customer.data.code, &self.input())
        {
            Ok(check) => self.check = Some(check),
            Err(e) => return Some(Status::error(e.message().text(ctx.lang))),
        }
        None
    }

    /// The type picker; searching by label or pinyin initials (`sk` → 收款).
    fn open_picker(&mut self, first: Option<char>, ctx: &Ctx) -> Outcome {
        let items = EntryKind::ALL
            .iter()
            .map(|k| Item::new(k.key(), k.label(ctx.lang)).also_matching(initials(*k)))
            .collect();
        let mut picker = Picker::new(
            EntryField::Type.label(ctx.lang),
            items,
            Some(self.kind.key()),
        );
        if let Some(c) = first {
            picker.handle_key(&KeyEvent::from(KeyCode::Char(c)));
        }
        self.asking = Some(Asking::Kind);
        ask(picker)
    }
}

/// Pinyin initials of the Chinese type names as a bookkeeper reads them, and
/// of the short names: `tz` finds 调整, which the pinyin crate reads DZ.
fn initials(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Opening => "qcye qc",
        EntryKind::Invoice => "xsfp fp kp",
        EntryKind::Receipt => "sk hk",
        EntryKind::Credit => "hzfp hz th",
        EntryKind::Prepayment => "ysk ys",
        EntryKind::Adjustment => "tz",
    }
}

impl Component for EntryScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Form
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        _page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        let last = TEXT_FIELDS.len();
        match action {
            Some(Action::Back) => {
                if self.is_dirty() {
                    self.asking = Some(Asking::Discard);
                    return ask(Confirm::new(Msg::DiscardTitle, ctx.t(Msg::DiscardBody)));
                }
                return Outcome::Pop;
            }
            Some(Action::Save) => return self.save(ctx),
            Some(Action::NextField) => self.focus = (self.focus + 1).min(last),
            Some(Action::PrevField) => self.focus = self.focus.saturating_sub(1),
            Some(Action::Pick) if self.focus == 0 => return self.open_picker(None, ctx),
            Some(Action::Pick) => self.focus = (self.focus + 1).min(last),
            Some(Action::ClearField) if self.focus > 0 => {
                if let Some(input) = self.inputs.get_mut(self.focus - 1) {
                    input.set(String::new());
                }
                return Outcome::Stay.saying(self.validate(ctx));
            }
            Some(_) => {}
            None if self.focus == 0 => {
                if let KeyCode::Char(c) = key.code {
                    return self.open_picker(Some(c), ctx);
                }
            }
            None => {
                let changed = self
                    .inputs
                    .get_mut(self.focus - 1)
                    .is_some_and(|input| input.edit(key));
                if changed {
                    return Outcome::Stay.saying(self.validate(ctx));
                }
            }
        }
        Outcome::Stay
    }

    /// A popup answered: the type picked, the discard question, the over-limit reason.
    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        match (self.asking.take(), reply) {
            (Some(Asking::Kind), Reply::Chose(value)) => {
                if let Some(kind) = EntryKind::parse(&value) {
                    self.kind = kind;
                }
                let failed = self.validate(ctx);
                self.focus = 1;
                Outcome::Stay.saying(failed)
            }
            (Some(Asking::Discard), Reply::Yes) => Outcome::Pop,
            (Some(Asking::Override), reply) => {
                let outcome = self.answer_refusal(reply, ctx);
                if matches!(outcome.carried(), Outcome::Keep) {
                    self.asking = Some(Asking::Override);
                }
                outcome
            }
            _ => Outcome::Stay,
        }
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

    fn focus_field(&mut self, key: &str, _page: u16, _ctx: &mut Ctx) -> Option<Outcome> {
        self.focus_key(key).then_some(Outcome::Stay)
    }
}
