//! The one message table: every code with its English and Chinese text.
//! The core's codes are in `table/*.rs` by area, one line per code
//! (`"code" => "English", "中文";`, `{name}` is a field); the TUI's texts
//! are in `ui/*.rs`.

use crate::domain::Lang;

use std::collections::HashMap;
use std::sync::LazyLock;

macro_rules! table {
    ($($code:literal => $en:literal, $zh:literal;)+) => {
        /// This area's codes with their English and Chinese text.
        pub(super) const CODES: &[(&str, &str, &str)] = &[$(($code, $en, $zh)),+];
    };
}

mod control;
mod documents;
mod general;
mod import;
mod ledger;

/// The core's codes, area by area.
pub fn codes() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    [
        general::CODES,
        import::CODES,
        ledger::CODES,
        control::CODES,
        documents::CODES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// The one table: the core's codes and the TUI's texts (`ui.*`), each as
/// (code, English, Chinese).
pub fn all() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    let ui = super::ui::entries().map(|m| (m.code(), m.get(Lang::En), m.get(Lang::Zh)));
    codes().chain(ui)
}

/// The text of `code` in `lang`.
pub fn template(code: &str, lang: Lang) -> Option<&'static str> {
    type Texts = HashMap<&'static str, (&'static str, &'static str)>;
    static BY_CODE: LazyLock<Texts> =
        LazyLock::new(|| all().map(|(code, en, zh)| (code, (en, zh))).collect());
    let (en, zh) = BY_CODE.get(code)?;
    Some(match lang {
        Lang::En => en,
        Lang::Zh => zh,
    })
}
