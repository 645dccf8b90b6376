//! Calendar dates as bookkeepers type them and files hold them:
//! 2024-03-05, 2024/3/5, 2024.03.05, 20240305, 2024年3月5日, full-width digits.
//! Stored and shown as ISO `YYYY-MM-DD`, which also sorts as text.

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use super::names::half_width;
use super::text::Text;

/// Years outside this range are typos (20224, 1024), not old invoices.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DateError {
    #[error("no date given")]
    Empty,
    #[error("“{0}” is not a date")]
    Invalid(String),
    #[error("“{0}” is not a day of the calendar")]
    NoSuchDay(String),
    #[error("“{0}” has an unlikely year")]
    Year(String),
}

impl DateError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            DateError::Empty => "date.empty",
            DateError::Invalid(_) => "date.invalid",
            DateError::NoSuchDay(_) => "date.no_such_day",
            DateError::Year(_) => "date.year",
        }
    }

    /// What went wrong and how to fix it, in both UI languages.
    pub fn text(&self) -> Text {
        match self {
            DateError::Empty => Text::new(
                "No date given: type a date like 2024-03-05",
                "日期为空：请输入日期，如 2024-03-05",
            ),
            DateError::Invalid(s) => Text::new(
                format!("“{s}” is not a date: use year-month-day, e.g. 2024-03-05 or 2024/3/5"),
                format!("“{s}”不是有效日期：请按年-月-日输入，如 2024-03-05 或 2024/3/5"),
            ),
            DateError::NoSuchDay(s) => Text::new(
                format!("“{s}” is not a day of the calendar: check the month and day"),
                format!("“{s}”不是日历上的日期：请检查月份和日"),
            ),
            DateError::Year(s) => Text::new(
                format!(
                    "“{s}” has an unlikely year: use a year from {} to {}",
                    YEARS.start(),
                    YEARS.end()
                ),
                format!(
                    "“{s}”的年份不合理：年份应在 {} 到 {} 之间",
                    YEARS.start(),
                    YEARS.end()
                ),
            ),
        }
    }
}

/// Reads a date in any of the forms in the module comment.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(DateError::Empty);
    }
    let shown = || trimmed.chars().take(40).collect::<String>();
    let normal: String = trimmed
        .chars()
        .map(half_width)
        .map(|c| match c {
            '年' | '月' | '/' | '.' => '-',
            _ => c,
        })
        .filter(|c| *c != '日')
        .collect();
    let parts: Vec<&str> = if normal.contains('-') {
        normal.split('-').collect()
    } else if normal.len() == 8 && normal.bytes().all(|b| b.is_ascii_digit()) {
        vec![&normal[..4], &normal[4..6], &normal[6..]]
    } else {
        return Err(DateError::Invalid(shown()));
    };
    let [y, m, d] = parts.as_slice() else {
        return Err(DateError::Invalid(shown()));
    };
    let number = |s: &str, max_len: usize| -> Option<u32> {
        let s = s.trim();
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    // Four-digit years only: 05/03/2024 is day-first and ambiguous, not year 5.
    let year = number(y, 4).filter(|_| y.trim().len() == 4);
    let (Some(year), Some(month), Some(day)) = (year, number(m, 2), number(d, 2)) else {
        return Err(DateError::Invalid(shown()));
    };
    let year = year as i32;
    if !YEARS.contains(&year) {
        return Err(DateError::Year(shown()));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::NoSuchDay(shown()))
}

/// Reads a stored `YYYY-MM-DD` (the store writes only that form).
pub fn from_iso(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The storage form `YYYY-MM-DD`.
pub fn iso(date: NaiveDate) -> String {
    let (year, month, day) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&year) {
        return format!("{year:04}-{month:02}-{day:02}");
    }
    // Written digit by digit: a ledger import formats a few dates a row.
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let year = year as u32;
    let mut text = String::with_capacity(10);
    text.extend([year / 1000, year / 100, year / 10, year].map(digit));
    text.push('-');
    text.extend([month / 10, month].map(digit));
    text.push('-');
    text.extend([day / 10, day].map(digit));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn reads_the_forms_people_type() {
        for text in [
            "2024-03-05",
            " 2024/3/5 ",
            "2024.03.05",
            "20240305",
            "2024年3月5日",
            "２０２４－０３－０５",
            "2024-3-05",
        ] {
            assert_eq!(parse_date(text), Ok(ymd(2024, 3, 5)), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_day() {
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert_eq!(
            parse_date("2023-02-29").unwrap_err().code(),
            "date.no_such_day"
        );
        assert_eq!(
            parse_date("2024-13-01").unwrap_err().code(),
            "date.no_such_day"
        );
        assert_eq!(
            parse_date("20240-01-01").unwrap_err().code(),
            "date.invalid"
        );
        assert_eq!(parse_date("1024-01-01").unwrap_err().code(), "date.year");
        assert_eq!(parse_date("05/03/2024").unwrap_err().code(), "date.invalid");
        assert_eq!(
            parse_date("next tuesday").unwrap_err().code(),
            "date.invalid"
        );
        assert_eq!(parse_date("2024-03").unwrap_err().code(), "date.invalid");
        assert!(parse_date("2024-02-29").is_ok());
    }

    #[test]
    fn iso_writes_what_the_format_wrote() {
        let mut d = ymd(999, 12, 25);
        for _ in 0..800 {
            assert_eq!(
                iso(d),
                format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
            );
            d = d.succ_opt().unwrap();
        }
        for y in [1, 10, 100, 1000, 1099, 2026, 9999] {
            let d = ymd(y, 1, 9);
            assert_eq!(iso(d), format!("{y:04}-01-09"));
        }
        assert_eq!(iso(ymd(-1, 1, 1)), "-001-01-01");
    }

    #[test]
    fn iso_round_trips() {
        let d = ymd(2024, 3, 5);
        assert_eq!(iso(d), "2024-03-05");
        assert_eq!(from_iso(&iso(d)), Some(d));
    }
}
