//! One file per screen; `Screen` puts them on one stack.

pub mod detail;
pub mod form;
pub mod list;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::app::Ctx;
use super::keymap::{Action, Scope};

/// What a screen asks the app to do after a key.
pub enum Outcome {
    Stay,
    Push(Screen),
    /// Close this screen (the last one quits).
    Pop,
    /// Close this screen and open another in its place.
    Replace(Screen),
    Quit,
}

pub enum Screen {
    List(Box<list::ListScreen>),
    Detail(Box<detail::DetailScreen>),
    Form(Box<form::FormScreen>),
}

impl Screen {
    pub fn scope(&self, ctx: &Ctx) -> Scope {
        match self {
            Screen::List(s) => s.scope(ctx),
            Screen::Detail(s) => s.scope(),
            Screen::Form(s) => s.scope(),
        }
    }

    /// `action` is what the keymap made of `key` in this screen's scope;
    /// text scopes get `None` for typed characters.
    pub fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        match self {
            Screen::List(s) => s.handle_key(key, action, page, ctx),
            Screen::Detail(s) => s.handle_key(action, page, ctx),
            Screen::Form(s) => s.handle_key(key, action, page, ctx),
        }
    }

    /// Mouse wheel.
    pub fn scroll(&mut self, delta: i32, page: u16, ctx: &mut Ctx) {
        match self {
            Screen::List(s) => s.scroll(delta, page, ctx),
            Screen::Detail(s) => s.scroll(delta),
            Screen::Form(s) => s.scroll(delta),
        }
    }

    /// The screen above this one closed.
    pub fn on_return(&mut self, ctx: &mut Ctx) {
        if let Screen::Detail(s) = self {
            s.reload(ctx);
        }
    }

    pub fn has_unsaved_changes(&self) -> bool {
        matches!(self, Screen::Form(f) if f.is_dirty())
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        match self {
            Screen::List(s) => s.render(frame, area, ctx),
            Screen::Detail(s) => s.render(frame, area, ctx),
            Screen::Form(s) => s.render(frame, area, ctx),
        }
    }

    pub fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        match self {
            Screen::List(s) => s.status_line(width, ctx),
            Screen::Detail(s) => s.status_line(width, ctx),
            Screen::Form(s) => s.status_line(width, ctx),
        }
    }
}
