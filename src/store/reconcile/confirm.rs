//! Confirming a session (确认): in one transaction the latest state is
//! saved, the session becomes read-only, and the customer's ledger is locked
//! up to the period's end, so entries inside it can only be reversed.
//!
//! The rules: a session closes when every difference is explained (a note or
//! an adjusting entry) or nothing is left unexplained. One that does not
//! close is confirmed only with a reason (and, once operators exist, by a
//! supervisor); the reason is kept on the session and in its audit row. A
//! period a confirmed session already covers is not confirmed again.

use rusqlite::params;

use super::super::control::allowed;
use super::super::ledger::{confirm_until_in, load_confirmed_until};
use super::super::{Result, Store, now_text};
use super::SessionInfo;
use super::load::{load_session, session_info};
use super::refused;
use super::save::{audit, save_in, writable};
use crate::domain::date::iso;
use crate::domain::money::Money;
use crate::domain::permission::Permission;
use crate::reconcile::Reconciliation;

impl Store {
    /// Confirms the draft `id`, first writing `latest` over it when given.
    /// Refused when it does not close (confirm it with a reason instead,
    /// `confirm_reconciliation_because`) or re-checks a confirmed period.
    pub fn confirm_reconciliation(
        &mut self,
        id: i64,
        latest: Option<&Reconciliation>,
    ) -> Result<SessionInfo> {
        self.confirm_reconciliation_because(id, latest, None)
    }

    /// Confirms the draft `id` as `confirm_reconciliation` does; a session
    /// that does not close needs `reason` (and a supervisor once operators
    /// exist). Returns the session as confirmed (by the store's operator, now).
    pub fn confirm_reconciliation_because(
        &mut self,
        id: i64,
        latest: Option<&Reconciliation>,
        reason: Option<&str>,
    ) -> Result<SessionInfo> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        self.require(Permission::EditLedger)?;
        let tx = self.conn.transaction()?;
        writable(&tx, id)?;
        let info = session_info(&tx, id)?;
        if let Some(recon) = latest {
            save_in(&tx, &self.operator, Some(id), &info.source(), recon)?;
        }
        let unexplained = load_session(&tx, id)?
            .reconciliation
            .unexplained_difference();
        let closes = unexplained == Money::ZERO;
        if !closes && reason.is_none() {
            return Err(does_not_close(id, unexplained));
        }
        if !closes && !allowed(&self.control, Permission::ConfirmUnclosed) {
            drop(tx);
            return Err(self.refusal(Permission::ConfirmUnclosed));
        }
        // The lock only moves forward: an older period inside it is covered.
        let locked = load_confirmed_until(&tx, info.customer_id)?;
        if locked.is_none_or(|until| until < info.to) {
            confirm_until_in(&tx, &self.operator, &info.code, info.to)?;
        }
        let now = now_text();
        let kept_reason = if closes { None } else { reason };
        tx.prepare_cached(
            "UPDATE reconcile_session SET status = 'confirmed', confirmed_by = ?2, confirmed_at = ?3,
                 confirm_reason = ?4, updated_at = ?3 WHERE id = ?1",
        )?
        .execute(params![id, self.operator, now, kept_reason])?;
        let mut detail = format!("{} .. {}", iso(info.from), iso(info.to));
        if let Some(reason) = kept_reason {
            detail.push_str(&format!(
                "; does not close, {} unexplained; reason: {reason}",
                unexplained.grouped()
            ));
        }
        audit(
            &tx,
            id,
            info.customer_id,
            "confirm",
            Some(&detail),
            &self.operator,
            &now,
        )?;
        let confirmed = session_info(&tx, id)?;
        tx.commit()?;
        Ok(confirmed)
    }
}

fn does_not_close(id: i64, unexplained: Money) -> super::super::StoreError {
    let amount = unexplained.grouped();
    refused(
        "reconcile.does_not_close",
        format!(
            "Reconciliation #{id} does not close: {amount} is unexplained. Explain every difference \
             (a note or an adjusting entry), or confirm it anyway with a reason (--reason), which \
             needs a supervisor once operators are defined."
        ),
        format!(
            "对账 #{id} 调节后不符：尚有 {amount} 未说明。请说明每一项差异（备注或调整分录），\
             或写明理由后仍然确认（--reason）；设有操作员时须由主管确认。"
        ),
    )
}
