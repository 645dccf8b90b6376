//! What a workbook cell reads as: the text Excel shows for it in a General
//! column, and whether it was a number.

use calamine::Data;

/// A cell as Excel shows it in a General column, and whether it was a number.
pub(super) fn cell_text(data: &Data) -> (String, bool) {
    match data {
        Data::Empty => (String::new(), false),
        Data::String(s) => (s.clone(), false),
        Data::Int(i) => (i.to_string(), true),
        Data::Float(f) => (float_text(*f), true),
        Data::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).to_string(), false),
        Data::DateTime(dt) => {
            let text = match dt.as_datetime() {
                Some(t) if dt.is_duration() => t.format("%H:%M:%S").to_string(),
                Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
                Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
                None => float_text(dt.as_f64()),
            };
            (text, false)
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), false),
        Data::Error(e) => (e.to_string(), false),
    }
}

/// Whole numbers without `.0`; at most 15 significant digits (all Excel keeps);
/// 16 digits and more in Excel's scientific form (9.14403E+17), which is what
/// a tax ID typed into a General cell turns into.
fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.abs() >= 1e15 {
        let s = format!("{f:.5E}");
        let (mantissa, exponent) = s.split_once('E').unwrap_or((&s, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        let sign = if exponent.starts_with('-') { "-" } else { "+" };
        let digits = exponent.trim_start_matches('-');
        return format!("{mantissa}E{sign}{digits:0>2}");
    }
    if f.fract() == 0.0 {
        return format!("{}", f as i64);
    }
    let int_digits = (f.abs().log10().floor() as i32 + 1).max(1);
    let decimals = (15 - int_digits).clamp(0, 15) as usize;
    let s = format!("{f:.decimals$}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(float_text(50000.0), "50000");
        assert_eq!(float_text(0.13), "0.13");
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(1234.56), "1234.56");
        assert_eq!(float_text(-12.5), "-12.5");
        assert_eq!(float_text(914403001922038216.0), "9.14403E+17");
        assert_eq!(float_text(6222021234567890123.0), "6.22202E+18");
        assert_eq!(float_text(622202123456789.0), "622202123456789");
    }
}
