//! Reconciliation sessions (对账): our side read from the ledger, a session
//! saved with every line, match and note, confirmed (which locks the
//! ledger's period), adjusting entries booked from a difference, the history
//! per customer, and saved statement mappings.
//!
//! The matching itself is the pure engine in `crate::reconcile` (domain-level
//! code with no database); this is only its storage. A confirmed session is
//! read-only here and, by triggers, in the file itself.

mod adjust;
mod confirm;
mod guards;
mod load;
mod mapping;
mod ours;
mod save;
mod save_rows;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

pub use adjust::Adjusted;
pub use ours::OurSide;

use super::StoreError;
use crate::domain::ledger::EntryKind;
use crate::domain::money::Money;
use crate::domain::{Problem, Problems, Text};
use crate::reconcile::{Reconciliation, SignConvention};

/// Draft until confirmed; a confirmed session is a record and never changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Draft,
    Confirmed,
}

impl SessionStatus {
    pub fn key(self) -> &'static str {
        match self {
            SessionStatus::Draft => "draft",
            SessionStatus::Confirmed => "confirmed",
        }
    }

    fn parse(key: &str) -> SessionStatus {
        if key == "confirmed" {
            SessionStatus::Confirmed
        } else {
            SessionStatus::Draft
        }
    }
}

/// What a session records besides the reconciliation: whose, which period,
/// which statement file, read which way round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSource {
    pub customer_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub file_name: String,
    pub file_hash: String,
    pub sign: SignConvention,
}

/// A saved session as the history lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SessionInfo {
    pub id: i64,
    #[serde(skip)]
    pub customer_id: i64,
    pub code: String,
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub file_name: String,
    pub file_hash: String,
    pub sign: SignConvention,
    pub tolerance_days: u32,
    pub our_balance: Money,
    pub their_balance: Money,
    pub unexplained_difference: Money,
    pub status: SessionStatus,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<String>,
    /// Why a session that did not close was confirmed anyway.
    pub confirm_reason: Option<String>,
    /// A draft over a period a confirmed session covers: the id of that
    /// session. It is a re-check, read-only, and cannot be confirmed.
    pub recheck_of: Option<i64>,
    /// Adjusting ledger entries booked from its differences (entry ids).
    pub adjustments: Vec<i64>,
}

impl SessionInfo {
    pub fn source(&self) -> SessionSource {
        SessionSource {
            customer_id: self.customer_id,
            from: self.from,
            to: self.to,
            file_name: self.file_name.clone(),
            file_hash: self.file_hash.clone(),
            sign: self.sign,
        }
    }
}

/// A saved session with its reconciliation, as it was saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub info: SessionInfo,
    pub reconciliation: Reconciliation,
}

/// A saved statement mapping: file header → field key ("" = ignore), and
/// the sign convention (`None` = detect it from the totals each time).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SavedStatementMapping {
    pub columns: BTreeMap<String, String>,
    pub sign: Option<SignConvention>,
}

/// Our entry types by line id, for a screen that shows them.
pub type EntryKinds = BTreeMap<usize, EntryKind>;

/// A refusal the bookkeeper reads in either language.
fn refused(code: &'static str, en: String, zh: String) -> StoreError {
    StoreError::Invalid(Problems(vec![Problem::error(
        "reconciliation",
        code,
        Text::new(en, zh),
    )]))
}

fn read_only(id: i64) -> StoreError {
    refused(
        "reconcile.confirmed",
        format!("Reconciliation #{id} is confirmed and can no longer change: start a new one."),
        format!("对账 #{id} 已确认，不能再修改：请新建一次对账。"),
    )
}

fn no_session(id: i64) -> StoreError {
    refused(
        "reconcile.not_found",
        format!("There is no reconciliation #{id}: see `kehu reconcile history CODE`."),
        format!("没有对账 #{id}：可用 `kehu reconcile history 客户编码` 查看。"),
    )
}
