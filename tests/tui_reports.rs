//! The statistics, entry search and our-company screens: driven by keys on a
//! real database file
//! (the sample customers of `support::sample_store`, Chinese names), checked
//! against figures computed here from the sample ledger, and as snapshots in
//! both languages at 80×24 and 120×40.

#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::tui::App;
use support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::Zh, "zh")];

fn shots(name: &str, setup: impl Fn(&mut App, &std::path::Path)) {
    for (lang, tag) in LANGS {
        for (w, h) in SIZES {
            let (dir, store) = sample_store();
            let mut app = app(store, lang);
            setup(&mut app, dir.path());
            app.wait_until_loaded();
            let text = screen(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{tag}_{w}x{h}"), text);
        }
    }
}

#[test]
fn statistics_by_industry_and_by_activity() {
    shots("stats_industry", |app, _| typed(app, "T"));
    // Five dimensions, then activity.
    shots("stats_activity", |app, _| typed(app, "Tccccc"));
}

#[test]
fn statistics_figures_are_the_sample_ledgers() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "T");
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    // 制造业 is C000001 alone: invoiced 36,000 + 45,000 this year, received
    // 20,000, owes 12,000 + 81,000 − 20,000, of which 28,000.00 overdue
    // (FP-0001 less the receipt, due 2026-10-10) and the opening 12,000 (due on its day).
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("制造业"))
        .unwrap_or_else(|| panic!("{text}"));
    for figure in ["81,000.00", "20,000.00", "73,000.00"] {
        assert!(row.contains(figure), "{figure} in {row}");
    }
    // Activity: C000001–C000002 invoiced within 90 days; the other four never.
    typed(&mut app, "ccccc");
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    let count = |label: &str| {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{label} ")))
            .unwrap_or_else(|| panic!("{label}: {text}"));
        line.split_whitespace().nth(1).unwrap().to_string()
    };
    assert_eq!(count("活跃"), "2");
    assert_eq!(count("从未开票"), "4");
    // A period keeps the dialog open on a bad date, then applies.
    typed(&mut app, "p");
    ctrl(&mut app, 'u');
    typed(&mut app, "2026-13-01");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 120, 40).contains("开票与收款的期间"));
    ctrl(&mut app, 'u');
    typed(&mut app, "2026-11-01");
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("2026-11-01 至 2026-11-30"), "{text}");
}

/// Focuses the field with one of these labels (the UI language's).
fn focus_any(app: &mut App, labels: &[&str]) {
    assert!(
        labels.iter().any(|l| app.focus_field(l)),
        "none of {labels:?} here"
    );
}

const TYPE: [&str; 1] = ["SearchType"];
const AMOUNT: [&str; 1] = ["SearchAmount"];

fn search(app: &mut App, fields: &[(&[&str], &str)]) {
    typed(app, "L");
    typed(app, "f");
    for (labels, value) in fields {
        focus_any(app, labels);
        ctrl(app, 'u');
        typed(app, value);
    }
    key(app, KeyCode::Enter);
    app.wait_until_loaded();
}

#[test]
fn entry_search_by_type_class_and_amount() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    search(&mut app, &[(&TYPE, "发票"), (&AMOUNT, "40000..")]);
    let text = screen(&mut app, 120, 40);
    // Invoices of 40,000 or more: FP-0002 45,000, XD-1101 150,000, XD-1125 80,000.
    for doc in ["FP-0002", "XD-1101", "XD-1125"] {
        assert!(text.contains(doc), "{doc}: {text}");
    }
    assert!(!text.contains("FP-0001"), "{text}");
    assert!(text.contains("275,000.00"), "the sum: {text}");
    // A class that does not exist: the dialog stays, the store's words say why.
    typed(&mut app, "f");
    focus(&mut app, "SearchClass");
    typed(&mut app, "行业=航天");
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let text = screen(&mut app, 200, 40);
    assert!(text.contains("不是 industry 的值"), "{text}");
}

#[test]
fn entry_search_screens() {
    shots("search_empty", |app, _| typed(app, "L"));
    shots("search_invoices", |app, _| {
        search(app, &[(&TYPE, "invoice")])
    });
}

#[test]
fn our_company_screens() {
    shots("company_unset", |app, _| typed(app, "C"));
    shots("company_dialog", |app, _| {
        typed(app, "Ce");
        focus(app, "CompanyName");
        typed(app, "杭州西湖贸易有限公司");
    });
}

#[test]
fn the_list_filters_by_activity_like_a_classification() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    app.wait_until_loaded();
    typed(&mut app, "f");
    typed(&mut app, "从未开票");
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    // Never invoiced: C000003 (a prepayment), C000004 (an opening balance), 张三 (nothing).
    for code in ["C000003", "C000004", "C000005"] {
        assert!(text.contains(code), "{code}: {text}");
    }
    for code in ["C000001", "C000002"] {
        assert!(!text.contains(code), "{code}: {text}");
    }
    assert!(text.contains("从未开票"), "the filter is named: {text}");
    typed(&mut app, "F");
    assert!(screen(&mut app, 120, 40).contains("C000001"));
}

/// At 80 columns a long customer name gives way, not the document number and
/// the amount: a 数电票 number and its amount stay on screen.
#[test]
fn entry_search_at_80_columns_keeps_the_document_and_amount() {
    let (_dir, mut store) = sample_store();
    let added = store
        .add_customer(&values(&[("name", "佛山市顺德区美嘉家具有限公司")]), None)
        .unwrap();
    let entry = kehu::domain::ledger::EntryInput {
        kind: "invoice".into(),
        date: "2026-11-02".into(),
        doc_no: "24442000000000000021".into(),
        amount: "5650.00".into(),
        ..Default::default()
    };
    let code = added.customer.data.code;
    store.add_entry(&code, &entry, &Default::default()).unwrap();
    let mut app = app(store, Lang::Zh);
    search(&mut app, &[(&TYPE, "发票")]);
    let text = screen(&mut app, 80, 24);
    let row = text
        .lines()
        .find(|l| l.contains(code.as_str()))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("24442000000000000021"), "{row}");
    assert!(row.contains("5,650.00"), "{row}");
    assert!(
        row.contains("佛山"),
        "the name is shortened, not dropped: {row}"
    );
}
