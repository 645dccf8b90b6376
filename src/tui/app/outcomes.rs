//! What the app does with a screen's [`Outcome`]: shows what it says,
//! opens and closes screens and popups, selects a saved customer.

use super::{App, Layer};
use crate::tui::component::{Component, Outcome};

impl App {
    /// A popup answered and was taken off: what the screen said decides
    /// whether it comes back.
    pub(super) fn settle(&mut self, answered: Box<dyn Component>, outcome: Outcome) {
        let outcome = self.shown(outcome);
        let Some(top) = self.stack.last_mut() else {
            return;
        };
        match outcome {
            Outcome::Keep => top.popups.push(answered),
            Outcome::FollowUp(next) => {
                top.popups.push(answered);
                top.popups.push(next);
            }
            other => self.apply(other),
        }
    }

    /// Shows what `outcome` says (the innermost message wins, as the last
    /// one said) and returns what it carries.
    pub(super) fn shown(&mut self, outcome: Outcome) -> Outcome {
        match outcome {
            Outcome::Say(status, then) => {
                self.ctx.show(status);
                self.shown(*then)
            }
            other => other,
        }
    }

    pub(super) fn apply(&mut self, outcome: Outcome) {
        match self.shown(outcome) {
            Outcome::Say(..) => {}
            // An answer is a popup's; from a screen it means nothing.
            Outcome::Stay | Outcome::Keep | Outcome::Answer(_) => {}
            Outcome::Push(screen) => self.stack.push(Layer::new(screen)),
            Outcome::Pop => {
                if self.stack.len() <= 1 {
                    self.quit = true;
                } else {
                    self.stack.pop();
                    if let Some(top) = self.stack.last_mut() {
                        let then = top.screen.on_return(&mut self.ctx);
                        self.apply(then);
                    }
                }
            }
            Outcome::Replace(screen) => {
                self.stack.pop();
                self.stack.push(Layer::new(screen));
            }
            Outcome::Quit => self.ask_quit(),
            Outcome::Ask(popup) | Outcome::FollowUp(popup) => {
                if let Some(top) = self.stack.last_mut() {
                    top.popups.push(popup);
                }
            }
            Outcome::Saved(id, then) => {
                for layer in &mut self.stack {
                    layer.screen.select_customer(id);
                }
                self.apply(*then);
            }
            Outcome::CloseBelow => {
                if let Some(top) = self.stack.last_mut() {
                    top.popups.pop();
                }
            }
        }
    }
}
