//! `kehu stats` and `kehu ledger search` on real databases: every figure is
//! checked against sums the test computes from the entries it added.

#[path = "support/books.rs"]
mod books;
#[path = "support/ledger.rs"]
mod ledger;

use std::collections::BTreeMap;

use books::{Added, Books, INDUSTRIES, expected, in_period, last_invoice};
use chrono::NaiveDate;
use kehu::domain::Lang;
use kehu::domain::activity::Activity;
use kehu::domain::ledger::EntryKind;
use kehu::domain::money::Money;
use kehu::store::{ClassValue, Figures, Page, Period, SearchFilter};
use ledger::d;

#[test]
fn stats_by_industry_are_the_sums_of_the_entries_of_each_industrys_customers() {
    let b = books::books(40);
    let by = b.store.class_by("行业").unwrap();
    let period = Period {
        from: Some(d("2025-01-01")),
        to: Some(d("2025-12-31")),
    };
    let as_of = d("2026-07-01");
    let stats = b.store.stats(&by, period, as_of).unwrap();
    let row = |label: &str| {
        stats
            .rows
            .iter()
            .find(|r| r.value.label(Lang::Zh) == label)
            .unwrap_or_else(|| panic!("no row {label}"))
            .figures
            .clone()
    };
    for dim in INDUSTRIES {
        let want = expected(&b, period, as_of, |i| b.industry[i] == dim);
        assert!(want.customers > 0 && want.invoiced.fen() > 0);
        assert_eq!(row(dim.unwrap_or("（未分类）")), want, "{dim:?}");
    }
    // Values no customer holds are listed with zeros; the totals are everyone's.
    assert_eq!(row("建筑业"), Figures::default());
    assert_eq!(stats.totals, expected(&b, period, as_of, |_| true));
    // No period: every entry.
    let all = b.store.stats(&by, Period::default(), as_of).unwrap();
    assert_eq!(all.totals, expected(&b, Period::default(), as_of, |_| true));
}

#[test]
fn activity_groups_customers_by_their_last_invoice() {
    let b = books::books(40);
    let as_of = d("2026-07-01");
    let by = b.store.class_by("activity").unwrap();
    let stats = b.store.stats(&by, Period::default(), as_of).unwrap();
    let activity = |i: usize| Activity::of(last_invoice(&b, i), as_of);
    let mut seen = BTreeMap::new();
    for r in &stats.rows {
        let ClassValue::Activity(a) = r.value else {
            panic!("not an activity: {:?}", r.value)
        };
        assert_eq!(
            r.figures,
            expected(&b, Period::default(), as_of, |i| activity(i) == a),
            "{a:?}"
        );
        seen.insert(a, r.figures.customers);
    }
    assert_eq!(seen.len(), 4, "every activity is a row");
    // The books hold each kind of customer.
    for a in Activity::ALL {
        assert!(seen[&a] > 0, "{a:?}: {seen:?}");
    }
    assert_eq!(stats.totals.customers, 40);
}

fn docs(hits: &[kehu::store::SearchHit]) -> Vec<String> {
    hits.iter().map(|h| h.doc_no.clone()).collect()
}

/// The entries `keep` selects, in the search's order (date, customer, amount, id).
fn expected_docs(b: &Books, keep: impl Fn(&Added) -> bool) -> Vec<String> {
    let mut rows: Vec<(NaiveDate, usize, i64, usize, String)> = b
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| keep(e))
        .map(|(n, e)| (e.date, e.customer, e.fen, n, e.doc.clone()))
        .collect();
    rows.sort();
    rows.into_iter().map(|r| r.4).collect()
}

#[test]
fn ledger_search_finds_exactly_the_entries_each_filter_names_in_date_order() {
    let b = books::books(30);
    let period = Period {
        from: Some(d("2025-03-01")),
        to: Some(d("2025-09-30")),
    };
    let base = SearchFilter {
        period,
        kind: Some(EntryKind::Invoice),
        ..SearchFilter::default()
    };
    let all = Page::default();
    let want = expected_docs(&b, |e| e.kind == "invoice" && in_period(e, period));
    assert!(want.len() > 20);
    assert_eq!(docs(&b.store.search_ledger(&base, all).unwrap()), want);
    // Pages are slices of the same order; the count and sum are of all.
    let page = Page {
        limit: Some(7),
        offset: 5,
    };
    assert_eq!(
        docs(&b.store.search_ledger(&base, page).unwrap()),
        want[5..12]
    );
    let sum: i64 = b
        .entries
        .iter()
        .filter(|e| e.kind == "invoice" && in_period(e, period))
        .map(|e| e.fen)
        .sum();
    assert_eq!(
        b.store.count_ledger(&base).unwrap(),
        (want.len() as u64, Money::from_fen(sum))
    );

    // By class, by document text, by amount range (typed, so credits positive), by customer.
    let by = b.store.class_by("industry").unwrap();
    let value = b.store.class_value(&by, "制造业").unwrap();
    let f = SearchFilter {
        class: Some((by, value)),
        ..base.clone()
    };
    assert_eq!(
        docs(&b.store.search_ledger(&f, all).unwrap()),
        expected_docs(&b, |e| e.kind == "invoice"
            && in_period(e, period)
            && b.industry[e.customer] == Some("制造业"))
    );
    let f = SearchFilter {
        kind: None,
        doc: Some("rec-1".into()),
        ..base.clone()
    };
    assert_eq!(
        docs(&b.store.search_ledger(&f, all).unwrap()),
        expected_docs(&b, |e| in_period(e, period)
            && e.doc.to_lowercase().contains("rec-1"))
    );
    let (lo, hi) = (1_000_000, 3_000_000);
    let f = SearchFilter {
        period: Period::default(),
        kind: Some(EntryKind::Receipt),
        amount: Some((Money::from_fen(lo), Money::from_fen(hi))),
        ..SearchFilter::default()
    };
    let want = expected_docs(&b, |e| e.kind == "receipt" && (lo..=hi).contains(&-e.fen));
    assert!(!want.is_empty());
    assert_eq!(docs(&b.store.search_ledger(&f, all).unwrap()), want);
    let f = SearchFilter {
        period: Period::default(),
        kind: None,
        customer_id: Some(ledger::id_of(&b.store, &b.codes[3])),
        ..SearchFilter::default()
    };
    assert_eq!(
        docs(&b.store.search_ledger(&f, all).unwrap()),
        expected_docs(&b, |e| e.customer == 3)
    );
    // Activity is computed: dormant customers' entries only.
    let today = d("2026-07-01");
    let by = b.store.class_by("活跃度").unwrap();
    let value = b.store.class_value(&by, "休眠").unwrap();
    let f = SearchFilter {
        period: Period::default(),
        kind: None,
        class: Some((by, value)),
        today: Some(today),
        ..SearchFilter::default()
    };
    let want = expected_docs(&b, |e| {
        Activity::of(last_invoice(&b, e.customer), today) == Activity::Dormant
    });
    assert!(!want.is_empty());
    assert_eq!(docs(&b.store.search_ledger(&f, all).unwrap()), want);
}

#[test]
fn a_search_by_period_and_type_reads_the_kind_date_index_without_sorting() {
    let b = books::books(3);
    let plan = b
        .store
        .search_plan(&SearchFilter {
            period: Period {
                from: Some(d("2025-01-01")),
                to: Some(d("2025-12-31")),
            },
            kind: Some(EntryKind::Invoice),
            ..SearchFilter::default()
        })
        .unwrap()
        .join("\n");
    assert!(plan.contains("ledger_entry_kind_date"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}

#[test]
fn unknown_dimensions_and_values_name_what_there_is() {
    let b = books::books(2);
    let e = b.store.class_by("颜色").unwrap_err().to_string();
    assert!(e.contains("industry") && e.contains("activity"), "{e}");
    let by = b.store.class_by("industry").unwrap();
    let e = b.store.class_value(&by, "航天").unwrap_err().to_string();
    assert!(e.contains("制造业"), "{e}");
}
