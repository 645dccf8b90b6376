//! Property tests for `kehu::domain::tax_id`: generated valid codes pass,
//! single-character typos in credit codes are caught, normalisation is stable,
//! and nothing panics.

use chrono::{Days, NaiveDate};
use kehu::domain::tax_id::{
    IdKind, check, normalize, org_code_check_char, resident_id_check_char, uscc_check_char,
};
use proptest::prelude::*;

const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const KNOWN_TYPES: [&str; 13] = [
    "11", "12", "13", "19", "51", "52", "53", "59", "91", "92", "93", "Y1", "Y9",
];
/// Base-36 characters allowed in a legacy organisation-code body.
const ORG_ALPHABET: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn chars_from(alphabet: &'static str, len: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), len)
        .prop_map(|v| v.into_iter().collect())
}

fn digits(len: usize) -> impl Strategy<Value = String> {
    chars_from("0123456789", len)
}

/// 9-character organisation code: 8 body chars + GB 11714 check.
fn org_code(alphabet: &'static str) -> impl Strategy<Value = String> {
    chars_from(alphabet, 8).prop_map(|body| {
        let check = org_code_check_char(&body).expect("generated body is valid");
        format!("{body}{check}")
    })
}

fn valid_uscc() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(KNOWN_TYPES.to_vec()),
        digits(6),
        org_code(USCC_ALPHABET),
    )
        .prop_map(|(pair, division, org)| {
            let first17 = format!("{pair}{division}{org}");
            let check = uscc_check_char(&first17).expect("generated prefix is valid");
            format!("{first17}{check}")
        })
}

fn valid_resident_id() -> impl Strategy<Value = String> {
    let start = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2020, 12, 31).unwrap();
    let span = (end - start).num_days() as u64;
    ("[1-9][0-9]{5}", 0..=span, digits(3)).prop_map(move |(division, offset, seq)| {
        let birth = start + Days::new(offset);
        let first17 = format!("{division}{}{seq}", birth.format("%Y%m%d"));
        let check = resident_id_check_char(&first17).expect("generated prefix is valid");
        format!("{first17}{check}")
    })
}

/// Strings mixing ASCII, full-width forms, ideographic space, CJK, dashes and
/// arbitrary code points, to exercise normalisation.
fn messy_string() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        proptest::char::range('0', '9'),
        proptest::char::range('a', 'z'),
        proptest::char::range('A', 'Z'),
        proptest::char::range('\u{FF01}', '\u{FF5E}'),
        proptest::char::range('\u{4E00}', '\u{9FFF}'),
        Just('\u{3000}'),
        Just(' '),
        Just('\t'),
        Just('-'),
        any::<char>(),
    ];
    prop_oneof![
        proptest::collection::vec(ch.clone(), 0..30),
        // The lengths that reach the per-kind checks.
        proptest::sample::select(vec![15usize, 18, 20])
            .prop_flat_map(move |n| proptest::collection::vec(ch.clone(), n)),
    ]
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_usccs_pass(id in valid_uscc()) {
        let c = check(&id);
        prop_assert!(c.valid, "{id}: {}", c.reason);
        prop_assert!(c.warnings.is_empty(), "{id}: {}", c.reason);
        // An all-digit code that is also a valid resident ID is reported as
        // one: the spec tries the resident ID first (e.g. 110105194912319964).
        let also_resident = resident_id_check_char(&id[..17]) == id.chars().last();
        prop_assert!(c.kind == IdKind::Uscc || (c.kind == IdKind::ResidentId && also_resident), "{id}: {:?}", c.kind);
    }

    #[test]
    fn any_single_substitution_breaks_a_uscc(
        id in valid_uscc(),
        position in 0usize..18,
        replacement in proptest::sample::select(USCC_ALPHABET.chars().collect::<Vec<_>>()),
    ) {
        let mut chars: Vec<char> = id.chars().collect();
        prop_assume!(chars[position] != replacement);
        chars[position] = replacement;
        let typo: String = chars.into_iter().collect();
        let c = check(&typo);
        // The mod-31 check (31 prime, all weights non-zero) catches every
        // substitution. The only way through is turning into a valid resident
        // ID (e.g. 11010519H912319905 → …194912319905), which is then one.
        prop_assert!(!c.valid || c.kind == IdKind::ResidentId, "{id} → {typo} passed as {:?}", c.kind);
    }

    #[test]
    fn generated_resident_ids_pass(id in valid_resident_id()) {
        let c = check(&id);
        prop_assert!(c.valid && c.kind == IdKind::ResidentId, "{id}: {}", c.reason);
        let lower = id.to_lowercase();
        let c = check(&lower);
        prop_assert!(c.valid && c.kind == IdKind::ResidentId, "{lower}: {}", c.reason);
        prop_assert_eq!(c.normalized, id);
    }

    #[test]
    fn generated_legacy_15_pass(division in digits(6), org in org_code(ORG_ALPHABET)) {
        let id = format!("{division}{org}");
        let c = check(&id);
        prop_assert!(c.valid && c.kind == IdKind::LegacyTaxId, "{id}: {}", c.reason);
        prop_assert!(c.warnings.is_empty(), "{id}: {}", c.reason);
    }

    #[test]
    fn generated_legacy_20_pass(resident in valid_resident_id(), suffix in digits(2)) {
        let id = format!("{resident}{suffix}");
        let c = check(&id);
        prop_assert!(c.valid && c.kind == IdKind::LegacyTaxId, "{id}: {}", c.reason);
    }

    #[test]
    fn normalize_is_idempotent(s in messy_string()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
        let (a, b) = (check(&once), check(&s));
        prop_assert_eq!(&a.normalized, &b.normalized);
        prop_assert_eq!(a.valid, b.valid);
        prop_assert_eq!(a.kind, b.kind);
    }

    #[test]
    fn spaced_full_width_lower_case_usccs_pass(id in valid_uscc(), split in 1usize..17) {
        // Full-width lower case with a group separator, as pasted from documents.
        let wide: String = id
            .to_lowercase()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect();
        let (head, tail) = wide.split_at(wide.char_indices().nth(split).unwrap().0);
        let messy = format!(" {head}\u{3000}-{tail} ");
        let (a, b) = (check(&messy), check(&id));
        prop_assert_eq!(&a.normalized, &id);
        prop_assert_eq!((a.valid, a.kind), (b.valid, b.kind));
    }

    #[test]
    fn check_never_panics(s in messy_string()) {
        let c = check(&s);
        prop_assert_eq!(c.valid, c.error.is_none());
        prop_assert_eq!(c.reason.is_empty(), c.error.is_none() && c.warnings.is_empty());
    }

    #[test]
    fn resident_shaped_digits_get_a_definite_answer(
        s in "[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]([0-9]{2})?",
    ) {
        // Reaches the resident-ID, USCC and 20-character paths with near-misses.
        let c = check(&s);
        let expected = if s.len() == 20 { IdKind::LegacyTaxId } else { IdKind::ResidentId };
        prop_assert!(c.kind == expected || (c.kind == IdKind::Uscc && c.valid), "{s}: {:?}", c.kind);
        prop_assert_eq!(c.valid, c.error.is_none());
    }

    #[test]
    fn check_never_panics_on_any_string(s in any::<String>()) {
        let _ = check(&s);
    }
}
