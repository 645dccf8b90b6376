//! The write path shared by single entries and bulk loads: checks that need
//! the database, the row, its allocations and its audit rows.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::super::{Result, now_text};
use super::account::Account;
use super::allocation::OpenRow;
use super::allocation::Settle;
use super::held::{Held, INSERT_ENTRY, execute};
use super::open_items::OpenItems;
use super::{AddOptions, Allocate, AllocationLine};
use crate::domain::date::iso;
use crate::domain::ledger::credit::{CreditDecision, OverLimit, check_invoice};
use crate::domain::ledger::{Entry, EntryData, EntryInput, EntryKind, parse_entry, with_rules};
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

pub(super) struct LedgerWriter {
    operator: String,
    now: String,
    /// A bulk load leaves a repeated document number to the table's UNIQUE
    /// constraint (one index probe less per row) and reads the earlier entry
    /// only when the insert is refused.
    pub duplicates_by_constraint: bool,
    /// An import records what it wrote per customer and batch (`LedgerBulk::
    /// audit_by_batch`) instead of a `create` row per entry and an
    /// `allocate` row per allocation.
    pub audit_by_batch: bool,
}

pub(super) fn problem(field: &str, code: &'static str, en: String, zh: String) -> Problem {
    Problem::error(field, code, Text::new(en, zh))
}

impl LedgerWriter {
    pub fn new(operator: &str) -> LedgerWriter {
        LedgerWriter {
            operator: operator.to_string(),
            now: now_text(),
            duplicates_by_constraint: false,
            audit_by_batch: false,
        }
    }

    /// Checks and writes one entry; `Ok(Err(problems))` when it is refused
    /// (nothing written). Keeps `account.balance` current, and `open` (the
    /// customer's open entries held by a bulk) when given; writes through
    /// `held` (a bulk's statements, prepared) when given. `parsed`: the
    /// input as parsed before the customer was known (`with_rules`).
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &self,
        conn: &Connection,
        account: &mut Account,
        input: &EntryInput,
        parsed: Option<EntryData>,
        options: &AddOptions,
        check: CreditCheck,
        mut open: Option<&mut OpenItems>,
        mut held: Option<&mut Held<'_>>,
    ) -> Result<std::result::Result<Written, Problems>> {
        let rules = account.rules();
        let (data, mut problems) = match parsed.and_then(|d| with_rules(d, input, &rules)) {
            Some(data) => (Some(data), Problems::default()),
            None => parse_entry(input, &rules),
        };
        let Some(data) = data else {
            return Ok(Err(problems));
        };
        if !self.duplicates_by_constraint
            && let Some(p) = duplicate(conn, account, &data, None)?
        {
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
        // Planned before the insert (the plan reads only the other side), so
        // the row goes in with what stays open and only the other side's
        // rows are updated.
        let oldest = match &options.allocate {
            Allocate::Default => data.kind.allocates_on_entry(),
            Allocate::OldestFirst => true,
            _ => false,
        };
        let available = abs(data.amount);
        let plan = match open.as_deref_mut() {
            _ if !oldest => chosen,
            Some(items) => items.plan_oldest(!data.is_debit(), available),
            None => self.plan_oldest(conn, account.id, !data.is_debit(), available)?,
        };
        let allocated: i64 = plan.iter().map(|(_, a)| a.fen()).sum();
        // A debit: what is still owed; a credit: what is still unallocated (negative).
        let outstanding = if data.is_debit() {
            data.amount.fen() - allocated
        } else {
            data.amount.fen() + allocated
        };
        if let Some(docs) = held.as_deref().and_then(|h| h.docs.as_ref())
            && let Some((_, date)) = docs.find(conn, account.id, data.kind.key(), &data.doc_no)?
        {
            problems.push(duplicate_problem(account, &data, &date));
            return Ok(Err(problems));
        }
        let id = match insert(
            conn,
            held.as_deref_mut().and_then(|h| h.entry.as_mut()),
            account.id,
            &data,
            outstanding,
            reason,
            None,
            &self.now,
        ) {
            Ok(id) => id,
            Err(super::super::StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)))
                if self.duplicates_by_constraint
                    && f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
            {
                problems.0.extend(duplicate(conn, account, &data, None)?);
                return Ok(Err(problems));
            }
            Err(e) => return Err(e),
        };
        if let Some(docs) = held.as_deref_mut().and_then(|h| h.docs.as_mut()) {
            docs.add(account.id, &data, id);
        }
        if !self.audit_by_batch {
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
        }
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
            due: data.due_date,
            open: available,
        };
        let mut allocations = Vec::with_capacity(plan.len());
        for (other, amount) in &plan {
            let (credit, debit, settle) = if data.is_debit() {
                (other, &side, Settle::Credit)
            } else {
                (&side, other, Settle::Debit)
            };
            allocations.push(self.apply_settling(
                conn,
                held.as_deref_mut(),
                account.id,
                credit,
                debit,
                *amount,
                settle,
            )?);
        }
        if let Some(items) = open {
            for (other, amount) in &plan {
                items.settle(!data.is_debit(), other.id, *amount);
            }
            if outstanding != 0 {
                let mut side = side;
                side.open = Money::from_fen(outstanding.saturating_abs());
                items.insert(data.is_debit(), side);
            }
        }
        account.balance = account
            .balance
            .checked_add(data.amount)
            .unwrap_or(account.balance);
        // Built here rather than read back: this runs once per row of a bulk load.
        let entry = Entry {
            id,
            customer_id: account.id,
            outstanding: Money::from_fen(outstanding),
            override_reason: reason.map(str::to_string),
            reverses_id: None,
            // parse_entry refused dates in the confirmed period.
            locked: false,
            created_at: self.now.clone(),
            updated_at: self.now.clone(),
            data,
        };
        Ok(Ok(Written {
            entry,
            allocations,
            warnings: problems,
        }))
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

pub(super) fn abs(m: Money) -> Money {
    Money::from_fen(m.fen().saturating_abs())
}

pub(super) fn clean_reason(reason: Option<&str>) -> Option<String> {
    reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
}

/// Another entry of the same customer and type with this document number.
pub(super) fn duplicate(
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
    Ok(found.map(|date| duplicate_problem(account, data, &date)))
}

/// The refusal of a repeated document number; `date`: the earlier entry's.
pub(super) fn duplicate_problem(account: &Account, data: &EntryData, date: &str) -> Problem {
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
}

#[allow(clippy::too_many_arguments)]
pub(super) fn insert(
    conn: &Connection,
    held: Option<&mut rusqlite::Statement<'_>>,
    customer_id: i64,
    data: &EntryData,
    outstanding: i64,
    override_reason: Option<&str>,
    reverses_id: Option<i64>,
    now: &str,
) -> Result<i64> {
    execute(
        conn,
        held,
        INSERT_ENTRY,
        params![
            customer_id,
            data.kind.key(),
            iso(data.date),
            data.doc_no,
            data.amount.fen(),
            data.due_date.map(iso),
            data.memo,
            override_reason,
            reverses_id,
            outstanding
        ],
        params![now],
    )?;
    Ok(conn.last_insert_rowid())
}
