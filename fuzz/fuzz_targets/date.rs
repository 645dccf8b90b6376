//! Dates as typed and as files hold them (`2026年7月1日`, `2026.07.01`,
//! `20260701`, full-width). A date read must read back from every form it
//! is written in.
#![no_main]

use chrono::Datelike;
use kehu::domain::date::{from_iso, iso, parse_date};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = from_iso(&text);
    let Ok(d) = parse_date(&text) else {
        return;
    };
    let stored = iso(d);
    assert_eq!(from_iso(&stored), Some(d), "{stored}");
    assert_eq!(parse_date(&stored), Ok(d), "{stored}");
    let (y, m, day) = (d.year(), d.month(), d.day());
    for form in [
        format!("{y}年{m}月{day}日"),
        format!("{y}.{m:02}.{day:02}"),
        format!("{y}/{m}/{day}"),
        format!("{y:04}{m:02}{day:02}"),
    ] {
        assert_eq!(parse_date(&form), Ok(d), "{form}");
    }
});
