//! The reconciliation's writes: saving the draft, confirming, booking an
//! adjusting entry from a difference, exporting the reconciliation statement.

use std::path::PathBuf;

use super::actions::{ConfirmFor, Done, engine_error};
use super::{Bench, Who};
use crate::domain::date::{iso, parse_date};
use crate::outfile::{self, Format as OutFormat};
use crate::reconcile::Side;
use crate::report::{ReconciliationDoc, write_reconciliation};
use crate::store::SessionStatus;
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::Status;
use crate::tui::i18n::Msg;
use crate::tui::outfile::{self as tui_outfile, Overwrite};
use crate::tui::screens::Outcome;

impl Bench {
    /// Saves the draft: what to say, saved (`Ok`) or refused (`Err`).
    pub(super) fn save(&mut self, ctx: &mut Ctx, who: &Who) -> Result<Status, Status> {
        match ctx
            .store
            .save_reconciliation(self.session, &self.source, &self.recon)
        {
            Ok(id) => {
                self.session = Some(id);
                self.dirty = false;
                Ok(Status::info(format!(
                    "{} #{id} · {}",
                    ctx.t(Msg::DraftSaved),
                    who.code
                )))
            }
            Err(e) => Err(Status::error(refusal_text(&e, ctx))),
        }
    }

    pub(super) fn confirmed(&mut self, purpose: ConfirmFor, ctx: &mut Ctx, who: &Who) -> Outcome {
        match purpose {
            ConfirmFor::Leave => Outcome::Pop,
            ConfirmFor::Overwrite => {
                let Some(file) = self.overwrite_file.take() else {
                    return Outcome::Stay;
                };
                match self.export(&file.to_string_lossy(), true, ctx, who) {
                    Ok(said) => {
                        // Written: the export prompt below closes too.
                        self.prompt_for = None;
                        Outcome::CloseBelow.saying(said)
                    }
                    Err(said) => Outcome::Stay.saying(said),
                }
            }
            ConfirmFor::Confirm => {
                // What the confirmation says replaces "saved".
                if self.session.is_none()
                    && let Err(refused) = self.save(ctx, who)
                {
                    return refused.into();
                }
                let Some(id) = self.session else {
                    return Outcome::Stay;
                };
                match ctx.store.confirm_reconciliation(id, Some(&self.recon)) {
                    Ok(info) => {
                        self.status = SessionStatus::Confirmed;
                        self.dirty = false;
                        self.marked.clear();
                        // What was confirmed is said, which replaced a failed refresh.
                        let _ = ctx.refresh_customer(who.id);
                        Outcome::info(format!(
                            "{} #{id} · {} {}",
                            ctx.t(Msg::ReconConfirmed),
                            info.confirmed_by.unwrap_or_default(),
                            iso(info.to)
                        ))
                    }
                    Err(e) => Outcome::error(refusal_text(&e, ctx)),
                }
            }
        }
    }

    pub(super) fn adjust(
        &mut self,
        side: Side,
        id: usize,
        reason: &str,
        date: &str,
        ctx: &mut Ctx,
        who: &Who,
    ) -> Done {
        if reason.is_empty() {
            return Err(Some(Status::error(ctx.t(Msg::ReasonRequired))));
        }
        let date = match parse_date(date) {
            Ok(d) => d,
            Err(e) => return Err(Some(Status::error(e.text().get(ctx.lang)))),
        };
        if let Err(e) = self.recon.set_note(side, id, reason) {
            return Err(Some(engine_error(&e, ctx)));
        }
        // The adjustment is linked to a saved session ("saved" is replaced
        // by what the adjustment says).
        if self.session.is_none()
            && let Err(refused) = self.save(ctx, who)
        {
            return Err(Some(refused));
        }
        let Some(session) = self.session else {
            return Err(None);
        };
        match ctx
            .store
            .adjust_reconciliation(session, &mut self.recon, side, id, Some(date))
        {
            Ok(adjusted) => {
                self.dirty = false;
                self.kinds
                    .insert(adjusted.entry.id as usize, adjusted.entry.data.kind);
                self.refresh();
                let _ = ctx.refresh_customer(who.id);
                Ok(Some(Status::info(format!(
                    "{}{}{} {}",
                    ctx.t(Msg::AdjustmentBooked),
                    crate::tui::i18n::colon(ctx.lang),
                    adjusted.entry.data.doc_no,
                    adjusted.amount.grouped()
                ))))
            }
            Err(e) => {
                self.dirty = true;
                Err(Some(Status::error(refusal_text(&e, ctx))))
            }
        }
    }

    /// An existing file is replaced only with `force` (the user said yes).
    pub(super) fn export(&mut self, file: &str, force: bool, ctx: &Ctx, who: &Who) -> Done {
        let path = PathBuf::from(file);
        let status = match (self.session, self.status) {
            (Some(id), SessionStatus::Confirmed) => {
                format!("#{id} {}", ctx.t(Msg::ConfirmedStatus))
            }
            (Some(id), SessionStatus::Draft) => format!("#{id} {}", ctx.t(Msg::Draft)),
            (None, _) => String::new(),
        };
        let doc = ReconciliationDoc {
            code: &who.code,
            name: &who.name,
            from: self.source.from,
            to: self.source.to,
            statement_file: &self.source.file_name,
            status,
            reconciliation: &self.recon,
        };
        let rules = tui_outfile::rules(ctx, self.statement.as_deref(), force);
        let written = outfile::write(&path, OutFormat::SHEETS, &rules, |tmp, _| {
            write_reconciliation(tmp, &doc, ctx.lang)
        });
        match written {
            Ok(path) => {
                let shown = std::path::absolute(&path).unwrap_or(path);
                Ok(Some(Status::info(format!(
                    "{}{}{}",
                    ctx.t(Msg::ReportWritten),
                    crate::tui::i18n::colon(ctx.lang),
                    shown.display()
                ))))
            }
            Err(e) => match Overwrite::ask(&e, ctx) {
                Some(o) => {
                    self.overwrite_file = Some(o.file);
                    self.ask_confirm(ConfirmFor::Overwrite, o.confirm);
                    Err(None)
                }
                None => Err(Some(Status::error(e.text(ctx.lang)))),
            },
        }
    }
}
