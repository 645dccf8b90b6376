//! The app: a stack of screens over one shared context, driven by
//! `handle_event` (the only place state changes) and drawn by `render`
//! (which never touches the database). Tests drive it with key events and a
//! `TestBackend`; `tui::run` drives it with the real terminal.

use std::sync::mpsc::{Receiver, TryRecvError};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::event::Event;
use super::i18n::{self, Msg};
use super::index::{CustomerIndex, FIRST_PAGE};
use super::keymap::{self, Action, Scope};
use super::screens::entry::EntryScreen;
use super::screens::quick::QuickInvoice;
use super::screens::{Outcome, Screen, list::ListScreen};
use super::theme::Theme;
use super::widgets::confirm::{Answer, Confirm};
use super::widgets::help::Help;
use super::widgets::{fit, truncate};
use crate::domain::classification::Catalog;
use crate::domain::{Lang, Money};
use crate::store::{Result, Store};

/// How the app looks and starts, resolved from flags, config and environment.
#[derive(Clone, Debug)]
pub struct Options {
    pub lang: Lang,
    pub theme: Theme,
    /// `a` starts from this template when it exists.
    pub default_template: Option<String>,
    /// Shown once on the status line (e.g. a config file that was ignored).
    pub notice: Option<String>,
    /// Load the list on a worker when the database holds more than this many
    /// customers (the first page is shown meanwhile).
    pub background_above: u64,
    /// The day overdue amounts are measured against and new entries default
    /// to (today; tests fix it).
    pub today: NaiveDate,
    /// The import wizard's recent files and test hooks.
    pub import: ImportOptions,
}

/// Settings of the import wizard.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The file listing recently imported files (none: kept for the session only).
    pub recent_file: Option<std::path::PathBuf>,
    /// Tests: the import worker waits after this many rows until the run is
    /// cancelled, so a cancel can be shown to roll back a run under way.
    pub pause_after_rows: Option<u64>,
}

impl Options {
    pub fn new(lang: Lang) -> Options {
        Options {
            lang,
            theme: Theme::colored(),
            default_template: None,
            notice: None,
            background_above: 5_000,
            today: chrono::Local::now().date_naive(),
            import: ImportOptions::default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// What every screen may read and change.
pub struct Ctx {
    pub store: Store,
    pub lang: Lang,
    pub theme: Theme,
    pub index: CustomerIndex,
    pub catalog: Catalog,
    pub credit_ceiling: Money,
    pub default_template: Option<String>,
    pub message: Option<Message>,
    /// Customers not archived, as counted by the store at start (the header
    /// shows it while the full list is still loading).
    pub stored_count: i64,
    /// Set by a save: the list selects this customer when it is shown again.
    pub select_after_save: Option<i64>,
    pub today: NaiveDate,
    pub import: ImportOptions,
    /// Files opened in the import wizard this session, newest first (also
    /// kept in `import.recent_file` when there is one).
    pub recent_imports: Vec<std::path::PathBuf>,
    background_above: u64,
    loader: Option<Receiver<std::result::Result<CustomerIndex, String>>>,
    db_name: String,
}

impl Ctx {
    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: format!("{}: {}", Msg::Error.get(self.lang), text.into()),
            error: true,
        });
    }

    pub fn t(&self, msg: Msg) -> &'static str {
        msg.get(self.lang)
    }

    /// Reloads the whole list (after loading demo data).
    pub fn reload_index(&mut self) -> Result<()> {
        self.index = CustomerIndex::load(&self.store, None)?;
        self.stored_count = self.store.customer_count()?;
        self.loader = None;
        Ok(())
    }

    /// Re-reads one customer into the list after a write.
    pub fn refresh_customer(&mut self, id: i64) {
        if let Err(e) = self.index.refresh(&self.store, id) {
            self.error(e.message().text(self.lang));
        }
        if let Ok(n) = self.store.customer_count() {
            self.stored_count = n;
        }
    }

    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// Reloads the whole list after a bulk change (an import or its undo): on
    /// a worker when the database is large, so the loop keeps drawing.
    pub fn reload_index_later(&mut self) -> Result<()> {
        self.catalog = self.store.catalog()?;
        self.stored_count = self.store.customer_count()?;
        match self.store.path() {
            Some(path) if self.stored_count as u64 > self.background_above => {
                self.loader = Some(CustomerIndex::load_in_background(path.to_path_buf()));
                Ok(())
            }
            _ => self.reload_index(),
        }
    }
}

pub struct App {
    ctx: Ctx,
    stack: Vec<Screen>,
    help: Option<Help>,
    quit_confirm: Option<Confirm>,
    quit: bool,
    /// Body height of the last frame, for paging.
    page: u16,
}

impl App {
    /// Opens on the customer list. Large databases show their first page at
    /// once and load the rest on a worker thread (see `poll`).
    pub fn new(store: Store, options: Options) -> Result<App> {
        let stored_count = store.customer_count()?;
        let path = store.path().map(std::path::Path::to_path_buf);
        let background = path.is_some() && stored_count as u64 > options.background_above;
        let (index, loader) = match path {
            Some(path) if background => (
                CustomerIndex::load(&store, Some(FIRST_PAGE))?,
                Some(CustomerIndex::load_in_background(path)),
            ),
            _ => (CustomerIndex::load(&store, None)?, None),
        };
        let db_name = store.path().and_then(|p| p.file_name()).map_or_else(
            || ":memory:".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let ctx = Ctx {
            catalog: store.catalog()?,
            credit_ceiling: store.credit_ceiling()?,
            lang: options.lang,
            theme: options.theme,
            default_template: options.default_template,
            message: options.notice.map(|text| Message { text, error: true }),
            stored_count,
            select_after_save: None,
            today: options.today,
            recent_imports: super::screens::import::recent::load(
                options.import.recent_file.as_deref(),
            ),
            import: options.import,
            background_above: options.background_above,
            index,
            loader,
            db_name,
            store,
        };
        let mut app = App {
            ctx,
            stack: vec![Screen::List(Box::new(ListScreen::new()))],
            help: None,
            quit_confirm: None,
            quit: false,
            page: 20,
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
        for screen in &mut self.stack {
            changed |= screen.poll(&mut self.ctx);
        }
        changed | self.poll_loader()
    }

    fn poll_loader(&mut self) -> bool {
        let Some(rx) = &self.ctx.loader else {
            return false;
        };
        match rx.try_recv() {
            Ok(Ok(index)) => {
                self.ctx.index = index;
                self.ctx.loader = None;
            }
            Ok(Err(e)) => {
                self.ctx.loader = None;
                self.ctx.error(e);
            }
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => self.ctx.loader = None,
        }
        self.sync();
        true
    }

    /// Blocks until background loading is done (tests and benchmarks).
    pub fn wait_until_loaded(&mut self) {
        while self.ctx.loader.is_some() || self.stack.iter().any(Screen::is_loading) {
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
        if self.quit_confirm.is_some() || self.help.is_some() || !self.scope().takes_text() {
            return;
        }
        for c in text.trim_end_matches(['\r', '\n']).chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if let Some(confirm) = &self.quit_confirm {
            // A second Ctrl-C means it.
            if keymap::action(Scope::Confirm, &key) == Some(Action::Quit) {
                self.quit = true;
                return;
            }
            match confirm.handle_key(&key) {
                Answer::Yes => self.quit = true,
                Answer::No => self.quit_confirm = None,
                Answer::Undecided => {}
            }
            return;
        }
        if let Some(help) = &mut self.help {
            match keymap::action(Scope::Help, &key) {
                Some(Action::Back) => self.help = None,
                Some(Action::Down) => help.scroll_by(1),
                Some(Action::Up) => help.scroll_by(-1),
                Some(Action::PageDown) => help.pages(1, self.page),
                Some(Action::PageUp) => help.pages(-1, self.page),
                Some(Action::Top) => help.to_top(),
                Some(Action::Bottom) => help.to_end(),
                Some(Action::Quit) => self.ask_quit(),
                _ => {}
            }
            return;
        }
        let scope = self.scope();
        let action = keymap::action(scope, &key);
        match action {
            Some(Action::Quit) => return self.ask_quit(),
            Some(Action::Help) => {
                self.help = Some(Help::new(scope));
                return;
            }
            Some(Action::NewInvoice) => {
                self.ctx.message = None;
                // On a customer's details: that customer's invoice, no picker.
                let code = self
                    .stack
                    .last()
                    .and_then(|s| s.customer_code())
                    .map(str::to_string);
                let screen = match code {
                    Some(code) => match EntryScreen::new(&mut self.ctx, &code, None) {
                        Ok(entry) => Screen::Entry(Box::new(entry)),
                        Err(e) => return self.ctx.error(e.message().text(self.ctx.lang)),
                    },
                    None => Screen::Quick(Box::new(QuickInvoice::new(&mut self.ctx))),
                };
                self.stack.push(screen);
                return;
            }
            _ => {}
        }
        self.ctx.message = None;
        let page = self.page;
        let outcome = match self.stack.last_mut() {
            Some(top) => top.handle_key(&key, action, page, &mut self.ctx),
            None => Outcome::Quit,
        };
        self.apply(outcome);
        self.sync();
    }

    fn scroll(&mut self, delta: i32) {
        let page = self.page;
        if let Some(top) = self.stack.last_mut() {
            top.scroll(delta, page, &mut self.ctx);
        }
    }

    fn ask_quit(&mut self) {
        if self.stack.iter().any(Screen::has_unsaved_changes) {
            self.quit_confirm = Some(Confirm::new(
                Msg::QuitTitle,
                Msg::QuitBody.get(self.ctx.lang),
            ));
        } else {
            self.quit = true;
        }
    }

    fn apply(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Stay => {}
            Outcome::Push(screen) => self.stack.push(screen),
            Outcome::Pop => {
                if self.stack.len() <= 1 {
                    self.quit = true;
                } else {
                    self.stack.pop();
                    if let Some(top) = self.stack.last_mut() {
                        top.on_return(&mut self.ctx);
                    }
                }
            }
            Outcome::Replace(screen) => {
                self.stack.pop();
                self.stack.push(screen);
            }
            Outcome::Quit => self.ask_quit(),
        }
    }

    /// Keeps the list's view in step with the index (after loads and saves).
    fn sync(&mut self) {
        if let Some(Screen::List(list)) = self.stack.first_mut() {
            list.sync(&mut self.ctx);
        }
        if let Some(Screen::Quick(quick)) = self.stack.last_mut() {
            quick.sync(&mut self.ctx);
        }
    }

    /// The scope that has the keyboard now.
    pub fn scope(&self) -> Scope {
        if self.quit_confirm.is_some() {
            Scope::Confirm
        } else if self.help.is_some() {
            Scope::Help
        } else {
            self.stack
                .last()
                .map_or(Scope::List, |s| s.scope(&self.ctx))
        }
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
        self.render_header(frame, header);
        if let Some(top) = self.stack.last() {
            // A popup screen shows what it was opened over.
            if top.is_overlay()
                && let Some(below) = self
                    .stack
                    .len()
                    .checked_sub(2)
                    .and_then(|i| self.stack.get(i))
            {
                below.render(frame, body, &self.ctx);
            }
            top.render(frame, body, &self.ctx);
        }
        self.render_status(frame, status);
        self.render_footer(frame, footer);
        let (theme, lang) = (self.ctx.theme, self.ctx.lang);
        if let Some(help) = &self.help {
            help.render(frame, body, &theme, lang);
        }
        if let Some(confirm) = &self.quit_confirm {
            confirm.render(frame, body, &theme, lang);
        }
    }

    fn render_header(&self, frame: &mut Frame, area: Rect) {
        let ctx = &self.ctx;
        let count = if ctx.is_loading() {
            format!(
                "{} ({})",
                i18n::count(ctx.stored_count.max(0) as usize, Msg::Customers, ctx.lang),
                ctx.t(Msg::Loading)
            )
        } else {
            i18n::count(ctx.stored_count.max(0) as usize, Msg::Customers, ctx.lang)
        };
        let text = format!(
            " {} │ {} │ {} │ {} {}",
            ctx.t(Msg::AppName),
            ctx.db_name,
            count,
            ctx.t(Msg::Operator),
            ctx.store.operator()
        );
        frame.render_widget(
            Paragraph::new(fit(&text, area.width as usize)).style(ctx.theme.header),
            area,
        );
    }

    fn render_status(&self, frame: &mut Frame, area: Rect) {
        let ctx = &self.ctx;
        let line = match &ctx.message {
            Some(m) => Line::styled(
                truncate(&m.text, area.width as usize).into_owned(),
                if m.error {
                    ctx.theme.error
                } else {
                    ctx.theme.ok
                },
            ),
            None => self
                .stack
                .last()
                .map(|s| s.status_line(area.width as usize, ctx))
                .unwrap_or_default(),
        };
        frame.render_widget(Paragraph::new(line), area);
    }

    fn render_footer(&self, frame: &mut Frame, area: Rect) {
        let theme = &self.ctx.theme;
        let mut hints = keymap::footer(self.scope(), self.ctx.lang);
        // The last hint is help (when offered): it stays even when others don't fit.
        let help = hints.pop_if(|(_, label)| *label == Msg::KeyHelp.get(self.ctx.lang));
        let need = |(keys, label): &(String, &str)| keys.width() + label.width() + 3;
        let mut room = (area.width as usize).saturating_sub(help.as_ref().map_or(0, need));
        let mut spans = Vec::new();
        for hint in hints.iter().chain(help.iter()) {
            let is_help = help.as_ref().is_some_and(|h| std::ptr::eq(h, hint));
            if !is_help {
                if need(hint) > room {
                    continue;
                }
                room -= need(hint);
            }
            spans.push(Span::styled(format!(" {} ", hint.0), theme.footer_key));
            spans.push(Span::styled(format!("{} ", hint.1), theme.footer_text));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}
