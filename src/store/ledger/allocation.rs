//! Allocation in the database: plans from the domain, written as rows,
//! outstanding amounts and audit rows in the caller's transaction.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::super::Result;
use super::held::{Held, INSERT_ALLOCATION, SETTLE, execute};
use super::read::{ALLOCATION_SQL, allocation_from_row, date_at, find_entry, kind_at};
use super::write::{LedgerWriter, abs, problem};
use super::{AllocationLine, Target};
use crate::domain::date::iso;
use crate::domain::ledger::Entry;
use crate::domain::ledger::EntryKind;
use crate::domain::ledger::allocation::{self, OpenItem, Pick, Portion};
use crate::domain::money::Money;
use crate::domain::{Problem, Problems};

/// Whose outstanding amount an allocation updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Settle {
    Both,
    Debit,
    Credit,
}

/// An entry with something open, as allocation sees it.
#[derive(Clone, Debug)]
pub(crate) struct OpenRow {
    pub id: i64,
    pub kind: EntryKind,
    pub doc_no: String,
    pub date: NaiveDate,
    /// Debits only; with the date it orders the open entries oldest first.
    pub due: Option<NaiveDate>,
    /// Positive on either side.
    pub open: Money,
}

impl OpenRow {
    fn item(&self) -> OpenItem {
        OpenItem {
            id: self.id,
            doc_no: self.doc_no.clone(),
            open: self.open,
        }
    }
}

impl LedgerWriter {
    /// Oldest-first plan against the open entries of one side.
    pub(super) fn plan_oldest(
        &self,
        conn: &Connection,
        customer_id: i64,
        debits: bool,
        available: Money,
    ) -> Result<Vec<(OpenRow, Money)>> {
        let rows = open_rows(conn, customer_id, debits)?;
        let items: Vec<OpenItem> = rows.iter().map(OpenRow::item).collect();
        Ok(join(rows, allocation::oldest_first(available, &items)))
    }

    /// The operator's picks against open entries of the other side; every
    /// problem at once.
    pub(super) fn plan_targets(
        &self,
        conn: &Connection,
        customer_id: i64,
        new_is_debit: bool,
        available: Money,
        targets: &[Target],
    ) -> Result<std::result::Result<Vec<(OpenRow, Money)>, Problems>> {
        let rows = open_rows(conn, customer_id, !new_is_debit)?;
        let mut problems = Problems::default();
        let mut picks = Vec::new();
        for target in targets {
            let entry = match find_entry(conn, customer_id, &target.entry) {
                Ok(e) => e,
                Err(super::StoreError::Invalid(p)) => {
                    problems.0.extend(p.0.into_iter().map(|p| Problem {
                        field: "allocate".into(),
                        ..p
                    }));
                    continue;
                }
                Err(other) => return Err(other),
            };
            let doc = format!("{} {}", entry.data.kind.key(), entry.data.doc_no);
            if entry.data.is_debit() == new_is_debit {
                let side = if new_is_debit {
                    ("a credit", "贷方单据")
                } else {
                    ("a debit", "借方单据")
                };
                problems.push(problem(
                    "allocate",
                    "allocate.same_side",
                    format!("{doc} cannot take this allocation: pick {} (an entry that moves the balance the other way).", side.0),
                    format!("{doc} 不能与本单据核销：请选择{}。", side.1),
                ));
            } else if !rows.iter().any(|r| r.id == entry.id) {
                problems.push(problem(
                    "allocate",
                    "allocate.settled",
                    format!("{doc} is already fully allocated."),
                    format!("{doc} 已全部核销。"),
                ));
            } else {
                picks.push(Pick {
                    id: entry.id,
                    amount: target.amount,
                });
            }
        }
        let items: Vec<OpenItem> = rows.iter().map(OpenRow::item).collect();
        match allocation::chosen(available, &items, &picks) {
            Ok(plan) if !problems.has_errors() => Ok(Ok(join(rows, plan))),
            Ok(_) => Ok(Err(problems)),
            Err(more) => {
                problems.0.extend(more.0);
                Ok(Err(problems))
            }
        }
    }

    /// Allocates what is open on `entry` against the other side: oldest first
    /// when `targets` is empty.
    pub fn allocate_from(
        &self,
        conn: &Connection,
        entry: &Entry,
        targets: &[Target],
    ) -> Result<std::result::Result<Vec<AllocationLine>, Problems>> {
        let doc = format!("{} {}", entry.data.kind.key(), entry.data.doc_no);
        if entry.outstanding == Money::ZERO {
            return Ok(Err(Problems(vec![problem(
                "allocate",
                "allocate.settled",
                format!("{doc} is already fully allocated."),
                format!("{doc} 已全部核销。"),
            )])));
        }
        let is_debit = entry.data.is_debit();
        let available = abs(entry.outstanding);
        let plan = if targets.is_empty() {
            self.plan_oldest(conn, entry.customer_id, !is_debit, available)?
        } else {
            match self.plan_targets(conn, entry.customer_id, is_debit, available, targets)? {
                Ok(plan) => plan,
                Err(p) => return Ok(Err(p)),
            }
        };
        let side = OpenRow {
            id: entry.id,
            kind: entry.data.kind,
            doc_no: entry.data.doc_no.clone(),
            date: entry.data.date,
            due: entry.data.due_date,
            open: available,
        };
        let mut lines = Vec::with_capacity(plan.len());
        for (other, amount) in &plan {
            let (credit, debit) = if is_debit {
                (other, &side)
            } else {
                (&side, other)
            };
            lines.push(self.apply(conn, entry.customer_id, credit, debit, *amount)?);
        }
        Ok(Ok(lines))
    }

    /// Every unapplied credit against open debits, both oldest first.
    pub fn match_all(&self, conn: &Connection, customer_id: i64) -> Result<Vec<AllocationLine>> {
        let credits = open_rows(conn, customer_id, false)?;
        let debits = open_rows(conn, customer_id, true)?;
        let credit_items: Vec<OpenItem> = credits.iter().map(OpenRow::item).collect();
        let debit_items: Vec<OpenItem> = debits.iter().map(OpenRow::item).collect();
        let mut lines = Vec::new();
        for (credit_id, debit_id, amount) in allocation::match_all(&credit_items, &debit_items) {
            let (Some(credit), Some(debit)) = (
                credits.iter().find(|r| r.id == credit_id),
                debits.iter().find(|r| r.id == debit_id),
            ) else {
                continue;
            };
            lines.push(self.apply(conn, customer_id, credit, debit, amount)?);
        }
        Ok(lines)
    }

    /// Sets `amount` of `credit` against `debit`, in the rows and the audit trail.
    pub fn apply(
        &self,
        conn: &Connection,
        customer_id: i64,
        credit: &OpenRow,
        debit: &OpenRow,
        amount: Money,
    ) -> Result<AllocationLine> {
        self.apply_settling(conn, None, customer_id, credit, debit, amount, Settle::Both)
    }

    /// `apply`, updating the outstanding amount of the sides `settle` names
    /// (a new entry is inserted with what stays open already).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn apply_settling(
        &self,
        conn: &Connection,
        mut held: Option<&mut Held<'_>>,
        customer_id: i64,
        credit: &OpenRow,
        debit: &OpenRow,
        amount: Money,
        settle: Settle,
    ) -> Result<AllocationLine> {
        let effective = credit.date.max(debit.date);
        execute(
            conn,
            held.as_deref_mut().and_then(|h| h.allocation.as_mut()),
            INSERT_ALLOCATION,
            params![credit.id, debit.id, amount.fen(), iso(effective)],
            params![self.now()],
        )?;
        let id = conn.last_insert_rowid();
        let mut settle_one = |entry_id: i64, fen: i64| {
            if let Some(pending) = held.as_deref_mut().and_then(|h| h.pending.as_mut()) {
                pending.push((entry_id, fen));
                return Ok(1);
            }
            execute(
                conn,
                held.as_deref_mut().and_then(|h| h.settle.as_mut()),
                SETTLE,
                params![entry_id, fen],
                &[],
            )
        };
        if settle != Settle::Credit {
            settle_one(debit.id, -amount.fen())?;
        }
        if settle != Settle::Debit {
            settle_one(credit.id, amount.fen())?;
        }
        if !self.audit_by_batch {
            let what = format!("{}:{} {}", debit.kind.key(), debit.doc_no, amount);
            self.audit(
                conn,
                customer_id,
                Some(credit.id),
                "allocate",
                "allocation",
                None,
                Some(&what),
            )?;
        }
        Ok(AllocationLine {
            id,
            credit_id: credit.id,
            credit_type: credit.kind,
            credit_doc: credit.doc_no.clone(),
            debit_id: debit.id,
            debit_type: debit.kind,
            debit_doc: debit.doc_no.clone(),
            amount,
            effective_date: effective,
        })
    }

    /// Removes every allocation from or to `entry_id`, reopening both sides.
    pub fn unallocate(
        &self,
        conn: &Connection,
        customer_id: i64,
        entry_id: i64,
    ) -> Result<Vec<AllocationLine>> {
        let sql =
            format!("{ALLOCATION_SQL} WHERE a.credit_id = ?1 OR a.debit_id = ?1 ORDER BY a.id");
        let lines: Vec<AllocationLine> = conn
            .prepare_cached(&sql)?
            .query_map([entry_id], allocation_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut reopen = conn.prepare_cached(
            "UPDATE ledger_entry SET outstanding = outstanding + ?2 WHERE id = ?1",
        )?;
        for line in &lines {
            reopen.execute(params![line.debit_id, line.amount.fen()])?;
            reopen.execute(params![line.credit_id, -line.amount.fen()])?;
            conn.prepare_cached("DELETE FROM ledger_allocation WHERE id = ?1")?
                .execute([line.id])?;
            let what = format!(
                "{}:{} {}",
                line.debit_type.key(),
                line.debit_doc,
                line.amount
            );
            self.audit(
                conn,
                customer_id,
                Some(line.credit_id),
                "unallocate",
                "allocation",
                Some(&what),
                None,
            )?;
        }
        Ok(lines)
    }
}

/// Open entries of one side, oldest first (date, then due date, then entry order).
pub(super) fn open_rows(conn: &Connection, customer_id: i64, debits: bool) -> Result<Vec<OpenRow>> {
    // `outstanding <> 0` repeats the partial index's condition so SQLite uses it.
    let sql = if debits {
        "SELECT id, kind, doc_no, entry_date, outstanding, due_date FROM ledger_entry
         WHERE customer_id = ?1 AND outstanding <> 0 AND outstanding > 0 ORDER BY entry_date, due_date, id"
    } else {
        "SELECT id, kind, doc_no, entry_date, -outstanding, due_date FROM ledger_entry
         WHERE customer_id = ?1 AND outstanding <> 0 AND outstanding < 0 ORDER BY entry_date, due_date, id"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([customer_id], |row| open_row_at(row, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An open entry from the columns id, kind, doc_no, entry_date,
/// outstanding (either sign: the amount still open is its size), due_date,
/// starting at `at`.
pub(super) fn open_row_at(row: &rusqlite::Row, at: usize) -> rusqlite::Result<OpenRow> {
    Ok(OpenRow {
        id: row.get(at)?,
        kind: kind_at(row, at + 1)?,
        doc_no: row.get(at + 2)?,
        date: date_at(row, at + 3)?,
        due: row
            .get::<_, Option<String>>(at + 5)?
            .as_deref()
            .and_then(crate::domain::date::from_iso),
        open: Money::from_fen(row.get::<_, i64>(at + 4)?.saturating_abs()),
    })
}

pub(super) fn join(rows: Vec<OpenRow>, plan: Vec<Portion>) -> Vec<(OpenRow, Money)> {
    plan.into_iter()
        .filter_map(|p| {
            rows.iter()
                .find(|r| r.id == p.id)
                .map(|r| (r.clone(), p.amount))
        })
        .collect()
}
