//! Worked examples from `shared/ID-SPECS.md`.
use super::*;

fn code_of(id: &str) -> Option<&'static str> {
    check(id).error.map(|e| e.code())
}

#[test]
fn spec_valid_usccs() {
    for id in [
        "91350100M000100Y43",
        "914403001922038216",
        "91440300708461136T",
        "91330100716105852F",
    ] {
        let c = check(id);
        assert!(c.valid, "{id}: {}", c.reason);
        assert_eq!(c.kind, IdKind::Uscc);
        assert!(c.reason.is_empty() && c.warnings.is_empty());
    }
}

#[test]
fn spec_invalid_usccs() {
    let c = check("914403001922038217");
    assert_eq!(c.kind, IdKind::Uscc);
    assert_eq!(
        c.error,
        Some(IdError::CheckChar {
            expected: '6',
            found: '7'
        })
    );
    assert_eq!(
        c.reason,
        "check character (position 18) should be 6 but is 7: a character is mistyped"
    );
    assert_eq!(
        c.error.map(|e| e.text().zh).as_deref(),
        Some("校验位（第18位）应为 6，实际为 7：有字符输入错误")
    );
    assert_eq!(
        check("91440300I922038216").error,
        Some(IdError::BadChar {
            position: 9,
            ch: 'I'
        })
    );
}

#[test]
fn final_check_alone_is_not_enough() {
    // python-stdnum accepts this: the final check passes, the org code (…0382-0, should be 1) does not.
    assert_eq!(uscc_check_char("91440300192203820"), Some('3'));
    assert_eq!(org_code_check_char("19220382"), Some('1'));
    assert_eq!(code_of("914403001922038203"), Some("tax_id.org_check"));
}

#[test]
fn normalises_full_width_lower_case_spaces_and_dashes() {
    let c = check("９１４４０３００１９２２０３８２１６");
    assert!(c.valid && c.kind == IdKind::Uscc);
    assert_eq!(c.normalized, "914403001922038216");
    assert_eq!(
        normalize(" 9144 0300-7084\u{3000}6113 6t "),
        "91440300708461136T"
    );
    assert!(check("91350100m000100y43").valid);
    // Stored as it arrives (the copy-only path) or rebuilt: the same text.
    for (input, stored) in [
        ("91440300708461136T", "91440300708461136T"),
        ("91440300708461136t", "91440300708461136T"),
        ("", ""),
        ("９1", "91"),
    ] {
        assert_eq!(normalize(input), stored, "{input:?}");
    }
}

#[test]
fn resident_ids() {
    for id in ["11010519491231002X", "11010519491231002x"] {
        let c = check(id);
        assert!(
            c.valid && c.kind == IdKind::ResidentId,
            "{id}: {}",
            c.reason
        );
    }
    assert_eq!(resident_id_check_char("11010519491231002"), Some('X'));
    let c = check("110105194912310021");
    assert_eq!(
        (c.kind, c.error),
        (
            IdKind::ResidentId,
            Some(IdError::ResidentIdCheck {
                expected: 'X',
                found: '1'
            })
        )
    );
    // Feb 30 with a correct check character: only the date is wrong.
    let feb30 = format!(
        "11010519490230002{}",
        resident_id_check_char("11010519490230002").unwrap()
    );
    assert_eq!(code_of(&feb30), Some("tax_id.birth_date"));
    let future = format!(
        "11010520990101002{}",
        resident_id_check_char("11010520990101002").unwrap()
    );
    assert_eq!(code_of(&future), Some("tax_id.birth_date"));
}

#[test]
fn an_18xx_birth_year_is_out_of_range_not_a_credit_code_failure() {
    // Right check character for its digits: only the year is wrong.
    for first17 in ["11010518991231002", "44030418000101123"] {
        let id = format!("{first17}{}", resident_id_check_char(first17).unwrap());
        let c = check(&id);
        assert_eq!(c.kind, IdKind::ResidentId, "{id}");
        assert_eq!(
            code_of(&id),
            Some("tax_id.birth_year"),
            "{id}: {}",
            c.reason
        );
        assert!(c.reason.contains("out of range"), "{}", c.reason);
    }
    let year = IdError::BirthYear { year: 1899 };
    assert!(year.text().zh.contains("出生年份 1899"));
    // An all-digit credit code whose positions 7-14 read as an 18xx date
    // (division 440318, organisation code 991231xx-c) stays a valid one.
    let uscc = (0..100)
        .find_map(|n| {
            let body = format!("991231{n:02}");
            let org = org_code_check_char(&body).filter(char::is_ascii_digit)?;
            let first17 = format!("91440318{body}{org}");
            let last = uscc_check_char(&first17).filter(char::is_ascii_digit)?;
            Some(format!("{first17}{last}"))
        })
        .unwrap();
    let c = check(&uscc);
    assert!(c.valid && c.kind == IdKind::Uscc, "{uscc}: {}", c.reason);
}

#[test]
fn both_a_credit_code_and_a_resident_id_counts_as_resident_id() {
    // Passes both checks; the spec tries the resident ID first.
    assert_eq!(check("110105194912319964").kind, IdKind::ResidentId);
    assert!(check("110105194912319964").valid);
}

#[test]
fn legacy_numbers() {
    let c = check("440300192203821");
    assert!(c.valid && c.kind == IdKind::LegacyTaxId && c.warnings.is_empty());
    let c = check("440300192203822");
    assert!(c.valid && c.kind == IdKind::LegacyTaxId);
    assert_eq!(
        c.warnings.iter().map(IdWarning::code).collect::<Vec<_>>(),
        ["tax_id.legacy_no_check"]
    );
    assert!(!c.reason.is_empty());
    let c = check("11010519491231002X01");
    assert!(c.valid && c.kind == IdKind::LegacyTaxId);
    assert_eq!(
        code_of("11010519491231002101"),
        Some("tax_id.resident_check")
    );
    assert_eq!(code_of("4403A0192203821"), Some("tax_id.bad_char"));
}

#[test]
fn unknown_type_pair_is_a_warning() {
    let first17 = "81440300192203821";
    let id = format!("{first17}{}", uscc_check_char(first17).unwrap());
    let c = check(&id);
    assert!(c.valid && c.kind == IdKind::Uscc);
    assert_eq!(c.warnings, [IdWarning::UnknownType { pair: "81".into() }]);
    assert_eq!(c.problems("tax_id").len(), 1);
    let first17 = "Y1440300192203821";
    let id = format!("{first17}{}", uscc_check_char(first17).unwrap());
    assert!(check(&id).warnings.is_empty());
}

#[test]
fn empty_and_bad_lengths() {
    let c = check(" \u{3000} ");
    assert_eq!(
        (c.kind, c.valid, code_of(" ")),
        (IdKind::Unknown, false, Some("tax_id.empty"))
    );
    assert_eq!(check("12345").error, Some(IdError::Length { len: 5 }));
    assert_eq!(check("12345").kind, IdKind::Unknown);
}

/// Lengths past the 20 chars decoded onto the stack, and non-ASCII chars,
/// are counted in chars; a valid ID is still found at 15, 18 and 20.
#[test]
fn lengths_are_counted_in_chars_at_any_length() {
    for len in [1, 16, 19, 21, 22, 40] {
        let ascii = "9".repeat(len);
        assert_eq!(check(&ascii).error, Some(IdError::Length { len }), "{len}");
        let cjk = "号".repeat(len);
        assert_eq!(check(&cjk).error, Some(IdError::Length { len }), "{len}");
    }
    assert!(check("91350100M000100Y43").valid);
    let twenty = check("91350100M000100Y43ab");
    assert_eq!(twenty.kind, IdKind::LegacyTaxId);
}

#[test]
fn check_char_helpers_reject_bad_input() {
    assert_eq!(uscc_check_char("9144030019220382"), None);
    assert_eq!(uscc_check_char("9144030019220382I"), None);
    assert_eq!(org_code_check_char("1922038"), None);
    assert_eq!(org_code_check_char("1922038*"), None);
    assert_eq!(resident_id_check_char("1101051949123100X"), None);
}

#[test]
fn json_shape() {
    let json = serde_json::to_value(check("914403001922038217")).unwrap();
    let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 5);
    assert_eq!(json["kind"], "uscc");
    assert_eq!(
        serde_json::to_value(IdKind::LegacyTaxId).unwrap(),
        "legacy_tax_id"
    );
}
