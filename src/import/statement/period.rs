//! The period a statement states above its table: `期间：2026年7月1日 至
//! 2026年9月30日`, `2026年7月`, `2026年第三季度`, `2026.07.01-2026.09.30`,
//! `2026年第7期至2026年第9期` (a 金蝶 period is a month), `2026年度`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::names::half_width;

/// A period read from a title line, and the line it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatedPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub text: String,
}

/// Words that introduce the period on a title line.
const KEYWORDS: &[&str] = &[
    "会计期间",
    "对账期间",
    "期间",
    "期 间",
    "月份",
    "日期范围",
    "起止日期",
    "日期区间",
    "所属期",
];

/// Words after which a date is not the period (打印日期：2026-10-08).
const NOT_PERIOD: &[&str] = &["打印", "制表", "导出", "生成", "编制日期", "对账日期"];

/// The period a cell states, if it states one. A single full date alone is
/// not a period (it is usually the day the file was printed).
pub fn stated_period(cell: &str) -> Option<StatedPeriod> {
    let text: String = cell.chars().map(half_width).collect();
    let keyed = KEYWORDS
        .iter()
        .find_map(|k| text.find(k).map(|i| i + k.len()));
    let mut part = &text[keyed.unwrap_or(0)..];
    if let Some(cut) = NOT_PERIOD.iter().filter_map(|w| part.find(w)).min() {
        part = &part[..cut];
    }
    let spans = spans(part);
    let (first, last) = (spans.first()?, spans.last()?);
    let single_day = spans.len() == 1 && first.0 == first.1;
    if single_day && keyed.is_none() {
        return None;
    }
    let (from, to) = (first.0, last.1);
    (from <= to).then(|| StatedPeriod {
        from,
        to,
        text: cell.trim().chars().take(80).collect(),
    })
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn month_span(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, month, 1)?,
        last_day(year, month)?,
    ))
}

fn quarter_span(year: i32, q: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let (a, _) = month_span(year, q * 3 - 2)?;
    let (_, b) = month_span(year, q * 3)?;
    Some((a, b))
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九十"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
}

/// A small cursor over the characters of a title line.
struct Cursor {
    chars: Vec<char>,
    at: usize,
}

impl Cursor {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// Up to `max` ASCII digits.
    fn number(&mut self, max: usize) -> Option<(u32, usize)> {
        let start = self.at;
        while self.at - start < max && self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        let n = digits.parse().ok()?;
        Some((n, self.at - start))
    }

    fn at_digit(&self) -> bool {
        self.peek().is_some_and(|c| c.is_ascii_digit())
    }
}

/// Every date, month, quarter or year written in `text`, in order, each as
/// the span of days it covers.
fn spans(text: &str) -> Vec<(NaiveDate, NaiveDate)> {
    let mut cur = Cursor {
        chars: text.chars().collect(),
        at: 0,
    };
    let mut out = Vec::new();
    while cur.at < cur.chars.len() {
        let before_digit = cur.at > 0 && cur.chars[cur.at - 1].is_ascii_digit();
        let start = cur.at;
        if !before_digit && cur.at_digit() {
            if let Some(found) = span_at(&mut cur) {
                out.push(found);
                continue;
            }
            cur.at = start;
        }
        cur.at += 1;
    }
    out
}

/// The span starting at a year, if one does.
fn span_at(cur: &mut Cursor) -> Option<(NaiveDate, NaiveDate)> {
    let (year, len) = cur.number(4)?;
    if len != 4 || !(1900..=2200).contains(&year) || cur.at_digit() {
        return None;
    }
    let year = year as i32;
    let year_char = cur.eat('年');
    if !(year_char || cur.eat('.') || cur.eat('-') || cur.eat('/')) {
        if cur.eat('Q') || cur.eat('q') {
            let (q, _) = cur.number(1)?;
            return quarter_span(year, q);
        }
        return None;
    }
    if year_char {
        if cur.eat('度') {
            return Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            ));
        }
        let ordinal = cur.eat('第');
        if let Some(q) = cur.peek().and_then(chinese_digit) {
            cur.at += 1;
            if cur.eat('季') {
                cur.eat('度');
                return quarter_span(year, q);
            }
            return None;
        }
        if ordinal {
            let (n, _) = cur.number(2)?;
            if cur.eat('季') {
                cur.eat('度');
                return quarter_span(year, n);
            }
            if cur.eat('期') || cur.eat('月') {
                return month_span(year, n);
            }
            return None;
        }
        if cur.eat('Q') || cur.eat('q') {
            let (q, _) = cur.number(1)?;
            return quarter_span(year, q);
        }
    }
    let (month, _) = cur.number(2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let month_mark = cur.eat('月');
    if month_mark {
        // "2026年7月-9月", "2026年7月至9月": a range of months in one year.
        let save = cur.at;
        if (cur.eat('-') || cur.eat('至') || cur.eat('~') || cur.eat('到'))
            && let Some((end, _)) = cur.number(2)
            && cur.eat('月')
            && !cur.at_digit()
        {
            let (a, _) = month_span(year, month)?;
            let (_, b) = month_span(year, end)?;
            return Some((a, b));
        }
        cur.at = save;
    }
    let sep = month_mark || cur.eat('.') || cur.eat('-') || cur.eat('/');
    if !sep || !cur.at_digit() {
        return month_span(year, month);
    }
    let save = cur.at;
    let (n, _) = cur.number(2)?;
    if cur.at_digit() {
        // "2026.07-2026.09": the next number is a year, not a day.
        cur.at = save - 1;
        return month_span(year, month);
    }
    if !month_mark && cur.eat('月') {
        // "2026年7-9月": a range of months in one year.
        let (a, _) = month_span(year, month)?;
        let (_, b) = month_span(year, n)?;
        return Some((a, b));
    }
    cur.eat('日');
    let day = NaiveDate::from_ymd_opt(year, month, n)?;
    Some((day, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<(String, String)> {
        stated_period(text).map(|p| (p.from.to_string(), p.to.to_string()))
    }

    fn span(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.into(), b.into()))
    }

    #[test]
    fn the_forms_bookkeepers_write() {
        let q3 = span("2026-07-01", "2026-09-30");
        assert_eq!(p("期间：2026年7月1日 至 2026年9月30日"), q3);
        assert_eq!(p("2026.07.01-2026.09.30"), q3);
        assert_eq!(p("2026-07-01 ~ 2026-09-30"), q3);
        assert_eq!(p("2026年第三季度"), q3);
        assert_eq!(p("2026年第3季度对账单"), q3);
        assert_eq!(p("2026Q3"), q3);
        assert_eq!(p("期间：2026年第7期至2026年第9期"), q3);
        assert_eq!(p("会计期间：2026.07-2026.09"), q3);
        assert_eq!(p("2026年7-9月"), q3);
        assert_eq!(p("对账单（2026年7月-9月）"), q3);
        assert_eq!(p("2026年7月至9月"), q3);
        assert_eq!(p("2026年7月"), span("2026-07-01", "2026-07-31"));
        assert_eq!(p("月份：2026.02"), span("2026-02-01", "2026-02-28"));
        assert_eq!(p("2024年度"), span("2024-01-01", "2024-12-31"));
        assert_eq!(
            p("供应商：某公司    期间：2025年10月1日 至 2025年12月31日    单位：元"),
            span("2025-10-01", "2025-12-31")
        );
    }

    #[test]
    fn a_print_date_is_not_a_period() {
        assert_eq!(p("打印日期：2026-10-08"), None);
        assert_eq!(p("2026-10-08"), None);
        assert_eq!(
            p("期间：2026年7月  打印日期：2026-10-08"),
            span("2026-07-01", "2026-07-31")
        );
        assert_eq!(p("应付账款明细账"), None);
        assert_eq!(p("科目：2202 应付账款"), None);
        assert_eq!(p("2026年13月"), None);
    }
}
