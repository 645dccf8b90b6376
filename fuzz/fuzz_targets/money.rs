//! Amounts as typed and as files hold them (`¥1,234.50`, `(1,234.00)`, `5万`,
//! full-width digits). Whatever parses must print and parse back to itself.
#![no_main]

use kehu::domain::Money;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(m) = Money::parse(&text) {
        round_trips(m);
        // What `Display` with a width pads must still read back.
        assert_eq!(Money::parse(&format!("{m:>24}")), Ok(m));
    }
    let _ = serde_json::from_str::<Money>(&text);
    // Any fen count, including i64::MIN, prints and reads back.
    if let Some(bytes) = data.get(..8) {
        let fen = i64::from_le_bytes(bytes.try_into().expect("8 bytes"));
        let m = Money::from_fen(fen);
        round_trips(m);
        // A rate: its mantissa and scale from the next bytes; never panics.
        if let Some(rest) = data.get(8..13) {
            let mantissa = i32::from_le_bytes(rest[..4].try_into().expect("4 bytes"));
            let rate = Decimal::new(i64::from(mantissa), u32::from(rest[4]) % 29);
            let _ = m.mul_rate_rounded(rate);
        }
        let _ = m.checked_add(Money::from_fen(fen.rotate_left(7)));
        let _ = m.checked_sub(Money::from_fen(fen.rotate_left(7)));
    }
});

fn round_trips(m: Money) {
    assert_eq!(Money::parse(&m.to_string()), Ok(m), "{m}");
    assert_eq!(Money::parse(&m.grouped()), Ok(m), "{}", m.grouped());
    let json = serde_json::to_string(&m).expect("a Money serialises");
    assert_eq!(serde_json::from_str::<Money>(&json).ok(), Some(m), "{json}");
}
