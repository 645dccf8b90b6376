//! Undoing a merge as one step: the moved entries and sessions go back, the
//! kept customer's taken fields get their old values, the dropped customer
//! its status and no pointer, the kept one's ledger lock its old date.
//! Refused once anything new touched either customer after the merge (an
//! audit row of any trail about them, or a later merge involving them).

use rusqlite::{Connection, OptionalExtension, params};

use super::control::{Event, record_event};
use super::customers::find;
use super::ledger::refresh as refresh_account;
use super::merge::{Unmerged, customer_code};
use super::writer::{SimilarScan, Writer};
use super::{Result, Store, StoreError};
use crate::domain::customer::Status;
use crate::domain::field::FieldValues;
use crate::domain::permission::Permission;
use crate::messages::Message;

struct Recorded {
    kept_id: i64,
    dropped_id: i64,
    kept_before: String,
    dropped_status: String,
    kept_lock_before: Option<String>,
    audit_last: i64,
    ledger_audit_last: i64,
    reconcile_audit_last: i64,
    undone_at: Option<String>,
}

fn recorded(conn: &Connection, id: i64) -> Result<Option<Recorded>> {
    Ok(conn
        .query_row(
            "SELECT kept_id, dropped_id, kept_before, dropped_status, kept_lock_before, audit_last,
                    ledger_audit_last, reconcile_audit_last, undone_at
             FROM customer_merge WHERE id = ?1",
            [id],
            |r| {
                Ok(Recorded {
                    kept_id: r.get(0)?,
                    dropped_id: r.get(1)?,
                    kept_before: r.get(2)?,
                    dropped_status: r.get(3)?,
                    kept_lock_before: r.get(4)?,
                    audit_last: r.get(5)?,
                    ledger_audit_last: r.get(6)?,
                    reconcile_audit_last: r.get(7)?,
                    undone_at: r.get(8)?,
                })
            },
        )
        .optional()?)
}

/// The first thing that touched either customer after the merge, as
/// (when, what), if anything did.
fn touched_since(conn: &Connection, id: i64, m: &Recorded) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT at, what FROM (
                 SELECT at, 'customer ' || action || ' ' || field AS what FROM audit
                 WHERE id > ?3 AND customer_id IN (?1, ?2)
                 UNION ALL SELECT at, 'ledger ' || action FROM ledger_audit
                 WHERE id > ?4 AND customer_id IN (?1, ?2)
                 UNION ALL SELECT at, 'reconciliation ' || action FROM reconcile_audit
                 WHERE id > ?5 AND customer_id IN (?1, ?2)
                 UNION ALL SELECT at, 'merge ' || id FROM customer_merge
                 WHERE id > ?6 AND undone_at IS NULL
                   AND (kept_id IN (?1, ?2) OR dropped_id IN (?1, ?2)))
             ORDER BY at LIMIT 1",
            params![
                m.kept_id,
                m.dropped_id,
                m.audit_last,
                m.ledger_audit_last,
                m.reconcile_audit_last,
                id
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Moves the rows the merge moved back to the dropped customer.
fn move_back(conn: &Connection, id: i64, kind: &str, table: &str, to: i64) -> Result<usize> {
    Ok(conn.execute(
        &format!(
            "UPDATE {table} SET customer_id = ?3 WHERE id IN
             (SELECT row_id FROM customer_merge_moved WHERE merge_id = ?1 AND kind = ?2)"
        ),
        params![id, kind, to],
    )?)
}

impl Store {
    /// Undoes merge `id` in one transaction, audited (`unmerge`).
    pub fn undo_merge(&mut self, id: i64) -> Result<Unmerged> {
        self.require(Permission::MergeCustomers)?;
        let tx = self.conn.transaction()?;
        let m = recorded(&tx, id)?
            .ok_or_else(|| StoreError::Coded(Message::new("merge.not_found").with("merge", id)))?;
        if let Some(at) = &m.undone_at {
            return Err(StoreError::Coded(
                Message::new("merge.already_undone")
                    .with("merge", id)
                    .with("at", at),
            ));
        }
        let kept_code = customer_code(&tx, m.kept_id)?;
        let dropped_code = customer_code(&tx, m.dropped_id)?;
        if let Some((at, what)) = touched_since(&tx, id, &m)? {
            return Err(StoreError::Coded(
                Message::new("merge.undo_blocked")
                    .with("merge", id)
                    .with("keep", &kept_code)
                    .with("drop", &dropped_code)
                    .with("what", what)
                    .with("at", at),
            ));
        }
        let entries = move_back(&tx, id, "entry", "ledger_entry", m.dropped_id)?;
        let sessions = move_back(&tx, id, "session", "reconcile_session", m.dropped_id)?;
        let mut writer = Writer::new(&tx, &self.operator)?;
        // The kept customer first: a tax ID it took goes back before the
        // dropped one is live again.
        let kept = find(&tx, &kept_code)?.ok_or_else(|| StoreError::NotFound(kept_code.clone()))?;
        let before: FieldValues = serde_json::from_str(&m.kept_before).unwrap_or_default();
        let values = writer.merge_patch(&kept, &before);
        let checked = writer.check(&tx, &values, Some(&kept), SimilarScan::ExactKey)?;
        if checked.problems.has_errors() {
            return Err(StoreError::Invalid(checked.problems));
        }
        writer.update(&tx, &kept, checked.data, "update")?;
        let dropped =
            find(&tx, &dropped_code)?.ok_or_else(|| StoreError::NotFound(dropped_code.clone()))?;
        let mut data = dropped.data.clone();
        data.status = Status::parse(&m.dropped_status).unwrap_or(Status::Active);
        if let Some(owner) = writer.live_tax_id_owner(&tx, &data, Some(dropped.id))? {
            return Err(StoreError::Coded(
                Message::new("customer.tax_id_taken")
                    .with("tax_id", &data.tax_id)
                    .with("code", &owner.code)
                    .with("name", &owner.name),
            ));
        }
        writer.update(&tx, &dropped, data, "status")?;
        writer.finish(&tx)?;
        tx.execute(
            "UPDATE customer SET merged_into = NULL WHERE id = ?1",
            [m.dropped_id],
        )?;
        match &m.kept_lock_before {
            Some(date) => tx.execute(
                "UPDATE ledger_lock SET confirmed_until = ?2 WHERE customer_id = ?1",
                params![m.kept_id, date],
            )?,
            None => tx.execute(
                "DELETE FROM ledger_lock WHERE customer_id = ?1",
                [m.kept_id],
            )?,
        };
        refresh_account(&tx, m.kept_id)?;
        refresh_account(&tx, m.dropped_id)?;
        tx.execute(
            "UPDATE customer_merge SET undone_at = ?2, undone_by = ?3 WHERE id = ?1",
            params![id, writer.now(), self.operator],
        )?;
        let detail = serde_json::json!({ "merge": id, "entries": entries, "sessions": sessions })
            .to_string();
        record_event(
            &tx,
            &Event {
                action: "unmerge",
                operator: &self.operator,
                customer: Some((m.kept_id, &kept_code)),
                subject: &dropped_code,
                detail: Some(&detail),
            },
        )?;
        tx.commit()?;
        Ok(Unmerged {
            id,
            kept_code,
            dropped_code,
            entries,
            sessions,
        })
    }
}
