//! The app: a stack of screens, each with the popups it opened, over one
//! shared context; driven by `handle_event` (the only place state changes)
//! and drawn by `render` (which never touches the database). Tests drive it
//! with key events and a `TestBackend`; `tui::run` drives it with the real
//! terminal.

mod chrome;
mod ctx;
mod customers;
mod outcomes;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

pub use self::ctx::{Ctx, ImportOptions, Message, Options};
pub use self::customers::Customers;
use super::component::{Component, Outcome, Reply, Screen, Status};
use super::event::Event;
use super::i18n::Msg;
use super::keymap::{self, Action, Scope};
use super::screens::entry::EntryScreen;
use super::screens::list::ListScreen;
use super::screens::quick::QuickInvoice;
use super::screens::sign_in::SignInScreen;
use super::widgets::confirm::Confirm;
use super::widgets::help::Help;
use crate::store::{Result, Store};

/// The app's own popups: what their answer means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Overlay {
    Help,
    Quit,
}

/// A screen and the popups it opened, newest last: the last one has the keyboard.
struct Layer {
    screen: Screen,
    popups: Vec<Box<dyn Component>>,
}

impl Layer {
    fn new(screen: Screen) -> Layer {
        Layer {
            screen,
            popups: Vec::new(),
        }
    }
}

pub struct App {
    ctx: Ctx,
    stack: Vec<Layer>,
    /// The app's own popups, over every screen and its dialogs: `?` and
    /// the quit question.
    overlays: Vec<(Overlay, Box<dyn Component>)>,
    quit: bool,
    /// Body height of the last frame, for paging.
    page: u16,
    /// The database file's name, for the header.
    db_name: String,
}

impl App {
    /// Opens on the customer list. Large databases show their first page at
    /// once and load the rest on a worker thread (see `poll`).
    pub fn new(store: Store, options: Options) -> Result<App> {
        let customers = Customers::open(&store, options.background_above)?;
        let db_name = store.path().and_then(|p| p.file_name()).map_or_else(
            || ":memory:".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        // Once operators exist, nobody works before signing in.
        let mut stack = vec![Layer::new(Box::new(ListScreen::new()) as Screen)];
        if store.operators_defined() && store.signed_in_role().is_none() {
            stack.push(Layer::new(Box::new(SignInScreen::new())));
        }
        let mut app = App {
            ctx: Ctx::new(store, options, customers)?,
            stack,
            overlays: Vec::new(),
            quit: false,
            page: 20,
            db_name,
        };
        app.sync();
        Ok(app)
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    /// The store, e.g. for a test to look at what was saved.
    pub fn store(&self) -> &Store {
        &self.ctx.store
    }

    /// Takes in what the workers finished. Returns true when something changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        let top = self.stack.len().saturating_sub(1);
        for i in 0..self.stack.len() {
            let Some(outcome) = self.stack[i].screen.poll(&mut self.ctx) else {
                continue;
            };
            changed = true;
            // A screen below the top one may still say something.
            let outcome = self.shown(outcome);
            match outcome {
                // A question goes with the screen that asked it.
                Outcome::Ask(popup) => self.stack[i].popups.push(popup),
                other if i == top => self.apply(other),
                _ => {}
            }
        }
        changed | self.poll_loader()
    }

    fn poll_loader(&mut self) -> bool {
        self.ctx.customers.start_pending_workers(&self.ctx.store);
        self.ctx.customers.poll_similar(&self.ctx.store);
        let Some(done) = self.ctx.customers.poll() else {
            return false;
        };
        if let Err(e) = done {
            self.ctx
                .show(Status::error(e.message().text(self.ctx.lang)));
        }
        self.sync();
        true
    }

    /// Blocks until background loading is done (tests and benchmarks).
    pub fn wait_until_loaded(&mut self) {
        while self.ctx.is_loading()
            || self.ctx.customers.is_building_similar()
            || self.stack.iter().any(|l| l.screen.is_loading())
        {
            if !self.poll() {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
    }

    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) => self.handle_key(key),
            Event::Paste(text) => self.paste(&text),
            Event::ScrollUp => self.scroll(-3),
            Event::ScrollDown => self.scroll(3),
            Event::Resize | Event::Tick => {
                self.poll();
            }
        }
    }

    /// Pasted text goes into the field being typed in, one character at a
    /// time through its line editor; line breaks and tabs become spaces. Where
    /// keys are commands (the list, a dialog) a paste is ignored.
    pub fn paste(&mut self, text: &str) {
        if !self.overlays.is_empty() || !self.scope().takes_text() {
            return;
        }
        for c in text.trim_end_matches(['\r', '\n']).chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        let page = self.page;
        if let Some((overlay, popup)) = self.overlays.last_mut() {
            let action = keymap::action(popup.scope(&self.ctx), &key);
            if action == Some(Action::Quit) {
                // Ctrl-C over the quit question means it; over help it asks.
                return match overlay {
                    Overlay::Quit => self.quit = true,
                    Overlay::Help => self.ask_quit(),
                };
            }
            if let Outcome::Answer(reply) = popup.handle_key(&key, action, page, &mut self.ctx)
                && let Some((overlay, _)) = self.overlays.pop()
            {
                self.quit |= overlay == Overlay::Quit && reply == Reply::Yes;
            }
            return;
        }
        let scope = self.scope();
        let action = keymap::action(scope, &key);
        match action {
            Some(Action::Quit) => return self.ask_quit(),
            Some(Action::Help) => {
                let help = Help::new(scope);
                self.overlays.push((Overlay::Help, Box::new(help)));
                return;
            }
            Some(Action::NewInvoice) => return self.new_invoice(),
            _ => {}
        }
        self.ctx.clear_message();
        let page = self.page;
        let Some(top) = self.stack.last_mut() else {
            return self.ask_quit();
        };
        // An open popup has the keyboard; its answer goes to its screen.
        if let Some(popup) = top.popups.last_mut() {
            match popup.handle_key(&key, action, page, &mut self.ctx) {
                Outcome::Answer(reply) => {
                    if let Some(answered) = top.popups.pop() {
                        let outcome = top.screen.answer(reply, &mut self.ctx);
                        self.settle(answered, outcome);
                    }
                }
                other => self.apply(other),
            }
        } else {
            let outcome = top.screen.handle_key(&key, action, page, &mut self.ctx);
            self.apply(outcome);
        }
        self.sync();
    }

    /// `n`: on a customer's details that customer's invoice, elsewhere the
    /// quick invoice that asks which customer.
    fn new_invoice(&mut self) {
        self.ctx.clear_message();
        let code = self
            .stack
            .last()
            .and_then(|l| l.screen.customer_code())
            .map(str::to_string);
        let opened = match code {
            Some(code) => match EntryScreen::new(&mut self.ctx, &code, None) {
                Ok((entry, failed)) => Outcome::Push(Box::new(entry)).saying(failed),
                Err(e) => Outcome::error(e.message().text(self.ctx.lang)),
            },
            None => Outcome::Push(Box::new(QuickInvoice::new(&mut self.ctx))),
        };
        self.apply(opened);
    }

    /// Focuses the field named `key` (a customer field such as
    /// `credit_limit`, an entry's `amount`, a dialog's `StatementFile`) in
    /// the open dialog or else the screen on top, as Tab would; false when
    /// there is no such field.
    pub fn focus_field(&mut self, key: &str) -> bool {
        let page = self.page;
        let Some(top) = self.stack.last_mut() else {
            return false;
        };
        let focused = match top.popups.last_mut() {
            Some(popup) => popup.focus_field(key, page, &mut self.ctx),
            None => top.screen.focus_field(key, page, &mut self.ctx),
        };
        match focused {
            Some(outcome) => {
                self.apply(outcome);
                true
            }
            None => false,
        }
    }

    fn scroll(&mut self, delta: i32) {
        let page = self.page;
        if let Some(top) = self.stack.last_mut()
            && top.popups.is_empty()
        {
            top.screen.scroll(delta, page, &mut self.ctx);
        }
    }

    fn ask_quit(&mut self) {
        if self.stack.iter().any(|l| l.screen.has_unsaved_changes()) {
            let question = Confirm::new(Msg::QuitTitle, Msg::QuitBody.get(self.ctx.lang));
            self.overlays.push((Overlay::Quit, Box::new(question)));
        } else {
            self.quit = true;
        }
    }

    /// Keeps the views in step with the index (after loads and saves): the
    /// list at the bottom and the screen on top.
    fn sync(&mut self) {
        if let Some(first) = self.stack.first_mut() {
            first.screen.sync(&mut self.ctx);
        }
        if self.stack.len() > 1
            && let Some(top) = self.stack.last_mut()
        {
            top.screen.sync(&mut self.ctx);
        }
    }

    /// The scope that has the keyboard now.
    pub fn scope(&self) -> Scope {
        if let Some((_, popup)) = self.overlays.last() {
            return popup.scope(&self.ctx);
        }
        self.stack
            .last()
            .map_or(Scope::List, |l| match l.popups.last() {
                Some(popup) => popup.scope(&self.ctx),
                None => l.screen.scope(&self.ctx),
            })
    }

    pub fn render(&mut self, frame: &mut Frame) {
        let [header, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(frame.area());
        self.page = body.height;
        self.ctx.covered = self.stack.last().is_some_and(|l| !l.popups.is_empty());
        self.render_header(frame, header);
        if let Some(top) = self.stack.last() {
            // A popup screen shows what it was opened over.
            if top.screen.is_overlay()
                && let Some(below) = self
                    .stack
                    .len()
                    .checked_sub(2)
                    .and_then(|i| self.stack.get(i))
            {
                below.screen.render(frame, body, &self.ctx);
            }
            top.screen.render(frame, body, &self.ctx);
            let at = top.screen.popup_area(body);
            for popup in &top.popups {
                popup.render(frame, at, &self.ctx);
            }
        }
        self.render_status(frame, status);
        self.render_footer(frame, footer);
        for (_, popup) in &self.overlays {
            popup.render(frame, body, &self.ctx);
        }
    }
}

#[cfg(test)]
mod tests;
