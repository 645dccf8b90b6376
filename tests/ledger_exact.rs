//! Exactness: a million random amounts sum to the fen through the domain
//! layer, and random entries through the store keep every balance exact.

#[path = "support/ledger.rs"]
mod support;

use kehu::domain::Money;
use kehu::domain::ledger::aging::{Bucket, age};
use kehu::store::{AddOptions, CreditCheck};
use support::*;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random amount as a bookkeeper writes it, and its value in fen computed
/// independently of `Money` (whole yuan and fen as separate integers).
fn random_amount(rng: &mut Rng) -> (String, i128) {
    let yuan = match rng.below(4) {
        0 => rng.below(100),
        1 => rng.below(100_000),
        2 => rng.below(10_000_000),
        _ => rng.below(1_000_000_000),
    };
    let fen = rng.below(100);
    let negative = rng.below(5) == 0;
    let text = format!("{}{yuan}.{fen:02}", if negative { "-" } else { "" });
    let value = (yuan as i128 * 100 + fen as i128) * if negative { -1 } else { 1 };
    (text, value)
}

#[test]
fn a_million_random_amounts_sum_to_the_fen() {
    let mut rng = Rng(0x5EED_0001);
    let as_of = d("2024-06-30");
    let mut expected: i128 = 0;
    let mut expected_positive: i128 = 0;
    let mut items = Vec::with_capacity(1_000_000);
    let mut float_total = 0.0_f64;
    for _ in 0..1_000_000 {
        let (text, value) = random_amount(&mut rng);
        let money = Money::parse(&text).unwrap();
        assert_eq!(i128::from(money.fen()), value, "{text}");
        expected += value;
        if value > 0 {
            expected_positive += value;
        }
        float_total += text.parse::<f64>().unwrap();
        let due = as_of - chrono::Duration::days(rng.below(400) as i64 - 30);
        items.push((due, money));
    }
    let total = Money::sum(items.iter().map(|(_, m)| *m)).unwrap();
    assert_eq!(i128::from(total.fen()), expected);
    let aged = age(items.iter().copied(), as_of).unwrap();
    assert_eq!(i128::from(aged.total.fen()), expected);
    let buckets: i128 = Bucket::ALL
        .iter()
        .map(|b| i128::from(aged.get(*b).fen()))
        .sum();
    assert_eq!(buckets, expected_positive);
    assert_eq!(buckets + i128::from(aged.unapplied.fen()), expected);
    // Floating point does not survive this: the reason money is integer fen.
    assert_ne!((float_total * 100.0) as i128, expected);
}

#[test]
fn random_entries_through_the_store_keep_every_balance_exact() {
    let (_dir, mut store) = temp_store();
    let codes: Vec<String> = (0..40)
        .map(|i| {
            customer(
                &mut store,
                &format!("测试客户{i:02}有限公司"),
                "0",
                (i % 4 * 30) as u16,
            )
        })
        .collect();
    let mut rng = Rng(0x5EED_0002);
    let mut expected = vec![0i128; codes.len()];
    let kinds = [
        "invoice",
        "invoice",
        "receipt",
        "credit",
        "prepayment",
        "adjustment",
        "opening",
    ];
    let mut bulk = store.ledger_bulk(CreditCheck::Skip).unwrap();
    for n in 0..20_000 {
        let c = rng.below(codes.len() as u64) as usize;
        let kind = kinds[rng.below(kinds.len() as u64) as usize];
        let (mut text, mut value) = random_amount(&mut rng);
        if !matches!(kind, "adjustment" | "opening") {
            text = text.trim_start_matches('-').to_string();
            value = value.abs();
        }
        if value == 0 {
            continue;
        }
        let signed = if matches!(kind, "receipt" | "credit" | "prepayment") {
            -value
        } else {
            value
        };
        let mut entry = input(
            kind,
            &format!("2024-{:02}-{:02}", rng.below(12) + 1, rng.below(28) + 1),
            &format!("D{n}"),
            &text,
        );
        entry.memo = "随机".into();
        bulk.add(&codes[c], &entry, &AddOptions::default())
            .unwrap()
            .unwrap();
        expected[c] += signed;
    }
    bulk.commit().unwrap();
    let balances = store.balances().unwrap();
    for (code, want) in codes.iter().zip(&expected) {
        let b = balances.iter().find(|b| &b.code == code).unwrap();
        assert_eq!(i128::from(b.standing.balance.fen()), *want, "{code}");
    }
    let total: i128 = expected.iter().sum();
    let aging = store.aging(d("2024-12-31")).unwrap();
    assert_eq!(i128::from(aging.totals.total.fen()), total);
    assert_consistent(&store);
}
