//! The report of an invoice import as lines of the message table, for the
//! CLI to print and the TUI's result step to show: one wording for both.

use super::{InvoiceProblem, InvoiceReport};
use crate::domain::{Lang, Severity};
use crate::messages::Message;

/// The report as the CLI prints it, line by line (the TUI's result step
/// shows the same lines): at most `max_problems` problems, then how many more.
pub fn summary(report: &InvoiceReport, lang: Lang, max_problems: usize) -> Vec<Message> {
    let mut lines = Vec::new();
    let mut say = |m: Message| lines.push(m);
    say(Message::new("invoice.summary").with("files", report.files.join(", ")));
    let result = if report.dry_run {
        "invoice.summary.result_dry"
    } else {
        "invoice.summary.result"
    };
    say(Message::new(result)
        .with("invoices", report.invoices)
        .with("taken", report.taken)
        .with("credit_notes", report.credit_notes)
        .with("already", report.already_imported)
        .with("voided_skipped", report.voided_skipped)
        .with("voided_reversed", report.voided_reversed)
        .with("other", report.other_seller.len())
        .with("rejected", report.rejected)
        .with("warnings", report.warnings));
    for c in &report.created_customers {
        say(Message::new("invoice.summary.created")
            .with("code", &c.code)
            .with("name", &c.name)
            .with("tax_id", &c.tax_id)
            .with("number", &c.number));
    }
    for b in &report.found_by_name {
        say(Message::new("invoice.summary.by_name")
            .with("number", &b.number)
            .with("code", &b.code)
            .with("name", &b.buyer_name)
            .with("tax_id", &b.buyer_tax_id));
    }
    for o in &report.other_seller {
        let code = if o.row == 0 {
            "invoice.summary.other_seller_file"
        } else {
            "invoice.summary.other_seller"
        };
        say(Message::new(code)
            .with("number", &o.number)
            .with("file", &o.file)
            .with("row", o.row)
            .with("seller", &o.seller_name)
            .with("seller_tax_id", &o.seller_tax_id));
    }
    for p in report.problems.iter().take(max_problems) {
        say(problem_line(p, lang));
    }
    if report.problems.len() > max_problems {
        say(Message::new("import.more_problems").with("more", report.problems.len() - max_problems));
    }
    if report.dry_run {
        say(Message::new("import.summary.dry_run"));
    } else if let Some(batch) = report.batch {
        say(Message::new("import.summary.batch").with("batch", batch));
    }
    lines
}

fn problem_line(p: &InvoiceProblem, lang: Lang) -> Message {
    let severity = match p.severity {
        Severity::Error => "invoice.severity.error",
        Severity::Warning => "invoice.severity.warning",
    };
    // An XML file has no rows: its problems name the element.
    let code = if p.row == 0 {
        "invoice.summary.problem_file"
    } else {
        "invoice.summary.problem"
    };
    Message::new(code)
        .with_msg("severity", Message::new(severity))
        .with("file", &p.file)
        .with("row", p.row)
        .with("column", &p.column)
        .with("number", &p.number)
        .with("message", p.message.get(lang))
        .with("code", p.code)
}
