//! Printing data as an aligned table (by display width, so 华强 takes four
//! columns), JSON or CSV. Every byte the CLI prints goes through here: a
//! closed pipe (`kehu customer list | head -1`) ends the command quietly
//! instead of panicking, and text from the database or a file is printed
//! with its control characters shown, never obeyed by the terminal.

use std::io::Write;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Failure, Format};
use crate::domain::money::Money;
use crate::domain::safe_text::{csv_guard, visible, visible_lines};
use crate::domain::{Lang, Problems, Severity};
use crate::messages::Message;

/// `print!` for the CLI: formats, shows control characters, writes to stdout.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::text(&format!($($arg)*))
    };
}

/// `println!` for the CLI; returns `Result<(), Failure>` to be `?`-ed.
macro_rules! outln {
    () => {
        $crate::cli::output::text("\n")
    };
    ($($arg:tt)*) => {
        $crate::cli::output::text(&(format!($($arg)*) + "\n"))
    };
}

/// `eprintln!` for the CLI: shows control characters; a closed stderr is ignored.
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::cli::output::note_text(&format!($($arg)*))
    };
}

pub(crate) use {note, out, outln};

/// The import's progress line on stderr, kehu's own escapes (`\r`, clear line) included.
pub fn progress(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}

/// One message from the table, in this run's language, as a line on stdout.
pub fn say(message: crate::messages::Message) -> Result<(), Failure> {
    text(&(super::render(message) + "\n"))
}

/// One message from the table as a line on stderr.
pub fn tell(message: crate::messages::Message) {
    note_text(&super::render(message));
}

/// Text for a person: control characters shown (kehu's own newlines kept).
pub fn text(text: &str) -> Result<(), Failure> {
    raw(&visible_lines(text))
}

/// Bytes written as they are (JSON escapes control characters itself; CSV
/// for scripts keeps the data exact). A closed pipe is [`Failure::closed`].
pub fn raw(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::closed()),
        Err(e) => Err(Failure::data_msg(
            Message::new("cli.stdout").with_msg("detail", crate::messages::io_cause(&e)),
        )),
    }
}

/// A line on stderr; if stderr is closed there is no one left to tell.
pub fn note_text(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{}", visible_lines(text));
}

/// Rows of text under headers, in the chosen format. JSON is `json` (the
/// typed records) so keys and types stay those of the core.
pub fn print_rows<T: Serialize>(
    format: Format,
    headers: &[&str],
    rows: &[Vec<String>],
    json: &T,
) -> Result<(), Failure> {
    let text = match format {
        Format::Table => table(headers, rows),
        Format::Json => to_json(json)?,
        Format::Csv => csv_text(headers, rows)?,
    };
    raw(&text)
}

/// Pretty JSON. serde_json escapes C0 controls itself; C1 controls (0x9b is
/// a CSI to some terminals) and bidirectional overrides are escaped here the
/// JSON way (`\u009b`), so the string's value is unchanged.
pub fn to_json<T: Serialize>(value: &T) -> Result<String, Failure> {
    let json = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::data_msg(Message::new("cli.json").with("detail", e)))?;
    if !has_risky(&json) {
        return Ok(json + "\n");
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if risky(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Ok(out + "\n")
}

fn risky(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` holds a `risky` character. Each one's UTF-8 starts with
/// 0xC2 or 0xE2, so only those bytes are looked at: a large report (an
/// import's 50,000 warnings) is otherwise decoded char by char.
fn has_risky(text: &str) -> bool {
    memchr::memchr2_iter(0xc2, 0xe2, text.as_bytes())
        .any(|i| text[i..].chars().next().is_some_and(risky))
}

/// Cells are shown with [`visible`]: a newline or escape inside a name can
/// neither break the table nor reach the terminal.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<std::borrow::Cow<str>>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| visible(cell)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', width.saturating_sub(cell.width())));
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut headers.iter().copied());
    for row in &rows {
        line(&mut row.iter().map(|cell| cell.as_ref()));
    }
    out
}

/// CSV for scripts and spreadsheets: cells that would run as formulas are
/// guarded ([`csv_guard`]); numbers stay numbers.
fn csv_text(headers: &[&str], rows: &[Vec<String>]) -> Result<String, Failure> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::data_msg(Message::new("cli.csv").with("detail", e));
    writer.write_record(headers).map_err(fail)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| csv_guard(cell).into_owned()))
            .map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Failure::data_msg(Message::new("cli.csv").with("detail", e)))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One line per problem: `error: tax_id: … [code]` — field first, so a
/// script can grep it; the text in this run's language.
pub fn problems_text(problems: &Problems) -> String {
    problems
        .iter()
        .map(|p| {
            let level = match p.severity {
                Severity::Error => "problem.error",
                Severity::Warning => "problem.warning",
            };
            super::render(
                Message::new(level)
                    .with("field", &p.field)
                    .with_text("message", p.message.clone())
                    .with("code", p.code),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A credit limit (or credit available) as a cell: in a table, the words a
/// bookkeeper reads (not controlled / 0.00 (cash only)); in CSV, the value
/// itself (empty when not controlled) so the file imports back.
pub fn limit_cell(limit: Option<Money>, format: Format, lang: Lang) -> String {
    match (format, limit) {
        (Format::Table, Some(m)) if m != Money::ZERO => m.to_string(),
        (Format::Table, _) => crate::domain::ledger::credit::limit_label(limit, lang),
        (_, limit) => limit.map(|m| m.to_string()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_c1_controls_and_bidi_overrides_only() {
        for c in [
            '\u{80}', '\u{9b}', '\u{9f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}',
        ] {
            let json = to_json(&format!("华强{c}“名”")).unwrap();
            assert_eq!(json, format!("\"华强\\u{:04x}“名”\"\n", c as u32), "{c:?}");
        }
        // Same lead bytes (0xC2, 0xE2), not risky: left as they are.
        for text in ["“华强”·×", "\u{a0}\u{2029}\u{2070}"] {
            assert_eq!(to_json(&text).unwrap(), format!("\"{text}\"\n"));
        }
    }

    #[test]
    fn table_aligns_chinese_by_display_width() {
        let text = table(
            &["code", "name", "credit"],
            &[
                vec!["C000001".into(), "华强电子".into(), "50,000.00".into()],
                vec!["C000002".into(), "ABC Ltd".into(), "0.00".into()],
            ],
        );
        let lines: Vec<&str> = text.lines().collect();
        // 华强电子 is 8 columns wide, so the credit column starts at the same
        // display column on every line.
        let col = |line: &str, needle: &str| line[..line.find(needle).unwrap()].width();
        assert_eq!(col(lines[1], "50,000.00"), col(lines[0], "credit"));
        assert_eq!(col(lines[2], "0.00"), col(lines[0], "credit"));
    }
}
