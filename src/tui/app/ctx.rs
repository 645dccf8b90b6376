//! What screens share: the options the app started with and the context
//! every screen reads (the store, the list index, language, theme) and
//! writes its messages to.

use chrono::NaiveDate;

use crate::domain::classification::Catalog;
use crate::domain::{Lang, Money};
use crate::store::{Result, Store, StoreError};
use crate::tui::i18n::Msg;
use crate::tui::index::CustomerIndex;
use crate::tui::theme::Theme;
use crate::tui::worker::Worker;

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
    pub today: NaiveDate,
    pub import: ImportOptions,
    /// Files opened in the import wizard this session, newest first (also
    /// kept in `import.recent_file` when there is one).
    pub recent_imports: Vec<std::path::PathBuf>,
    pub(super) background_above: u64,
    pub(super) loader: Option<Worker<CustomerIndex, StoreError>>,
    pub(super) db_name: String,
    /// A popup is open over the top screen: it, not the screen, owns the
    /// cursor (set by the app before drawing).
    pub covered: bool,
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
                self.loader = Some(CustomerIndex::load_in_background(
                    path.to_path_buf(),
                    self.store.operator().to_string(),
                ));
                Ok(())
            }
            _ => self.reload_index(),
        }
    }
}
