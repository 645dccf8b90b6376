//! What the ledger's keys do to the store: allocate (核销), reverse (冲销)
//! and export a statement of account (对账单).

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use super::export::ExportError;
use super::{Asking, LedgerScreen};
use crate::domain::date::{iso, parse_date};
use crate::domain::money::Money;
use crate::outfile::OutputError;
use crate::store::{AllocateRequest, AllocationLine, EntryRef, Reversal, Target};
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::{Outcome, ask};
use crate::tui::i18n::Msg;
use crate::tui::outfile::{self as tui_outfile, Overwrite};
use crate::tui::widgets::picker::{Item, Picker};
use crate::tui::widgets::prompt::Prompt;

/// What an open dialog is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptFor {
    Reverse { entry_id: i64 },
    Statement,
}

impl LedgerScreen {
    /// A picker of the open entries on the other side of the selected one,
    /// oldest first, with "oldest first" itself on top as the default.
    pub(super) fn open_allocation(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(line) = self.selected_line() else {
            return Outcome::Stay;
        };
        let open = line.entry.outstanding;
        if open == Money::ZERO {
            ctx.error(ctx.t(Msg::NothingOpen));
            return Outcome::Stay;
        }
        let other_side: Vec<Item> = self
            .lines
            .iter()
            .filter(|l| {
                let o = l.entry.outstanding;
                if open > Money::ZERO {
                    o < Money::ZERO
                } else {
                    o > Money::ZERO
                }
            })
            .map(|l| {
                let e = &l.entry;
                Item::new(
                    e.id.to_string(),
                    format!(
                        "{} {} {}  {}",
                        iso(e.data.date),
                        e.data.kind.label(ctx.lang),
                        e.data.doc_no,
                        e.outstanding.grouped()
                    ),
                )
            })
            .collect();
        if other_side.is_empty() {
            ctx.error(ctx.t(Msg::NothingToAllocate));
            return Outcome::Stay;
        }
        let mut items = vec![Item::new("", ctx.t(Msg::OldestFirst))];
        items.extend(other_side);
        let open_amount = Money::from_fen(open.fen().saturating_abs());
        let title = format!(
            "{} {} {}",
            line.entry.data.doc_no,
            ctx.t(Msg::AllocateTitle),
            open_amount.grouped()
        );
        self.asking = Some(Asking::Allocate);
        ask(Picker::new(title, items, None))
    }

    /// `choice`: "" for oldest first, else the id of the entry to allocate against.
    pub(super) fn allocate(&mut self, choice: &str, ctx: &mut Ctx) {
        let Some(entry) = self.selected_line().map(|l| l.entry.clone()) else {
            return;
        };
        let targets = match choice.parse::<i64>() {
            Ok(id) => vec![Target {
                entry: EntryRef::Id(id),
                amount: None,
            }],
            Err(_) => Vec::new(),
        };
        let request = AllocateRequest::From {
            entry: EntryRef::Id(entry.id),
            targets,
        };
        let code = self.customer.data.code.clone();
        match ctx.store.allocate(&code, &request) {
            Ok(lines) if lines.is_empty() => ctx.info(ctx.t(Msg::NothingAllocated)),
            Ok(lines) => {
                let text = allocation_text(&lines, entry.id, ctx);
                self.after_write(ctx);
                ctx.info(text);
            }
            Err(e) => ctx.error(refusal_text(&e, ctx)),
        }
    }

    pub(super) fn open_reversal(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(line) = self.selected_line() else {
            return Outcome::Stay;
        };
        let e = &line.entry;
        let body = format!(
            "{} {} {}: {}",
            e.data.kind.label(ctx.lang),
            e.data.doc_no,
            e.data.amount.grouped(),
            ctx.t(Msg::ReverseBody)
        );
        let prompt = Prompt::new(
            Msg::ReverseTitle,
            body,
            &[
                (Msg::Reason, String::new()),
                (Msg::ColDate, iso(ctx.today.max(e.data.date))),
            ],
        );
        self.asking = Some(Asking::Prompt(PromptFor::Reverse { entry_id: e.id }));
        ask(prompt)
    }

    pub(super) fn open_statement(&mut self, ctx: &mut Ctx) -> Outcome {
        let to = ctx.today;
        let from = NaiveDate::from_ymd_opt(to.year(), 1, 1).unwrap_or(to);
        let code = &self.customer.data.code;
        let file = match ctx.lang {
            crate::domain::Lang::Zh => format!("对账单-{code}-{}.xlsx", iso(to)),
            crate::domain::Lang::En => format!("statement-{code}-{}.xlsx", iso(to)),
        };
        let body = format!("{code} {}", self.customer.data.name);
        let prompt = Prompt::new(
            Msg::StatementTitle,
            body,
            &[
                (Msg::StatementFrom, iso(from)),
                (Msg::StatementTo, iso(to)),
                (Msg::StatementFile, file),
            ],
        );
        self.asking = Some(Asking::Prompt(PromptFor::Statement));
        ask(prompt)
    }

    /// Runs a dialog's action; false (with the reason on the status line)
    /// when it was refused and the dialog should stay.
    pub(super) fn submit(&mut self, purpose: PromptFor, values: &[String], ctx: &mut Ctx) -> bool {
        let value = |i: usize| values.get(i).map(String::as_str).unwrap_or("");
        match purpose {
            PromptFor::Reverse { entry_id } => {
                if value(0).trim().is_empty() {
                    ctx.error(ctx.t(Msg::ReasonRequired));
                    return false;
                }
                let reversal = Reversal {
                    date: value(1).to_string(),
                    doc_no: None,
                    reason: value(0).to_string(),
                };
                let code = self.customer.data.code.clone();
                let original = self
                    .lines
                    .iter()
                    .find(|l| l.entry.id == entry_id)
                    .map(|l| l.entry.data.doc_no.clone())
                    .unwrap_or_default();
                match ctx
                    .store
                    .reverse_entry(&code, &EntryRef::Id(entry_id), &reversal)
                {
                    Ok(added) => {
                        self.after_write(ctx);
                        ctx.info(format!(
                            "{}: {original} → {}",
                            ctx.t(Msg::Reversed),
                            added.entry.data.doc_no
                        ));
                        true
                    }
                    Err(e) => {
                        ctx.error(refusal_text(&e, ctx));
                        false
                    }
                }
            }
            PromptFor::Statement => self.export_statement(value(0), value(1), value(2), false, ctx),
        }
    }

    /// An existing file is replaced only with `force` (the user said yes).
    pub(super) fn export_statement(
        &mut self,
        from: &str,
        to: &str,
        file: &str,
        force: bool,
        ctx: &mut Ctx,
    ) -> bool {
        let dates = (parse_date(from), parse_date(to));
        let (from, to) = match dates {
            (Ok(f), Ok(t)) => (f, t),
            (Err(e), _) | (_, Err(e)) => {
                ctx.error(e.text().get(ctx.lang).to_string());
                return false;
            }
        };
        let path = PathBuf::from(file.trim());
        let rules = tui_outfile::rules(ctx, None, force);
        let customer = (self.customer.id, self.customer.data.code.as_str());
        match super::export::write(&ctx.store, customer, (from, to), &path, &rules, ctx.lang) {
            Ok(path) => {
                // The full path: a relative name lands in the folder kehu was started in.
                let shown = std::path::absolute(&path).unwrap_or(path);
                ctx.info(format!(
                    "{}: {}",
                    ctx.t(Msg::StatementWritten),
                    shown.display()
                ));
                true
            }
            Err(ExportError::Output(e)) => {
                self.refused(e, from, to, ctx);
                false
            }
            Err(ExportError::Store(e)) => {
                ctx.error(refusal_text(&e, ctx));
                false
            }
            Err(ExportError::Document(e)) => {
                ctx.error(e.message().text(ctx.lang));
                false
            }
        }
    }

    /// A refused file: an existing one asks to be replaced, anything else says why.
    fn refused(&mut self, e: OutputError, from: NaiveDate, to: NaiveDate, ctx: &mut Ctx) {
        match Overwrite::ask(&e, ctx) {
            Some(o) => self.overwrite = Some((o, iso(from), iso(to))),
            None => ctx.error(e.text(ctx.lang)),
        }
    }

    /// After a write: the entries, figures and the list's row are re-read.
    fn after_write(&mut self, ctx: &mut Ctx) {
        self.reload(ctx);
        ctx.refresh_customer(self.customer.id);
    }
}

/// "allocated: FP-0001 12,000.00, FP-0002 8,000.00" — the other side of `from`.
fn allocation_text(lines: &[AllocationLine], from: i64, ctx: &Ctx) -> String {
    let parts: Vec<String> = lines
        .iter()
        .map(|a| {
            let doc = if a.credit_id == from {
                &a.debit_doc
            } else {
                &a.credit_doc
            };
            format!("{doc} {}", a.amount.grouped())
        })
        .collect();
    format!("{}: {}", ctx.t(Msg::AllocatedTo), parts.join(", "))
}
