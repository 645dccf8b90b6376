//! Tests for `Money`: parsing forms, display, rounding, serde, round-trips.

use super::*;
use proptest::prelude::*;

fn p(s: &str) -> Result<i64, &'static str> {
    Money::parse(s).map(Money::fen).map_err(|e| e.code())
}

#[test]
fn parses_what_bookkeepers_type() {
    for (input, fen) in [
        ("50000", 5_000_000),
        ("50,000.00", 5_000_000),
        ("50，000.00", 5_000_000),
        ("５００００", 5_000_000),
        ("５０，０００．５", 5_000_050),
        ("¥50,000", 5_000_000),
        ("￥50,000", 5_000_000),
        ("RMB 50000", 5_000_000),
        ("rmb50000", 5_000_000),
        ("CNY50000", 5_000_000),
        ("50000元", 5_000_000),
        ("50000 元整", 5_000_000),
        ("人民币50000元", 5_000_000),
        ("5万", 5_000_000),
        ("5.5万", 5_500_000),
        ("5万元", 5_000_000),
        ("1.2亿", 12_000_000_000),
        ("0.0001万", 100),
        ("  12.3  ", 1230),
        ("\u{3000}12.30\u{3000}", 1230),
        ("-12.30", -1230),
        ("+12.30", 1230),
        ("-¥12.30", -1230),
        ("¥-12.30", -1230),
        ("(1,234.00)", -123_400),
        ("（1,234.00）", -123_400),
        ("¥(1,234.00)", -123_400),
        ("(¥1,234.00)", -123_400),
        ("0", 0),
        ("-0.00", 0),
        (".5", 50),
        ("1.50000000000000000000000000000000000", 150),
        ("1,234,567.89", 123_456_789),
    ] {
        assert_eq!(p(input), Ok(fen), "{input}");
    }
}

#[test]
fn refuses_what_is_not_an_amount() {
    for (input, code) in [
        ("", "money.empty"),
        ("   ", "money.empty"),
        ("abc", "money.invalid"),
        ("5,00.0", "money.invalid"),
        ("50000,00", "money.invalid"),
        (",500", "money.invalid"),
        ("1,2345", "money.invalid"),
        ("1.234,56", "money.invalid"),
        ("1.2.3", "money.invalid"),
        ("--5", "money.invalid"),
        ("-(5)", "money.invalid"),
        ("(5", "money.invalid"),
        ("5)", "money.invalid"),
        ("5元万", "money.invalid"),
        ("万", "money.invalid"),
        ("¥", "money.invalid"),
        ("5 000", "money.invalid"),
        ("1e5", "money.invalid"),
        ("12.345", "money.decimals"),
        ("0.001", "money.decimals"),
        ("1.2345678万", "money.decimals"),
        ("92233720368547758.08", "money.too_large"),
        (
            "99999999999999999999999999999999999999999",
            "money.too_large",
        ),
        ("1000亿亿", "money.invalid"),
    ] {
        assert_eq!(p(input), Err(code), "{input}");
    }
    assert_eq!(p("-92233720368547758.08"), Ok(i64::MIN));
    assert_eq!(p("92233720368547758.07"), Ok(i64::MAX));
}

#[test]
fn messages_say_how_to_fix() {
    let err = Money::parse("5,00.0").unwrap_err();
    assert_eq!(
        err.text().en,
        "“5,00.0” is not an amount: use digits like 50000 or 50,000.00 or 5万"
    );
    assert!(err.text().zh.contains("5万"));
    let long = "1".repeat(100) + "x";
    let Err(MoneyError::Invalid { input }) = Money::parse(&long) else {
        panic!("expected invalid");
    };
    assert_eq!(input.chars().count(), 41);
}

#[test]
fn displays_plain_and_grouped() {
    assert_eq!(Money::from_fen(5_000_000).to_string(), "50000.00");
    assert_eq!(Money::from_fen(-1230).to_string(), "-12.30");
    assert_eq!(Money::from_fen(-5).to_string(), "-0.05");
    assert_eq!(Money::ZERO.to_string(), "0.00");
    assert_eq!(format!("{:>8}", Money::from_fen(1230)), "   12.30");
    assert_eq!(Money::from_fen(5_000_000).grouped(), "50,000.00");
    assert_eq!(Money::from_fen(-123_450).grouped(), "-1,234.50");
    assert_eq!(Money::from_fen(99_999).grouped(), "999.99");
    assert_eq!(
        Money::from_fen(i64::MIN).grouped(),
        "-92,233,720,368,547,758.08"
    );
}

#[test]
fn arithmetic_is_checked() {
    assert_eq!(Money::from_yuan(5), Some(Money::from_fen(500)));
    assert_eq!(Money::from_yuan(i64::MAX), None);
    assert_eq!(
        Money::from_fen(i64::MAX).checked_add(Money::from_fen(1)),
        None
    );
    assert_eq!(
        Money::from_fen(i64::MIN).checked_sub(Money::from_fen(1)),
        None
    );
    assert!(Money::from_fen(-1).is_negative() && !Money::ZERO.is_negative());
    let items = [Money::from_fen(100), Money::from_fen(-30)];
    assert_eq!(Money::sum(items), Some(Money::from_fen(70)));
    assert_eq!(
        Money::sum([Money::from_fen(i64::MAX), Money::from_fen(1)]),
        None
    );
    assert_eq!(Money::sum([]), Some(Money::ZERO));
}

#[test]
fn rates_round_half_away_from_zero() {
    let rate = |s: &str| Decimal::from_str(s).unwrap();
    let m = |fen: i64, r: &str| {
        Money::from_fen(fen)
            .mul_rate_rounded(rate(r))
            .map(Money::fen)
    };
    assert_eq!(m(1, "0.5"), Some(1)); // banker's would give 0
    assert_eq!(m(-1, "0.5"), Some(-1));
    assert_eq!(m(25, "0.5"), Some(13)); // 12.5 fen; banker's gives 12
    assert_eq!(m(-25, "0.5"), Some(-13));
    assert_eq!(m(1001, "0.13"), Some(130)); // 130.13 fen
    assert_eq!(m(1250, "0.01"), Some(13)); // 0.125 yuan → 0.13, banker's 0.12
    assert_eq!(m(i64::MAX, "2"), None);
}

#[test]
fn serde_uses_the_display_string() {
    let json = serde_json::to_string(&Money::from_fen(-1230)).unwrap();
    assert_eq!(json, "\"-12.30\"");
    let back: Money = serde_json::from_str(&json).unwrap();
    assert_eq!(back, Money::from_fen(-1230));
    let yuan: Money = serde_json::from_str("500").unwrap();
    assert_eq!(yuan, Money::from_fen(50_000));
    assert!(serde_json::from_str::<Money>("\"12.345\"").is_err());
    assert!(serde_json::from_str::<Money>("12.5").is_err());
    assert!(serde_json::from_str::<Money>("18446744073709551615").is_err());
}

proptest! {
    #[test]
    fn display_round_trips(fen in any::<i64>()) {
        prop_assert_eq!(Money::parse(&Money::from_fen(fen).to_string()), Ok(Money::from_fen(fen)));
    }

    #[test]
    fn grouped_round_trips(fen in any::<i64>()) {
        prop_assert_eq!(Money::parse(&Money::from_fen(fen).grouped()), Ok(Money::from_fen(fen)));
    }
}

/// ASCII amounts skip the full-width copy: each parses as its full-width
/// twin does (which takes the copying path).
#[test]
fn ascii_amounts_parse_as_their_full_width_twins() {
    let full_width = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect()
    };
    let inputs = [
        "500000.00",
        "0",
        "12",
        "1,234.5",
        "-3.25",
        "+7",
        "(42)",
        "rmb 5",
        "CNY100",
        "1.005",
        "12,34",
        "abc",
        ".5",
        "5.",
        "1e3",
        "-(3)",
    ];
    let mut ok = 0;
    for input in inputs {
        let twin = full_width(input);
        assert_ne!(twin, input);
        let (ascii, wide) = (Money::parse(input), Money::parse(&twin));
        assert_eq!(ascii.is_ok(), wide.is_ok(), "{input}");
        if let (Ok(a), Ok(w)) = (&ascii, &wide) {
            assert_eq!(a, w, "{input}");
            ok += 1;
        }
    }
    assert!(ok >= 8, "{ok} parsed");
}
