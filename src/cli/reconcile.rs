//! `kehu reconcile CODE --statement FILE …`: match the customer's statement
//! against the ledger, print it, save it, write the reconciliation
//! statement. The saved sessions (`history`, `show`, `confirm`) are in
//! `reconcile/sessions.rs`.
//!
//! Exit codes: 0 the reconciliation closes (every difference explained);
//! 3 it runs but an unexplained difference remains; 1 bad data (statement
//! rows that cannot be read, unknown customer, a refused write); 2 usage
//! or a file that cannot be used (not a spreadsheet, no date or amount
//! column).

use crate::messages::Message;

use serde_json::{Value, json};

use super::documents::document_lang;
use super::import::lang as screen_lang;
use super::ledger::customer_id;
use super::outfiles::{refused, rules};
use super::{Cli, CliResult, Failure, Format, open_store, output};
use crate::domain::Lang;
use crate::domain::date::{iso, parse_date};
use crate::import::statement::BalanceCheck;
use crate::import::statement::prepare::{self, PrepareError, ReadRequest};
use crate::outfile::{self, Format as OutFormat, Rules};
use crate::reconcile::{MatchOptions, Reconciliation};
use crate::report::{self, ReconciliationDoc};
use crate::store::{SessionInfo, SessionStatus};

mod args;
mod sessions;

pub use args::{ReconcileArgs, ReconcileCmd, SignArg};

/// Exit code of a reconciliation that runs but does not close.
const DOES_NOT_CLOSE: u8 = 3;

pub fn run(cli: &Cli, args: &ReconcileArgs) -> CliResult {
    match &args.action {
        Some(ReconcileCmd::History { code, format }) => {
            return sessions::history(cli, code, format.format);
        }
        Some(ReconcileCmd::Show {
            session,
            out,
            force,
            format,
        }) => return sessions::show(cli, *session, out.as_ref(), *force, format.format),
        Some(ReconcileCmd::Confirm {
            session,
            reason,
            format,
        }) => {
            return sessions::confirm(cli, *session, reason.as_deref(), format.format);
        }
        None => {}
    }
    let (Some(code), Some(path)) = (&args.code, &args.statement) else {
        return Err(Failure::usage_msg(Message::new("reconcile.needs_code")));
    };
    let date = |field: &str, text: &Option<String>| {
        text.as_deref()
            .map(|t| {
                parse_date(t).map_err(|e| Failure {
                    code: 2,
                    ..super::ledger::option_failure(&format!("--{field}"), e.text(), e.code())
                })
            })
            .transpose()
    };
    let (from, to) = (date("from", &args.from)?, date("to", &args.to)?);
    let rules = rules(cli, args.force)?.input(path);
    let mut kind = None;
    if let Some(out) = &args.out {
        // Before anything is saved: a refused --out leaves no draft behind.
        kind = Some(
            outfile::check(out, OutFormat::SHEETS_OR_PDF, &rules).map_err(|e| refused(cli, e))?,
        );
    }
    let mut store = open_store(cli)?;
    let id = customer_id(&store, code)?;
    // The font and our company too, before a draft is saved.
    let kit = match kind {
        Some(OutFormat::Pdf) => Some(super::documents::kit(cli, &store)?),
        _ => None,
    };
    let request = ReadRequest {
        path: path.clone(),
        sheet: args.sheet.clone(),
        header_row: args.header_row,
        mapping: args.mapping.clone(),
        map: args.map.clone(),
        year: args.year,
    };
    let lang = screen_lang(cli);
    let file = prepare::read_statement(&store, &request).map_err(|e| prepare_failure(e, lang))?;
    let (period_from, period_to, period_source) =
        prepare::period_with_source(&file, from, to).map_err(|e| prepare_failure(e, lang))?;
    let period = (period_from, period_to);
    let options = MatchOptions::default().with_tolerance(args.tolerance_days);
    let sign = args.sign.map(SignArg::convention);
    let prepared = prepare::reconcile_moving(&store, id, file, period, sign, &options)
        .map_err(|e| prepare_failure(e, lang))?;
    for p in &prepared.file.problems {
        output::tell(
            Message::new("reconcile.row_warning")
                .with("row", p.row)
                .with("column", &p.column)
                .with_text("message", p.message.clone())
                .with("code", p.code),
        );
    }
    if !prepared.theirs.balance_breaks.is_empty() {
        let rows: Vec<String> = prepared
            .theirs
            .balance_breaks
            .iter()
            .map(u64::to_string)
            .collect();
        output::tell(Message::new("reconcile.balance_breaks").with("rows", rows.join(", ")));
    }
    if !prepared.file.skipped.is_empty() {
        let rows: Vec<String> = prepared
            .file
            .skipped
            .iter()
            .map(|s| format!("{} ({})", s.row, s.reason.key()))
            .collect();
        output::tell(
            crate::messages::Message::new("reconcile.skipped_rows").with("rows", rows.join(", ")),
        );
    }
    if let Some(name) = &args.save_mapping {
        let mut saved = prepared.file.mapping.to_saved();
        saved.sign = Some(prepared.sign);
        store.save_statement_mapping(name, &saved)?;
        output::tell(Message::new("reconcile.mapping_saved").with("name", name));
    }
    let session = if args.save {
        let sid = store.save_reconciliation(None, &prepared.source, &prepared.reconciliation)?;
        output::tell(Message::new("reconcile.saved").with("id", sid));
        Some(sid)
    } else {
        None
    };
    let r = &prepared.reconciliation;
    let status = session.map_or(String::new(), |sid| {
        status_text(sid, None, document_lang(cli))
    });
    let doc = ReconciliationDoc {
        code: &prepared.ours.code,
        name: &prepared.ours.name,
        from: period.0,
        to: period.1,
        statement_file: &prepared.file.file_name,
        status,
        reconciliation: r,
    };
    if let Some(out) = &args.out {
        write_document(cli, (out, &rules, kit.as_ref()), &doc, session)?;
    }
    let meta = json!({
        "customer": { "code": prepared.ours.code, "name": prepared.ours.name },
        "from": iso(period.0),
        "to": iso(period.1),
        "statement": {
            "file": prepared.file.file_name,
            "sha256": prepared.file.file_hash,
            "sheet": prepared.file.sheet,
            "header_row": prepared.file.header_row,
            "lines_before_period": prepared.theirs.before,
            "lines_after_period": prepared.theirs.after,
            "lines_read": prepared.lines_read,
            "period_source": period_source.key(),
            "stated_period": prepared.file.stated_period.as_ref().map(|p| json!({
                "from": iso(p.from), "to": iso(p.to), "text": p.text,
            })),
            "opening": prepared.file.opening.as_ref().map(|o| json!({
                "row": o.row,
                "date": o.date.map(iso),
                "check": prepared.theirs.opening_check.map(check_json),
            })),
            "closing": prepared.file.closing.as_ref().map(|c| json!({
                "row": c.row,
                "date": c.date.map(iso),
                "check": prepared.theirs.closing_check.map(check_json),
            })),
            "skipped": prepared.file.skipped.iter().map(|s| json!({
                "row": s.row,
                "reason": s.reason.key(),
                "text": s.text,
            })).collect::<Vec<_>>(),
            "warnings": prepared.file.problems.iter().map(|p| json!({
                "row": p.row,
                "column": p.column,
                "code": p.code,
                "message": p.message.get(lang),
            })).collect::<Vec<_>>(),
            "docs_from_descriptions": prepared.docs_from_descriptions,
        },
        "sign_convention": prepared.sign.key(),
        "sign_detected": prepared.sign_detected,
        "session": session,
        "status": session.map(|_| SessionStatus::Draft.key()),
    });
    print_reconciliation(args.format, &doc, meta, lang)?;
    closes(r)
}

/// A balance row's check in the JSON report (our sign).
fn check_json(c: BalanceCheck) -> Value {
    json!({
        "stated": c.stated,
        "computed": c.computed,
        "agrees": c.agrees(),
    })
}

pub(super) fn closes(r: &Reconciliation) -> CliResult {
    if r.closes() {
        Ok(())
    } else {
        Err(Failure {
            message: super::render(
                Message::new("reconcile.does_not_close")
                    .with("amount", r.unexplained_difference().grouped()),
            ),
            code: DOES_NOT_CLOSE,
        })
    }
}

fn prepare_failure(e: PrepareError, lang: Lang) -> Failure {
    let code = if e.is_unreadable() { 2 } else { 1 };
    let mut message = super::render(e.message());
    if matches!(e, PrepareError::Rows(_) | PrepareError::Store(_)) {
        message = e.lines(lang).join("\n");
        if let PrepareError::Rows(_) = e {
            message.push('\n');
            message.push_str(&super::render(Message::new("reconcile.fix_rows")));
        }
    }
    Failure { message, code }
}

pub(super) fn write_report(
    cli: &Cli,
    out: &std::path::Path,
    rules: &Rules,
    doc: &ReconciliationDoc,
    lang: Lang,
) -> CliResult {
    outfile::write(out, OutFormat::SHEETS, rules, |tmp, _| {
        report::write_reconciliation(tmp, doc, lang)
    })
    .map_err(|e| refused(cli, e))?;
    output::tell(Message::new("report.wrote").with("path", out.display()));
    Ok(())
}

/// The reconciliation statement as PDF when a kit is given (the file ends in
/// .pdf), else as xlsx / csv.
pub(super) fn write_document(
    cli: &Cli,
    (out, rules, kit): (&std::path::Path, &Rules, Option<&crate::documents::Kit>),
    doc: &ReconciliationDoc,
    session: Option<i64>,
) -> CliResult {
    let Some(kit) = kit else {
        return write_report(cli, out, rules, doc, document_lang(cli));
    };
    let bytes =
        crate::documents::reconciliation_pdf(kit, doc).map_err(super::documents::doc_failure)?;
    super::documents::write_pdf(cli, out, rules, &bytes)?;
    output::tell(match session {
        Some(id) => Message::new("document.reconciliation_wrote")
            .with("path", out.display())
            .with("id", id),
        None => Message::new("report.wrote").with("path", out.display()),
    });
    Ok(())
}

pub(super) fn status_text(id: i64, info: Option<&SessionInfo>, lang: Lang) -> String {
    let confirmed = info.filter(|i| i.status == SessionStatus::Confirmed);
    if let Some(of) = info.and_then(|i| i.recheck_of) {
        return match lang {
            Lang::En => format!("Re-check #{id} of confirmed #{of} (read-only)"),
            Lang::Zh => format!("复核 #{id}（已确认 #{of}，只读）"),
        };
    }
    match (confirmed, lang) {
        (Some(i), Lang::En) => format!(
            "Confirmed #{id} by {} at {}",
            i.confirmed_by.as_deref().unwrap_or(""),
            i.confirmed_at.as_deref().unwrap_or("")
        ),
        (Some(i), Lang::Zh) => format!(
            "已确认 #{id}：{} {}",
            i.confirmed_by.as_deref().unwrap_or(""),
            i.confirmed_at.as_deref().unwrap_or("")
        ),
        (None, Lang::En) => format!("Draft #{id}"),
        (None, Lang::Zh) => format!("草稿 #{id}"),
    }
}

pub(super) fn print_reconciliation(
    format: Format,
    doc: &ReconciliationDoc,
    meta: Value,
    lang: Lang,
) -> CliResult {
    if format == Format::Json {
        let mut value = serde_json::to_value(doc.reconciliation)
            .map_err(|e| Failure::data_msg(Message::new("cli.json").with("detail", e)))?;
        if let (Some(obj), Value::Object(meta)) = (value.as_object_mut(), meta) {
            obj.extend(meta);
        }
        output::raw(&output::to_json(&value)?)?;
        return Ok(());
    }
    let table = report::reconciliation_table(doc, lang);
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    if format == Format::Table {
        output::outln!(
            "{} {} · {} .. {} · {}",
            doc.code,
            doc.name,
            iso(doc.from),
            iso(doc.to),
            doc.statement_file
        )?;
    }
    output::print_rows(format, &headers, &table.rows, &())
}
