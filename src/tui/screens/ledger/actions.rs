//! What the ledger's keys do to the store: allocate (核销), reverse (冲销)
//! and export a statement of account (对账单).

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use super::{Asking, LedgerScreen};
use crate::documents::{configured_kit, customer_statement_pdf};
use crate::domain::date::{iso, parse_date};
use crate::domain::money::Money;
use crate::outfile::{self, Format as OutFormat, OutputError};
use crate::report::write_statement_from;
use crate::store::{AllocateRequest, AllocationLine, EntryRef, Reversal, Target};
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::{Outcome, Status, ask};
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
            return Outcome::error(ctx.t(Msg::NothingOpen));
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
            return Outcome::error(ctx.t(Msg::NothingToAllocate));
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
    pub(super) fn allocate(&mut self, choice: &str, ctx: &mut Ctx) -> Outcome {
        let Some(entry) = self.selected_line().map(|l| l.entry.clone()) else {
            return Outcome::Stay;
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
            Ok(lines) if lines.is_empty() => Outcome::info(ctx.t(Msg::NothingAllocated)),
            Ok(lines) => {
                let text = allocation_text(&lines, entry.id, ctx);
                self.after_write(ctx);
                Outcome::info(text)
            }
            Err(e) => Outcome::error(refusal_text(&e, ctx)),
        }
    }

    pub(super) fn open_reversal(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(line) = self.selected_line() else {
            return Outcome::Stay;
        };
        let e = &line.entry;
        let body = format!(
            "{} {} {}{}{}",
            e.data.kind.label(ctx.lang),
            e.data.doc_no,
            e.data.amount.grouped(),
            crate::tui::i18n::colon(ctx.lang),
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
                (Msg::StatementFilePdf, file),
            ],
        );
        self.asking = Some(Asking::Prompt(PromptFor::Statement));
        ask(prompt)
    }

    /// Runs a dialog's action: what was done, or (`Err`) the reason it was
    /// refused and the dialog should stay (none when a question follows).
    pub(super) fn submit(
        &mut self,
        purpose: PromptFor,
        values: &[String],
        ctx: &mut Ctx,
    ) -> Result<Status, Option<Status>> {
        let value = |i: usize| values.get(i).map(String::as_str).unwrap_or("");
        match purpose {
            PromptFor::Reverse { entry_id } => {
                if value(0).trim().is_empty() {
                    return Err(Some(Status::error(ctx.t(Msg::ReasonRequired))));
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
                        Ok(Status::info(format!(
                            "{}{}{original} → {}",
                            ctx.t(Msg::Reversed),
                            crate::tui::i18n::colon(ctx.lang),
                            added.entry.data.doc_no
                        )))
                    }
                    Err(e) => Err(Some(Status::error(refusal_text(&e, ctx)))),
                }
            }
            PromptFor::Statement => self.export_statement(value(0), value(1), value(2), false, ctx),
        }
    }

    /// An existing file is replaced only with `force` (the user said yes).
    /// What was written, or why not (as [`LedgerScreen::submit`]).
    pub(super) fn export_statement(
        &mut self,
        from: &str,
        to: &str,
        file: &str,
        force: bool,
        ctx: &mut Ctx,
    ) -> Result<Status, Option<Status>> {
        let dates = (parse_date(from), parse_date(to));
        let (from, to) = match dates {
            (Ok(f), Ok(t)) => (f, t),
            (Err(e), _) | (_, Err(e)) => {
                return Err(Some(Status::error(e.text().get(ctx.lang))));
            }
        };
        let path = PathBuf::from(file.trim());
        let rules = tui_outfile::rules(ctx, None, force);
        let format = match outfile::check(&path, OutFormat::SHEETS_OR_PDF, &rules) {
            Ok(format) => format,
            Err(e) => return Err(self.refused(e, from, to, ctx)),
        };
        let statement = match ctx.store.statement(self.customer.id, from, to) {
            Ok(s) => s,
            Err(e) => return Err(Some(Status::error(refusal_text(&e, ctx)))),
        };
        let lang = ctx.lang;
        // Headed by our company, as the CLI's: the PDF needs it set.
        let written = if format == OutFormat::Pdf {
            let store = &ctx.store;
            let pdf = configured_kit(store, lang)
                .and_then(|kit| customer_statement_pdf(store, &kit, self.customer.id, &statement));
            let bytes = match pdf {
                Ok(bytes) => bytes,
                Err(e) => return Err(Some(Status::error(e.message().text(lang)))),
            };
            outfile::write(&path, OutFormat::PDF, &rules, |tmp, _| {
                std::fs::write(tmp, &bytes)
            })
        } else {
            let company = match ctx.store.company() {
                Ok(company) => company,
                Err(e) => return Err(Some(Status::error(refusal_text(&e, ctx)))),
            };
            outfile::write(&path, OutFormat::SHEETS, &rules, |tmp, _| {
                write_statement_from(tmp, &statement, &company, lang)
            })
        };
        match written {
            Ok(path) => {
                // The full path: a relative name lands in the folder kehu was started in.
                let shown = std::path::absolute(&path).unwrap_or(path);
                Ok(Status::info(format!(
                    "{}{}{}",
                    ctx.t(Msg::StatementWritten),
                    crate::tui::i18n::colon(ctx.lang),
                    shown.display()
                )))
            }
            Err(e) => Err(self.refused(e, from, to, ctx)),
        }
    }

    /// A refused file: an existing one asks to be replaced, anything else says why.
    fn refused(
        &mut self,
        e: OutputError,
        from: NaiveDate,
        to: NaiveDate,
        ctx: &Ctx,
    ) -> Option<Status> {
        match Overwrite::ask(&e, ctx) {
            Some(o) => self.overwrite = Some((o, iso(from), iso(to))),
            None => return Some(Status::error(e.text(ctx.lang))),
        }
        None
    }

    /// After a write: the entries, figures and the list's row are re-read.
    /// Every caller then says what was written, which replaced any error
    /// from re-reading, so those are not returned.
    fn after_write(&mut self, ctx: &mut Ctx) {
        let _ = self.reload(ctx);
        let _ = ctx.refresh_customer(self.customer.id);
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
    format!(
        "{}{}{}",
        ctx.t(Msg::AllocatedTo),
        crate::tui::i18n::colon(ctx.lang),
        parts.join(", ")
    )
}
