//! The list's in-memory search agrees with the store's SQL search, however
//! the query was typed (forward, backspaced, retyped) and after edits.

use kehu::domain::customer::Status;
use kehu::store::{ListFilter, Store};
use kehu::tui::index::{Column, CustomerIndex, Filtered, Query, StatusFilter, Text};

fn store_with(n: u64) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("kehu.db")).unwrap();
    let mut bulk = store.bulk_insert().unwrap();
    for i in 0..n {
        bulk.insert(&kehu::synth::customer_values(i))
            .unwrap()
            .unwrap();
    }
    bulk.commit().unwrap();
    (dir, store)
}

fn codes(index: &CustomerIndex, rows: &[u32]) -> Vec<String> {
    rows.iter()
        .map(|r| index.text(*r, Text::Code).to_string())
        .collect()
}

fn sql_codes(store: &Store, q: &str) -> Vec<String> {
    store
        .list_customers(&ListFilter {
            search: Some(q.to_string()),
            ..ListFilter::default()
        })
        .unwrap()
        .into_iter()
        .map(|c| c.data.code)
        .collect()
}

#[test]
fn incremental_search_matches_sql_like_for_every_prefix() {
    let (_dir, store) = store_with(800);
    let mut index = CustomerIndex::load(&store, None).unwrap();
    let mut filtered = Filtered::default();
    let mut query = Query::default();
    let typed = [
        "szs", "hqdz", "华强", "王芳", "0755-6", "91440300", "finance", "HQ",
    ];
    for text in typed {
        // Forward, one key at a time.
        query.text.clear();
        for c in text.chars() {
            query.text.push(c);
            filtered.update(&mut index, &query);
            let expected = sql_codes(&store, &query.text);
            assert_eq!(
                codes(&index, filtered.rows()),
                expected,
                "query {:?}",
                query.text
            );
        }
        // Backspacing reuses earlier results: still right.
        while query.text.pop().is_some() {
            filtered.update(&mut index, &query);
            let expected = if query.text.is_empty() {
                sql_codes(&store, "")
            } else {
                sql_codes(&store, &query.text)
            };
            assert_eq!(
                codes(&index, filtered.rows()),
                expected,
                "query {:?}",
                query.text
            );
        }
    }
    for q in ["华强", "szs", "王芳", "91440300"] {
        assert!(
            !sql_codes(&store, q).is_empty(),
            "the data must hold matches for {q}"
        );
    }
}

#[test]
fn edits_status_filters_and_sorting_are_reflected() {
    let (_dir, mut store) = store_with(300);
    let mut index = CustomerIndex::load(&store, None).unwrap();
    let mut filtered = Filtered::default();
    let mut query = Query {
        text: "c00001".into(),
        ..Query::default()
    };
    filtered.update(&mut index, &query);
    assert_eq!(filtered.rows().len(), 10); // C000010 … C000019
    let saved = store.set_status("C000012", Status::Archived).unwrap();
    index.refresh(&store, saved.id).unwrap();
    filtered.update(&mut index, &query);
    assert_eq!(filtered.rows().len(), 9);
    query.status = StatusFilter::Only(Status::Archived);
    filtered.update(&mut index, &query);
    assert_eq!(codes(&index, filtered.rows()), ["C000012"]);

    query.status = StatusFilter::Live;
    query.text.clear();
    query.sort = Column::Credit;
    query.descending = true;
    filtered.update(&mut index, &query);
    let limits: Vec<_> = filtered
        .rows()
        .iter()
        .map(|r| index.get(*r).unwrap().credit_limit())
        .collect();
    assert!(limits.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(limits.len(), 299);

    query.class = Some("制造业".into());
    filtered.update(&mut index, &query);
    assert!(!filtered.rows().is_empty());
    assert!(filtered.rows().iter().all(|r| {
        index
            .text(*r, Text::Class)
            .split('/')
            .any(|v| v == "制造业")
    }));
}

#[test]
fn an_edited_row_moves_to_its_place_in_a_cached_sort_order() {
    let (_dir, mut store) = store_with(200);
    let mut index = CustomerIndex::load(&store, None).unwrap();
    index.prepare_orders();
    let mut filtered = Filtered::default();
    let query = Query {
        sort: Column::Credit,
        descending: true,
        ..Query::default()
    };
    filtered.update(&mut index, &query);
    let before = codes(&index, filtered.rows());
    assert_ne!(before[0], "C000150");
    let mut patch = kehu::domain::field::FieldValues::new();
    patch.insert("credit_limit".into(), "9000000".into());
    let saved = store.edit_customer("C000150", &patch).unwrap();
    index.refresh(&store, saved.customer.id).unwrap();
    filtered.update(&mut index, &query);
    let after = codes(&index, filtered.rows());
    assert_eq!(after[0], "C000150");
    assert_eq!(after.len(), 200, "the old row is not shown twice");
    let limits: Vec<_> = filtered
        .rows()
        .iter()
        .map(|r| index.get(*r).unwrap().credit_limit())
        .collect();
    assert!(limits.windows(2).all(|w| w[0] >= w[1]));
}

#[path = "support/ledger.rs"]
mod ledger;

/// The full list's balance and oldest due date per customer, now read from
/// the ledger's aggregate rows alone, against sums over the raw entries (an
/// archived customer whose balance is zero shows none) and against the
/// store's balances the list took them from before.
#[test]
fn the_lists_ledger_figures_match_sums_from_the_entries() {
    use std::collections::HashMap;

    use kehu::domain::Money;
    let (_dir, mut store) = ledger::temp_store();
    let mut codes = Vec::new();
    for i in 0..8 {
        codes.push(ledger::customer(
            &mut store,
            &format!("列表客户{i}有限公司"),
            "",
            30,
        ));
    }
    for (i, code) in codes.iter().enumerate().take(7) {
        let amount = format!("{}", 100 * (i + 1));
        ledger::add(
            &mut store,
            code,
            "invoice",
            "2024-03-01",
            &format!("F{i}"),
            &amount,
        );
        if i % 2 == 1 {
            ledger::add(
                &mut store,
                code,
                "receipt",
                "2024-04-01",
                &format!("R{i}"),
                "50",
            );
        }
    }
    // Archived owing, archived with an invoice against an equal prepayment
    // (balance zero), one merged into another; the last has no entries.
    ledger::add(
        &mut store,
        &codes[5],
        "prepayment",
        "2024-05-01",
        "Y5",
        "550",
    );
    store.set_status(&codes[4], Status::Archived).unwrap();
    store.set_status(&codes[5], Status::Archived).unwrap();
    store
        .merge_customers(&codes[1], &codes[2], &[], Some("同一家公司"))
        .unwrap();

    let conn = store.connection();
    let mut stmt = conn
        .prepare(
            "SELECT c.id, c.status, COALESCE(SUM(e.amount), 0),
                    MIN(CASE WHEN e.outstanding > 0 THEN e.due_date END)
             FROM customer c LEFT JOIN ledger_entry e ON e.customer_id = c.id GROUP BY c.id",
        )
        .unwrap();
    let raw: Vec<(i64, String, i64, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let before: HashMap<i64, (Money, Option<chrono::NaiveDate>)> = store
        .balances()
        .unwrap()
        .into_iter()
        .filter(|b| b.entries > 0)
        .map(|b| (b.customer_id, (b.standing.balance, b.oldest_due)))
        .collect();
    let index = CustomerIndex::load(&store, None).unwrap();
    let mut shown_due = 0;
    let mut hidden_due = 0;
    for (id, status, fen, due) in raw {
        let row = index.get(index.row_of_id(id).unwrap()).unwrap();
        let (fen, due) = match status.as_str() {
            "archived" if fen == 0 => {
                hidden_due += usize::from(due.is_some());
                (0, None)
            }
            _ => (fen, due.as_deref().map(ledger::d)),
        };
        shown_due += usize::from(due.is_some());
        let got = (row.balance, row.oldest_due);
        assert_eq!(got, (Money::from_fen(fen), due), "customer #{id}");
        let old = before.get(&id).copied().unwrap_or((Money::ZERO, None));
        assert_eq!(got, old, "customer #{id} as the list showed it before");
    }
    assert!(shown_due >= 5, "{shown_due}");
    assert_eq!(
        hidden_due, 1,
        "the archived customer at zero owes an invoice"
    );
}

/// The list's shown fields (found by separators, in the search text or the
/// text arena) and its sort orders (the code order held as the rows as
/// loaded, the status order read off it, the mnemonic order the name
/// order) against the customers as the
/// store lists them, sorted here, before and after edits that keep the code
/// order as loaded (a code past the last) and that break it (one before
/// the first).
#[test]
fn shown_fields_and_sort_orders_match_the_stores_customers_sorted_here() {
    let (_dir, mut store) = store_with(120);
    let mut acme = Vec::new();
    for i in 0..8u64 {
        let mut values = kehu::synth::customer_values(500 + i);
        // Mnemonics shared by three, names against the code order: equal
        // mnemonics sort by name, not by code.
        values.insert("name".into(), format!("Acme Trading {} Co", 7 - i));
        values.insert("mnemonic".into(), format!("acme{}", i / 3));
        acme.push(
            store
                .add_customer(&values, None)
                .unwrap()
                .customer
                .data
                .code,
        );
    }
    let statuses = [Status::OnHold, Status::Archived, Status::PendingReview];
    for (i, code) in ["C000003", "C000050", "C000077", "C000101", &acme[2]]
        .iter()
        .enumerate()
    {
        store.set_status(code, statuses[i % 3]).unwrap();
    }
    let mut index = CustomerIndex::load(&store, None).unwrap();
    index.prepare_orders();
    let mut filtered = Filtered::default();
    agrees_with_store(&mut index, &mut filtered, &store);
    for (code, new_code) in [("C000010", "C000999"), ("C000020", "A000001")] {
        let mut patch = kehu::domain::field::FieldValues::new();
        patch.insert("code".into(), new_code.into());
        let saved = store.edit_customer(code, &patch).unwrap();
        index.refresh(&store, saved.customer.id).unwrap();
        agrees_with_store(&mut index, &mut filtered, &store);
    }
    let saved = store.set_status("C000999", Status::OnHold).unwrap();
    index.refresh(&store, saved.id).unwrap();
    agrees_with_store(&mut index, &mut filtered, &store);
}

fn agrees_with_store(index: &mut CustomerIndex, filtered: &mut Filtered, store: &Store) {
    let all = store
        .list_customers(&ListFilter {
            include_archived: true,
            ..ListFilter::default()
        })
        .unwrap();
    assert_eq!(index.len(), all.len());
    for c in &all {
        let row = index.row_of_id(c.id).unwrap();
        let d = &c.data;
        let shown =
            [Text::Code, Text::Name, Text::Mnemonic, Text::TaxId].map(|t| index.text(row, t));
        assert_eq!(
            shown,
            [&d.code, &d.name, &d.mnemonic, &d.tax_id].map(String::as_str)
        );
    }
    let bytes = |s: &String| s.as_bytes().to_vec();
    // The class as the list shows it (the classification values joined in
    // dimension order) is taken from the index: what is checked is the order.
    let classes: std::collections::HashMap<i64, Vec<u8>> = all
        .iter()
        .map(|c| {
            (
                c.id,
                index
                    .text(index.row_of_id(c.id).unwrap(), Text::Class)
                    .as_bytes()
                    .to_vec(),
            )
        })
        .collect();
    let class = |c: &kehu::domain::customer::Customer| classes[&c.id].clone();
    for column in [
        Column::Code,
        Column::Name,
        Column::Mnemonic,
        Column::TaxId,
        Column::Class,
        Column::Credit,
        Column::Status,
    ] {
        let mut expected = all.clone();
        expected.sort_by(|a, b| {
            let classes = class(a).cmp(&class(b));
            let (a, b) = (&a.data, &b.data);
            let primary = match column {
                Column::Class => classes,
                // Equal mnemonics by name, as the name sort has them.
                Column::Name | Column::Mnemonic => {
                    (bytes(&a.mnemonic), bytes(&a.name)).cmp(&(bytes(&b.mnemonic), bytes(&b.name)))
                }
                Column::TaxId => bytes(&a.tax_id).cmp(&bytes(&b.tax_id)),
                Column::Credit => a.credit_limit.cmp(&b.credit_limit),
                Column::Status => a.status.cmp(&b.status),
                _ => std::cmp::Ordering::Equal,
            };
            primary.then_with(|| bytes(&a.code).cmp(&bytes(&b.code)))
        });
        let mut expected: Vec<String> = expected.into_iter().map(|c| c.data.code).collect();
        for descending in [false, true] {
            let query = Query {
                status: StatusFilter::All,
                sort: column,
                descending,
                ..Query::default()
            };
            filtered.update(index, &query);
            assert_eq!(
                codes(index, filtered.rows()),
                expected,
                "{column:?} {descending}"
            );
            expected.reverse();
        }
    }
}
