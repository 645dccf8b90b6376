//! `kehu reconcile history CODE`, `show SESSION`, `confirm SESSION`: the
//! saved reconciliations of a customer.

use crate::messages::Message;
use std::path::PathBuf;

use serde_json::{Value, json};

use super::super::documents;
use super::super::documents::document_lang;
use super::super::ledger::customer_id;
use super::super::{Cli, CliResult, Failure, Format, open_store, output};
use super::{closes, print_reconciliation, status_text, write_document};
use crate::cli::import::lang as screen_lang;
use crate::domain::date::iso;
use crate::report::ReconciliationDoc;
use crate::store::{Session, Store};

pub(super) fn history(cli: &Cli, code: &str, format: Format) -> CliResult {
    let store = open_store(cli)?;
    let sessions = store.reconciliations(customer_id(&store, code)?)?;
    let rows: Vec<Vec<String>> = sessions
        .iter()
        .map(|s| {
            vec![
                s.id.to_string(),
                iso(s.from),
                iso(s.to),
                match s.recheck_of {
                    Some(of) => format!("re-check of #{of}"),
                    None => s.status.key().to_string(),
                },
                s.our_balance.to_string(),
                s.their_balance.to_string(),
                s.unexplained_difference.to_string(),
                s.file_name.clone(),
                s.confirmed_by.clone().unwrap_or_default(),
                s.confirmed_at.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::print_rows(
        format,
        &[
            "session",
            "from",
            "to",
            "status",
            "our_balance",
            "their_balance",
            "unexplained_difference",
            "statement",
            "confirmed_by",
            "confirmed_at",
        ],
        &rows,
        &sessions,
    )
}

fn session_json(store: &Store, id: i64) -> Result<(Session, Value), Failure> {
    let session = store.reconciliation(id)?;
    let meta = json!({
        "customer": { "code": session.info.code, "name": session.info.name },
        "from": iso(session.info.from),
        "to": iso(session.info.to),
        "statement": { "file": session.info.file_name, "sha256": session.info.file_hash },
        "sign_convention": session.info.sign.key(),
        "session": session.info.id,
        "status": session.info.status.key(),
        "confirmed_by": session.info.confirmed_by,
        "confirmed_at": session.info.confirmed_at,
        "confirm_reason": session.info.confirm_reason,
        "recheck_of": session.info.recheck_of,
        "adjustments": session.info.adjustments,
    });
    Ok((session, meta))
}

pub(super) fn show(
    cli: &Cli,
    id: i64,
    out: Option<&PathBuf>,
    force: bool,
    format: Format,
) -> CliResult {
    let rules = super::super::outfiles::rules(cli, force)?;
    let mut kind = None;
    if let Some(out) = out {
        kind = Some(
            crate::outfile::check(out, crate::outfile::Format::SHEETS_OR_PDF, &rules)
                .map_err(|e| super::super::outfiles::refused(cli, e))?,
        );
    }
    let store = open_store(cli)?;
    let (session, meta) = session_json(&store, id)?;
    let info = &session.info;
    let doc = ReconciliationDoc {
        code: &info.code,
        name: &info.name,
        from: info.from,
        to: info.to,
        statement_file: &info.file_name,
        status: status_text(id, Some(info), document_lang(cli)),
        reconciliation: &session.reconciliation,
    };
    if let Some(out) = out {
        let kit = match kind {
            Some(crate::outfile::Format::Pdf) => Some(documents::kit(cli, &store)?),
            _ => None,
        };
        write_document(cli, (out, &rules, kit.as_ref()), &doc, Some(id))?;
    }
    print_reconciliation(format, &doc, meta, screen_lang(cli))?;
    closes(&session.reconciliation)
}

pub(super) fn confirm(cli: &Cli, id: i64, reason: Option<&str>, format: Format) -> CliResult {
    let mut store = open_store(cli)?;
    let info = store.confirm_reconciliation_because(id, None, reason)?;
    if format == Format::Json {
        output::raw(&output::to_json(&info)?)?;
    } else {
        output::say(
            Message::new("reconcile.confirmed")
                .with("id", id)
                .with("code", &info.code)
                .with("name", &info.name)
                .with("from", iso(info.from))
                .with("to", iso(info.to)),
        )?;
    }
    Ok(())
}
