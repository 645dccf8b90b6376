//! `kehu balance`, `kehu aging`, `kehu overdue`, `kehu statement`.

use crate::messages::Message;
use serde::Serialize;

use super::args::{AgingArgs, BalanceArgs, OverdueArgs, StatementArgs};
use super::documents::{document_lang, kit, write_pdf};
use super::ledger::{customer_id, date_arg, today};
use super::outfiles::{refused, rules};
use super::{Cli, CliResult, Failure, Format, open_store, output};
use crate::documents;
use crate::domain::Lang;
use crate::domain::date::iso;
use crate::domain::ledger::aging::Bucket;
use crate::domain::money::Money;
use crate::outfile::{self, Format as OutFormat};
use crate::report;
use crate::store::{AgingReport, Balance, OverdueItem};

const BALANCE_HEADERS: [&str; 10] = [
    "code",
    "name",
    "status",
    "credit_limit",
    "balance",
    "credit_used",
    "credit_available",
    "over_limit",
    "oldest_due",
    "overdue",
];

fn balance_row(b: &Balance, today: chrono::NaiveDate, format: Format, lang: Lang) -> Vec<String> {
    let s = &b.standing;
    vec![
        b.code.clone(),
        b.name.clone(),
        b.status.key().to_string(),
        output::limit_cell(s.credit_limit, format, lang),
        s.balance.to_string(),
        s.credit_used.to_string(),
        match s.credit_available {
            Some(m) => m.to_string(),
            None => output::limit_cell(None, format, lang),
        },
        if s.over_limit { "yes" } else { "" }.to_string(),
        b.oldest_due.map(iso).unwrap_or_default(),
        if b.is_overdue(today) { "yes" } else { "" }.to_string(),
    ]
}

pub fn balance(cli: &Cli, args: &BalanceArgs) -> CliResult {
    let store = open_store(cli)?;
    let today = today();
    let lang = super::import::lang(cli);
    match &args.code {
        Some(code) => {
            let b = store.balance(customer_id(&store, code)?)?;
            if args.format.format == Format::Json {
                output::raw(&output::to_json(&b)?)?;
                return Ok(());
            }
            output::print_rows(
                args.format.format,
                &BALANCE_HEADERS,
                &[balance_row(&b, today, args.format.format, lang)],
                &b,
            )
        }
        None => {
            let all = store.balances()?;
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|b| balance_row(b, today, args.format.format, lang))
                .collect();
            output::print_rows(args.format.format, &BALANCE_HEADERS, &rows, &all)
        }
    }
}

fn aging_headers() -> Vec<&'static str> {
    let mut h = vec!["code", "name"];
    h.extend(Bucket::ALL.iter().map(|b| b.key()));
    h.extend(["unapplied", "total"]);
    h
}

fn aging_rows(report: &AgingReport) -> Vec<Vec<String>> {
    let figures = |code: &str, name: &str, aged: &crate::domain::ledger::aging::Aged| {
        let mut row = vec![code.to_string(), name.to_string()];
        row.extend(Bucket::ALL.iter().map(|b| aged.get(*b).to_string()));
        row.push(aged.unapplied.to_string());
        row.push(aged.total.to_string());
        row
    };
    let mut rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|r| figures(&r.code, &r.name, &r.aged))
        .collect();
    rows.push(figures("TOTAL", "", &report.totals));
    rows
}

pub fn aging(cli: &Cli, args: &AgingArgs) -> CliResult {
    let rules = rules(cli, args.force)?;
    if let Some(path) = &args.out {
        outfile::check(path, OutFormat::SHEETS, &rules).map_err(|e| refused(cli, e))?;
    }
    let store = open_store(cli)?;
    let as_of = date_arg("as_of", args.as_of.as_deref())?;
    let report = store.aging(as_of)?;
    if let Some(path) = &args.out {
        outfile::write(path, OutFormat::SHEETS, &rules, |tmp, _| {
            report::write_aging(tmp, &report, document_lang(cli))
        })
        .map_err(|e| refused(cli, e))?;
        output::tell(
            Message::new("report.aging_wrote")
                .with("path", path.display())
                .with("count", report.rows.len())
                .with("total", report.totals.total.grouped()),
        );
    }
    output::print_rows(
        args.format.format,
        &aging_headers(),
        &aging_rows(&report),
        &report,
    )
}

#[derive(Serialize)]
struct OverdueJson<'a> {
    as_of: chrono::NaiveDate,
    count: usize,
    total: Money,
    items: &'a [OverdueItem],
}

pub fn overdue(cli: &Cli, args: &OverdueArgs) -> CliResult {
    let store = open_store(cli)?;
    let as_of = date_arg("as_of", args.as_of.as_deref())?;
    let items = store.overdue(as_of)?;
    let total = Money::sum(items.iter().map(|i| i.outstanding))
        .ok_or_else(|| Failure::data_msg(Message::new("ledger.overdue_overflow")))?;
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.code.clone(),
                i.name.clone(),
                i.kind.key().to_string(),
                i.doc_no.clone(),
                iso(i.date),
                iso(i.due_date),
                i.days_overdue.to_string(),
                i.bucket.key().to_string(),
                i.outstanding.to_string(),
            ]
        })
        .collect();
    let json = OverdueJson {
        as_of,
        count: items.len(),
        total,
        items: &items,
    };
    output::print_rows(
        args.format.format,
        &[
            "code",
            "name",
            "type",
            "doc_no",
            "date",
            "due_date",
            "days_overdue",
            "bucket",
            "outstanding",
        ],
        &rows,
        &json,
    )?;
    if args.format.format == Format::Table {
        output::say(
            Message::new("ledger.overdue_total")
                .with("count", items.len())
                .with("date", iso(as_of))
                .with("total", total.grouped()),
        )?;
    }
    Ok(())
}

pub fn statement(cli: &Cli, args: &StatementArgs) -> CliResult {
    let rules = rules(cli, args.force)?;
    let mut kind = None;
    if let Some(path) = &args.out {
        kind = Some(
            outfile::check(path, OutFormat::SHEETS_OR_PDF, &rules).map_err(|e| refused(cli, e))?,
        );
    }
    let store = open_store(cli)?;
    let from = date_arg("from", Some(&args.from))?;
    let to = date_arg("to", Some(&args.to))?;
    let id = customer_id(&store, &args.code)?;
    let statement = store.statement(id, from, to)?;
    let lang = document_lang(cli);
    match &args.out {
        Some(path) => {
            if kind == Some(OutFormat::Pdf) {
                let kit = kit(cli, &store)?;
                let bytes = documents::customer_statement_pdf(&store, &kit, id, &statement)?;
                write_pdf(cli, path, &rules, &bytes)?;
            } else {
                let company = store.company()?;
                outfile::write(path, OutFormat::SHEETS, &rules, |tmp, _| {
                    report::write_statement_from(tmp, &statement, &company, lang)
                })
                .map_err(|e| refused(cli, e))?;
            }
            output::say(
                Message::new("report.statement_wrote")
                    .with("path", path.display())
                    .with("code", &statement.code)
                    .with("name", &statement.name)
                    .with("from", iso(from))
                    .with("to", iso(to))
                    .with("entries", statement.lines.len())
                    .with("opening", statement.opening.grouped())
                    .with("closing", statement.closing.grouped()),
            )?;
            Ok(())
        }
        None => {
            let table = report::statement_table(&statement, lang);
            let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
            output::print_rows(args.format.format, &headers, &table.rows, &statement)
        }
    }
}
