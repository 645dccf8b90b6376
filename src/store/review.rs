//! Review (审核) of new customers and of credit-limit raises. With the
//! setting `review_new_customers` on, new customers start `pending_review`:
//! editable, not invoiced, until a supervisor approves them (→ active) or
//! rejects them with a reason (→ archived; the reason is in the audit). A
//! bookkeeper's credit limit above the supervisor amount waits as a pending
//! change (`review_change`) instead of being refused, applied on approval.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::control::{Event, record_event};
use super::customers::find;
use super::writer::Writer;
use super::{Result, Store, StoreError};
use crate::domain::customer::{CustomerData, Status};
use crate::domain::money::Money;
use crate::domain::permission::Permission;
use crate::domain::{Problem, Text};
use crate::messages::Message;

const REVIEW_NEW_CUSTOMERS: &str = "review_new_customers";

/// Whether new customers start `pending_review`.
pub(super) fn review_on(conn: &Connection) -> Result<bool> {
    let value: Option<String> = conn
        .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
        .query_row([REVIEW_NEW_CUSTOMERS], |r| r.get(0))
        .optional()?;
    Ok(value.as_deref() == Some("on"))
}

/// One thing awaiting a supervisor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReviewItem {
    pub code: String,
    pub name: String,
    /// `new_customer` or `credit_limit`.
    pub kind: String,
    /// For a credit limit: the limit now and the one asked for (empty: not controlled).
    pub old: Option<String>,
    pub new: Option<String>,
    pub requested_by: Option<String>,
    pub requested_at: String,
}

/// What an approval or rejection did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reviewed {
    pub code: String,
    pub name: String,
    /// The new customer was decided on (approved: active; rejected: archived).
    pub customer: bool,
    /// The credit limit decided on, when one was pending.
    pub credit_limit: Option<String>,
}

fn limit_text(limit: Option<Money>) -> Option<String> {
    limit.map(|m| m.grouped())
}

/// Queues a credit-limit change for review (a later request replaces an
/// earlier one still open).
pub(super) fn queue_limit(
    conn: &Connection,
    customer_id: i64,
    old: Option<Money>,
    new: Option<Money>,
    operator: &str,
    now: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE review_change SET decision = 'rejected', reason = 'replaced by a later request',
             decided_by = ?2, decided_at = ?3
         WHERE customer_id = ?1 AND decision IS NULL",
        params![customer_id, operator, now],
    )?;
    conn.execute(
        "INSERT INTO review_change (customer_id, field, old, new, requested_by, requested_at)
         VALUES (?1, 'credit_limit', ?2, ?3, ?4, ?5)",
        params![
            customer_id,
            old.map(|m| m.fen().to_string()),
            new.map(|m| m.fen().to_string()),
            operator,
            now
        ],
    )?;
    Ok(())
}

/// The warning a queued limit comes back with.
pub(super) fn limit_queued(code: &str, limit: Option<Money>) -> Problem {
    let limit = crate::domain::ledger::credit::limit_text(limit);
    Problem::warning(
        "credit_limit",
        "review.limit_pending",
        Text::new(
            format!(
                "The credit limit {} awaits a supervisor's approval (kehu review approve {code}); the old limit stays until then.",
                limit.en
            ),
            format!(
                "信用额度 {} 待主管审批（kehu review approve {code}），批准前沿用原额度。",
                limit.zh
            ),
        ),
    )
}

/// A status change that would take a customer out of review by hand.
pub(super) fn leaves_review(old: &CustomerData, new: &CustomerData) -> bool {
    old.status == Status::PendingReview && new.status != Status::PendingReview
}

pub(super) fn status_under_review(code: &str) -> StoreError {
    StoreError::Coded(Message::new("review.status_pending").with("code", code))
}

/// The open credit-limit change of a customer: (id, new limit).
pub(super) fn open_change(
    conn: &Connection,
    customer_id: i64,
) -> Result<Option<(i64, Option<Money>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, new FROM review_change WHERE customer_id = ?1 AND decision IS NULL
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([customer_id], |r| {
            let new: Option<String> = r.get(1)?;
            Ok((
                r.get(0)?,
                new.and_then(|t| t.parse().ok()).map(Money::from_fen),
            ))
        })
        .optional()?)
}

impl Store {
    /// Whether new customers start `pending_review`.
    pub fn review_new_customers(&self) -> Result<bool> {
        review_on(&self.conn)
    }

    pub fn set_review_new_customers(&mut self, on: bool) -> Result<()> {
        let value = if on { "on" } else { "off" };
        self.set_setting(REVIEW_NEW_CUSTOMERS, value, value)
    }

    /// Everything awaiting review, oldest first.
    pub fn review_queue(&self) -> Result<Vec<ReviewItem>> {
        let mut stmt = self.conn.prepare(
            "SELECT code, name, 'new_customer', NULL, NULL,
                    (SELECT operator FROM audit a WHERE a.customer_id = c.id AND a.action = 'create'),
                    created_at
             FROM customer c WHERE status = 'pending_review'
             UNION ALL
             SELECT c.code, c.name, 'credit_limit', r.old, r.new, r.requested_by, r.requested_at
             FROM review_change r JOIN customer c ON c.id = r.customer_id WHERE r.decision IS NULL
             ORDER BY 7, 1",
        )?;
        let money = |t: Option<String>| {
            t.and_then(|t| t.parse().ok())
                .map(|f| Money::from_fen(f).grouped())
        };
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(2)?;
            let limit = kind == "credit_limit";
            let (old, new): (Option<String>, Option<String>) = (r.get(3)?, r.get(4)?);
            Ok(ReviewItem {
                code: r.get(0)?,
                name: r.get(1)?,
                kind,
                old: if limit {
                    Some(money(old).unwrap_or_default())
                } else {
                    None
                },
                new: if limit {
                    Some(money(new).unwrap_or_default())
                } else {
                    None
                },
                requested_by: r.get(5)?,
                requested_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Approves what awaits review for `code`: a new customer becomes
    /// active, a pending credit limit is applied. One transaction, audited.
    pub fn approve_review(&mut self, code: &str) -> Result<Reviewed> {
        self.decide(code, None)
    }

    /// Rejects what awaits review for `code`, with a reason: a new customer
    /// is archived, a pending credit limit dropped. One transaction, audited.
    pub fn reject_review(&mut self, code: &str, reason: &str) -> Result<Reviewed> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Coded(Message::new("review.reason_required")));
        }
        self.decide(code, Some(reason))
    }

    /// `rejected`: the reason, or `None` to approve.
    fn decide(&mut self, code: &str, rejected: Option<&str>) -> Result<Reviewed> {
        self.require(Permission::ReviewCustomers)?;
        let tx = self.conn.transaction()?;
        let old = find(&tx, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let pending_customer = old.data.status == Status::PendingReview;
        let change = open_change(&tx, old.id)?;
        if !pending_customer && change.is_none() {
            return Err(StoreError::Coded(
                Message::new("review.nothing_pending").with("code", &old.data.code),
            ));
        }
        let mut writer = Writer::new(&tx, &self.operator)?;
        let mut data = old.data.clone();
        if pending_customer {
            data.status = match rejected {
                None => Status::Active,
                Some(_) => Status::Archived,
            };
        }
        if let (Some((_, limit)), None) = (change, rejected) {
            data.credit_limit = limit;
        }
        let decision = if rejected.is_some() {
            "rejected"
        } else {
            "approved"
        };
        if let Some((id, _)) = change {
            tx.execute(
                "UPDATE review_change SET decision = ?2, reason = ?3, decided_by = ?4, decided_at = ?5
                 WHERE id = ?1",
                params![id, decision, rejected, self.operator, writer.now()],
            )?;
        }
        let action = if pending_customer { "status" } else { "update" };
        let customer = writer.update(&tx, &old, data, action)?;
        writer.finish(&tx)?;
        let credit_limit =
            change.map(|(_, limit)| limit_text(limit).unwrap_or_else(|| "not controlled".into()));
        let detail = serde_json::json!({
            "decision": decision,
            "new_customer": pending_customer,
            "credit_limit": credit_limit,
            "reason": rejected,
        })
        .to_string();
        record_event(
            &tx,
            &Event {
                action: "review",
                operator: &self.operator,
                customer: Some((customer.id, &customer.data.code)),
                subject: &customer.data.code,
                detail: Some(&detail),
            },
        )?;
        tx.commit()?;
        Ok(Reviewed {
            code: customer.data.code,
            name: customer.data.name,
            customer: pending_customer,
            credit_limit,
        })
    }
}
