//! The receivables ledger: entries, allocation, reversal, confirmation locks.
//! Every write is one transaction with its `ledger_audit` rows and the
//! refreshed `ledger_account` figures of the customer it touches.
//!
//! For the fronts: `ledger(customer_id)` (entries with running balance and
//! outstanding) for a ledger screen; `check_entry` then `add_entry` for an
//! entry form (the check carries the credit decision and its figures);
//! `balances()` for a customer list (one query for all); `dashboard(as_of)`,
//! `aging(as_of)`, `overdue(as_of)` and `receivable_by_class(dimension)` for a
//! dashboard; `statement(customer_id, from, to)` for statements. Importers use
//! `ledger_bulk`; reconciliation sets `confirm_until`.

mod account;
mod aggregate;
mod aging;
mod allocation;
mod batch_load;
mod bulk;
mod dashboard;
mod doc_numbers;
mod edit;
mod held;
mod invoices;
mod lookup;
mod open_items;
mod read;
mod reverse;
mod search;
mod statement;
mod write;

use chrono::NaiveDate;
use serde::Serialize;

pub use account::Balance;
pub use aging::{AgingReport, AgingRow, ClassTotal, OverdueItem};
pub use bulk::LedgerBulk;
pub use dashboard::{Dashboard, DashboardAccounts, DashboardAging, OVER_LIMIT_LISTED};
pub use invoices::TaxInvoiceEntry;
pub use lookup::CustomerRef;
pub use read::{LedgerAuditEntry, LedgerLine};
pub use reverse::Reversal;
pub use search::{Page, SearchFilter, SearchHit, amount_range};
pub use statement::{Statement, StatementLine};
pub use write::CreditCheck;

use super::{Result, Store, StoreError};
use crate::domain::date::iso;
use crate::domain::ledger::credit::{CreditDecision, Standing, check_invoice};
use crate::domain::ledger::{Entry, EntryData, EntryKind, parse_entry};
use crate::domain::money::Money;
use crate::domain::{Problem, Problems, Text};
pub(super) use account::confirmed_until as lock_date;
pub(super) use account::refresh_account as refresh;
use account::{load_account, refresh_account};
// The undo of an invoice import refreshes the customers it took entries from.
pub(crate) use account::refresh_account as refresh_ledger_account;
use write::LedgerWriter;

/// Names one entry of a customer: by id, or by document number (with the type
/// when the same number is used by more than one type).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryRef {
    Id(i64),
    Doc {
        kind: Option<EntryKind>,
        doc_no: String,
    },
}

impl EntryRef {
    /// `INV-001`, or `invoice:INV-001` when the number alone is ambiguous.
    pub fn parse(text: &str) -> EntryRef {
        let text = text.trim();
        if let Some((head, rest)) = text.split_once(':')
            && let Some(kind) = EntryKind::parse(head)
        {
            return EntryRef::Doc {
                kind: Some(kind),
                doc_no: rest.trim().to_string(),
            };
        }
        EntryRef::Doc {
            kind: None,
            doc_no: text.to_string(),
        }
    }

    pub fn doc(kind: EntryKind, doc_no: impl Into<String>) -> EntryRef {
        EntryRef::Doc {
            kind: Some(kind),
            doc_no: doc_no.into(),
        }
    }
}

impl std::fmt::Display for EntryRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EntryRef::Id(id) => write!(f, "#{id}"),
            EntryRef::Doc {
                kind: Some(k),
                doc_no,
            } => write!(f, "{k}:{doc_no}"),
            EntryRef::Doc { kind: None, doc_no } => f.write_str(doc_no),
        }
    }
}

/// One entry picked to allocate against, with an amount or (`None`) as much as fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub entry: EntryRef,
    pub amount: Option<Money>,
}

/// How a new entry is set against the other side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Allocate {
    /// Receipts and credit notes go to open debits oldest first; the rest waits.
    #[default]
    Default,
    /// Oldest first, whatever the type (a new invoice takes up unapplied credit).
    OldestFirst,
    /// Only to these entries, in this order; what is left stays open.
    To(Vec<Target>),
    /// Nothing now.
    None,
}

/// Options of `add_entry` beyond the entry itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddOptions {
    /// Issues an invoice over the credit limit; recorded on the entry and in the audit trail.
    pub override_reason: Option<String>,
    pub allocate: Allocate,
}

/// A credit set against a debit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AllocationLine {
    pub id: i64,
    pub credit_id: i64,
    pub credit_type: EntryKind,
    pub credit_doc: String,
    pub debit_id: i64,
    pub debit_type: EntryKind,
    pub debit_doc: String,
    pub amount: Money,
    pub effective_date: NaiveDate,
}

/// What a write did: the entry as stored after allocation, the allocations
/// made, the customer's standing afterwards and any warnings.
#[derive(Clone, Debug, Serialize)]
pub struct Added {
    pub entry: Entry,
    pub allocations: Vec<AllocationLine>,
    pub standing: Standing,
    pub warnings: Problems,
}

/// Fields to change on an entry that no reconciliation has confirmed yet;
/// `None` keeps the stored value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryPatch {
    pub date: Option<String>,
    pub doc_no: Option<String>,
    /// Only while nothing is allocated to or from the entry.
    pub amount: Option<String>,
    pub due_date: Option<String>,
    pub memo: Option<String>,
    pub override_reason: Option<String>,
}

/// Which allocations `allocate` makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllocateRequest {
    /// Every unapplied credit against open debits, both oldest first (自动核销).
    Auto,
    /// One entry's open amount against the other side: oldest first when
    /// `targets` is empty, else the picks in order.
    From {
        entry: EntryRef,
        targets: Vec<Target>,
    },
}

/// What adding an entry would meet, without writing anything: for a form to
/// validate as the operator types and to show a credit refusal's figures
/// (with the override prompt) before saving.
#[derive(Clone, Debug, Serialize)]
pub struct EntryCheck {
    /// The entry as it would be stored; `None` while there are errors.
    pub data: Option<EntryData>,
    /// Field problems and a duplicate document number (not the credit decision).
    pub problems: Problems,
    /// For invoices, the credit decision; `Allowed` for every other type.
    pub credit: CreditDecision,
    /// The customer's standing before this entry.
    pub standing: Standing,
}

impl Store {
    /// Checks `input` for the customer `code` as `add_entry` would.
    pub fn check_entry(
        &self,
        code: &str,
        input: &crate::domain::ledger::EntryInput,
    ) -> Result<EntryCheck> {
        let account = load_account(&self.conn, code)?
            .ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let (data, mut problems) = parse_entry(input, &account.rules());
        let mut credit = CreditDecision::Allowed;
        if let Some(d) = &data {
            problems
                .0
                .extend(write::duplicate(&self.conn, &account, d, None)?);
            if d.kind == EntryKind::Invoice {
                credit = check_invoice(
                    account.status,
                    account.credit_limit,
                    account.balance,
                    d.amount,
                );
            }
        }
        Ok(EntryCheck {
            data: data.filter(|_| !problems.has_errors()),
            problems,
            credit,
            standing: Standing::new(account.credit_limit, account.balance),
        })
    }

    /// Adds a ledger entry for the customer `code`, validated and credit-checked,
    /// allocated as `options` say. Refused with every problem at once.
    pub fn add_entry(
        &mut self,
        code: &str,
        input: &crate::domain::ledger::EntryInput,
        options: &AddOptions,
    ) -> Result<Added> {
        use crate::domain::permission::Permission;
        self.require(Permission::EditLedger)?;
        let most = self.supervisor_override_excess()?;
        let tx = self.conn.transaction()?;
        let added = add_entry_in(&tx, &self.operator, code, input, options)?;
        // An override past the excess a bookkeeper may take is a supervisor's.
        let excess = added
            .standing
            .credit_available
            .map_or(0, |available| -available.fen());
        if added.entry.override_reason.is_some()
            && excess > most.fen()
            && !super::control::allowed(&self.control, Permission::OverrideCredit)
        {
            drop(tx);
            return Err(self.refusal(Permission::OverrideCredit));
        }
        tx.commit()?;
        Ok(added)
    }

    /// Sets credits against debits of the customer `code` (核销).
    pub fn allocate(
        &mut self,
        code: &str,
        request: &AllocateRequest,
    ) -> Result<Vec<AllocationLine>> {
        self.require(crate::domain::permission::Permission::EditLedger)?;
        let tx = self.conn.transaction()?;
        let account =
            load_account(&tx, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let writer = LedgerWriter::new(&self.operator);
        let lines = match request {
            AllocateRequest::Auto => writer.match_all(&tx, account.id)?,
            AllocateRequest::From { entry, targets } => {
                let entry = read::find_entry(&tx, account.id, entry)?;
                writer
                    .allocate_from(&tx, &entry, targets)?
                    .map_err(StoreError::Invalid)?
            }
        };
        refresh_account(&tx, account.id)?;
        tx.commit()?;
        Ok(lines)
    }

    /// Changes an entry that no reconciliation has confirmed, one audit row
    /// per changed field. A confirmed entry is refused: reverse it instead.
    pub fn edit_entry(
        &mut self,
        code: &str,
        entry: &EntryRef,
        patch: &EntryPatch,
    ) -> Result<Entry> {
        self.require(crate::domain::permission::Permission::EditLedger)?;
        let tx = self.conn.transaction()?;
        let account =
            load_account(&tx, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let old = read::find_entry(&tx, account.id, entry)?;
        let writer = LedgerWriter::new(&self.operator);
        writer
            .edit(&tx, &account, &old, patch)?
            .map_err(StoreError::Invalid)?;
        refresh_account(&tx, account.id)?;
        let entry = read::find_entry(&tx, account.id, &EntryRef::Id(old.id))?;
        tx.commit()?;
        Ok(entry)
    }

    /// Records that a reconciliation confirmed the customer's ledger up to
    /// `until`: entries dated then or earlier can no longer be edited, and no
    /// entry may be added there. The date only moves forward.
    pub fn confirm_until(&mut self, code: &str, until: NaiveDate) -> Result<()> {
        self.require(crate::domain::permission::Permission::EditLedger)?;
        let tx = self.conn.transaction()?;
        confirm_until_in(&tx, &self.operator, code, until)?;
        tx.commit()?;
        Ok(())
    }

    /// The date up to which the customer's ledger is confirmed, if any.
    pub fn confirmed_until(&self, customer_id: i64) -> Result<Option<NaiveDate>> {
        account::confirmed_until(&self.conn, customer_id)
    }
}

/// `Store::add_entry` inside a transaction the caller holds (a
/// reconciliation books its adjusting entry with the session's own writes).
pub(crate) fn add_entry_in(
    conn: &rusqlite::Connection,
    operator: &str,
    code: &str,
    input: &crate::domain::ledger::EntryInput,
    options: &AddOptions,
) -> Result<Added> {
    let mut account =
        load_account(conn, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))?;
    let writer = LedgerWriter::new(operator);
    let written = writer
        .add(
            conn,
            &mut account,
            input,
            None,
            options,
            CreditCheck::Enforce,
            None,
            None,
        )?
        .map_err(StoreError::Invalid)?;
    refresh_account(conn, account.id)?;
    let added = Added {
        entry: written.entry,
        allocations: written.allocations,
        standing: account::standing(conn, account.id)?,
        warnings: written.warnings,
    };
    Ok(added)
}

/// `Store::confirm_until` inside a transaction the caller holds.
pub(crate) fn confirm_until_in(
    conn: &rusqlite::Connection,
    operator: &str,
    code: &str,
    until: NaiveDate,
) -> Result<()> {
    let account =
        load_account(conn, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))?;
    if let Some(old) = account.confirmed_until
        && until < old
    {
        return Err(StoreError::Invalid(Problems(vec![Problem::error(
            "confirmed_until",
            "confirm.backwards",
            Text::new(
                format!(
                    "{} is already confirmed up to {}: a confirmation cannot be taken back.",
                    account.label(),
                    iso(old)
                ),
                format!("{} 已确认至 {}，确认不能撤回。", account.label(), iso(old)),
            ),
        )])));
    }
    let writer = LedgerWriter::new(operator);
    writer.confirm(conn, &account, until)?;
    Ok(())
}

/// The customer's confirmation date, inside a transaction the caller holds.
pub(crate) fn load_confirmed_until(
    conn: &rusqlite::Connection,
    customer_id: i64,
) -> Result<Option<NaiveDate>> {
    account::confirmed_until(conn, customer_id)
}
