//! `kehu remind CODE --out FILE.pdf`, `kehu remind --all --out FILE.pdf`
//! (every overdue customer's letter in one file) or `--all --out-dir DIR`
//! (one file each): reminder letters (催款函).

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;

use super::documents::{doc_failure, document_lang, kit, write_pdf};
use super::ledger::{customer_id, date_arg};
use super::outfiles::{refused, rules};
use super::{Cli, CliResult, Failure, open_store, output};
use crate::documents::{Reminder, reminders_pdf};
use crate::domain::date::iso;
use crate::domain::money::Money;
use crate::messages::Message;
use crate::outfile::{self, Format as OutFormat};
use crate::store::{OverdueItem, Store};

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// Customer code (C000001); or --all.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub code: Option<String>,
    /// A letter for every customer with something overdue.
    #[arg(long)]
    pub all: bool,
    /// Overdue as of this date (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// FILE.pdf: the letter, or with --all every letter in one file.
    #[arg(long, value_name = "FILE", required_unless_present = "out_dir")]
    pub out: Option<PathBuf>,
    /// With --all: one FILE per customer in this folder (催款函_C000001.pdf).
    #[arg(long, value_name = "DIR", requires = "all", conflicts_with = "out")]
    pub out_dir: Option<PathBuf>,
    /// Replace files that exist.
    #[arg(long)]
    pub force: bool,
}

/// The letters to write, in customer-code order: one per customer with an
/// overdue item as of `as_of` (only `code`'s when given).
fn letters(
    store: &Store,
    code: Option<&str>,
    as_of: chrono::NaiveDate,
) -> Result<Vec<Reminder>, Failure> {
    let mut by_code: BTreeMap<String, Vec<OverdueItem>> = BTreeMap::new();
    for item in store.overdue(as_of)? {
        if code.is_none_or(|c| c == item.code) {
            by_code.entry(item.code.clone()).or_default().push(item);
        }
    }
    let mut letters = Vec::with_capacity(by_code.len());
    for (code, mut items) in by_code {
        items.sort_by_key(|i| (std::cmp::Reverse(i.days_overdue), i.entry_id));
        let customer = store.customer(&code)?;
        letters.push(Reminder {
            name: items[0].name.clone(),
            address: customer
                .map(|c| c.data.registered_address)
                .unwrap_or_default(),
            code,
            as_of,
            items,
        });
    }
    Ok(letters)
}

fn total(letters: &[Reminder]) -> Result<Money, Failure> {
    letters
        .iter()
        .map(Reminder::total)
        .try_fold(Money::ZERO, |sum, t| sum.checked_add(t?))
        .ok_or_else(|| Failure::data_msg(Message::new("ledger.overdue_overflow")))
}

pub fn run(cli: &Cli, args: &RemindArgs) -> CliResult {
    let rules = rules(cli, args.force)?;
    if let Some(out) = &args.out {
        outfile::check(out, OutFormat::PDF, &rules).map_err(|e| refused(cli, e))?;
    }
    if let Some(dir) = &args.out_dir
        && !dir.is_dir()
    {
        return Err(Failure::usage_msg(
            Message::new("document.out_dir_missing").with("path", dir.display()),
        ));
    }
    let store = open_store(cli)?;
    if let Some(code) = &args.code {
        customer_id(&store, code)?;
    }
    let as_of = date_arg("as_of", args.as_of.as_deref())?;
    let letters = letters(&store, args.code.as_deref(), as_of)?;
    if letters.is_empty() {
        let message = match &args.code {
            Some(code) => Message::new("document.no_overdue").with("code", code),
            None => Message::new("document.none_overdue"),
        };
        return Err(Failure::data_msg(message.with("date", iso(as_of))));
    }
    let kit = kit(cli, &store)?;
    if let Some(out) = &args.out {
        let bytes = reminders_pdf(&kit, &letters).map_err(doc_failure)?;
        write_pdf(cli, out, &rules, &bytes)?;
        return output::say(
            Message::new("document.reminders_wrote")
                .with("path", out.display())
                .with("count", letters.len())
                .with("total", total(&letters)?.grouped()),
        );
    }
    let Some(dir) = &args.out_dir else {
        return Ok(());
    };
    let prefix = match document_lang(cli) {
        crate::domain::Lang::Zh => "催款函",
        crate::domain::Lang::En => "reminder",
    };
    let path = |letter: &Reminder| dir.join(format!("{prefix}_{}.pdf", letter.code));
    // Every file is checked before the first is written: a refusal leaves none.
    for letter in &letters {
        outfile::check(&path(letter), OutFormat::PDF, &rules).map_err(|e| refused(cli, e))?;
    }
    for letter in &letters {
        let path = path(letter);
        let bytes = reminders_pdf(&kit, std::slice::from_ref(letter)).map_err(doc_failure)?;
        write_pdf(cli, &path, &rules, &bytes)?;
        output::say(
            Message::new("document.reminder_wrote")
                .with("path", path.display())
                .with("code", &letter.code)
                .with("name", &letter.name)
                .with("count", letter.items.len())
                .with("total", total(std::slice::from_ref(letter))?.grouped()),
        )?;
    }
    Ok(())
}
