//! Signing in (登录): once operators exist the app opens here, and `S` on
//! the list signs out and comes back here to switch operator. Name and
//! password in the one line editor (the password shown masked); the store's
//! `sign_in` checks them, waits on a wrong one and records every attempt,
//! so the role signed in is what governs the writes that follow.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Status};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::{centered, clear, fit, truncate};

pub struct SignInScreen {
    name: LineInput,
    password: LineInput,
    /// 0: the name, 1: the password.
    focus: usize,
    /// The last refusal, in the UI language (stays until the next attempt).
    refused: Option<String>,
}

impl Default for SignInScreen {
    fn default() -> Self {
        SignInScreen::new()
    }
}

impl SignInScreen {
    pub fn new() -> SignInScreen {
        SignInScreen {
            name: LineInput::default(),
            password: LineInput::default(),
            focus: 0,
            refused: None,
        }
    }

    /// Signs out whoever is signed in and opens the sign-in screen.
    pub fn switch(ctx: &mut Ctx) -> Outcome {
        ctx.store.sign_out();
        Outcome::Push(Box::new(SignInScreen::new()))
    }

    fn submit(&mut self, ctx: &mut Ctx) -> Outcome {
        if self.focus == 0 {
            self.focus = 1;
            return Outcome::Stay;
        }
        let name = self.name.value().trim().to_string();
        match ctx.store.sign_in(&name, self.password.value()) {
            Ok(role) => {
                let text = format!(
                    "{}{}{name} ({})",
                    ctx.t(Msg::SignedIn),
                    crate::tui::i18n::colon(ctx.lang),
                    role.name().get(ctx.lang)
                );
                Outcome::Pop.saying(Status::info(text))
            }
            Err(e) => {
                let text = refusal_text(&e, ctx);
                self.refused = Some(text.clone());
                self.password.clear();
                Outcome::error(text)
            }
        }
    }
}

impl Component for SignInScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::SignIn
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        _page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        let field = if self.focus == 0 {
            &mut self.name
        } else {
            &mut self.password
        };
        match action {
            Some(Action::Confirm) => return self.submit(ctx),
            // Nobody signed in: leaving here leaves the app.
            Some(Action::Back) => return Outcome::Quit,
            Some(Action::NextField | Action::PrevField) => self.focus = 1 - self.focus,
            Some(Action::ClearField) => field.clear(),
            _ => {
                field.edit(key);
            }
        }
        Outcome::Stay
    }

    fn focus_field(&mut self, key: &str, _page: u16, _ctx: &mut Ctx) -> Option<Outcome> {
        match key {
            "name" => self.focus = 0,
            "password" => self.focus = 1,
            _ => return None,
        }
        Some(Outcome::Stay)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let area = centered(area, 60, 9);
        clear(frame, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(
                format!(" {} ", ctx.t(Msg::SignInTitle)),
                theme.title,
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = inner.width as usize;
        let labels = [ctx.t(Msg::SignInName), ctx.t(Msg::SignInPassword)];
        let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0) + 1;
        let masked = "*".repeat(self.password.value().chars().count());
        let values = [self.name.value().to_string(), masked];
        let mut lines = vec![
            Line::raw(truncate(ctx.t(Msg::SignInHint), width).into_owned()),
            Line::raw(""),
        ];
        for (i, (label, value)) in labels.iter().zip(&values).enumerate() {
            let focused = i == self.focus;
            let marker = if focused { "> " } else { "  " };
            let style = if focused { theme.focused } else { theme.popup };
            lines.push(Line::from(vec![
                Span::styled(format!("{marker}{}", fit(label, label_width)), style),
                Span::raw(value.clone()),
            ]));
        }
        lines.push(Line::raw(""));
        match &self.refused {
            Some(text) => lines.push(Line::styled(
                truncate(text, width).into_owned(),
                theme.error,
            )),
            None => {
                let hints = keymap::hints(Scope::SignIn, ctx.lang)
                    .into_iter()
                    .map(|(k, l)| format!("{k} {l}"))
                    .collect::<Vec<_>>()
                    .join("   ");
                lines.push(Line::styled(
                    truncate(&hints, width).into_owned(),
                    theme.dim,
                ));
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
        let before = if self.focus == 0 {
            self.name.before_cursor().width()
        } else {
            self.password.before_cursor().chars().count()
        };
        let x = (2 + label_width + before) as u16;
        frame.set_cursor_position(Position {
            x: inner.x + x.min(inner.width.saturating_sub(1)),
            y: inner.y + 2 + self.focus as u16,
        });
    }
}
