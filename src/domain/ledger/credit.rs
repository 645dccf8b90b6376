//! Credit control: balance, credit used and available, and whether a new
//! invoice may be issued.

use serde::Serialize;

use crate::domain::customer::Status;
use crate::domain::money::Money;
use crate::domain::problem::Problem;
use crate::domain::text::Text;

/// Where a customer stands against its credit limit. A limit of 0 means cash
/// only (as in the customer record): any balance owed is over it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub credit_limit: Money,
    /// Net: what is owed minus credit not yet allocated.
    pub balance: Money,
    /// The part of the limit taken: the balance when positive, else zero.
    pub credit_used: Money,
    /// Limit minus credit used; negative when over the limit.
    pub credit_available: Money,
    pub over_limit: bool,
}

impl Standing {
    pub fn new(credit_limit: Money, balance: Money) -> Standing {
        let credit_used = balance.max(Money::ZERO);
        Standing {
            credit_limit,
            balance,
            credit_used,
            credit_available: Money::from_fen(credit_limit.fen().saturating_sub(credit_used.fen())),
            over_limit: credit_used > credit_limit,
        }
    }
}

/// The figures shown when an invoice is refused for the credit limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct OverLimit {
    pub limit: Money,
    pub balance: Money,
    pub invoice: Money,
    /// By how much the balance after this invoice would pass the limit.
    pub excess: Money,
}

/// Whether an invoice of some amount may be issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum CreditDecision {
    Allowed,
    /// Refused unless the operator gives a reason to override.
    OverLimit(OverLimit),
    /// Refused, no override: the customer is on hold (停用).
    OnHold,
    /// Refused, no override: the customer is archived.
    Archived,
}

/// Checks an invoice of `invoice` (positive) for a customer in `status`
/// with `limit` and current net `balance`.
pub fn check_invoice(
    status: Status,
    limit: Money,
    balance: Money,
    invoice: Money,
) -> CreditDecision {
    match status {
        Status::OnHold => return CreditDecision::OnHold,
        Status::Archived => return CreditDecision::Archived,
        Status::Active => {}
    }
    let after = balance.fen().saturating_add(invoice.fen());
    if after > limit.fen() {
        CreditDecision::OverLimit(OverLimit {
            limit,
            balance,
            invoice,
            excess: Money::from_fen(after.saturating_sub(limit.fen())),
        })
    } else {
        CreditDecision::Allowed
    }
}

impl CreditDecision {
    /// May this decision be overridden with a reason?
    pub fn can_override(&self) -> bool {
        matches!(self, CreditDecision::Allowed | CreditDecision::OverLimit(_))
    }

    /// The refusal as a problem on the amount (or status) field; `None` when allowed.
    pub fn problem(&self, customer: &str) -> Option<Problem> {
        match self {
            CreditDecision::Allowed => None,
            CreditDecision::OverLimit(f) => Some(Problem::error(
                "amount",
                "credit.over_limit",
                Text::new(
                    format!(
                        "Over the credit limit of {customer}: limit {}, balance {}, this invoice {}, excess {}. \
                         Give an override reason to issue it anyway.",
                        f.limit.grouped(),
                        f.balance.grouped(),
                        f.invoice.grouped(),
                        f.excess.grouped()
                    ),
                    format!(
                        "超出 {customer} 的信用额度：额度 {}，当前余额 {}，本张发票 {}，超出 {}。如确需开票，请填写超额原因。",
                        f.limit.grouped(),
                        f.balance.grouped(),
                        f.invoice.grouped(),
                        f.excess.grouped()
                    ),
                ),
            )),
            CreditDecision::OnHold => Some(Problem::error(
                "status",
                "credit.on_hold",
                Text::new(
                    format!(
                        "{customer} is on hold: no new invoices. Reactivate the customer first."
                    ),
                    format!("{customer} 已停用，不能开具新发票。请先恢复该客户。"),
                ),
            )),
            CreditDecision::Archived => Some(Problem::error(
                "status",
                "credit.archived",
                Text::new(
                    format!(
                        "{customer} is archived: no new invoices. Unarchive the customer first."
                    ),
                    format!("{customer} 已归档，不能开具新发票。请先取消归档。"),
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(yuan: i64) -> Money {
        Money::from_yuan(yuan).unwrap()
    }

    #[test]
    fn refuses_over_the_limit_with_the_figures() {
        let d = check_invoice(Status::Active, m(50_000), m(48_000), m(5_000));
        assert_eq!(
            d,
            CreditDecision::OverLimit(OverLimit {
                limit: m(50_000),
                balance: m(48_000),
                invoice: m(5_000),
                excess: m(3_000),
            })
        );
        let text = d.problem("C000001 华强").unwrap().message;
        assert!(text.en.contains(
            "limit 50,000.00, balance 48,000.00, this invoice 5,000.00, excess 3,000.00"
        ));
        assert!(text.zh.contains("超出 3,000.00"));
        assert!(d.can_override());
    }

    #[test]
    fn exactly_at_the_limit_is_allowed_and_credit_counts() {
        assert_eq!(
            check_invoice(Status::Active, m(100), m(60), m(40)),
            CreditDecision::Allowed
        );
        // Unallocated credit (negative balance) makes room.
        assert_eq!(
            check_invoice(Status::Active, m(100), m(-50), m(150)),
            CreditDecision::Allowed
        );
        // Limit 0 is cash only.
        assert!(matches!(
            check_invoice(Status::Active, m(0), m(0), m(1)),
            CreditDecision::OverLimit(_)
        ));
    }

    #[test]
    fn on_hold_and_archived_are_always_refused() {
        let d = check_invoice(Status::OnHold, m(1_000_000), m(0), m(1));
        assert_eq!(d, CreditDecision::OnHold);
        assert!(!d.can_override());
        assert_eq!(d.problem("X").unwrap().code, "credit.on_hold");
        assert_eq!(
            check_invoice(Status::Archived, m(100), m(0), m(1)),
            CreditDecision::Archived
        );
    }

    #[test]
    fn standing_figures() {
        let s = Standing::new(m(100), m(130));
        assert_eq!(
            (s.credit_used, s.credit_available, s.over_limit),
            (m(130), m(-30), true)
        );
        let s = Standing::new(m(100), m(-20));
        assert_eq!(
            (s.credit_used, s.credit_available, s.over_limit),
            (m(0), m(100), false)
        );
    }
}
