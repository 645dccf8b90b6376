//! What screens share: the options the app started with and the context
//! every screen reads (the store, settings, language, theme, the customer
//! list) and leaves its status-line message in.

use chrono::NaiveDate;

use super::customers::Customers;
use crate::domain::classification::Catalog;
use crate::domain::{Lang, Money};
use crate::store::{Result, Store};
use crate::tui::component::Status;
use crate::tui::i18n::Msg;
use crate::tui::theme::Theme;

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
    /// Tests: whether the last run the wizard committed wrote with a
    /// rollback journal (alone with the file) rather than in WAL.
    pub last_rollback_journal: Option<bool>,
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

/// What every screen reads: the store, the settings, language and theme,
/// the customer list they share. Navigation, selection after a save and
/// status-line messages are not here: screens return them as an
/// `Outcome` (`Outcome::Say` for a message).
pub struct Ctx {
    pub store: Store,
    pub lang: Lang,
    pub theme: Theme,
    pub catalog: Catalog,
    pub credit_ceiling: Money,
    pub default_template: Option<String>,
    pub today: NaiveDate,
    pub import: ImportOptions,
    /// Files opened in the import wizard this session, newest first (also
    /// kept in `import.recent_file` when there is one).
    pub recent_imports: Vec<std::path::PathBuf>,
    /// Every customer, for the list and the quick invoice.
    pub customers: Customers,
    /// A popup is open over the top screen: it, not the screen, owns the
    /// cursor (set by the app before drawing).
    pub covered: bool,
    message: Option<Message>,
}

impl Ctx {
    pub(super) fn new(store: Store, options: Options, customers: Customers) -> Result<Ctx> {
        Ok(Ctx {
            catalog: store.catalog()?,
            credit_ceiling: store.credit_ceiling()?,
            lang: options.lang,
            theme: options.theme,
            default_template: options.default_template,
            message: options.notice.map(|text| Message { text, error: true }),
            today: options.today,
            recent_imports: super::super::screens::import::recent::load(
                options.import.recent_file.as_deref(),
            ),
            import: options.import,
            customers,
            covered: false,
            store,
        })
    }

    /// Puts what a screen said on the status line. Only the app calls
    /// this: screens say things by returning `Outcome::Say`.
    pub(super) fn show(&mut self, status: Status) {
        let text = match status.error {
            true => format!(
                "{}{}{}",
                Msg::Error.get(self.lang),
                crate::tui::i18n::colon(self.lang),
                status.text
            ),
            false => status.text,
        };
        self.message = Some(Message {
            text,
            error: status.error,
        });
    }

    /// The status line's message, if a screen left one.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub(super) fn clear_message(&mut self) {
        self.message = None;
    }

    pub fn t(&self, msg: Msg) -> &'static str {
        msg.get(self.lang)
    }

    /// Reloads the whole list (after loading demo data).
    pub fn reload_index(&mut self) -> Result<()> {
        self.customers.reload(&self.store)
    }

    /// Re-reads one customer into the list after a write; what went wrong,
    /// for the status line.
    pub fn refresh_customer(&mut self, id: i64) -> Option<Status> {
        let e = self.customers.refresh(&self.store, id).err()?;
        Some(Status::error(e.message().text(self.lang)))
    }

    pub fn is_loading(&self) -> bool {
        self.customers.is_loading()
    }

    /// Reloads the whole list after a bulk change (an import or its undo): on
    /// a worker when the database is large, so the loop keeps drawing.
    pub fn reload_index_later(&mut self) -> Result<()> {
        self.catalog = self.store.catalog()?;
        self.customers.reload_later(&self.store)
    }

    /// Hands the app's connection over for an import's run, so that the
    /// import is alone with the file and writes with a rollback journal
    /// (`store::load_mode`); the modal wizard is all that draws until
    /// [`Ctx::take_store_back`]. Kept while a list worker still reads the
    /// file (the import then runs in WAL, as it would beside it anyway).
    pub fn hand_over_store(&mut self) {
        if !self.customers.has_workers() {
            // A stand-in that cannot be made leaves the connection held: WAL.
            let _ = self.store.release();
        }
    }

    /// The app's connection back after an import's run (whatever its end);
    /// a failure is a clear message, and the next run asks again.
    pub fn take_store_back(&mut self) -> Option<Status> {
        let e = self.store.reclaim().err()?;
        Some(Status::error(format!(
            "{}{}{}",
            self.t(Msg::ReopenFailed),
            crate::tui::i18n::colon(self.lang),
            e.message().text(self.lang)
        )))
    }
}
