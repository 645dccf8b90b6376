//! The TUI's labels, key names, titles and status-line texts: entries of the
//! one message table (see `table::all`), each with a stable code
//! (`ui.KeyQuit`) and its English and Chinese text, split by area into
//! `ui/*.rs`. A screen names one as a constant (`Msg::KeyQuit`) and reads it
//! with [`Msg::get`]; the test on the table checks both languages of every
//! entry, these included.

use crate::domain::Lang;

/// One TUI text of the message table.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Msg {
    code: &'static str,
    en: &'static str,
    zh: &'static str,
}

impl Msg {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// Its code in the message table: `ui.` and the constant's name.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// The constant's name (`KeyQuit`): how tests name a dialog's field.
    pub fn name(self) -> &'static str {
        self.code.strip_prefix("ui.").unwrap_or(self.code)
    }
}

/// Its name, as the enum it was printed as.
impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `Name => "English", "中文";` lines: a `Msg::Name` constant each (code
/// `ui.Name`), and the file's `ENTRIES` for the table.
macro_rules! ui_texts {
    ($($name:ident => $en:literal, $zh:literal;)+) => {
        #[allow(non_upper_case_globals)]
        impl Msg {
            $(
                pub const $name: Msg = Msg {
                    code: concat!("ui.", stringify!($name)),
                    en: $en,
                    zh: $zh,
                };
            )+
        }

        pub(super) const ENTRIES: &[Msg] = &[$(Msg::$name),+];
    };
}

mod app;
mod files_and_control;
mod import;
mod ledger;
mod reconcile;

/// Every TUI text, area by area.
pub fn entries() -> impl Iterator<Item = Msg> {
    [
        app::ENTRIES,
        reconcile::ENTRIES,
        ledger::ENTRIES,
        import::ENTRIES,
        files_and_control::ENTRIES,
    ]
    .into_iter()
    .flatten()
    .copied()
}
