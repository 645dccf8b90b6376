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
        .map(|r| index.get(*r).unwrap().credit_limit)
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
        .map(|r| index.get(*r).unwrap().credit_limit)
        .collect();
    assert!(limits.windows(2).all(|w| w[0] >= w[1]));
}
