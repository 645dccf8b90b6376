//! Aging at the bucket edges, as of today and as of an earlier date;
//! overdue lists; statements with running balances.

#[path = "support/ledger.rs"]
mod support;

use kehu::domain::Money;
use kehu::domain::ledger::EntryInput;
use kehu::domain::ledger::aging::Bucket;
use kehu::store::AddOptions;
use support::*;

const EDGES: [i64; 10] = [0, 1, 30, 31, 60, 61, 90, 91, 180, 181];

/// One invoice per edge, due `days` before 2024-06-30, of 2^i yuan so any
/// mix-up shows in the sums.
fn edge_invoices() -> (tempfile::TempDir, kehu::store::Store, String) {
    let (dir, mut store) = temp_store();
    let code = customer(&mut store, "深圳市华强电子有限公司", "1000000", 0);
    let as_of = d("2024-06-30");
    for (i, days) in EDGES.iter().enumerate() {
        let due = as_of - chrono::Duration::days(*days);
        let text = due.format("%Y-%m-%d").to_string();
        let entry = EntryInput {
            due_date: text.clone(),
            ..input(
                "invoice",
                &text,
                &format!("INV-{days}"),
                &(1u64 << i).to_string(),
            )
        };
        store
            .add_entry(&code, &entry, &AddOptions::default())
            .unwrap();
    }
    (dir, store, code)
}

fn yuan_n(n: u64) -> Money {
    Money::from_yuan(n as i64).unwrap()
}

#[test]
fn aging_puts_each_edge_in_its_bucket() {
    let (_dir, store, _code) = edge_invoices();
    let report = store.aging(d("2024-06-30")).unwrap();
    assert_eq!(report.rows.len(), 1);
    let aged = report.rows[0].aged;
    // 0 days → not due; 1, 30 → 1–30; 31, 60 → 31–60; 61, 90; 91, 180; 181 → over 180.
    assert_eq!(aged.get(Bucket::NotDue), yuan_n(1));
    assert_eq!(aged.get(Bucket::Days1To30), yuan_n(2 + 4));
    assert_eq!(aged.get(Bucket::Days31To60), yuan_n(8 + 16));
    assert_eq!(aged.get(Bucket::Days61To90), yuan_n(32 + 64));
    assert_eq!(aged.get(Bucket::Days91To180), yuan_n(128 + 256));
    assert_eq!(aged.get(Bucket::Over180), yuan_n(512));
    assert_eq!(aged.total, yuan_n(1023));
    assert_eq!(aged.overdue(), yuan_n(1022));
    assert_eq!(report.totals, aged);
}

#[test]
fn overdue_lists_every_edge_but_today_oldest_first() {
    let (_dir, store, _code) = edge_invoices();
    let items = store.overdue(d("2024-06-30")).unwrap();
    let days: Vec<i64> = items.iter().map(|i| i.days_overdue).collect();
    assert_eq!(days, vec![181, 180, 91, 90, 61, 60, 31, 30, 1]);
    for item in &items {
        assert_eq!(item.bucket, Bucket::for_days_overdue(item.days_overdue));
        assert_eq!(item.doc_no, format!("INV-{}", item.days_overdue));
    }
}

#[test]
fn aging_as_of_an_earlier_date_ignores_later_entries_and_allocations() {
    let (_dir, mut store, code) = edge_invoices();
    let before = store.aging(d("2024-06-30")).unwrap();
    // A receipt in July pays the oldest invoices (181, 180, 91 days: 512 + 256 + 128).
    add(&mut store, &code, "receipt", "2024-07-15", "R-7", "896");
    add(&mut store, &code, "prepayment", "2024-07-16", "YS-7", "5");
    let looking_back = store.aging(d("2024-06-30")).unwrap();
    assert_eq!(looking_back.totals, before.totals);
    let now = store.aging(d("2024-07-16")).unwrap();
    assert_eq!(now.totals.total, yuan_n(1023 - 896 - 5));
    assert_eq!(
        now.totals.unapplied,
        yuan_n(0).checked_sub(yuan_n(5)).unwrap()
    );
    assert_eq!(now.totals.get(Bucket::Over180), Money::ZERO);
    // Between the two: the receipt counts, the prepayment does not yet exist.
    let mid = store.aging(d("2024-07-15")).unwrap();
    assert_eq!(mid.totals.total, yuan_n(1023 - 896));
    assert_eq!(mid.totals.unapplied, Money::ZERO);
    assert_eq!(store.overdue(d("2024-06-30")).unwrap().len(), 9);
}

#[test]
fn dashboard_figures() {
    let (_dir, mut store, code) = edge_invoices();
    let other = customer(&mut store, "广州鑫达贸易有限公司", "100", 30);
    store
        .add_entry(
            &other,
            &input("invoice", "2024-06-01", "A-1", "150"),
            &AddOptions {
                override_reason: Some("批准".into()),
                ..AddOptions::default()
            },
        )
        .unwrap();
    add(&mut store, &other, "prepayment", "2024-06-02", "YS-1", "20");
    let dash = store.dashboard(d("2024-06-30")).unwrap();
    assert_eq!(dash.receivable, yuan_n(1023 + 130));
    assert_eq!(dash.net, yuan_n(1023 + 130));
    assert_eq!(dash.unapplied, Money::ZERO.checked_sub(yuan_n(20)).unwrap());
    assert_eq!(dash.overdue, yuan_n(1022));
    assert_eq!((dash.overdue_items, dash.overdue_customers), (9, 1));
    assert_eq!(dash.over_limit.len(), 1);
    assert_eq!(dash.over_limit[0].code, other);
    assert_eq!(dash.top_debtors[0].code, code);
    assert_eq!(dash.customers_with_balance, 2);
    assert_eq!(dash.aging.total, yuan_n(1023 + 130));
}

#[test]
fn statement_has_opening_running_and_closing_balances() {
    let (_dir, mut store) = temp_store();
    let code = customer(&mut store, "杭州恒通物流有限公司", "1000000", 30);
    let cid = id_of(&store, &code);
    add(
        &mut store,
        &code,
        "opening",
        "2023-12-31",
        "期初",
        "5,000.00",
    );
    add(
        &mut store,
        &code,
        "invoice",
        "2024-01-15",
        "INV-1",
        "1,200.50",
    );
    add(
        &mut store,
        &code,
        "receipt",
        "2024-02-03",
        "R-1",
        "5,000.00",
    );
    add(
        &mut store,
        &code,
        "invoice",
        "2024-02-10",
        "INV-2",
        "800.25",
    );
    add(&mut store, &code, "credit", "2024-02-29", "HZ-1", "100.00");
    add(&mut store, &code, "invoice", "2024-03-01", "INV-3", "99.99");

    let feb = store
        .statement(cid, d("2024-02-01"), d("2024-02-29"))
        .unwrap();
    assert_eq!(feb.opening, yuan("6200.50"));
    let running: Vec<(&str, Money, Money, Money)> = feb
        .lines
        .iter()
        .map(|l| (l.doc_no.as_str(), l.debit, l.credit, l.balance))
        .collect();
    assert_eq!(
        running,
        vec![
            ("R-1", Money::ZERO, yuan("5000"), yuan("1200.50")),
            ("INV-2", yuan("800.25"), Money::ZERO, yuan("2000.75")),
            ("HZ-1", Money::ZERO, yuan("100"), yuan("1900.75")),
        ]
    );
    assert_eq!(
        (feb.total_debit, feb.total_credit),
        (yuan("800.25"), yuan("5100"))
    );
    assert_eq!(feb.closing, yuan("1900.75"));

    let jan = store
        .statement(cid, d("2024-01-01"), d("2024-01-31"))
        .unwrap();
    assert_eq!(jan.closing, feb.opening);
    let all = store
        .statement(cid, d("2000-01-01"), d("2099-12-31"))
        .unwrap();
    assert_eq!(all.opening, Money::ZERO);
    assert_eq!(all.closing, store.balance(cid).unwrap().standing.balance);
    assert_eq!(all.lines.len(), 6);
    let ledger = store.ledger(cid).unwrap();
    assert_eq!(ledger.last().unwrap().balance, all.closing);
    assert!(
        store
            .statement(cid, d("2024-02-01"), d("2024-01-01"))
            .is_err()
    );
}

#[test]
fn one_customers_aging_is_their_row_of_the_full_report() {
    let (_dir, mut store, code) = edge_invoices();
    let other = customer(&mut store, "广州市恒通贸易有限公司", "1000000", 30);
    add(&mut store, &other, "invoice", "2024-01-10", "X1", "777.00");
    let paid_up = customer(&mut store, "成都市瑞丰科技有限公司", "1000000", 30);
    for as_of in [d("2024-06-30"), d("2024-03-01")] {
        let full = store.aging(as_of).unwrap();
        for c in [&code, &other] {
            let id = id_of(&store, c);
            let row = full.rows.iter().find(|r| r.customer_id == id).unwrap();
            assert_eq!(
                store.customer_aging(id, as_of).unwrap(),
                row.aged,
                "{c} {as_of}"
            );
        }
        let none = store
            .customer_aging(id_of(&store, &paid_up), as_of)
            .unwrap();
        assert_eq!(none.total, Money::ZERO);
    }
}
