use super::collapse_spaces;

#[test]
fn whitespace_runs_become_one_space_and_collapsed_text_is_kept() {
    for (given, want) in [
        ("深圳市华强电子有限公司", "深圳市华强电子有限公司"),
        ("Global Zinc Ltd", "Global Zinc Ltd"),
        ("  华强  电子 ", "华强 电子"),
        ("华强\t电子\r\n", "华强 电子"),
        ("华强\u{3000}电子", "华强 电子"),
        ("a\u{a0}b\u{2003}c", "a b c"),
        ("（深圳）华强、电子", "（深圳）华强、电子"),
        ("", ""),
    ] {
        assert_eq!(collapse_spaces(given), want, "{given:?}");
    }
}

/// Text from pieces likely to trip the fast check (spaces at either end and
/// doubled, tabs, NBSP, ideographic and em spaces next to CJK and ASCII)
/// comes out as its words joined by single spaces, on either path.
#[test]
fn collapsing_generated_text_joins_its_words_with_single_spaces() {
    let pieces = [
        " ", "a", "华", "\t", "\u{3000}", "\u{a0}", "\u{2003}", "  ", "é",
    ];
    let mut state = 0x9e37_79b9_u32;
    let mut kept = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..state % 7 {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            text.push_str(pieces[(state >> 24) as usize % pieces.len()]);
        }
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
        kept += usize::from(want == text);
        assert_eq!(collapse_spaces(&text), want, "{text:?}");
    }
    assert!(kept > 1000, "{kept} already collapsed");
}

/// `parse_customer` is `parse_fields` then `classify` (an import runs the
/// halves on two threads): the problems keep one order — the fields', the
/// classification's, the fields' text faults, the other keys' text faults.
#[test]
fn problems_keep_their_order_across_the_two_halves() {
    use super::{DEFAULT_CREDIT_CEILING, Rules, parse_customer};
    use crate::domain::classification::Catalog;
    use crate::domain::field::FieldValues;

    let values: FieldValues = [
        ("name", "华强\u{1b}电子"),
        ("phone", "call me"),
        ("industry", "电子\u{7}"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let catalog = Catalog::default();
    let rules = Rules {
        credit_ceiling: DEFAULT_CREDIT_CEILING,
        catalog: &catalog,
        kept_classification: None,
    };
    let (data, problems) = parse_customer(&values, &rules);
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.field.as_str(), p.code))
        .collect();
    assert_eq!(
        found,
        [
            ("phone", "phone.format"),
            ("industry", "field.unknown"),
            ("name", "text.control"),
            ("industry", "text.control"),
        ]
    );
    assert_eq!(data.name, "华强\u{1b}电子");
}
