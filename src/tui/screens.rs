//! One file per screen; `Screen` puts them on one stack.

pub mod backups;
pub mod dashboard;
pub mod detail;
pub mod entry;
pub mod form;
pub mod import;
pub mod ledger;
pub mod list;
pub mod quick;
pub mod reconcile;

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
    Ledger(Box<ledger::LedgerScreen>),
    Entry(Box<entry::EntryScreen>),
    /// A popup over the screen below it.
    Quick(Box<quick::QuickInvoice>),
    Dashboard(Box<dashboard::DashboardScreen>),
    Import(Box<import::ImportWizard>),
    ImportHistory(Box<import::history::HistoryScreen>),
    Reconcile(Box<reconcile::ReconcileScreen>),
    Backups(Box<backups::BackupsScreen>),
}

impl Screen {
    /// The one customer this screen is about, for keys that act on "this
    /// customer" wherever they are pressed (`n`: a new invoice for it).
    pub fn customer_code(&self) -> Option<&str> {
        match self {
            Screen::Detail(d) => d.code(),
            _ => None,
        }
    }

    pub fn scope(&self, ctx: &Ctx) -> Scope {
        match self {
            Screen::List(s) => s.scope(ctx),
            Screen::Detail(s) => s.scope(),
            Screen::Form(s) => s.scope(),
            Screen::Ledger(s) => s.scope(),
            Screen::Entry(s) => s.scope(),
            Screen::Quick(_) => Scope::QuickInvoice,
            Screen::Dashboard(s) => s.scope(),
            Screen::Import(s) => s.scope(),
            Screen::ImportHistory(s) => s.scope(),
            Screen::Reconcile(s) => s.scope(),
            Screen::Backups(s) => s.scope(),
        }
    }

    /// Drawn over the screen below it instead of in its place.
    pub fn is_overlay(&self) -> bool {
        match self {
            Screen::Reconcile(s) => s.in_setup(),
            other => matches!(other, Screen::Quick(_)),
        }
    }

    /// Takes in a finished background job; true when something changed.
    pub fn poll(&mut self, ctx: &mut Ctx) -> bool {
        match self {
            Screen::Dashboard(s) => s.poll(ctx),
            Screen::Import(s) => s.poll(ctx),
            Screen::Reconcile(s) => s.poll(ctx),
            _ => false,
        }
    }

    pub fn is_loading(&self) -> bool {
        match self {
            Screen::Dashboard(s) => s.is_loading(),
            Screen::Import(s) => s.is_loading(),
            Screen::Reconcile(s) => s.is_loading(),
            _ => false,
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
            Screen::Ledger(s) => s.handle_key(key, action, page, ctx),
            Screen::Entry(s) => s.handle_key(key, action, ctx),
            Screen::Quick(s) => s.handle_key(key, action, ctx),
            Screen::Dashboard(s) => s.handle_key(action, ctx),
            Screen::Import(s) => s.handle_key(key, action, page, ctx),
            Screen::ImportHistory(s) => s.handle_key(key, action, page, ctx),
            Screen::Reconcile(s) => s.handle_key(key, action, page, ctx),
            Screen::Backups(s) => s.handle_key(key, action, page, ctx),
        }
    }

    /// Mouse wheel.
    pub fn scroll(&mut self, delta: i32, page: u16, ctx: &mut Ctx) {
        match self {
            Screen::List(s) => s.scroll(delta, page, ctx),
            Screen::Detail(s) => s.scroll(delta),
            Screen::Form(s) => s.scroll(delta),
            Screen::Ledger(s) => s.scroll(delta, page),
            Screen::ImportHistory(s) => s.scroll(delta, page),
            Screen::Entry(_)
            | Screen::Quick(_)
            | Screen::Dashboard(_)
            | Screen::Import(_)
            | Screen::Backups(_) => {}
            Screen::Reconcile(s) => s.scroll(delta, page),
        }
    }

    /// The screen above this one closed.
    pub fn on_return(&mut self, ctx: &mut Ctx) {
        match self {
            Screen::Detail(s) => s.reload(ctx),
            Screen::Ledger(s) => s.reload(ctx),
            Screen::Dashboard(s) => s.reload(ctx),
            Screen::ImportHistory(s) => s.reload(ctx),
            _ => {}
        }
    }

    pub fn has_unsaved_changes(&self) -> bool {
        match self {
            Screen::Form(f) => f.is_dirty(),
            Screen::Entry(e) => e.is_dirty(),
            Screen::Reconcile(r) => r.has_unsaved_changes(),
            _ => false,
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        match self {
            Screen::List(s) => s.render(frame, area, ctx),
            Screen::Detail(s) => s.render(frame, area, ctx),
            Screen::Form(s) => s.render(frame, area, ctx),
            Screen::Ledger(s) => s.render(frame, area, ctx),
            Screen::Entry(s) => s.render(frame, area, ctx),
            Screen::Quick(s) => s.render(frame, area, ctx),
            Screen::Dashboard(s) => s.render(frame, area, ctx),
            Screen::Import(s) => s.render(frame, area, ctx),
            Screen::ImportHistory(s) => s.render(frame, area, ctx),
            Screen::Reconcile(s) => s.render(frame, area, ctx),
            Screen::Backups(s) => s.render(frame, area, ctx),
        }
    }

    pub fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        match self {
            Screen::List(s) => s.status_line(width, ctx),
            Screen::Detail(s) => s.status_line(width, ctx),
            Screen::Form(s) => s.status_line(width, ctx),
            Screen::Ledger(s) => s.status_line(width, ctx),
            Screen::Entry(s) => s.status_line(width, ctx),
            Screen::Quick(s) => s.status_line(width, ctx),
            Screen::Dashboard(s) => s.status_line(width, ctx),
            Screen::Import(s) => s.status_line(width, ctx),
            Screen::ImportHistory(s) => s.status_line(width, ctx),
            Screen::Reconcile(s) => s.status_line(width, ctx),
            Screen::Backups(s) => s.status_line(width, ctx),
        }
    }
}
