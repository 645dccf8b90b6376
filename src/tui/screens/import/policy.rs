//! Step 5: what to do with rows matching a stored customer (skip, update or
//! stop) and whether rejected rows should stop the whole import (all or
//! nothing); Enter starts the import.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::preview::Counts;
use super::progress::ProgressStep;
use super::view::{grouped, pairs};
use super::worker::Core;
use super::{Chosen, Flow, Step};
use crate::import::{Policy, Settings};
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::keymap::Action;
use crate::tui::widgets::truncate;

const POLICIES: [(Policy, Msg); 3] = [
    (Policy::Skip, Msg::PolicySkip),
    (Policy::Update, Msg::PolicyUpdate),
    (Policy::Stop, Msg::PolicyStop),
];

pub(crate) struct PolicyStep {
    chosen: Chosen,
    settings: Settings,
    counts: Counts,
}

impl PolicyStep {
    pub fn new(chosen: Chosen, settings: Settings, counts: Counts) -> PolicyStep {
        PolicyStep {
            chosen,
            settings,
            counts,
        }
    }

    pub fn chosen(&self) -> &Chosen {
        &self.chosen
    }

    pub fn handle_key(&mut self, action: Option<Action>, ctx: &mut Ctx) -> Flow {
        let at = POLICIES
            .iter()
            .position(|(p, _)| *p == self.settings.policy)
            .unwrap_or(0);
        match action {
            Some(Action::Back) => return Flow::Back,
            Some(Action::Down) => self.settings.policy = POLICIES[(at + 1) % POLICIES.len()].0,
            Some(Action::Up) => {
                self.settings.policy = POLICIES[(at + POLICIES.len() - 1) % POLICIES.len()].0;
            }
            Some(Action::ToggleAllOrNothing) => {
                self.settings.all_or_nothing = !self.settings.all_or_nothing;
            }
            Some(Action::Confirm) => {
                let core = Core::Customers(self.settings.clone());
                let step = ProgressStep::start(ctx, self.chosen.clone(), core);
                return Flow::Next(Box::new(Step::Progress(step)));
            }
            _ => {}
        }
        Flow::Stay
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let line = |text: String| Line::raw(truncate(&text, width).into_owned());
        let mut lines = vec![line(format!(" {}", ctx.t(Msg::PolicyQuestion)))];
        for (policy, label) in POLICIES {
            let chosen = policy == self.settings.policy;
            let mark = if chosen { "(•)" } else { "( )" };
            let text = truncate(&format!("  {mark} {}", ctx.t(label)), width).into_owned();
            lines.push(Line::styled(
                text,
                if chosen { theme.focused } else { theme.popup },
            ));
        }
        lines.push(Line::raw(""));
        let mark = if self.settings.all_or_nothing {
            "[x]"
        } else {
            "[ ]"
        };
        lines.push(line(format!("  {mark} {}", ctx.t(Msg::AllOrNothing))));
        lines.push(Line::raw(""));
        let c = &self.counts;
        let counts = pairs(
            &[
                (grouped(c.rows), ctx.t(Msg::RowsLabel)),
                (grouped(c.ok), ctx.t(Msg::CountOk)),
                (grouped(c.warnings), ctx.t(Msg::CountWarning)),
                (grouped(c.errors), ctx.t(Msg::CountError)),
                (grouped(c.duplicates), ctx.t(Msg::CountDuplicate)),
            ],
            width.saturating_sub(2),
        );
        lines.push(line(format!(" {}:", ctx.t(Msg::FromPreview))));
        lines.push(line(format!("  {counts}")));
        if self.settings.all_or_nothing && c.errors > 0 {
            lines.push(Line::styled(
                truncate(&format!("  {}", ctx.t(Msg::AllOrNothingWarning)), width).into_owned(),
                theme.warning,
            ));
        }
        lines.push(Line::raw(""));
        lines.push(line(format!(" {}", ctx.t(Msg::StartHint))));
        frame.render_widget(Paragraph::new(lines), area);
    }
}
