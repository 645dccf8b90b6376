//! Our company (`C` from the list): the sender named on statements, reminder
//! letters and the tax platform's invoices. `e`/Enter edits every field in
//! one dialog, checked like a customer and recorded in the control trail —
//! the same as `kehu settings company`.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::domain::company::{Company, KEYS};
use crate::domain::field::FieldValues;
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply, Status, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::{fit, truncate, wrap};

/// The dialog's labels, in the order of `company::KEYS`.
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
    /// The screen pushed; a company that cannot be read shows empty, saying why.
    pub fn open(ctx: &Ctx) -> Outcome {
        match ctx.store.company() {
            Ok(company) => Outcome::Push(Box::new(CompanyScreen { company })),
            Err(e) => Outcome::Push(Box::new(CompanyScreen {
                company: Company::default(),
            }))
            .saying(Status::error(refusal_text(&e, ctx))),
        }
    }

    fn edit(&self) -> Outcome {
        let fields: Vec<(Msg, String)> = LABELS
            .iter()
            .zip(KEYS)
            .map(|(label, (key, _))| (*label, self.company.get(key)))
            .collect();
        ask(Prompt::new(Msg::CompanyTitle, "", &fields))
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
            Some(Action::Edit) => self.edit(),
            _ => Outcome::Stay,
        }
    }

    /// The dialog's fields saved; a refusal keeps it open with the reason.
    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        let Reply::Submit(values) = reply else {
            return Outcome::Stay;
        };
        let changes: FieldValues = KEYS
            .iter()
            .zip(values)
            .map(|((key, _), value)| (key.to_string(), value.trim().to_string()))
            .collect();
        match ctx.store.set_company(&changes) {
            Ok(company) => {
                self.company = company;
                Outcome::info(ctx.t(Msg::CompanySaved))
            }
            Err(e) => Outcome::Keep.saying(Status::error(refusal_text(&e, ctx))),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let label_width = LABELS
            .iter()
            .map(|m| unicode_width::UnicodeWidthStr::width(ctx.t(*m)))
            .max()
            .unwrap_or(0);
        let mut lines = vec![
            Line::styled(
                truncate(&format!(" {}", ctx.t(Msg::CompanyTitle)), width).into_owned(),
                theme.title,
            ),
            Line::raw(""),
        ];
        for (label, (key, _)) in LABELS.iter().zip(KEYS) {
            let value = self.company.get(key);
            let text = format!(" {}  {value}", fit(ctx.t(*label), label_width));
            let style = if value.is_empty() {
                theme.dim
            } else {
                theme.popup
            };
            lines.push(Line::styled(truncate(&text, width).into_owned(), style));
        }
        lines.push(Line::raw(""));
        let hint = if self.company.is_set() {
            Msg::CompanyUsedFor
        } else {
            Msg::CompanyNotSetHint
        };
        for part in wrap(ctx.t(hint), width.saturating_sub(2)) {
            lines.push(Line::styled(format!(" {part}"), theme.dim));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
