//! Reversal (冲销): the one way to undo an entry, confirmed or not. A new
//! entry of the same type and opposite amount is set against the original,
//! after the original's allocations are taken back (a bounced receipt
//! reopens the invoices it paid; a cancelled invoice frees its receipts).

use rusqlite::OptionalExtension;

use super::super::{Result, Store, StoreError};
use super::account::{load_account, refresh_account, standing};
use super::allocation::OpenRow;
use super::read::find_entry;
use super::write::{LedgerWriter, insert};
use super::{Added, EntryRef};
use crate::domain::date::{iso, parse_date};
use crate::domain::ledger::{EntryInput, parse_entry};
use crate::domain::money::Money;
use crate::domain::{Problem, Problems, Text};

/// The new entry that reverses an old one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reversal {
    /// As typed; on or after the original's date and after any confirmed period.
    pub date: String,
    /// Default: the original number with `-R`.
    pub doc_no: Option<String>,
    /// Required; kept as the reversal's memo.
    pub reason: String,
}

fn refusal(field: &str, code: &'static str, en: String, zh: String) -> StoreError {
    StoreError::Invalid(Problems(vec![Problem::error(
        field,
        code,
        Text::new(en, zh),
    )]))
}

impl Store {
    /// Reverses the entry `which` of the customer `code`.
    pub fn reverse_entry(
        &mut self,
        code: &str,
        which: &EntryRef,
        reversal: &Reversal,
    ) -> Result<Added> {
        self.require(crate::domain::permission::Permission::EditLedger)?;
        let tx = self.conn.transaction()?;
        let added = reverse_in(&tx, &self.operator, code, which, reversal)?;
        tx.commit()?;
        Ok(added)
    }
}

/// `Store::reverse_entry` inside a transaction the caller holds (an invoice
/// import reverses an invoice the tax platform now shows as voided).
pub(crate) fn reverse_in(
    tx: &rusqlite::Connection,
    operator: &str,
    code: &str,
    which: &EntryRef,
    reversal: &Reversal,
) -> Result<Added> {
    let account = load_account(tx, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))?;
    let original = find_entry(tx, account.id, which)?;
    let doc = format!("{} {}", original.data.kind.key(), original.data.doc_no);
    if original.reverses_id.is_some() {
        return Err(refusal(
            "doc_no",
            "reverse.reversal",
            format!("{doc} is itself a reversal: enter the entry again instead."),
            format!("{doc} 本身是冲销单据：请重新录入原单据。"),
        ));
    }
    let reversed_by: Option<String> = tx
        .prepare_cached("SELECT doc_no FROM ledger_entry WHERE reverses_id = ?1")?
        .query_row([original.id], |r| r.get(0))
        .optional()?;
    if let Some(by) = reversed_by {
        return Err(refusal(
            "doc_no",
            "reverse.already",
            format!("{doc} was already reversed by {by}."),
            format!("{doc} 已被 {by} 冲销。"),
        ));
    }
    // Checked as an adjustment (signed amount, reason required), stored
    // under the original's type.
    let input = EntryInput {
        kind: "adjustment".into(),
        date: reversal.date.clone(),
        doc_no: reversal
            .doc_no
            .clone()
            .unwrap_or_else(|| format!("{}-R", original.data.doc_no)),
        amount: Money::from_fen(-original.data.amount.fen()).to_string(),
        due_date: String::new(),
        memo: reversal.reason.clone(),
    };
    let (data, mut problems) = parse_entry(&input, &account.rules());
    for p in &mut problems.0 {
        if p.code == "memo.reason_required" {
            p.field = "reason".into();
            p.message = Text::new("A reversal needs a reason.", "冲销必须说明原因。");
        }
    }
    if let Ok(date) = parse_date(&reversal.date)
        && date < original.data.date
    {
        problems.push(Problem::error(
            "date",
            "reverse.before_original",
            Text::new(
                format!(
                    "A reversal cannot be dated before {doc} ({}).",
                    iso(original.data.date)
                ),
                format!(
                    "冲销日期不能早于 {doc} 的日期（{}）。",
                    iso(original.data.date)
                ),
            ),
        ));
    }
    let Some(mut data) = data.filter(|_| !problems.has_errors()) else {
        return Err(StoreError::Invalid(problems));
    };
    data.kind = original.data.kind;
    let taken: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM ledger_entry WHERE customer_id = ?1 AND kind = ?2 AND doc_no = ?3)",
        )?
        .query_row(rusqlite::params![account.id, data.kind.key(), data.doc_no], |r| r.get(0))?;
    if taken {
        return Err(refusal(
            "doc_no",
            "doc_no.duplicate",
            format!(
                "{} {} is already recorded: give the reversal another number.",
                data.kind.key(),
                data.doc_no
            ),
            format!(
                "{} {} 已存在：请为冲销单据另取单据号。",
                data.kind.key(),
                data.doc_no
            ),
        ));
    }
    let writer = LedgerWriter::new(operator);
    let id = insert(
        tx,
        None,
        account.id,
        &data,
        data.amount.fen(),
        None,
        Some(original.id),
        writer.now(),
    )?;
    let snapshot = serde_json::to_string(&data).unwrap_or_default();
    writer.audit(
        tx,
        account.id,
        Some(id),
        "create",
        "*",
        None,
        Some(&snapshot),
    )?;
    writer.audit(
        tx,
        account.id,
        Some(original.id),
        "reverse",
        "reversed_by",
        None,
        Some(&data.doc_no),
    )?;
    writer.unallocate(tx, account.id, original.id)?;
    let side = |id: i64, d: &crate::domain::ledger::EntryData| OpenRow {
        id,
        kind: d.kind,
        doc_no: d.doc_no.clone(),
        date: d.date,
        due: d.due_date,
        open: Money::from_fen(d.amount.fen().saturating_abs()),
    };
    let (old_side, new_side) = (side(original.id, &original.data), side(id, &data));
    let (credit, debit) = if original.data.is_debit() {
        (&new_side, &old_side)
    } else {
        (&old_side, &new_side)
    };
    let line = writer.apply(tx, account.id, credit, debit, old_side.open)?;
    refresh_account(tx, account.id)?;
    let added = Added {
        entry: find_entry(tx, account.id, &EntryRef::Id(id))?,
        allocations: vec![line],
        standing: standing(tx, account.id)?,
        warnings: problems,
    };
    Ok(added)
}
