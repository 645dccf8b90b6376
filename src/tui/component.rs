//! Screens and popups as components (after gitui's `components/mod.rs`).
//!
//! Screens and popups are one trait, [`Component`]: a key table (`scope`),
//! `handle_key` returning an [`Outcome`] the app acts on, and `render`. The
//! app keeps screens on a stack and talks to the top one only through it.
//! A popup (confirm, picker, prompt, help, the duplicate dialog, …) is a
//! component a screen opens by returning [`Outcome::Ask`]: the app stacks it
//! over that screen, gives it every key while it is open (the screen never
//! sees them), draws it over the screen, and when it answers
//! ([`Outcome::Answer`]) hands the [`Reply`] to the screen's
//! [`Component::answer`]. So no screen forwards keys to its dialogs or asks
//! "is a dialog open?" before handling a key.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::app::Ctx;
use super::keymap::{Action, Scope};

/// A screen on the app's stack.
pub type Screen = Box<dyn Component>;

/// What a screen asks the app to do after a key or an answer.
pub enum Outcome {
    Stay,
    Push(Screen),
    /// Close this screen (the last one quits).
    Pop,
    /// Close this screen and open another in its place.
    Replace(Screen),
    Quit,
    /// Open a popup over this screen; its reply comes to [`Component::answer`].
    /// Returned from `answer`, the popup that answered closes first.
    Ask(Box<dyn Component>),
    /// From `answer`: the popup that answered stays open (its input was
    /// refused; the reason is on the status line).
    Keep,
    /// From `answer`: the popup that answered stays open and this follow-up
    /// question opens over it (a file exists: replace it?).
    FollowUp(Box<dyn Component>),
    /// A customer was saved: screens showing customers select it (see
    /// [`Component::select_customer`]), then the outcome it carries applies.
    Saved(i64, Box<Outcome>),
    /// From `answer`: also close the popup below the one that answered (the
    /// follow-up was settled, so the question it followed is too).
    CloseBelow,
    /// From a popup: it is answered; it closes and the screen that opened
    /// it gets the reply in [`Component::answer`].
    Answer(Reply),
    /// Show this on the status line, then do what the outcome it carries
    /// says. The only way a screen or popup puts a message on screen.
    Say(Status, Box<Outcome>),
}

/// A status-line message a screen hands back to the app: the text (from the
/// message table) and whether it is an error (the app adds "error:").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            error: false,
        }
    }

    pub fn error(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            error: true,
        }
    }
}

impl From<Status> for Outcome {
    fn from(status: Status) -> Outcome {
        Outcome::Say(status, Box::new(Outcome::Stay))
    }
}

impl Outcome {
    /// An information message, nothing else.
    pub fn info(text: impl Into<String>) -> Outcome {
        Status::info(text).into()
    }

    /// An error message, nothing else.
    pub fn error(text: impl Into<String>) -> Outcome {
        Status::error(text).into()
    }

    /// What the app will do besides showing messages.
    pub fn carried(&self) -> &Outcome {
        match self {
            Outcome::Say(_, then) => then.carried(),
            other => other,
        }
    }

    /// Only what this outcome says (for a step whose other effects were
    /// already taken in).
    pub fn messages(self) -> Outcome {
        match self {
            Outcome::Say(status, then) => Outcome::Say(status, Box::new(then.messages())),
            _ => Outcome::Stay,
        }
    }

    /// `status` said first, then this outcome (whatever it says itself is
    /// said later, so it wins, as a later message replaced an earlier one).
    pub fn saying(self, status: impl Into<Option<Status>>) -> Outcome {
        match status.into() {
            Some(status) => Outcome::Say(status, Box::new(self)),
            None => self,
        }
    }

    /// What this outcome says, then `next` (for a step that only said
    /// something, followed by the next step's outcome).
    pub fn then(self, next: Outcome) -> Outcome {
        match self {
            Outcome::Say(status, inner) => Outcome::Say(status, Box::new(inner.then(next))),
            Outcome::Stay => next,
            other => other,
        }
    }

    /// This outcome, then `status` said last (it wins over what this
    /// outcome says).
    pub fn then_say(self, status: impl Into<Option<Status>>) -> Outcome {
        let Some(status) = status.into() else {
            return self;
        };
        match self {
            Outcome::Say(first, then) => Outcome::Say(first, Box::new(then.then_say(status))),
            other => Outcome::Say(status, Box::new(other)),
        }
    }
}

/// A screen (drawn in the body between header and status line, handed the
/// keys no popup took) or a popup over one (answering with
/// [`Outcome::Answer`]). Only `scope`, `handle_key` and `render` are needed;
/// the rest have defaults.
pub trait Component {
    /// The key table in force: drives the handler, the footer and `?`.
    fn scope(&self, ctx: &Ctx) -> Scope;

    /// `action` is what the keymap made of `key` in [`Component::scope`];
    /// text scopes get `None` for typed characters. `page` is the body's height.
    fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome;

    /// The reply of a popup this screen opened with [`Outcome::Ask`].
    fn answer(&mut self, _reply: Reply, _ctx: &mut Ctx) -> Outcome {
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx);

    /// Where this screen's popups are centred (the body, unless the screen
    /// keeps lines of its own above them).
    fn popup_area(&self, area: Rect) -> Rect {
        area
    }

    /// The line above the footer when no message is shown.
    fn status_line(&self, _width: usize, _ctx: &Ctx) -> Line<'static> {
        Line::default()
    }

    /// Mouse wheel.
    fn scroll(&mut self, _delta: i32, _page: u16, _ctx: &mut Ctx) {}

    /// Takes in what its workers finished: `None` when nothing changed,
    /// else what the app should do (`Stay`: just draw again; `Ask`: a
    /// question the answer raises, such as which way round a statement is).
    fn poll(&mut self, _ctx: &mut Ctx) -> Option<Outcome> {
        None
    }

    fn is_loading(&self) -> bool {
        false
    }

    /// The screen above this one closed (what it returns may say something).
    fn on_return(&mut self, _ctx: &mut Ctx) -> Outcome {
        Outcome::Stay
    }

    /// After every key: keep the view in step with shared state (the list
    /// index after loads and saves).
    fn sync(&mut self, _ctx: &mut Ctx) {}

    /// Moves the focus to the field named `key` as Tab would (leaving a
    /// changed field checks it, and may say something); `None` where there
    /// is no such field. Tests name a field with it instead of counting Tabs.
    fn focus_field(&mut self, _key: &str, _page: u16, _ctx: &mut Ctx) -> Option<Outcome> {
        None
    }

    /// Customer `id` was just saved: select it when shown again.
    fn select_customer(&mut self, _id: i64) {}

    /// Quitting asks first while this is true.
    fn has_unsaved_changes(&self) -> bool {
        false
    }

    /// Drawn over the screen below it instead of in its place.
    fn is_overlay(&self) -> bool {
        false
    }

    /// The one customer this screen is about, for keys that act on "this
    /// customer" wherever they are pressed (`n`: a new invoice for it).
    fn customer_code(&self) -> Option<&str> {
        None
    }
}

/// What a popup answered. It closes with the answer unless the screen's
/// `answer` says [`Outcome::Keep`] or [`Outcome::FollowUp`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Yes,
    No,
    /// Esc: nothing chosen.
    Cancelled,
    /// A picker's value, or the dialog's chosen item.
    Chose(String),
    /// Every field's text, in order.
    Submit(Vec<String>),
    /// A dialog's own command (the duplicate dialog's "save anyway").
    Action(Action),
}

/// Boxes a popup for [`Outcome::Ask`].
pub fn ask(popup: impl Component + 'static) -> Outcome {
    Outcome::Ask(Box::new(popup))
}
