//! Every dashboard figure against sums computed here from the raw tables of
//! a real database with overdue, over-limit, archived and merged customers,
//! credit notes, prepayments and part-paid invoices; as of today (the kept
//! outstanding amounts) and as of an earlier date (rebuilt from allocations).

#[path = "support/ledger.rs"]
mod support;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use kehu::domain::Money;
use kehu::domain::customer::Status;
use kehu::domain::ledger::EntryInput;
use kehu::store::{AddOptions, Dashboard, OVER_LIMIT_LISTED, Store};
use support::*;

/// Customers and entries from a fixed pseudo-random sequence: 24 customers,
/// some with a limit, each with invoices, receipts, credit notes and
/// prepayments dated through 2024; then two archived and one merged away.
fn books() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    let mut seed = 11u64;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let limits = ["", "500", "0", "20000", "", "3000", "", "100"];
    // Classes in two dimensions, some customers without a value in either.
    let industries = ["制造业", "批发零售", "", "信息技术", "建筑业"];
    let regions = ["华南", "", "华东", "华北"];
    let mut codes = Vec::new();
    for i in 0..24 {
        let limit = limits[i % limits.len()];
        let days = [0, 15, 30, 60][i % 4];
        let classes = [
            ("industry", industries[i % industries.len()]),
            ("region", regions[i % regions.len()]),
        ];
        codes.push(classed_customer(
            &mut store,
            &format!("测试客户{i}有限公司"),
            limit,
            days,
            &classes,
        ));
    }
    let over = AddOptions {
        override_reason: Some("批准".into()),
        ..AddOptions::default()
    };
    let first = d("2024-01-01");
    for n in 0..360u64 {
        let code = &codes[next(codes.len() as u64) as usize];
        let kind = [
            "invoice",
            "invoice",
            "invoice",
            "receipt",
            "credit",
            "prepayment",
        ][next(6) as usize];
        let date = first + chrono::Duration::days((n * 330 / 360 + next(20)) as i64);
        let entry = EntryInput {
            kind: kind.into(),
            date: date.format("%Y-%m-%d").to_string(),
            doc_no: format!("D{n}"),
            amount: format!("{}.{:02}", 1 + next(4000), next(100)),
            ..EntryInput::default()
        };
        store.add_entry(code, &entry, &over).unwrap();
    }
    // One with a balance archived, one settled to zero archived.
    store.set_status(&codes[3], Status::Archived).unwrap();
    let settled = customer(&mut store, "已结清客户有限公司", "", 30);
    add(&mut store, &settled, "invoice", "2024-02-01", "S-1", "800");
    add(&mut store, &settled, "receipt", "2024-03-01", "S-R", "800");
    store.set_status(&settled, Status::Archived).unwrap();
    store
        .merge_customers(&codes[1], &codes[2], &[], Some("同一家公司"))
        .unwrap();
    assert_consistent(&store);
    (dir, store)
}

struct Raw {
    /// id → (code, name, credit limit)
    customers: HashMap<i64, (String, Option<i64>)>,
    /// (id, customer, amount, entry date, due date, outstanding)
    entries: Vec<(i64, i64, i64, String, Option<String>, i64)>,
    /// (credit, debit, amount, effective date)
    allocations: Vec<(i64, i64, i64, String)>,
}

fn raw(store: &Store) -> Raw {
    let conn = store.connection();
    let mut stmt = conn
        .prepare("SELECT id, code, credit_limit FROM customer")
        .unwrap();
    let customers = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT id, customer_id, amount, entry_date, due_date, outstanding FROM ledger_entry",
        )
        .unwrap();
    let entries = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut stmt = conn
        .prepare("SELECT credit_id, debit_id, amount, effective_date FROM ledger_allocation")
        .unwrap();
    let allocations = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    Raw {
        customers,
        entries,
        allocations,
    }
}

/// The figures recomputed from the raw rows, in fen: aging buckets
/// (not due, 1–30, 31–60, 61–90, 91–180, over 180), unapplied, overdue
/// items and customers.
fn aged_by_hand(raw: &Raw, as_of: NaiveDate) -> ([i64; 6], i64, i64, i64) {
    let as_of_text = as_of.format("%Y-%m-%d").to_string();
    let mut buckets = [0i64; 6];
    let (mut unapplied, mut items) = (0, 0);
    let mut overdue_customers = std::collections::BTreeSet::new();
    for (id, customer, amount, date, due, outstanding) in &raw.entries {
        if *date > as_of_text {
            continue;
        }
        let allocated: i64 = raw
            .allocations
            .iter()
            .filter(|(c, dr, _, eff)| (c == id || dr == id) && *eff <= as_of_text)
            .map(|a| a.2)
            .sum();
        let open = if *amount > 0 {
            amount - allocated
        } else {
            amount + allocated
        };
        if as_of >= d("2025-12-31") {
            assert_eq!(open, *outstanding, "entry {id}");
        }
        if open < 0 {
            unapplied += open;
        } else if open > 0 {
            let due = d(due.as_deref().unwrap());
            let days = (as_of - due).num_days();
            let bucket = match days {
                ..=0 => 0,
                1..=30 => 1,
                31..=60 => 2,
                61..=90 => 3,
                91..=180 => 4,
                _ => 5,
            };
            buckets[bucket] += open;
            if days > 0 {
                items += 1;
                overdue_customers.insert(*customer);
            }
        }
    }
    (buckets, unapplied, items, overdue_customers.len() as i64)
}

fn check(store: &Store, as_of: NaiveDate) -> Dashboard {
    let raw = raw(store);
    let dash = store.dashboard(as_of).unwrap();
    let mut balance: BTreeMap<i64, i64> = BTreeMap::new();
    for (_, customer, amount, ..) in &raw.entries {
        *balance.entry(*customer).or_default() += amount;
    }
    let fen = Money::from_fen;
    let owed: i64 = balance.values().map(|b| (*b).max(0)).sum();
    assert_eq!(dash.receivable, fen(owed), "receivable");
    assert_eq!(dash.net, fen(balance.values().sum()), "net");
    let with_balance = balance.values().filter(|b| **b != 0).count() as i64;
    assert_eq!(dash.customers_with_balance, with_balance);

    let code = |id: &i64| raw.customers[id].0.clone();
    let mut over: Vec<(i64, String, i64)> = balance
        .iter()
        .filter_map(|(id, b)| {
            let limit = raw.customers[id].1?;
            (*b > limit).then(|| (b - limit, code(id), *b))
        })
        .collect();
    over.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    assert_eq!(dash.over_limit_customers, over.len() as i64);
    over.truncate(OVER_LIMIT_LISTED);
    let shown: Vec<(i64, String, i64)> = dash
        .over_limit
        .iter()
        .map(|b| {
            (
                b.standing.excess(),
                b.code.clone(),
                b.standing.balance.fen(),
            )
        })
        .collect();
    assert_eq!(shown, over, "over limit");

    let mut top: Vec<(i64, String)> = balance
        .iter()
        .filter(|(_, b)| **b > 0)
        .map(|(id, b)| (*b, code(id)))
        .collect();
    top.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    top.truncate(10);
    let shown: Vec<(i64, String)> = dash
        .top_debtors
        .iter()
        .map(|b| (b.standing.balance.fen(), b.code.clone()))
        .collect();
    assert_eq!(shown, top, "top debtors");

    let (buckets, unapplied, items, customers) = aged_by_hand(&raw, as_of);
    let a = &dash.aging;
    let got = [
        a.not_due,
        a.days_1_30,
        a.days_31_60,
        a.days_61_90,
        a.days_91_180,
        a.over_180,
    ]
    .map(|m| m.fen());
    assert_eq!(got, buckets, "aging buckets as of {as_of}");
    assert_eq!(a.unapplied, fen(unapplied));
    assert_eq!(dash.unapplied, fen(unapplied));
    assert_eq!(a.total, fen(buckets.iter().sum::<i64>() + unapplied));
    assert_eq!(dash.overdue, fen(buckets[1..].iter().sum()));
    assert_eq!(
        (dash.overdue_items, dash.overdue_customers),
        (items, customers)
    );
    // And as the per-customer reports add them up.
    assert_eq!(dash.aging, store.aging(as_of).unwrap().totals);
    assert_eq!(
        dash.overdue_items,
        store.overdue(as_of).unwrap().len() as i64
    );
    dash
}

#[test]
fn every_dashboard_figure_matches_sums_from_the_tables() {
    let (_dir, store) = books();
    let dash = check(&store, d("2025-12-31"));
    // The books exercise what the figures must get right.
    assert!(dash.over_limit.len() >= 2, "{:?}", dash.over_limit);
    assert_eq!(dash.top_debtors.len(), 10);
    assert!(dash.unapplied < Money::ZERO);
    assert!(dash.overdue_customers >= 3);
    assert!(dash.receivable > dash.net, "someone is in credit");
    // Everything was due in 2024 or early 2025.
    assert!(dash.aging.over_180 > Money::ZERO);
}

#[test]
fn dashboard_figures_as_of_an_earlier_date_match_the_allocations_then() {
    let (_dir, store) = books();
    for as_of in ["2024-03-15", "2024-07-01", "2024-10-20"] {
        let dash = check(&store, d(as_of));
        assert!(dash.aging.not_due > Money::ZERO, "as of {as_of}");
        assert!(dash.overdue_items > 0, "as of {as_of}");
    }
}

#[test]
fn an_empty_ledger_has_a_dashboard_of_zeros() {
    let (_dir, mut store) = temp_store();
    customer(&mut store, "深圳市华强电子有限公司", "0", 30);
    let dash = check(&store, d("2024-06-30"));
    assert_eq!(dash.receivable, Money::ZERO);
    assert_eq!(dash.aging, Default::default());
    assert!(dash.over_limit.is_empty() && dash.top_debtors.is_empty());
}

#[test]
fn the_over_limit_list_holds_the_largest_excesses_and_the_count_all_of_them() {
    let (_dir, mut store) = temp_store();
    let over = AddOptions {
        override_reason: Some("批准".into()),
        ..AddOptions::default()
    };
    let extra = 7;
    for i in 0..OVER_LIMIT_LISTED + extra {
        let code = customer(&mut store, &format!("超额客户{i}有限公司"), "10", 30);
        // Excesses repeat every 50 customers, so ties are ordered by code.
        let amount = format!("{}", 11 + (i * 37) % 50);
        let entry = input("invoice", "2024-05-01", &format!("F{i}"), &amount);
        store.add_entry(&code, &entry, &over).unwrap();
    }
    customer(&mut store, "未超额客户有限公司", "", 30);
    let dash = check(&store, d("2024-06-30"));
    assert_eq!(
        dash.over_limit_customers,
        (OVER_LIMIT_LISTED + extra) as i64
    );
    assert_eq!(dash.over_limit.len(), OVER_LIMIT_LISTED);
}

/// The receivable by class against sums over the raw entries and class rows:
/// every customer with a balance, archived and merged ones included, under
/// its value in the dimension or under none.
#[test]
fn receivable_by_class_matches_sums_from_the_tables() {
    let (_dir, store) = books();
    let raw = raw(&store);
    let mut balance: BTreeMap<i64, i64> = BTreeMap::new();
    for (_, customer, amount, ..) in &raw.entries {
        *balance.entry(*customer).or_default() += amount;
    }
    let conn = store.connection();
    let mut seen_values = 0;
    for dimension in ["industry", "region", "scale"] {
        let mut stmt = conn
            .prepare(
                "SELECT cc.customer_id, v.name FROM customer_class cc
                 JOIN dimension d ON d.id = cc.dimension_id
                 JOIN dimension_value v ON v.id = cc.value_id WHERE d.code = ?1",
            )
            .unwrap();
        let class: HashMap<i64, String> = stmt
            .query_map([dimension], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut totals: BTreeMap<Option<String>, (i64, i64)> = BTreeMap::new();
        for (id, b) in balance.iter().filter(|(_, b)| **b != 0) {
            let total = totals.entry(class.get(id).cloned()).or_default();
            total.0 += b;
            total.1 += 1;
        }
        // Largest first; ties by value, no value first (as SQLite orders NULL).
        let mut expected: Vec<(Option<String>, i64, i64)> = totals
            .into_iter()
            .map(|(value, (fen, n))| (value, fen, n))
            .collect();
        expected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let got: Vec<(Option<String>, i64, i64)> = store
            .receivable_by_class(dimension)
            .unwrap()
            .into_iter()
            .map(|t| (t.value, t.balance.fen(), t.customers))
            .collect();
        assert_eq!(got, expected, "by {dimension}");
        seen_values += got.iter().filter(|t| t.0.is_some()).count();
    }
    // The books exercise several values and customers without one.
    assert!(seen_values >= 6, "{seen_values}");
    let archived = raw.customers.keys().filter(|id| {
        store.balance(**id).unwrap().status == Status::Archived
            && balance.get(id).is_some_and(|b| *b != 0)
    });
    assert!(
        archived.count() >= 1,
        "an archived customer with a balance is counted"
    );
}
