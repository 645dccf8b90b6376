//! The blue invoice a red-letter one corrects, as 备注 names it: the 数电
//! form "被红冲蓝字数电发票号码：24442000000012345678 红字发票信息确认单编号：…"
//! and the older "对应正数发票代码:044001900111 号码:12345678".

/// The original's number (发票代码 + 发票号码 for an older invoice), if named.
pub fn original(note: &str) -> Option<String> {
    let blue = ["蓝字数电发票号码", "蓝字发票号码", "蓝字数电票号码"];
    for label in blue {
        if let Some(digits) = digits_after(note, label) {
            return Some(digits);
        }
    }
    let (_, rest) = note.split_once("对应正数发票")?;
    let code = digits_after(rest, "代码");
    let number = digits_after(rest, "号码")?;
    Some(match code {
        Some(code) if number.len() < 20 => format!("{code}{number}"),
        _ => number,
    })
}

/// The run of digits after `label` (skipping a colon and spaces), if any.
fn digits_after(text: &str, label: &str) -> Option<String> {
    let (_, rest) = text.split_once(label)?;
    let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::original;

    #[test]
    fn both_forms_of_the_note_name_the_original() {
        assert_eq!(
            original("被红冲蓝字数电发票号码：24442000000012345678 红字发票信息确认单编号：44010000000000001234")
                .as_deref(),
            Some("24442000000012345678")
        );
        assert_eq!(
            original("开具红字增值税专用发票信息表编号4401001234567890 对应正数发票代码:044001900111 号码:12345678")
                .as_deref(),
            Some("04400190011112345678")
        );
        assert_eq!(original("货款"), None);
        assert_eq!(original("对应正数发票代码:"), None);
    }
}
