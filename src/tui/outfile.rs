//! The TUI's side of `crate::outfile`: the open database is protected, and an
//! existing file is replaced only after the user says yes.

use std::path::{Path, PathBuf};

use crate::outfile::{OutputError, Rules};
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::widgets::confirm::Confirm;

/// Rules for a file written from the app: the database (and `input`, the file read) protected.
pub fn rules(ctx: &Ctx, input: Option<&Path>, force: bool) -> Rules {
    let mut rules = Rules::new(ctx.store.path()).force(force);
    if let Some(input) = input {
        rules = rules.input(input);
    }
    rules
}

/// A write refused because the file exists: the question to ask, and the
/// file to write with `force` when the answer is yes.
pub struct Overwrite {
    pub confirm: Confirm,
    pub file: PathBuf,
}

impl Overwrite {
    /// `Some` when `e` only says the file exists (the user may replace it).
    pub fn ask(e: &OutputError, ctx: &Ctx) -> Option<Overwrite> {
        let OutputError::Exists { path } = e else {
            return None;
        };
        Some(Overwrite {
            confirm: Confirm::new(
                Msg::OverwriteTitle,
                format!("{} {}", path.display(), ctx.t(Msg::OverwriteBody)),
            ),
            file: path.clone(),
        })
    }
}
