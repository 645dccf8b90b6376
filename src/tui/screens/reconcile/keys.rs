//! The bench's keys and dialogs: which action a key runs (the actions are
//! in `actions.rs`, the writes in `writes.rs`), the dialogs it asks on the
//! app's popup stack and what their answers do.

use super::actions::{Ask, ConfirmFor};
use super::{Bench, Who, view};
use crate::tui::app::Ctx;
use crate::tui::component::{Outcome, Reply, Status, ask};
use crate::tui::keymap::Action;
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::prompt::Prompt;

impl Bench {
    pub(super) fn handle_key(
        &mut self,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
        who: &Who,
    ) -> Outcome {
        let Some(action) = action else {
            return Outcome::Stay;
        };
        let said = match action {
            Action::Back => return self.leave(ctx),
            Action::SwitchSide => {
                self.side = self.side.other();
                None
            }
            Action::UnmatchedOnly => {
                self.unmatched_only = !self.unmatched_only;
                self.refresh();
                None
            }
            Action::ExportReport => {
                self.open_export(ctx, who);
                None
            }
            Action::Mark
            | Action::MatchLines
            | Action::Unmatch
            | Action::Note
            | Action::OpeningNote
            | Action::Adjust
            | Action::Rematch
            | Action::Save
            | Action::ConfirmReconciliation
                if self.read_only() =>
            {
                Some(Status::error(ctx.t(crate::tui::i18n::Msg::ReadOnly)))
            }
            Action::Mark => self.toggle_mark(ctx),
            Action::MatchLines => self.match_marked(None, ctx),
            Action::Unmatch => self.unmatch(ctx),
            Action::Note => {
                self.open_note();
                None
            }
            Action::OpeningNote => self.open_opening_note(ctx),
            Action::Adjust => self.open_adjust(ctx),
            Action::Rematch => {
                self.open_rematch();
                None
            }
            Action::Save => match self.save(ctx, who) {
                Ok(said) | Err(said) => Some(said),
            },
            Action::ConfirmReconciliation => {
                self.open_confirm(ctx, who);
                None
            }
            other => {
                self.navigate(other, view::table_rows(page));
                None
            }
        };
        self.opened().saying(said)
    }

    /// A dialog asked for by the key just handled, opened over the bench.
    fn opened(&mut self) -> Outcome {
        match self.open.take() {
            Some(popup) => Outcome::Ask(popup),
            None => Outcome::Stay,
        }
    }

    /// A dialog answered: a confirm question (it may stand over a prompt)
    /// or a prompt (refused: it stays, with the reason on the status line).
    pub(super) fn answer(&mut self, reply: Reply, ctx: &mut Ctx, who: &Who) -> Outcome {
        if let Some(purpose) = self.confirm_for.take() {
            if reply != Reply::Yes {
                return Outcome::Stay;
            }
            let outcome = self.confirmed(purpose, ctx, who);
            return match self.open.take() {
                // Only what it said goes with the question it raised.
                Some(popup) => outcome.messages().then(Outcome::Ask(popup)),
                None => outcome,
            };
        }
        let Some(ask) = self.prompt_for.clone() else {
            return Outcome::Stay;
        };
        let Reply::Submit(values) = reply else {
            self.prompt_for = None;
            return Outcome::Stay;
        };
        let refusal = match self.submit(ask, &values, ctx, who) {
            Ok(said) => {
                self.prompt_for = None;
                return self.opened().saying(said);
            }
            Err(refusal) => refusal,
        };
        match self.open.take() {
            // The export's file exists: replace it? (over the prompt)
            Some(popup) => Outcome::FollowUp(popup).saying(refusal),
            None => Outcome::Keep.saying(refusal),
        }
    }

    /// Asks `prompt` for `ask` once the key is handled.
    pub(super) fn ask_prompt(&mut self, ask: Ask, prompt: Prompt) {
        self.prompt_for = Some(ask);
        self.open = Some(Box::new(prompt));
    }

    /// Asks `confirm` for `purpose` once the key is handled.
    pub(super) fn ask_confirm(&mut self, purpose: ConfirmFor, confirm: Confirm) {
        self.confirm_for = Some(purpose);
        self.open = Some(Box::new(confirm));
    }

    fn leave(&mut self, ctx: &Ctx) -> Outcome {
        if self.dirty && !self.read_only() {
            self.confirm_for = Some(ConfirmFor::Leave);
            return ask(Confirm::new(
                crate::tui::i18n::Msg::LeaveTitle,
                ctx.t(crate::tui::i18n::Msg::LeaveBody),
            ));
        }
        Outcome::Pop
    }
}
