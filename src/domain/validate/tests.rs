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
