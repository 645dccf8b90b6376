//! The reconciliation's writes: saving the draft, confirming, booking an
//! adjusting entry from a difference, exporting the reconciliation statement.

use std::path::PathBuf;

use super::actions::{ConfirmFor, engine_error};
use super::{Bench, Who};
use crate::domain::date::{iso, parse_date};
use crate::outfile::{self, Format as OutFormat};
use crate::reconcile::Side;
use crate::report::{ReconciliationDoc, write_reconciliation};
use crate::store::SessionStatus;
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::outfile::{self as tui_outfile, Overwrite};
use crate::tui::screens::Outcome;

impl Bench {
    /// Saves the draft; false (with the reason shown) when refused.
    pub(super) fn save(&mut self, ctx: &mut Ctx, who: &Who) -> bool {
        match ctx
            .store
            .save_reconciliation(self.session, &self.source, &self.recon)
        {
            Ok(id) => {
                self.session = Some(id);
                self.dirty = false;
                ctx.info(format!("{} #{id} · {}", ctx.t(Msg::DraftSaved), who.code));
                true
            }
            Err(e) => {
                ctx.error(refusal_text(&e, ctx));
                false
            }
        }
    }

    pub(super) fn confirmed(&mut self, purpose: ConfirmFor, ctx: &mut Ctx, who: &Who) -> Outcome {
        match purpose {
            ConfirmFor::Leave => Outcome::Pop,
            ConfirmFor::Overwrite => {
                if let Some(file) = self.overwrite_file.take()
                    && self.export(&file.to_string_lossy(), true, ctx, who)
                {
                    // Written: the export prompt below closes too.
                    self.prompt_for = None;
                    return Outcome::CloseBelow;
                }
                Outcome::Stay
            }
            ConfirmFor::Confirm => {
                if self.session.is_none() && !self.save(ctx, who) {
                    return Outcome::Stay;
                }
                let Some(id) = self.session else {
                    return Outcome::Stay;
                };
                match ctx.store.confirm_reconciliation(id, Some(&self.recon)) {
                    Ok(info) => {
                        self.status = SessionStatus::Confirmed;
                        self.dirty = false;
                        self.marked.clear();
                        ctx.refresh_customer(who.id);
                        ctx.info(format!(
                            "{} #{id} · {} {}",
                            ctx.t(Msg::ReconConfirmed),
                            info.confirmed_by.unwrap_or_default(),
                            iso(info.to)
                        ));
                    }
                    Err(e) => ctx.error(refusal_text(&e, ctx)),
                }
                Outcome::Stay
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
    ) -> bool {
        if reason.is_empty() {
            ctx.error(ctx.t(Msg::ReasonRequired));
            return false;
        }
        let date = match parse_date(date) {
            Ok(d) => d,
            Err(e) => {
                ctx.error(e.text().get(ctx.lang).to_string());
                return false;
            }
        };
        if let Err(e) = self.recon.set_note(side, id, reason) {
            engine_error(&e, ctx);
            return false;
        }
        // The adjustment is linked to a saved session.
        if self.session.is_none() && !self.save(ctx, who) {
            return false;
        }
        let Some(session) = self.session else {
            return false;
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
                ctx.refresh_customer(who.id);
                ctx.info(format!(
                    "{}: {} {}",
                    ctx.t(Msg::AdjustmentBooked),
                    adjusted.entry.data.doc_no,
                    adjusted.amount.grouped()
                ));
                true
            }
            Err(e) => {
                self.dirty = true;
                ctx.error(refusal_text(&e, ctx));
                false
            }
        }
    }

    /// An existing file is replaced only with `force` (the user said yes).
    pub(super) fn export(&mut self, file: &str, force: bool, ctx: &mut Ctx, who: &Who) -> bool {
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
                ctx.info(format!(
                    "{}: {}",
                    ctx.t(Msg::ReportWritten),
                    shown.display()
                ));
                true
            }
            Err(e) => {
                match Overwrite::ask(&e, ctx) {
                    Some(o) => {
                        self.overwrite_file = Some(o.file);
                        self.ask_confirm(ConfirmFor::Overwrite, o.confirm);
                    }
                    None => ctx.error(e.text(ctx.lang)),
                }
                false
            }
        }
    }
}
