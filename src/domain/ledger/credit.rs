//! Credit control: balance, credit used and available, and whether a new
//! invoice may be issued.

use serde::Serialize;

use crate::domain::customer::Status;
use crate::domain::money::Money;
use crate::domain::problem::Problem;
use crate::domain::text::{Lang, Text};

/// A credit limit as the screens and the CLI show it: `None` is not
/// controlled (不控制), 0 is cash only (现款), a number is the limit.
pub fn limit_text(limit: Option<Money>) -> Text {
    match limit {
        None => Text::new("not controlled", "不控制"),
        Some(m) if m == Money::ZERO => Text::new("0.00 (cash only)", "0.00（现款）"),
        Some(m) => Text::new(m.grouped(), m.grouped()),
    }
}

/// [`limit_text`] in few columns (a list's cell): 不控制 / 现款 / the limit.
pub fn limit_short(limit: Option<Money>, lang: Lang) -> String {
    match (limit, lang) {
        (None, Lang::Zh) => "不控制".into(),
        (None, Lang::En) => "uncontrolled".into(),
        (Some(m), Lang::Zh) if m == Money::ZERO => "现款".into(),
        (Some(m), Lang::En) if m == Money::ZERO => "cash only".into(),
        (Some(m), _) => m.grouped(),
    }
}

/// [`limit_text`] in one language.
pub fn limit_label(limit: Option<Money>, lang: Lang) -> String {
    limit_text(limit).get(lang).to_string()
}

/// Where a customer stands against its credit limit. No limit (`None`) is
/// not controlled: never over it. A limit of 0 means cash only (as in the
/// customer record): any balance owed is over it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub credit_limit: Option<Money>,
    /// Net: what is owed minus credit not yet allocated.
    pub balance: Money,
    /// The part of the limit taken: the balance when positive, else zero.
    pub credit_used: Money,
    /// Limit minus credit used; negative when over the limit; `None` when
    /// the limit is not controlled.
    pub credit_available: Option<Money>,
    pub over_limit: bool,
}

impl Standing {
    pub fn new(credit_limit: Option<Money>, balance: Money) -> Standing {
        let credit_used = balance.max(Money::ZERO);
        Standing {
            credit_limit,
            balance,
            credit_used,
            credit_available: credit_limit
                .map(|l| Money::from_fen(l.fen().saturating_sub(credit_used.fen()))),
            over_limit: credit_limit.is_some_and(|l| credit_used > l),
        }
    }

    /// How far over the limit the balance is (0 when not over): for ordering.
    pub fn excess(&self) -> i64 {
        match self.credit_limit {
            Some(l) => self.credit_used.fen().saturating_sub(l.fen()).max(0),
            None => 0,
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
    /// A new customer not yet approved (待审核).
    PendingReview,
}

/// Checks an invoice of `invoice` (positive) for a customer in `status`
/// with `limit` (`None`: not controlled) and current net `balance`.
pub fn check_invoice(
    status: Status,
    limit: Option<Money>,
    balance: Money,
    invoice: Money,
) -> CreditDecision {
    match status {
        Status::OnHold => return CreditDecision::OnHold,
        Status::Archived => return CreditDecision::Archived,
        Status::PendingReview => return CreditDecision::PendingReview,
        Status::Active => {}
    }
    let Some(limit) = limit else {
        return CreditDecision::Allowed;
    };
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
            CreditDecision::OverLimit(f) => {
                let limit = limit_text(Some(f.limit));
                Some(Problem::error(
                    "amount",
                    "credit.over_limit",
                    Text::new(
                        format!(
                            "Over the credit limit of {customer}: limit {}, balance {}, this invoice {}, excess {}. \
                             Give an override reason to issue it anyway.",
                            limit.en,
                            f.balance.grouped(),
                            f.invoice.grouped(),
                            f.excess.grouped()
                        ),
                        format!(
                            "超出 {customer} 的信用额度：额度 {}，当前余额 {}，本张发票 {}，超出 {}。如确需开票，请填写超额原因。",
                            limit.zh,
                            f.balance.grouped(),
                            f.invoice.grouped(),
                            f.excess.grouped()
                        ),
                    ),
                ))
            }
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
            CreditDecision::PendingReview => Some(Problem::error(
                "status",
                "credit.pending_review",
                Text::new(
                    format!(
                        "{customer} is pending review (待审核): no invoices until a supervisor approves it (kehu review approve CODE)."
                    ),
                    format!(
                        "{customer} 待审核：主管审核通过前不能开具发票（kehu review approve 客户编码）。"
                    ),
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
        let d = check_invoice(Status::Active, Some(m(50_000)), m(48_000), m(5_000));
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
            check_invoice(Status::Active, Some(m(100)), m(60), m(40)),
            CreditDecision::Allowed
        );
        // Unallocated credit (negative balance) makes room.
        assert_eq!(
            check_invoice(Status::Active, Some(m(100)), m(-50), m(150)),
            CreditDecision::Allowed
        );
        // Limit 0 is cash only.
        assert!(matches!(
            check_invoice(Status::Active, Some(m(0)), m(0), m(1)),
            CreditDecision::OverLimit(_)
        ));
    }

    #[test]
    fn on_hold_and_archived_are_always_refused() {
        let d = check_invoice(Status::OnHold, Some(m(1_000_000)), m(0), m(1));
        assert_eq!(d, CreditDecision::OnHold);
        assert!(!d.can_override());
        assert_eq!(d.problem("X").unwrap().code, "credit.on_hold");
        assert_eq!(
            check_invoice(Status::Archived, Some(m(100)), m(0), m(1)),
            CreditDecision::Archived
        );
    }

    #[test]
    fn standing_figures() {
        let s = Standing::new(Some(m(100)), m(130));
        assert_eq!(
            (s.credit_used, s.credit_available, s.over_limit),
            (m(130), Some(m(-30)), true)
        );
        let s = Standing::new(Some(m(100)), m(-20));
        assert_eq!(
            (s.credit_used, s.credit_available, s.over_limit),
            (m(0), Some(m(100)), false)
        );
    }

    #[test]
    fn no_limit_is_not_controlled_and_never_over() {
        assert_eq!(
            check_invoice(Status::Active, None, m(1_000_000), m(5_000_000)),
            CreditDecision::Allowed
        );
        // On hold still refuses, whatever the limit.
        assert_eq!(
            check_invoice(Status::OnHold, None, m(0), m(1)),
            CreditDecision::OnHold
        );
        let s = Standing::new(None, m(999));
        assert_eq!(
            (s.credit_available, s.over_limit, s.excess()),
            (None, false, 0)
        );
        assert_eq!(limit_text(None).zh, "不控制");
    }

    #[test]
    fn a_cash_only_refusal_says_cash_only() {
        let d = check_invoice(Status::Active, Some(m(0)), m(0), m(100));
        let text = d.problem("C1 新客户").unwrap().message;
        assert!(text.zh.contains("额度 0.00（现款）"), "{}", text.zh);
        assert!(text.en.contains("limit 0.00 (cash only)"), "{}", text.en);
    }
}
