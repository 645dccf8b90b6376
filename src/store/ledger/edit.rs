//! Editing an entry no reconciliation has confirmed.

use rusqlite::{Connection, params};

use super::super::Result;
use super::EntryPatch;
use super::account::Account;
use super::write::{LedgerWriter, abs, clean_reason, duplicate, problem};
use crate::domain::Problems;
use crate::domain::date::iso;
use crate::domain::ledger::credit::{CreditDecision, check_invoice};
use crate::domain::ledger::{Direction, Entry, EntryData, EntryInput, EntryKind, parse_entry};
use crate::domain::money::Money;

impl LedgerWriter {
    /// Changes an unconfirmed entry; `Ok(Err(problems))` when refused.
    pub fn edit(
        &self,
        conn: &Connection,
        account: &Account,
        old: &Entry,
        patch: &EntryPatch,
    ) -> Result<std::result::Result<(), Problems>> {
        let doc = format!("{} {}", old.data.kind.key(), old.data.doc_no);
        if old.locked {
            return Ok(Err(Problems(vec![problem(
                "date",
                "entry.locked",
                format!(
                    "{doc} is in a period a reconciliation confirmed: reverse it and enter it again instead of editing it."
                ),
                format!("{doc} 所在账期已对账确认，不能修改：请冲销后重新录入。"),
            )])));
        }
        let input = patched_input(old, patch, account.payment_days);
        let (data, mut problems) = parse_entry(&input, &account.rules());
        let Some(data) = data else {
            return Ok(Err(problems));
        };
        let allocated: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM ledger_allocation WHERE credit_id = ?1 OR debit_id = ?1)")?
            .query_row([old.id], |r| r.get(0))?;
        if data.amount != old.data.amount && allocated {
            problems.push(problem(
                "amount",
                "amount.allocated",
                format!(
                    "{doc} is allocated: its amount cannot change. Reverse it and enter it again."
                ),
                format!("{doc} 已核销，金额不能修改：请冲销后重新录入。"),
            ));
        }
        if let Some(p) = duplicate(conn, account, &data, Some(old.id))? {
            problems.push(p);
        }
        let mut reason = None;
        if data.kind == EntryKind::Invoice && data.amount > old.data.amount {
            let others = Money::from_fen(account.balance.fen() - old.data.amount.fen());
            let decision = check_invoice(account.status, account.credit_limit, others, data.amount);
            match (decision, clean_reason(patch.override_reason.as_deref())) {
                (CreditDecision::Allowed, _) => {}
                (CreditDecision::OverLimit(_), Some(r)) => reason = Some(r),
                (refused, _) => problems.0.extend(refused.problem(&account.label())),
            }
        }
        if problems.has_errors() {
            return Ok(Err(problems));
        }
        conn.prepare_cached(
            "UPDATE ledger_entry SET entry_date = ?2, doc_no = ?3, amount = ?4, due_date = ?5, memo = ?6,
             outstanding = CASE WHEN amount = ?4 THEN outstanding ELSE ?4 END,
             override_reason = COALESCE(?7, override_reason), updated_at = ?8 WHERE id = ?1",
        )?
        .execute(params![
            old.id,
            iso(data.date),
            data.doc_no,
            data.amount.fen(),
            data.due_date.map(iso),
            data.memo,
            reason,
            self.now()
        ])?;
        // Allocations count from the later of their two dates.
        conn.prepare_cached(
            "UPDATE ledger_allocation SET effective_date = (SELECT MAX(c.entry_date, d.entry_date)
               FROM ledger_entry c, ledger_entry d WHERE c.id = credit_id AND d.id = debit_id)
             WHERE credit_id = ?1 OR debit_id = ?1",
        )?
        .execute([old.id])?;
        let text = |d: &EntryData| {
            [
                ("date", iso(d.date)),
                ("doc_no", d.doc_no.clone()),
                ("amount", d.amount.to_string()),
                ("due_date", d.due_date.map(iso).unwrap_or_default()),
                ("memo", d.memo.clone()),
            ]
        };
        for ((field, before), (_, after)) in text(&old.data).into_iter().zip(text(&data)) {
            if before != after {
                self.audit(
                    conn,
                    account.id,
                    Some(old.id),
                    "update",
                    field,
                    Some(&before),
                    Some(&after),
                )?;
            }
        }
        if let Some(r) = &reason {
            self.audit(
                conn,
                account.id,
                Some(old.id),
                "override",
                "override_reason",
                None,
                Some(r),
            )?;
        }
        Ok(Ok(()))
    }
}

/// The stored entry as input text with the patch laid over it. A due date that
/// followed the payment terms follows a new date.
fn patched_input(old: &Entry, patch: &EntryPatch, payment_days: u16) -> EntryInput {
    let d = &old.data;
    let typed = match d.kind.direction() {
        Direction::AsTyped => d.amount,
        _ => abs(d.amount),
    };
    let days = if d.kind == EntryKind::Invoice {
        payment_days
    } else {
        0
    };
    let default_due = d.date.checked_add_days(chrono::Days::new(u64::from(days)));
    let due_followed_terms = d.due_date.is_none() || d.due_date == default_due;
    let due = match (&patch.due_date, &patch.date) {
        (Some(due), _) => due.clone(),
        (None, Some(_)) if due_followed_terms => String::new(),
        (None, _) => d.due_date.map(iso).unwrap_or_default(),
    };
    EntryInput {
        kind: d.kind.key().to_string(),
        date: patch.date.clone().unwrap_or_else(|| iso(d.date)),
        doc_no: patch.doc_no.clone().unwrap_or_else(|| d.doc_no.clone()),
        amount: patch.amount.clone().unwrap_or_else(|| typed.to_string()),
        due_date: due,
        memo: patch.memo.clone().unwrap_or_else(|| d.memo.clone()),
    }
}
