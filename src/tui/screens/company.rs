//! Our company (`C` from the list; `kehu settings company`): the sender on
//! statements and reminders. The screen shows the fields; `e` opens them in
//! a dialog, saved by the store's checks (the customer validator's rules);
//! a refusal keeps the dialog open with every problem on the status line.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::domain::company::{Company, KEYS};
use crate::domain::field::FieldValues;
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply, ask};
use crate::tui::i18n::{Msg, colon};
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::fit;
use crate::tui::widgets::prompt::Prompt;

/// The label of each of `KEYS`, in its order.
const LABELS: [Msg; 8] = [
    Msg::CompanyName,
    Msg::CompanyTaxId,
    Msg::CompanyAddress,
    Msg::CompanyPhone,
    Msg::CompanyBank,
    Msg::CompanyAccount,
    Msg::CompanyContact,
    Msg::CompanySeal,
];

pub struct CompanyScreen {
    company: Company,
}

impl CompanyScreen {
    pub fn open(ctx: &mut Ctx) -> CompanyScreen {
        let company = match ctx.store.company() {
            Ok(c) => c,
            Err(e) => {
                ctx.error(refusal_text(&e, ctx));
                Company::default()
            }
        };
        CompanyScreen { company }
    }
}

impl Component for CompanyScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Company
    }

    fn handle_key(
        &mut self,
        _key: &KeyEvent,
        action: Option<Action>,
        _page: u16,
        _ctx: &mut Ctx,
    ) -> Outcome {
        match action {
            Some(Action::Back) => Outcome::Pop,
            Some(Action::Edit) => {
                let fields: Vec<(Msg, String)> = LABELS
                    .iter()
                    .zip(KEYS)
                    .map(|(label, (key, _))| (*label, self.company.get(key)))
                    .collect();
                ask(Prompt::new(Msg::CompanyTitle, String::new(), &fields))
            }
            _ => Outcome::Stay,
        }
    }

    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        let Reply::Submit(values) = reply else {
            return Outcome::Stay;
        };
        let changes: FieldValues = KEYS
            .iter()
            .zip(values)
            .map(|((key, _), value)| (key.to_string(), value))
            .collect();
        // The one place this screen reports: saved, or why not.
        match ctx.store.set_company(&changes) {
            Ok(company) => {
                self.company = company;
                ctx.info(ctx.t(Msg::CompanySaved));
                Outcome::Stay
            }
            Err(e) => {
                ctx.error(refusal_text(&e, ctx));
                Outcome::Keep
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let width = area.width as usize;
        let mut lines = vec![Line::styled(
            fit(ctx.t(Msg::CompanyTitle), width),
            ctx.theme.title,
        )];
        lines.push(Line::default());
        if !self.company.is_set() {
            lines.push(Line::styled(
                fit(ctx.t(Msg::CompanyNotSet), width),
                ctx.theme.warning,
            ));
        }
        for (label, (key, _)) in LABELS.iter().zip(KEYS) {
            let text = format!(
                "{}{}{}",
                ctx.t(*label),
                colon(ctx.lang),
                self.company.get(key)
            );
            lines.push(Line::raw(fit(&text, width)));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
