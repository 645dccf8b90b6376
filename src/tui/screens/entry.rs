//! Adding a ledger entry: type, date, document number, amount, due date and
//! memo, checked by the store as you type (problems beside the fields, in
//! the UI language, and the credit decision with its figures); Ctrl-S saves,
//! and an invoice over the credit limit asks for an override reason.

mod save;
mod view;

use crossterm::event::{KeyCode, KeyEvent};

use self::save::Refusal;
use super::Outcome;
use crate::domain::customer::Customer;
use crate::domain::date::iso;
use crate::domain::ledger::{EntryField, EntryInput, EntryKind};
use crate::store::{EntryCheck, StoreError};
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::confirm::{Answer, Confirm};
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::picker::{Item, Picked, Picker};

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
    picker: Option<Picker>,
    refusal: Option<Refusal>,
    discard: Option<Confirm>,
    initial: EntryInput,
}

impl EntryScreen {
    /// A new entry for the customer `code`, of `kind` (an invoice by default),
    /// dated today.
    pub fn new(
        ctx: &mut Ctx,
        code: &str,
        kind: Option<EntryKind>,
    ) -> Result<EntryScreen, StoreError> {
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
            picker: None,
            refusal: None,
            discard: None,
            initial: EntryInput::default(),
        };
        form.initial = form.input();
        form.validate(ctx);
        Ok(form)
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

    pub fn is_dirty(&self) -> bool {
        self.input() != self.initial
    }

    pub fn scope(&self) -> Scope {
        if self.discard.is_some() {
            Scope::Confirm
        } else if self.refusal.is_some() {
            Scope::Override
        } else if self.picker.is_some() {
            Scope::Picker
        } else {
            Scope::Form
        }
    }

    fn focused_field(&self) -> EntryField {
        match self.focus {
            0 => EntryField::Type,
            i => TEXT_FIELDS.get(i - 1).copied().unwrap_or(EntryField::Memo),
        }
    }

    /// Every check the save would make, the credit decision included; one
    /// indexed read, so it runs per keystroke.
    fn validate(&mut self, ctx: &mut Ctx) {
        match ctx
            .store
            .check_entry(&self.customer.data.code, &self.input())
        {
            Ok(check) => self.check = Some(check),
            Err(e) => ctx.error(e.message().text(ctx.lang)),
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent, action: Option<Action>, ctx: &mut Ctx) -> Outcome {
        if let Some(confirm) = &self.discard {
            match confirm.handle_key(key) {
                Answer::Yes => return Outcome::Pop,
                Answer::No => self.discard = None,
                Answer::Undecided => {}
            }
            return Outcome::Stay;
        }
        if self.refusal.is_some() {
            return self.handle_refusal(key, action, ctx);
        }
        if let Some(picker) = &mut self.picker {
            match picker.handle_key(key) {
                Picked::Still => {}
                Picked::Cancelled => self.picker = None,
                Picked::Chose(value) => {
                    self.picker = None;
                    if let Some(kind) = EntryKind::parse(&value) {
                        self.kind = kind;
                    }
                    self.validate(ctx);
                    self.focus = 1;
                }
            }
            return Outcome::Stay;
        }
        let last = TEXT_FIELDS.len();
        match action {
            Some(Action::Back) => {
                if self.is_dirty() {
                    self.discard = Some(Confirm::new(Msg::DiscardTitle, ctx.t(Msg::DiscardBody)));
                    return Outcome::Stay;
                }
                return Outcome::Pop;
            }
            Some(Action::Save) => return self.save(ctx),
            Some(Action::NextField) => self.focus = (self.focus + 1).min(last),
            Some(Action::PrevField) => self.focus = self.focus.saturating_sub(1),
            Some(Action::Pick) if self.focus == 0 => self.open_picker(None, ctx),
            Some(Action::Pick) => self.focus = (self.focus + 1).min(last),
            Some(Action::ClearField) if self.focus > 0 => {
                if let Some(input) = self.inputs.get_mut(self.focus - 1) {
                    input.set(String::new());
                }
                self.validate(ctx);
            }
            Some(_) => {}
            None if self.focus == 0 => {
                if let KeyCode::Char(c) = key.code {
                    self.open_picker(Some(c), ctx);
                }
            }
            None => {
                let changed = self
                    .inputs
                    .get_mut(self.focus - 1)
                    .is_some_and(|input| input.edit(key));
                if changed {
                    self.validate(ctx);
                }
            }
        }
        Outcome::Stay
    }

    /// The type picker; searching by label or pinyin initials (`sk` → 收款).
    fn open_picker(&mut self, first: Option<char>, ctx: &Ctx) {
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
        self.picker = Some(picker);
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
