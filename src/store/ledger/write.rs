//! The write path shared by single entries and bulk loads: checks that need
//! the database, the row, its allocations and its audit rows.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::super::{Result, now_text};
use super::account::Account;
use super::read::{ALLOCATION_SQL, allocation_from_row, date_at, find_entry, kind_at};
use super::{AddOptions, Allocate, AllocationLine, EntryPatch, EntryRef, Target};
use crate::domain::date::iso;
use crate::domain::ledger::allocation::{self, OpenItem, Pick, Portion};
use crate::domain::ledger::credit::{CreditDecision, OverLimit, check_invoice};
use crate::domain::ledger::{Direction, Entry, EntryData, EntryInput, EntryKind, parse_entry};
use crate::domain::money::Money;
use crate::domain::{Problem, Problems, Text};

/// Whether invoices are checked against the credit limit and the customer's
/// status. Loading past entries (an import of last year's invoices) skips it:
/// those invoices were issued already.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CreditCheck {
    #[default]
    Enforce,
    Skip,
}

/// What one add wrote.
pub(super) struct Written {
    pub entry: Entry,
    pub allocations: Vec<AllocationLine>,
    pub warnings: Problems,
}

/// An entry with something open, as allocation sees it.
#[derive(Clone, Debug)]
pub(super) struct OpenRow {
    pub id: i64,
    pub kind: EntryKind,
    pub doc_no: String,
    pub date: NaiveDate,
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

pub(super) struct LedgerWriter {
    operator: String,
    now: String,
}

fn problem(field: &str, code: &'static str, en: String, zh: String) -> Problem {
    Problem::error(field, code, Text::new(en, zh))
}

impl LedgerWriter {
    pub fn new(operator: &str) -> LedgerWriter {
        LedgerWriter {
            operator: operator.to_string(),
            now: now_text(),
        }
    }

    /// Checks and writes one entry; `Ok(Err(problems))` when it is refused
    /// (nothing written). Keeps `account.balance` current.
    pub fn add(
        &self,
        conn: &Connection,
        account: &mut Account,
        input: &EntryInput,
        options: &AddOptions,
        check: CreditCheck,
    ) -> Result<std::result::Result<Written, Problems>> {
        let (data, mut problems) = parse_entry(input, &account.rules());
        let Some(data) = data else {
            return Ok(Err(problems));
        };
        if let Some(p) = duplicate(conn, account, &data, None)? {
            problems.push(p);
        }
        let mut overridden: Option<(String, OverLimit)> = None;
        if data.kind == EntryKind::Invoice && check == CreditCheck::Enforce {
            let decision = check_invoice(
                account.status,
                account.credit_limit,
                account.balance,
                data.amount,
            );
            let reason = clean_reason(options.override_reason.as_deref());
            match (decision, reason) {
                (CreditDecision::Allowed, _) => {}
                (CreditDecision::OverLimit(figures), Some(reason)) => {
                    overridden = Some((reason, figures))
                }
                (refused, _) => problems.0.extend(refused.problem(&account.label())),
            }
        }
        // Picked targets are checked before anything is written.
        let chosen = match &options.allocate {
            Allocate::To(targets) => {
                match self.plan_targets(
                    conn,
                    account.id,
                    data.is_debit(),
                    abs(data.amount),
                    targets,
                )? {
                    Ok(plan) => plan,
                    Err(p) => {
                        problems.0.extend(p.0);
                        Vec::new()
                    }
                }
            }
            _ => Vec::new(),
        };
        if problems.has_errors() {
            return Ok(Err(problems));
        }
        let reason = overridden.as_ref().map(|(r, _)| r.as_str());
        let id = insert(conn, account.id, &data, reason, None, &self.now)?;
        let snapshot = serde_json::to_string(&data).unwrap_or_default();
        self.audit(
            conn,
            account.id,
            Some(id),
            "create",
            "*",
            None,
            Some(&snapshot),
        )?;
        if let Some((reason, f)) = &overridden {
            let figures = format!(
                "limit {}, balance {}, this invoice {}, excess {}",
                f.limit, f.balance, f.invoice, f.excess
            );
            self.audit(
                conn,
                account.id,
                Some(id),
                "override",
                "override_reason",
                Some(&figures),
                Some(reason),
            )?;
        }
        let side = OpenRow {
            id,
            kind: data.kind,
            doc_no: data.doc_no.clone(),
            date: data.date,
            open: abs(data.amount),
        };
        let plan = match &options.allocate {
            Allocate::Default if data.kind.allocates_on_entry() => {
                self.plan_oldest(conn, account.id, !data.is_debit(), side.open)?
            }
            Allocate::OldestFirst => {
                self.plan_oldest(conn, account.id, !data.is_debit(), side.open)?
            }
            _ => chosen,
        };
        let mut allocations = Vec::with_capacity(plan.len());
        for (other, amount) in &plan {
            let (credit, debit) = if data.is_debit() {
                (other, &side)
            } else {
                (&side, other)
            };
            allocations.push(self.apply(conn, account.id, credit, debit, *amount)?);
        }
        account.balance = account
            .balance
            .checked_add(data.amount)
            .unwrap_or(account.balance);
        let entry = find_entry(conn, account.id, &EntryRef::Id(id))?;
        Ok(Ok(Written {
            entry,
            allocations,
            warnings: problems,
        }))
    }

    /// Oldest-first plan against the open entries of one side.
    fn plan_oldest(
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
    fn plan_targets(
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
        let effective = credit.date.max(debit.date);
        conn.prepare_cached(
            "INSERT INTO ledger_allocation (credit_id, debit_id, amount, effective_date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![credit.id, debit.id, amount.fen(), iso(effective), self.now])?;
        let id = conn.last_insert_rowid();
        let mut settle = conn.prepare_cached(
            "UPDATE ledger_entry SET outstanding = outstanding + ?2 WHERE id = ?1",
        )?;
        settle.execute(params![debit.id, -amount.fen()])?;
        settle.execute(params![credit.id, amount.fen()])?;
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
            self.now
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

    /// Moves the customer's confirmation date, audited.
    pub fn confirm(&self, conn: &Connection, account: &Account, until: NaiveDate) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO ledger_lock (customer_id, confirmed_until, operator, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (customer_id) DO UPDATE SET confirmed_until = excluded.confirmed_until,
                 operator = excluded.operator, at = excluded.at",
        )?
        .execute(params![account.id, iso(until), self.operator, self.now])?;
        let old = account.confirmed_until.map(iso);
        self.audit(
            conn,
            account.id,
            None,
            "confirm",
            "confirmed_until",
            old.as_deref(),
            Some(&iso(until)),
        )
    }

    #[allow(clippy::too_many_arguments)]
    pub fn audit(
        &self,
        conn: &Connection,
        customer_id: i64,
        entry_id: Option<i64>,
        action: &str,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO ledger_audit (customer_id, entry_id, action, field, old, new, operator, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![customer_id, entry_id, action, field, old, new, self.operator, self.now])?;
        Ok(())
    }

    pub fn now(&self) -> &str {
        &self.now
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

fn abs(m: Money) -> Money {
    Money::from_fen(m.fen().saturating_abs())
}

fn clean_reason(reason: Option<&str>) -> Option<String> {
    reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
}

/// Another entry of the same customer and type with this document number.
fn duplicate(
    conn: &Connection,
    account: &Account,
    data: &EntryData,
    own_id: Option<i64>,
) -> Result<Option<Problem>> {
    let found: Option<String> = conn
        .prepare_cached(
            "SELECT entry_date FROM ledger_entry
             WHERE customer_id = ?1 AND kind = ?2 AND doc_no = ?3 AND id IS NOT ?4",
        )?
        .query_row(
            params![account.id, data.kind.key(), data.doc_no, own_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.map(|date| {
        problem(
            "doc_no",
            "doc_no.duplicate",
            format!(
                "{} {} is already recorded for {} (dated {date}): use another number.",
                data.kind.label(crate::domain::Lang::En),
                data.doc_no,
                account.label()
            ),
            format!(
                "{} {} 已为 {} 录入过（日期 {date}）：请使用其他单据号。",
                data.kind.label(crate::domain::Lang::Zh),
                data.doc_no,
                account.label()
            ),
        )
    }))
}

pub(super) fn insert(
    conn: &Connection,
    customer_id: i64,
    data: &EntryData,
    override_reason: Option<&str>,
    reverses_id: Option<i64>,
    now: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO ledger_entry (customer_id, kind, entry_date, doc_no, amount, due_date, outstanding,
         memo, override_reason, reverses_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        customer_id,
        data.kind.key(),
        iso(data.date),
        data.doc_no,
        data.amount.fen(),
        data.due_date.map(iso),
        data.memo,
        override_reason,
        reverses_id,
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Open entries of one side, oldest first (date, then due date, then entry order).
pub(super) fn open_rows(conn: &Connection, customer_id: i64, debits: bool) -> Result<Vec<OpenRow>> {
    // `outstanding <> 0` repeats the partial index's condition so SQLite uses it.
    let sql = if debits {
        "SELECT id, kind, doc_no, entry_date, outstanding FROM ledger_entry
         WHERE customer_id = ?1 AND outstanding <> 0 AND outstanding > 0 ORDER BY entry_date, due_date, id"
    } else {
        "SELECT id, kind, doc_no, entry_date, -outstanding FROM ledger_entry
         WHERE customer_id = ?1 AND outstanding <> 0 AND outstanding < 0 ORDER BY entry_date, due_date, id"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([customer_id], |row| {
        Ok(OpenRow {
            id: row.get(0)?,
            kind: kind_at(row, 1)?,
            doc_no: row.get(2)?,
            date: date_at(row, 3)?,
            open: Money::from_fen(row.get(4)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn join(rows: Vec<OpenRow>, plan: Vec<Portion>) -> Vec<(OpenRow, Money)> {
    plan.into_iter()
        .filter_map(|p| {
            rows.iter()
                .find(|r| r.id == p.id)
                .map(|r| (r.clone(), p.amount))
        })
        .collect()
}
