use super::*;
use crate::domain::field::FieldValues;
use crate::tui::index::filter::{Filtered, Query};

/// The fold before ASCII was upper-cased: half-width, lower case.
fn lower_fold(text: &str) -> Vec<u8> {
    text.trim()
        .chars()
        .map(half_width_of)
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .into_bytes()
}

fn half_width_of(c: char) -> char {
    crate::domain::names::half_width(c)
}

#[test]
fn upper_casing_ascii_finds_exactly_what_lower_casing_found() {
    let texts = [
        "Acme",
        "ACME",
        "ａｃｍｅ",
        "acme",
        "\u{212A}elvin",
        "kelvin",
        "KELVIN",
        "华强",
        "華強",
        "C000001",
        "c000001",
        "Straße",
        "STRASSE",
        "İstanbul",
        "istanbul",
        "ǅ",
        "ǆ",
        "Ǆ",
        "0755-6",
    ];
    for a in texts {
        for b in texts {
            let before = lower_fold(a) == lower_fold(b);
            assert_eq!(fold(a) == fold(b), before, "{a} / {b}");
            let found_before = memchr::memmem::find(&lower_fold(a), &lower_fold(b)).is_some();
            let found = memchr::memmem::find(&fold(a), &fold(b)).is_some();
            assert_eq!(found, found_before, "{b} in {a}");
        }
    }
    assert_eq!(fold("华强"), "华强".as_bytes());
    assert_eq!(fold("C000001"), b"C000001");
}

#[test]
fn fields_show_as_stored_whether_held_once_or_twice() {
    let mut store = Store::open_in_memory().unwrap();
    for (i, name) in [
        "深圳市华强电子有限公司",
        "Acme Trading Co",
        "ＡＢＣ商贸有限公司",
    ]
    .into_iter()
    .enumerate()
    {
        let mut values: FieldValues = crate::synth::customer_values(i as u64);
        values.insert("name".into(), name.into());
        store.add_customer(&values, None).unwrap();
    }
    let mut index = CustomerIndex::load(&store, None).unwrap();
    let all = store
        .list_customers(&crate::store::ListFilter::default())
        .unwrap();
    let mut shown = Vec::new();
    for row in 0..3 {
        let id = index.get(row).unwrap().id;
        let c = all.iter().find(|c| c.id == id).unwrap().clone();
        assert_eq!(index.text(row, Text::Code), c.data.code);
        assert_eq!(index.text(row, Text::Name), c.data.name);
        assert_eq!(index.text(row, Text::Mnemonic), c.data.mnemonic);
        assert_eq!(index.text(row, Text::TaxId), c.data.tax_id);
        shown.push(c.data.name);
    }
    // The Chinese name is held once (shown from the search text), the
    // mixed-case one also in the text arena; codes are held once.
    let held = |r: usize, t: Text| index.rows[r].shown.in_hay(t as usize);
    let chinese = shown.iter().position(|n| n.starts_with("深圳")).unwrap();
    let acme = shown.iter().position(|n| n.starts_with("Acme")).unwrap();
    assert!(held(chinese, Text::Name) && !held(acme, Text::Name));
    assert!((0..3).all(|r| held(r, Text::Code)));
    // Lower-case typing finds the upper-case code and the mixed-case name.
    let mut filtered = Filtered::default();
    for typed in ["acme", "ACME", "abc", "c0000"] {
        let query = Query {
            text: typed.to_string(),
            ..Query::default()
        };
        filtered.update(&mut index, &query);
        assert!(!filtered.rows().is_empty(), "{typed}");
    }
}

#[test]
fn a_row_holding_the_separator_in_a_field_is_shown_as_stored() {
    let mut index = CustomerIndex::default();
    let summary = |id, name, mnemonic| crate::store::SummaryRef {
        id,
        code: "C1",
        name,
        short_name: "",
        mnemonic,
        tax_id: "91440300MA5FXXXX1X",
        contact: "",
        phone: "",
        mobile: "",
        credit_limit: None,
        status: crate::domain::customer::Status::Active,
        classification: "",
    };
    let odd = "Acme\u{1}深圳";
    index.push(&summary(1, odd, "ac\u{1}me"), Default::default());
    index.push(&summary(2, "Acme 深圳", "acme"), Default::default());
    index.push(&summary(3, "深圳", "ACME"), Default::default());
    let fields = [Text::Code, Text::Name, Text::Mnemonic, Text::TaxId];
    let shown = |row| fields.map(|t| index.text(row, t).to_string());
    let tax = "91440300MA5FXXXX1X";
    assert_eq!(shown(0), ["C1", odd, "ac\u{1}me", tax]);
    assert_eq!(shown(1), ["C1", "Acme 深圳", "acme", tax]);
    assert_eq!(shown(2), ["C1", "深圳", "ACME", tax]);
    assert!(!index.rows[1].shown.in_hay(1) && index.rows[2].shown.in_hay(2));
}
