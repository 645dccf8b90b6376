//! Tax and identity numbers (USCC, legacy taxpayer numbers, resident IDs):
//! `normalize` is idempotent, `check` decides on the normalised form, and a
//! valid ID stays valid however it is typed (lower case, in groups, full-width).
#![no_main]

use kehu::domain::tax_id::{IdKind, check, normalize, uscc_check_char};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let normal = normalize(&text);
    assert_eq!(normalize(&normal), normal, "normalize is not idempotent");
    let c = check(&text);
    assert_eq!(c.normalized, normal);
    let again = check(&normal);
    assert_eq!(
        (again.valid, again.kind, &again.error),
        (c.valid, c.kind, &c.error),
        "checking the normalised form decides otherwise"
    );
    let _ = c.problems("tax_id");
    if !c.valid {
        return;
    }
    if c.kind == IdKind::Uscc {
        let chars: Vec<char> = normal.chars().collect();
        let first17: String = chars[..17].iter().collect();
        assert_eq!(uscc_check_char(&first17), Some(chars[17]));
    }
    // The same ID as people type it: lower case, in groups of four with
    // dashes and spaces, in full-width characters.
    let grouped: String = normal
        .chars()
        .enumerate()
        .flat_map(|(i, ch)| {
            let sep = match i % 8 {
                4 => Some('-'),
                0 if i > 0 => Some(' '),
                _ => None,
            };
            sep.into_iter().chain(Some(ch.to_ascii_lowercase()))
        })
        .collect();
    let full_width: String = normal
        .chars()
        .map(|ch| char::from_u32(ch as u32 + 0xFEE0).unwrap_or(ch))
        .collect();
    for typed in [grouped, full_width, format!(" {normal}\u{3000}")] {
        let t = check(&typed);
        assert!(t.valid, "{typed:?} is not valid though {normal} is");
        assert_eq!(t.normalized, normal);
        assert_eq!(t.kind, c.kind);
    }
});
