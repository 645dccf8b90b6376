//! Confirming a session (确认): in one transaction the latest state is
//! saved, the session becomes read-only, and the customer's ledger is locked
//! up to the period's end, so entries inside it can only be reversed.

use rusqlite::params;

use super::super::ledger::{confirm_until_in, load_confirmed_until};
use super::super::{Result, Store, now_text};
use super::SessionInfo;
use super::load::session_info;
use super::save::{audit, save_in, writable};
use crate::domain::date::iso;
use crate::reconcile::Reconciliation;

impl Store {
    /// Confirms the draft `id`, first writing `latest` over it when given.
    /// Returns the session as confirmed (by the store's operator, now).
    pub fn confirm_reconciliation(
        &mut self,
        id: i64,
        latest: Option<&Reconciliation>,
    ) -> Result<SessionInfo> {
        let tx = self.conn.transaction()?;
        writable(&tx, id)?;
        let info = session_info(&tx, id)?;
        if let Some(recon) = latest {
            save_in(&tx, &self.operator, Some(id), &info.source(), recon)?;
        }
        // The lock only moves forward: an older period inside it is covered.
        let locked = load_confirmed_until(&tx, info.customer_id)?;
        if locked.is_none_or(|until| until < info.to) {
            confirm_until_in(&tx, &self.operator, &info.code, info.to)?;
        }
        let now = now_text();
        tx.prepare_cached(
            "UPDATE reconcile_session SET status = 'confirmed', confirmed_by = ?2, confirmed_at = ?3,
                 updated_at = ?3 WHERE id = ?1",
        )?
        .execute(params![id, self.operator, now])?;
        let detail = format!("{} .. {}", iso(info.from), iso(info.to));
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
