//! An adjusting ledger entry (调整) booked from a difference the bookkeeper
//! has explained: the note becomes its reason, the difference its amount.
//! The new entry joins our side and is matched with the difference's lines,
//! so the difference is settled; all of it in one transaction.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::super::ledger::add_entry_in;
use super::super::{AddOptions, Result, Store, now_text};
use super::load::session_info;
use super::refused;
use super::save::{audit, save_in, writable};
use crate::domain::date::iso;
use crate::domain::ledger::{Entry, EntryInput};
use crate::domain::money::Money;
use crate::reconcile::{ItemKind, Line, Reconciliation, Side};

/// What booking an adjustment did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Adjusted {
    pub entry: Entry,
    pub amount: Money,
    pub reason: String,
}

impl Store {
    /// Books the difference that the line `side`/`line_id` is part of as an
    /// adjusting entry dated `date` (default: the period's end), links it to
    /// the draft `id`, and settles the difference in `recon` (saved with it).
    /// `recon` is left as it was when anything is refused.
    pub fn adjust_reconciliation(
        &mut self,
        id: i64,
        recon: &mut Reconciliation,
        side: Side,
        line_id: usize,
        date: Option<NaiveDate>,
    ) -> Result<Adjusted> {
        self.require(crate::domain::permission::Permission::EditLedger)?;
        let tx = self.conn.transaction()?;
        writable(&tx, id)?;
        let info = session_info(&tx, id)?;
        let items = recon.reconciling_items();
        let item = items
            .iter()
            .find(|i| i.side(side).iter().any(|l| l.id == line_id))
            .filter(|i| {
                matches!(
                    i.kind,
                    ItemKind::OnlyOurs | ItemKind::OnlyTheirs | ItemKind::AmountMismatch
                )
            })
            .ok_or_else(|| {
                refused(
                    "reconcile.nothing_to_adjust",
                    "Only a difference in amount (only ours, only theirs, amounts differ) can be booked as an adjustment.".into(),
                    "只有金额差异（仅本方、仅对方、金额不符）才能生成调整分录。".into(),
                )
            })?;
        let Some(reason) = item.note.map(str::to_string) else {
            return Err(refused(
                "reconcile.note_first",
                "Write a note on the difference first: it becomes the adjustment's reason.".into(),
                "请先为该差异填写说明：说明将作为调整原因。".into(),
            ));
        };
        let amount = item.effect;
        let ours: Vec<usize> = item.ours.iter().map(|l| l.id).collect();
        let theirs: Vec<usize> = item.theirs.iter().map(|l| l.id).collect();
        drop(items);

        let count: i64 = tx
            .prepare_cached("SELECT COUNT(*) FROM reconcile_adjustment WHERE session_id = ?1")?
            .query_row([id], |r| r.get(0))?;
        let date = date.unwrap_or(info.to);
        let input = EntryInput {
            kind: "adjustment".into(),
            date: iso(date),
            doc_no: format!("DZ{id}-{}", count + 1),
            amount: amount.to_string(),
            due_date: String::new(),
            memo: reason.clone(),
        };
        let added = add_entry_in(
            &tx,
            &self.operator,
            &info.code,
            &input,
            &AddOptions::default(),
        )?;
        let mut settled = recon.clone();
        let engine =
            |e: crate::reconcile::ReconcileError| refused(e.code(), e.text().en, e.text().zh);
        settled
            .add_line(
                Side::Ours,
                Line {
                    id: added.entry.id as usize,
                    date,
                    doc: added.entry.data.doc_no.clone(),
                    description: reason.clone(),
                    amount,
                },
            )
            .map_err(engine)?;
        let mut with_new = ours;
        with_new.push(added.entry.id as usize);
        settled
            .match_by_hand(&with_new, &theirs, Some(&reason))
            .map_err(engine)?;
        save_in(&tx, &self.operator, Some(id), &info.source(), &settled)?;
        let now = now_text();
        tx.prepare_cached(
            "INSERT INTO reconcile_adjustment (session_id, entry_id, reason, operator, at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![id, added.entry.id, reason, self.operator, now])?;
        let detail = format!("{} {}", added.entry.data.doc_no, amount);
        audit(
            &tx,
            id,
            info.customer_id,
            "adjust",
            Some(&detail),
            &self.operator,
            &now,
        )?;
        tx.commit()?;
        *recon = settled;
        Ok(Adjusted {
            entry: added.entry,
            amount,
            reason,
        })
    }
}
