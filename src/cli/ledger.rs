//! `kehu ledger …`

use crate::domain::customer::code_key;
use crate::messages::Message;
use chrono::NaiveDate;
use serde::Serialize;

use super::args::{AddArgs, LedgerCmd};
use super::{Cli, CliResult, Failure, Format, open_store, output};
use crate::domain::Money;
use crate::domain::date::{iso, parse_date};
use crate::domain::ledger::EntryInput;
use crate::store::{
    AddOptions, Added, Allocate, AllocateRequest, AllocationLine, EntryPatch, EntryRef, LedgerLine,
    Reversal, Store, Target,
};

pub fn run(cli: &Cli, cmd: &LedgerCmd) -> CliResult {
    if let LedgerCmd::Search(args) = cmd {
        // Checks its --out file before opening the database.
        return super::stats::search(cli, args);
    }
    let mut store = open_store(cli)?;
    match cmd {
        LedgerCmd::Add(args) => add(&mut store, args),
        LedgerCmd::List {
            code,
            as_of,
            format,
        } => {
            let as_of = date_arg("as_of", as_of.as_deref())?;
            let id = customer_id(&store, code)?;
            print_ledger(&store.ledger(id)?, as_of, format.format)
        }
        LedgerCmd::Allocate {
            code,
            from,
            to,
            format,
        } => {
            let request = match from {
                None => AllocateRequest::Auto,
                Some(from) => AllocateRequest::From {
                    entry: EntryRef::parse(from),
                    targets: targets(to)?,
                },
            };
            let lines = store.allocate(code, &request)?;
            if lines.is_empty() && format.format == Format::Table {
                output::say(Message::new("ledger.nothing_to_allocate"))?;
                return Ok(());
            }
            print_allocations(&lines, format.format)
        }
        LedgerCmd::Reverse {
            code,
            doc,
            reason,
            date,
            reversal_doc,
            format,
        } => {
            let reversal = Reversal {
                date: date.clone().unwrap_or_else(|| iso(today())),
                doc_no: reversal_doc.clone(),
                reason: reason.clone(),
            };
            let added = store.reverse_entry(code, &EntryRef::parse(doc), &reversal)?;
            print_added(code, &added, format.format)
        }
        LedgerCmd::Edit {
            code,
            doc,
            date,
            new_doc,
            amount,
            due,
            memo,
            override_reason,
            format,
        } => {
            let patch = EntryPatch {
                date: date.clone(),
                doc_no: new_doc.clone(),
                amount: amount.clone(),
                due_date: due.clone(),
                memo: memo.clone(),
                override_reason: override_reason.clone(),
            };
            let entry = store.edit_entry(code, &EntryRef::parse(doc), &patch)?;
            match format.format {
                Format::Json => output::raw(&output::to_json(&entry)?)?,
                _ => output::say(
                    Message::new("ledger.updated")
                        .with("kind", entry.data.kind.label(super::lang()))
                        .with("doc", &entry.data.doc_no)
                        .with("amount", entry.data.amount.grouped())
                        .with("date", iso(entry.data.date))
                        .with(
                            "due",
                            entry.data.due_date.map(iso).unwrap_or_else(|| "-".into()),
                        )
                        .with("outstanding", entry.outstanding.grouped()),
                )?,
            }
            Ok(())
        }
        LedgerCmd::Confirm { code, until } => {
            let until = date_arg("until", Some(until))?;
            store.confirm_until(code, until)?;
            output::say(
                Message::new("ledger.confirmed")
                    .with("code", code_key(code).into_owned())
                    .with("until", iso(until)),
            )?;
            Ok(())
        }
        LedgerCmd::History { code, format } => {
            let id = customer_id(&store, code)?;
            let history = store.ledger_history(id)?;
            let rows: Vec<Vec<String>> = history
                .iter()
                .map(|h| {
                    vec![
                        h.at.clone(),
                        h.operator.clone(),
                        h.action.clone(),
                        h.entry_id.map(|i| i.to_string()).unwrap_or_default(),
                        h.field.clone(),
                        h.old.clone().unwrap_or_default(),
                        h.new.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            output::print_rows(
                format.format,
                &[
                    "at", "operator", "action", "entry_id", "field", "old", "new",
                ],
                &rows,
                &history,
            )
        }
        LedgerCmd::Search(_) => Ok(()),
    }
}

fn add(store: &mut Store, args: &AddArgs) -> CliResult {
    let input = EntryInput {
        kind: args.kind.clone(),
        date: args.date.clone(),
        doc_no: args.doc.clone(),
        amount: args.amount.clone(),
        due_date: args.due.clone().unwrap_or_default(),
        memo: args.memo.clone().unwrap_or_default(),
    };
    let allocate = if args.no_allocate {
        Allocate::None
    } else if args.allocate.is_empty() {
        Allocate::Default
    } else {
        Allocate::To(targets(&args.allocate)?)
    };
    let options = AddOptions {
        override_reason: args.override_reason.clone(),
        allocate,
    };
    let added = store.add_entry(&args.code, &input, &options)?;
    if !added.warnings.is_empty() {
        output::note!("{}", output::problems_text(&added.warnings));
    }
    print_added(&args.code, &added, args.format.format)
}

/// `DOC` or `DOC=AMOUNT` (the amount after the last `=`).
fn targets(texts: &[String]) -> Result<Vec<Target>, Failure> {
    texts
        .iter()
        .map(|text| match text.rsplit_once('=') {
            Some((doc, amount)) => {
                let amount = Money::parse(amount)
                    .map_err(|e| option_failure("allocate", e.text(), e.code()))?;
                Ok(Target {
                    entry: EntryRef::parse(doc),
                    amount: Some(amount),
                })
            }
            None => Ok(Target {
                entry: EntryRef::parse(text),
                amount: None,
            }),
        })
        .collect()
}

pub(super) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A date option, today when not given; a bad one is a data error naming the option.
pub(super) fn date_arg(field: &str, text: Option<&str>) -> Result<NaiveDate, Failure> {
    match text {
        None => Ok(today()),
        Some(t) => parse_date(t).map_err(|e| option_failure(field, e.text(), e.code())),
    }
}

/// `error: as_of: … [date.format]` in this run's language.
pub(super) fn option_failure(
    option: &str,
    text: crate::domain::Text,
    code: &'static str,
) -> Failure {
    Failure::data_msg(
        Message::new("cli.option")
            .with("option", option)
            .with_text("message", text)
            .with("code", code),
    )
}

pub(super) fn customer_id(store: &Store, code: &str) -> Result<i64, Failure> {
    store.customer(code)?.map(|c| c.id).ok_or_else(|| {
        Failure::data_msg(Message::new("customer.not_found").with("code", code.trim()))
    })
}

const ENTRY_HEADERS: [&str; 11] = [
    "date",
    "type",
    "doc_no",
    "debit",
    "credit",
    "balance",
    "outstanding",
    "due_date",
    "days_overdue",
    "locked",
    "memo",
];

fn blank_zero(m: Money) -> String {
    if m == Money::ZERO {
        String::new()
    } else {
        m.to_string()
    }
}

fn print_ledger(lines: &[LedgerLine], as_of: NaiveDate, format: Format) -> CliResult {
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            let e = &l.entry;
            vec![
                iso(e.data.date),
                e.data.kind.key().to_string(),
                e.data.doc_no.clone(),
                blank_zero(e.data.debit()),
                blank_zero(e.data.credit()),
                l.balance.to_string(),
                e.outstanding.to_string(),
                e.data.due_date.map(iso).unwrap_or_default(),
                e.days_overdue(as_of)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                if e.locked { "yes" } else { "" }.to_string(),
                e.data.memo.clone(),
            ]
        })
        .collect();
    output::print_rows(format, &ENTRY_HEADERS, &rows, &lines)
}

fn print_allocations(lines: &[AllocationLine], format: Format) -> CliResult {
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|a| {
            vec![
                format!("{}:{}", a.credit_type, a.credit_doc),
                format!("{}:{}", a.debit_type, a.debit_doc),
                a.amount.to_string(),
                iso(a.effective_date),
            ]
        })
        .collect();
    output::print_rows(
        format,
        &["from", "to", "amount", "effective_date"],
        &rows,
        &lines,
    )
}

#[derive(Serialize)]
struct AddedJson<'a> {
    code: String,
    #[serde(flatten)]
    added: &'a Added,
}

fn print_added(code: &str, added: &Added, format: Format) -> CliResult {
    let code = code_key(code).into_owned();
    let e = &added.entry;
    match format {
        Format::Json => {
            output::raw(&output::to_json(&AddedJson { code, added })?)?;
            Ok(())
        }
        Format::Csv => {
            let s = &added.standing;
            let row = vec![
                code,
                e.data.kind.key().to_string(),
                iso(e.data.date),
                e.data.doc_no.clone(),
                e.data.amount.to_string(),
                e.data.due_date.map(iso).unwrap_or_default(),
                e.outstanding.to_string(),
                s.balance.to_string(),
                s.credit_available
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            ];
            output::print_rows(
                format,
                &[
                    "code",
                    "type",
                    "date",
                    "doc_no",
                    "amount",
                    "due_date",
                    "outstanding",
                    "balance",
                    "credit_available",
                ],
                &[row],
                &(),
            )
        }
        Format::Table => {
            let lang = super::lang();
            let due = e
                .data
                .due_date
                .map(|d| super::render(Message::new("ledger.added_due").with("date", iso(d))))
                .unwrap_or_default();
            output::say(
                Message::new("ledger.added")
                    .with("code", &code)
                    .with("kind", e.data.kind.label(lang))
                    .with("doc", &e.data.doc_no)
                    .with("date", iso(e.data.date))
                    .with("amount", e.data.amount.grouped())
                    .with("due", due),
            )?;
            for a in &added.allocations {
                output::say(
                    Message::new("ledger.allocated")
                        .with("amount", a.amount.grouped())
                        .with("from", format!("{}:{}", a.credit_type, a.credit_doc))
                        .with("to", format!("{}:{}", a.debit_type, a.debit_doc)),
                )?;
            }
            if e.outstanding != Money::ZERO {
                output::say(
                    Message::new("ledger.outstanding").with("amount", e.outstanding.grouped()),
                )?;
            }
            let s = &added.standing;
            let over = if s.over_limit {
                super::render(Message::new("ledger.over_limit"))
            } else {
                String::new()
            };
            output::say(
                Message::new("ledger.standing")
                    .with("balance", s.balance.grouped())
                    .with(
                        "limit",
                        crate::domain::ledger::credit::limit_label(s.credit_limit, super::lang()),
                    )
                    .with(
                        "available",
                        s.credit_available
                            .map(|m| m.grouped())
                            .unwrap_or_else(|| "-".into()),
                    )
                    .with("over", over),
            )?;
            if let Some(reason) = &e.override_reason {
                output::say(Message::new("ledger.overridden").with("reason", reason))?;
            }
            Ok(())
        }
    }
}
