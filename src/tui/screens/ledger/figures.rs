//! One customer's figures as the screens show them: balance, credit used and
//! available, and what is overdue as of the app's today.

use chrono::NaiveDate;

use crate::domain::Lang;
use crate::domain::ledger::credit::{Standing, limit_label};
use crate::domain::money::Money;
use crate::store::{Balance, LedgerLine, Result, Store};
use crate::tui::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountFigures {
    pub standing: Standing,
    /// Credit not yet allocated (≤ 0).
    pub unapplied: Money,
    pub overdue: Money,
    pub overdue_items: usize,
    /// How long the oldest overdue amount is past due.
    pub most_days_overdue: Option<i64>,
}

impl AccountFigures {
    pub fn new(balance: &Balance, lines: &[LedgerLine], today: NaiveDate) -> AccountFigures {
        let overdue: Vec<(Money, i64)> = lines
            .iter()
            .filter_map(|l| Some((l.entry.outstanding, l.entry.days_overdue(today)?)))
            .collect();
        AccountFigures {
            standing: balance.standing,
            unapplied: balance.unapplied,
            overdue: Money::sum(overdue.iter().map(|(m, _)| *m)).unwrap_or(Money::ZERO),
            overdue_items: overdue.len(),
            most_days_overdue: overdue.iter().map(|(_, d)| *d).max(),
        }
    }

    /// Reads the customer's balance and ledger.
    pub fn load(
        store: &Store,
        customer_id: i64,
        today: NaiveDate,
    ) -> Result<(AccountFigures, Vec<LedgerLine>)> {
        let balance = store.balance(customer_id)?;
        let lines = store.ledger(customer_id)?;
        Ok((AccountFigures::new(&balance, &lines, today), lines))
    }

    /// "28,000.00 (1 item, up to 51 days)", or "0.00".
    pub fn overdue_text(&self, lang: Lang) -> String {
        match self.most_days_overdue {
            None => Money::ZERO.grouped(),
            Some(days) => {
                let items = self.overdue_items;
                match lang {
                    Lang::En => {
                        let unit = if items == 1 { "item" } else { "items" };
                        format!(
                            "{} ({items} {unit}, up to {days} days)",
                            self.overdue.grouped()
                        )
                    }
                    Lang::Zh => format!("{}（{items} 笔，最长 {days} 天）", self.overdue.grouped()),
                }
            }
        }
    }

    /// (label, value) pairs: balance, credit limit, used, available, overdue.
    pub fn pairs(&self, lang: Lang) -> Vec<(&'static str, String)> {
        let s = &self.standing;
        let mut pairs = vec![
            (Msg::ColBalance.get(lang), s.balance.grouped()),
            (Msg::ColCredit.get(lang), limit_label(s.credit_limit, lang)),
            (Msg::CreditUsed.get(lang), s.credit_used.grouped()),
            (
                Msg::CreditAvailable.get(lang),
                available_text(s.credit_available),
            ),
            (Msg::Overdue.get(lang), self.overdue_text(lang)),
        ];
        if self.unapplied != Money::ZERO {
            pairs.push((Msg::Unapplied.get(lang), self.unapplied.grouped()));
        }
        pairs
    }
}

/// Credit available as shown: `-` when the limit is not controlled.
pub fn available_text(available: Option<Money>) -> String {
    available.map_or_else(|| "-".into(), |m| m.grouped())
}
