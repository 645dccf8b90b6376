//! The frame around the screens: header (database, count, operator), the
//! status line and the footer of keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::App;
use crate::tui::i18n::{self, Msg};
use crate::tui::keymap;
use crate::tui::widgets::{fit, truncate};

impl App {
    pub(super) fn render_header(&self, frame: &mut Frame, area: Rect) {
        let ctx = &self.ctx;
        let count = match ctx.customers.stored_count {
            // A large list still loading: counted once it is in.
            None => ctx.t(Msg::Loading).to_string(),
            Some(n) if ctx.is_loading() => format!(
                "{} ({})",
                i18n::count(n.max(0) as usize, Msg::Customers, ctx.lang),
                ctx.t(Msg::Loading)
            ),
            Some(n) => i18n::count(n.max(0) as usize, Msg::Customers, ctx.lang),
        };
        // Signed in: who, and as what; operators defined but nobody signed
        // in: nobody (the sign-in screen is up).
        let who = match ctx.store.signed_in_role() {
            Some(role) => format!("{} ({})", ctx.store.operator(), role.name().get(ctx.lang)),
            None if ctx.store.operators_defined() => "—".to_string(),
            None => ctx.store.operator().to_string(),
        };
        let text = format!(
            " {} │ {} │ {} │ {} {}",
            ctx.t(Msg::AppName),
            self.db_name,
            count,
            ctx.t(Msg::Operator),
            who
        );
        frame.render_widget(
            Paragraph::new(fit(&text, area.width as usize)).style(ctx.theme.header),
            area,
        );
    }

    pub(super) fn render_status(&self, frame: &mut Frame, area: Rect) {
        let ctx = &self.ctx;
        let line = match ctx.message() {
            Some(m) => Line::styled(
                truncate(&m.text, area.width as usize).into_owned(),
                if m.error {
                    ctx.theme.error
                } else {
                    ctx.theme.ok
                },
            ),
            None => self
                .stack
                .last()
                .map(|l| l.screen.status_line(area.width as usize, ctx))
                .unwrap_or_default(),
        };
        frame.render_widget(Paragraph::new(line), area);
    }

    pub(super) fn render_footer(&self, frame: &mut Frame, area: Rect) {
        let theme = &self.ctx.theme;
        let mut hints = keymap::footer(self.scope(), self.ctx.lang);
        // The last hint is help (when offered): it stays even when others don't fit.
        let help = hints.pop_if(|(_, label)| *label == Msg::KeyHelp.get(self.ctx.lang));
        let need = |(keys, label): &(String, &str)| keys.width() + label.width() + 3;
        let mut room = (area.width as usize).saturating_sub(help.as_ref().map_or(0, need));
        let mut spans = Vec::new();
        for hint in hints.iter().chain(help.iter()) {
            let is_help = help.as_ref().is_some_and(|h| std::ptr::eq(h, hint));
            if !is_help {
                if need(hint) > room {
                    continue;
                }
                room -= need(hint);
            }
            spans.push(Span::styled(format!(" {} ", hint.0), theme.footer_key));
            spans.push(Span::styled(format!("{} ", hint.1), theme.footer_text));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}
