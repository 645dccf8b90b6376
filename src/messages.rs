//! Every error and message kehu shows, by stable code, in Chinese and
//! English. The core builds a [`Message`] (a code and its fields); a front
//! (CLI or TUI) renders it in the user's language through one table, so no
//! text exists in one language only and scripts can rely on the code.

mod errors;
mod table;
pub mod ui;

use std::fmt;

use crate::domain::{Lang, Text};

/// A code and its named fields: `customer.not_found { code: C000009 }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub code: &'static str,
    pub fields: Vec<(&'static str, Arg)>,
}

/// A field's value: plain text (a name, a path, a number), text the core
/// already has in both languages, or a nested message (an I/O cause).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Plain(String),
    Both(Text),
    Nested(Box<Message>),
}

impl Message {
    pub fn new(code: &'static str) -> Message {
        Message {
            code,
            fields: Vec::new(),
        }
    }

    /// Adds a field shown as it is (numbers, names, paths).
    pub fn with(mut self, name: &'static str, value: impl fmt::Display) -> Message {
        self.fields.push((name, Arg::Plain(value.to_string())));
        self
    }

    /// Adds a field the core has in both languages.
    pub fn with_text(mut self, name: &'static str, value: Text) -> Message {
        self.fields.push((name, Arg::Both(value)));
        self
    }

    /// Adds a field that is itself a message (rendered in the same language).
    pub fn with_msg(mut self, name: &'static str, value: Message) -> Message {
        self.fields.push((name, Arg::Nested(Box::new(value))));
        self
    }

    pub fn field(&self, name: &str) -> Option<&Arg> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The text in `lang`: the table's template with `{field}` filled in. A
    /// code missing from the table (a test catches it) shows code and fields.
    pub fn text(&self, lang: Lang) -> String {
        let Some(template) = table::template(self.code, lang) else {
            let fields: Vec<String> = self
                .fields
                .iter()
                .map(|(n, v)| format!("{n}={}", v.text(lang)))
                .collect();
            return format!("{} {}", self.code, fields.join(" "));
        };
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match self.field(name) {
                        Some(value) => out.push_str(&value.text(lang)),
                        None => out.push_str(&rest[open..open + close + 2]),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

impl Arg {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Arg::Plain(s) => s.clone(),
            Arg::Both(t) => t.get(lang).to_string(),
            Arg::Nested(m) => m.text(lang),
        }
    }
}

/// English, for logs and `Display`.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Why an I/O operation failed, in words a bookkeeper reads in either
/// language (the OS's own text is English only).
pub fn io_cause(e: &std::io::Error) -> Message {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => Message::new("io.not_found"),
        ErrorKind::PermissionDenied => Message::new("io.permission"),
        ErrorKind::StorageFull => Message::new("io.disk_full"),
        ErrorKind::IsADirectory => Message::new("io.is_folder"),
        _ if e.raw_os_error() == Some(28) => Message::new("io.disk_full"),
        _ => Message::new("io.other").with("detail", e),
    }
}

pub use table::codes;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_fill_the_template_in_each_language() {
        let m = Message::new("customer.not_found").with("code", "C000009");
        assert_eq!(m.text(Lang::En), "no customer with code C000009");
        assert_eq!(m.text(Lang::Zh), "没有编码为 C000009 的客户");
    }

    /// The TUI's texts are codes of the same table as the core's.
    #[test]
    fn a_tui_text_is_found_by_its_code_like_any_other() {
        let quit = ui::Msg::KeyQuit;
        assert_eq!(quit.code(), "ui.KeyQuit");
        assert_eq!(Message::new("ui.KeyQuit").text(Lang::Zh), "退出");
        assert_eq!(Message::new(quit.code()).text(Lang::En), quit.get(Lang::En));
    }

    #[test]
    fn nested_causes_follow_the_language() {
        let cause = io_cause(&std::io::Error::from(std::io::ErrorKind::NotFound));
        let m = Message::new("import.io")
            .with("path", "a.csv")
            .with_msg("cause", cause);
        assert!(
            m.text(Lang::Zh).contains("文件或文件夹不存在"),
            "{}",
            m.text(Lang::Zh)
        );
        assert!(
            m.text(Lang::En).contains("no such file"),
            "{}",
            m.text(Lang::En)
        );
    }

    /// Every code the source gives to `Message::new` is in the table.
    #[test]
    fn every_code_used_in_the_source_is_in_the_table() {
        fn walk(dir: &std::path::Path, missing: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, missing);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for part in text.split("Message::new(\"").skip(1) {
                        let code = part.split('"').next().unwrap_or("");
                        if table::template(code, Lang::En).is_none() {
                            missing.push(format!("{}: {code}", path.display()));
                        }
                    }
                }
            }
        }
        let mut missing = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut missing,
        );
        assert!(
            missing.is_empty(),
            "codes missing from the table: {missing:#?}"
        );
    }

    /// Every entry of the one table, the TUI's texts included.
    #[test]
    fn every_code_has_both_texts_and_uses_only_braced_names() {
        assert!(
            table::all().count() > codes().count(),
            "the TUI's texts are in the table"
        );
        for (code, en, zh) in table::all() {
            assert!(!en.is_empty() && !zh.is_empty(), "{code}");
            let names = |t: &str| {
                let mut v: Vec<String> = t
                    .split('{')
                    .skip(1)
                    .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(
                names(en),
                names(zh),
                "{code}: the languages name other fields"
            );
        }
        let mut codes: Vec<&str> = table::all().map(|c| c.0).collect();
        codes.sort();
        let before = codes.len();
        codes.dedup();
        assert_eq!(before, codes.len(), "a code is listed twice");
    }
}
