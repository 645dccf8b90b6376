//! Allocation invariants, by property: nothing is allocated twice, no item
//! goes below zero, and what is allocated is all that could be.

#[path = "support/ledger.rs"]
mod support;

use kehu::domain::Money;
use kehu::domain::ledger::allocation::{OpenItem, Pick, chosen, match_all, oldest_first};
use kehu::store::{AddOptions, AllocateRequest};
use proptest::prelude::*;
use support::*;

fn items(opens: &[i64]) -> Vec<OpenItem> {
    opens
        .iter()
        .enumerate()
        .map(|(i, o)| OpenItem {
            id: i as i64,
            doc_no: format!("D{i}"),
            open: Money::from_fen(*o),
        })
        .collect()
}

proptest! {
    #[test]
    fn oldest_first_allocates_all_it_can_in_order(
        available in 0i64..10_000_000,
        opens in prop::collection::vec(1i64..1_000_000, 0..30),
    ) {
        let list = items(&opens);
        let plan = oldest_first(Money::from_fen(available), &list);
        let total: i64 = plan.iter().map(|p| p.amount.fen()).sum();
        prop_assert_eq!(total, available.min(opens.iter().sum()));
        for (n, p) in plan.iter().enumerate() {
            prop_assert!(p.amount.fen() > 0 && p.amount.fen() <= opens[p.id as usize]);
            // Only the last touched item may be left partly open, and none is skipped.
            prop_assert_eq!(p.id as usize, n);
            if n + 1 < plan.len() {
                prop_assert_eq!(p.amount.fen(), opens[n]);
            }
        }
    }

    #[test]
    fn chosen_never_exceeds_the_item_or_the_available(
        available in 0i64..5_000_000,
        opens in prop::collection::vec(1i64..1_000_000, 1..10),
        picks in prop::collection::vec((0usize..10, prop::option::of(1i64..1_500_000)), 0..10),
    ) {
        let list = items(&opens);
        let picks: Vec<Pick> = picks
            .into_iter()
            .filter(|(i, _)| *i < opens.len())
            .map(|(i, a)| Pick { id: i as i64, amount: a.map(Money::from_fen) })
            .collect();
        if let Ok(plan) = chosen(Money::from_fen(available), &list, &picks) {
            let total: i64 = plan.iter().map(|p| p.amount.fen()).sum();
            prop_assert!(total <= available);
            for (i, open) in opens.iter().enumerate() {
                let to_item: i64 = plan.iter().filter(|p| p.id == i as i64).map(|p| p.amount.fen()).sum();
                prop_assert!(to_item <= *open);
            }
        }
    }

    #[test]
    fn match_all_settles_the_smaller_side(
        credits in prop::collection::vec(1i64..1_000_000, 0..15),
        debits in prop::collection::vec(1i64..1_000_000, 0..15),
    ) {
        let pairs = match_all(&items(&credits), &items(&debits));
        let total: i64 = pairs.iter().map(|(_, _, m)| m.fen()).sum();
        prop_assert_eq!(total, credits.iter().sum::<i64>().min(debits.iter().sum()));
        for (i, c) in credits.iter().enumerate() {
            let used: i64 = pairs.iter().filter(|p| p.0 == i as i64).map(|p| p.2.fen()).sum();
            prop_assert!(used <= *c);
        }
        for (i, d) in debits.iter().enumerate() {
            let paid: i64 = pairs.iter().filter(|p| p.1 == i as i64).map(|p| p.2.fen()).sum();
            prop_assert!(paid <= *d);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Random entries and automatic matches on a real database keep every
    /// row's outstanding equal to its amount less its allocations, and the
    /// aggregate rows equal to the entries.
    #[test]
    fn stored_allocations_keep_the_books_consistent(
        ops in prop::collection::vec((0u8..5, 1i64..500_000, 1u32..28), 1..40),
    ) {
        let (_dir, mut store) = temp_store();
        let code = customer(&mut store, "属性测试有限公司", "90000000", 30);
        let cid = id_of(&store, &code);
        let mut expected = 0i64;
        for (n, (op, fen, day)) in ops.into_iter().enumerate() {
            let amount = Money::from_fen(fen).to_string();
            let date = format!("2024-03-{day:02}");
            let (kind, sign) = match op {
                0 | 1 => ("invoice", 1),
                2 => ("receipt", -1),
                3 => ("prepayment", -1),
                _ => {
                    store.allocate(&code, &AllocateRequest::Auto).unwrap();
                    continue;
                }
            };
            store.add_entry(&code, &input(kind, &date, &format!("N{n}"), &amount), &AddOptions::default()).unwrap();
            expected += sign * fen;
        }
        assert_consistent(&store);
        prop_assert_eq!(store.balance(cid).unwrap().standing.balance.fen(), expected);
    }
}
