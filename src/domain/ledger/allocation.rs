//! Allocation (核销): setting credits (receipts, credit notes, prepayments)
//! against open debits (invoices, opening balances). Pure planning; the store
//! writes the plan.

use serde::Serialize;

use crate::domain::money::Money;
use crate::domain::problem::{Problem, Problems};
use crate::domain::text::Text;

/// An entry with something left to allocate: for a debit what is still owed,
/// for a credit what is still unallocated, both as positive amounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenItem {
    pub id: i64,
    /// Shown in messages: the entry's document number.
    pub doc_no: String,
    pub open: Money,
}

/// One step of a plan: this much of the available amount goes to item `id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Portion {
    pub id: i64,
    pub amount: Money,
}

/// Spreads `available` over `items` in the order given (the caller sorts them
/// oldest first) until it runs out. What is not used stays unapplied.
pub fn oldest_first(available: Money, items: &[OpenItem]) -> Vec<Portion> {
    spread(available, items.iter().map(|item| (item.id, item.open)))
        .into_iter()
        .map(|(id, amount)| Portion { id, amount })
        .collect()
}

/// `oldest_first` over anything paired with what it has open: each item
/// taken, with its share. A bulk load plans over the rows it holds without
/// copying them.
pub fn spread<T>(available: Money, items: impl IntoIterator<Item = (T, Money)>) -> Vec<(T, Money)> {
    let mut left = available.fen().max(0);
    let mut plan = Vec::new();
    for (item, open) in items {
        if left == 0 {
            break;
        }
        let take = left.min(open.fen());
        if take > 0 {
            plan.push((item, Money::from_fen(take)));
            left -= take;
        }
    }
    plan
}

/// A target the operator picked, with an amount or (`None`) "as much as fits".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pick {
    pub id: i64,
    pub amount: Option<Money>,
}

/// Follows the operator's picks in order. Every problem is reported: an
/// amount over what the item still has open, or over what is left to allocate.
pub fn chosen(
    available: Money,
    items: &[OpenItem],
    picks: &[Pick],
) -> Result<Vec<Portion>, Problems> {
    let mut left = available.fen().max(0);
    let mut plan: Vec<Portion> = Vec::new();
    let mut problems = Problems::default();
    for pick in picks {
        let Some(item) = items.iter().find(|i| i.id == pick.id) else {
            problems.push(Problem::error(
                "allocate",
                "allocate.not_open",
                Text::new(
                    "This entry has nothing open to allocate against.",
                    "该单据没有可核销的未结金额。",
                ),
            ));
            continue;
        };
        let already: i64 = plan
            .iter()
            .filter(|p| p.id == item.id)
            .map(|p| p.amount.fen())
            .sum();
        let room = item.open.fen() - already;
        let want = pick.amount.map_or(room.min(left), Money::fen);
        if want <= 0 {
            problems.push(Problem::error(
                "allocate",
                "allocate.amount",
                Text::new(
                    format!("Nothing left to allocate to {}.", item.doc_no),
                    format!("没有可核销到 {} 的金额。", item.doc_no),
                ),
            ));
            continue;
        }
        if want > room {
            problems.push(Problem::error(
                "allocate",
                "allocate.over_open",
                Text::new(
                    format!(
                        "{} is more than the {} still open on {}.",
                        Money::from_fen(want).grouped(),
                        Money::from_fen(room).grouped(),
                        item.doc_no
                    ),
                    format!(
                        "{} 超过 {} 的未结金额 {}。",
                        Money::from_fen(want).grouped(),
                        item.doc_no,
                        Money::from_fen(room).grouped()
                    ),
                ),
            ));
            continue;
        }
        if want > left {
            problems.push(Problem::error(
                "allocate",
                "allocate.over_available",
                Text::new(
                    format!(
                        "{} for {} is more than the {} left to allocate.",
                        Money::from_fen(want).grouped(),
                        item.doc_no,
                        Money::from_fen(left).grouped()
                    ),
                    format!(
                        "核销到 {} 的 {} 超过剩余可核销金额 {}。",
                        item.doc_no,
                        Money::from_fen(want).grouped(),
                        Money::from_fen(left).grouped()
                    ),
                ),
            ));
            continue;
        }
        left -= want;
        plan.push(Portion {
            id: item.id,
            amount: Money::from_fen(want),
        });
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(plan)
    }
}

/// Pairs every credit with debits, both lists oldest first: the plan of an
/// automatic match (自动核销). Returns (credit id, debit id, amount).
pub fn match_all(credits: &[OpenItem], debits: &[OpenItem]) -> Vec<(i64, i64, Money)> {
    let mut debit_open: Vec<i64> = debits.iter().map(|d| d.open.fen()).collect();
    let mut next_debit = 0;
    let mut pairs = Vec::new();
    for credit in credits {
        let mut left = credit.open.fen();
        while left > 0 && next_debit < debits.len() {
            let take = left.min(debit_open[next_debit]);
            if take > 0 {
                pairs.push((credit.id, debits[next_debit].id, Money::from_fen(take)));
                left -= take;
                debit_open[next_debit] -= take;
            }
            if debit_open[next_debit] == 0 {
                next_debit += 1;
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(opens: &[i64]) -> Vec<OpenItem> {
        opens
            .iter()
            .enumerate()
            .map(|(i, o)| OpenItem {
                id: i as i64 + 1,
                doc_no: format!("INV-{}", i + 1),
                open: Money::from_fen(*o),
            })
            .collect()
    }

    #[test]
    fn oldest_first_fills_in_order_and_leaves_the_rest() {
        let plan = oldest_first(Money::from_fen(250), &items(&[100, 100, 100]));
        let amounts: Vec<(i64, i64)> = plan.iter().map(|p| (p.id, p.amount.fen())).collect();
        assert_eq!(amounts, vec![(1, 100), (2, 100), (3, 50)]);
        assert!(oldest_first(Money::ZERO, &items(&[100])).is_empty());
    }

    #[test]
    fn chosen_checks_every_pick() {
        let open = items(&[100, 100]);
        let plan = chosen(
            Money::from_fen(150),
            &open,
            &[
                Pick {
                    id: 2,
                    amount: None,
                },
                Pick {
                    id: 1,
                    amount: None,
                },
            ],
        )
        .unwrap();
        assert_eq!(
            plan[0],
            Portion {
                id: 2,
                amount: Money::from_fen(100)
            }
        );
        assert_eq!(
            plan[1],
            Portion {
                id: 1,
                amount: Money::from_fen(50)
            }
        );
        let err = chosen(
            Money::from_fen(150),
            &open,
            &[
                Pick {
                    id: 1,
                    amount: Some(Money::from_fen(120)),
                },
                Pick {
                    id: 9,
                    amount: None,
                },
            ],
        )
        .unwrap_err();
        let codes: Vec<&str> = err.iter().map(|p| p.code).collect();
        assert_eq!(codes, vec!["allocate.over_open", "allocate.not_open"]);
    }

    #[test]
    fn match_all_pairs_oldest_credit_with_oldest_debit() {
        let pairs = match_all(&items(&[150, 30]), &items(&[100, 100]));
        let flat: Vec<(i64, i64, i64)> = pairs.iter().map(|(c, d, m)| (*c, *d, m.fen())).collect();
        assert_eq!(flat, vec![(1, 1, 100), (1, 2, 50), (2, 2, 30)]);
    }
}
