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
