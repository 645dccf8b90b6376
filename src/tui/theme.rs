//! Styles by purpose, so screens say "error", not "red". `NO_COLOR` (or
//! `theme = "plain"`) keeps only bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub header: Style,
    pub footer_key: Style,
    pub footer_text: Style,
    pub title: Style,
    pub column_header: Style,
    pub selected: Style,
    pub focused: Style,
    pub dim: Style,
    pub error: Style,
    pub warning: Style,
    pub ok: Style,
    pub border: Style,
    pub popup: Style,
    pub search: Style,
}

impl Theme {
    pub fn colored() -> Theme {
        Theme {
            header: Style::new().fg(Color::Black).bg(Color::Cyan),
            footer_key: Style::new().fg(Color::Black).bg(Color::Gray),
            footer_text: Style::new(),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            column_header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().fg(Color::Black).bg(Color::LightBlue),
            focused: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            error: Style::new().fg(Color::LightRed),
            warning: Style::new().fg(Color::Yellow),
            ok: Style::new().fg(Color::Green),
            border: Style::new().fg(Color::Cyan),
            popup: Style::new(),
            search: Style::new().fg(Color::Yellow),
        }
    }

    pub fn plain() -> Theme {
        Theme {
            header: Style::new().add_modifier(Modifier::REVERSED),
            footer_key: Style::new().add_modifier(Modifier::REVERSED),
            footer_text: Style::new(),
            title: Style::new().add_modifier(Modifier::BOLD),
            column_header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            focused: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new(),
            error: Style::new().add_modifier(Modifier::BOLD),
            warning: Style::new(),
            ok: Style::new(),
            border: Style::new(),
            popup: Style::new(),
            search: Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// `NO_COLOR` set to anything non-empty wins over the configured theme
    /// (<https://no-color.org>).
    pub fn choose(configured: Option<&str>, no_color: Option<&str>) -> Theme {
        let no_color = no_color.is_some_and(|v| !v.is_empty());
        if no_color || configured.is_some_and(|t| t.trim().eq_ignore_ascii_case("plain")) {
            Theme::plain()
        } else {
            Theme::colored()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_over_the_configured_theme() {
        assert_eq!(Theme::choose(Some("default"), Some("1")), Theme::plain());
        assert_eq!(Theme::choose(None, Some("")), Theme::colored());
        assert_eq!(Theme::choose(Some("Plain"), None), Theme::plain());
        assert!(Theme::plain().selected.fg.is_none());
    }
}
