//! Reusable pieces: the list table, popups (picker, confirm, help) and text
//! measured by display width (华 takes two columns, so char counts lie).

pub mod confirm;
pub mod grid;
pub mod help;
pub mod input;
pub mod picker;
pub mod prompt;
pub mod table;

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to `width` display columns, ending in `…` when cut. Never
/// splits a character: a wide character that would straddle the edge goes.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::with_capacity(width + 3);
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// `text` cut to `width` display columns from the front, starting with `…`
/// when cut: for document numbers, which differ in their last digits
/// (`…0000000012` of a 20-digit 数电票 number).
pub fn truncate_start(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut used = 0;
    let mut start = text.len();
    for (at, c) in text.char_indices().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        start = at;
    }
    Cow::Owned(format!("…{}", &text[start..]))
}

/// `text` truncated and padded with spaces to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let pad = width.saturating_sub(cut.width());
    let mut out = cut.into_owned();
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// `text` broken into lines of at most `width` display columns: at the last
/// space when there is one (English), else between any two characters
/// (Chinese has no spaces to break at).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            let cut = line.rfind(' ').filter(|_| c != ' ');
            let rest = match cut {
                Some(at) => {
                    let rest = line[at + 1..].to_string();
                    line.truncate(at);
                    rest
                }
                None => String::new(),
            };
            lines.push(std::mem::take(&mut line));
            used = rest.width();
            line = rest;
            if c == ' ' {
                continue;
            }
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Blanks `area` for a popup. A wide character just left of it whose second
/// half lies under the popup would still be drawn by the terminal over the
/// popup's left border, so it is blanked too.
pub fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    if area.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// A box of at most `width` × `height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Like [`truncate`], but a number is never cut: when the cut falls inside
/// an amount (10,62|3.00), the whole amount goes and `…` says something was
/// left out, so no figure on screen is a fragment of another.
pub fn truncate_whole(text: &str, width: usize) -> Cow<'_, str> {
    let cut = truncate(text, width);
    let Cow::Owned(mut out) = cut else {
        return cut;
    };
    out.pop(); // the '…'
    let kept = out.chars().count();
    let is_number = |c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+' | '%');
    let next = text.chars().nth(kept);
    if next.is_some_and(is_number) && out.ends_with(is_number) {
        while out.ends_with(is_number) {
            out.pop();
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_display_columns_and_never_splits_a_character() {
        assert_eq!(truncate("深圳市华强电子有限公司", 9), "深圳市华…");
        // 8 columns: 华强电 is 6, the 4th character would need 2 more plus …
        assert_eq!(truncate("华强电子有限", 8), "华强电…");
        assert_eq!(truncate("华强电子", 8), "华强电子");
        assert_eq!(truncate("ABC Trading Ltd", 6), "ABC T…");
        assert_eq!(fit("华强", 6), "华强  ");
        assert_eq!(fit("深圳市华强电子", 6).width(), 6);
        assert_eq!(fit("深圳市华强电子", 6), "深圳… ");
    }

    #[test]
    fn wrapping_breaks_english_at_spaces_and_chinese_anywhere() {
        assert_eq!(
            wrap("Type the reason to issue it", 12),
            ["Type the", "reason to", "issue it"]
        );
        assert_eq!(
            wrap("如确需开票，请填写原因", 10),
            ["如确需开票", "，请填写原", "因"]
        );
        for line in wrap(
            "超出 C000001 深圳市华强电子有限公司 的信用额度：额度 80,000.00",
            15,
        ) {
            assert!(line.width() <= 15, "{line}");
        }
    }

    #[test]
    fn a_popup_blanks_the_wide_character_straddling_its_left_edge() {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(6, 1)).unwrap();
        terminal
            .draw(|frame| {
                frame
                    .buffer_mut()
                    .set_string(0, 0, "华强电", ratatui::style::Style::new());
                // The popup starts at x = 3, under the second half of 强 (columns 2 and 3).
                clear(frame, Rect::new(3, 0, 3, 1));
            })
            .unwrap();
        let buf = terminal.backend().buffer();
        assert_eq!(buf[(0, 0)].symbol(), "华");
        assert_eq!(buf[(2, 0)].symbol(), " ");
        assert_eq!(buf[(3, 0)].symbol(), " ");
    }

    #[test]
    fn a_number_is_never_cut() {
        let text = "应收合计 10,623.00 · 净额 -89,377.00";
        // Plain truncate leaves "10,62…"; the whole amount goes instead.
        assert_eq!(truncate(text, 15), "应收合计 10,62…");
        assert_eq!(truncate_whole(text, 15), "应收合计…");
        assert_eq!(
            truncate_whole(text, 20),
            "应收合计 10,623.00 …".replace(" …", "…")
        );
        assert_eq!(truncate_whole(text, 80), text);
        assert_eq!(truncate_whole("10,623.00", 5), "…");
    }
}
