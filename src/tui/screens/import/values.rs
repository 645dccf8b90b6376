//! Between the preview and the options, when the file carries classification
//! values its dimensions do not have (五金批发 under 所属行业): one question
//! per new value, however many rows carry it — add it to the dimension, read
//! it as an existing value (a picker), or leave the field empty on its rows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::policy::PolicyStep;
use super::preview::Counts;
use super::view::grouped;
use super::{Chosen, Flow, Step};
use crate::import::{NewValue, Settings, ValueChoice};
use crate::tui::app::Ctx;
use crate::tui::component::{Reply, Status};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::picker::{Item, Picker};
use crate::tui::widgets::truncate;

pub(crate) struct ValuesStep {
    chosen: Chosen,
    settings: Settings,
    counts: Counts,
    values: Vec<NewValue>,
    selected: usize,
}

impl ValuesStep {
    /// The step, when the preview found new values (else `None`).
    pub fn new(
        chosen: Chosen,
        settings: Settings,
        counts: Counts,
        values: &[NewValue],
    ) -> Option<ValuesStep> {
        if values.is_empty() {
            return None;
        }
        Some(ValuesStep {
            chosen,
            settings,
            counts,
            values: values.to_vec(),
            selected: 0,
        })
    }

    pub fn chosen(&self) -> &Chosen {
        &self.chosen
    }

    pub fn scope(&self) -> Scope {
        Scope::ImportValues
    }

    /// The existing value picked for the selected one.
    pub fn answer(&mut self, reply: Reply) -> Flow {
        if let Reply::Chose(value) = reply {
            self.set(ValueChoice::MapTo(value));
        }
        Flow::Stay
    }

    fn key(&self, i: usize) -> (String, String) {
        let v = &self.values[i];
        (v.dimension.clone(), v.value.clone())
    }

    /// What becomes of value `i`: added unless the user chose otherwise.
    fn choice(&self, i: usize) -> ValueChoice {
        self.settings
            .value_choices
            .get(&self.key(i))
            .cloned()
            .unwrap_or(ValueChoice::Add)
    }

    fn set(&mut self, choice: ValueChoice) {
        let key = self.key(self.selected);
        self.settings.value_choices.insert(key, choice);
    }

    pub fn handle_key(&mut self, action: Option<Action>, ctx: &mut Ctx) -> Flow {
        let last = self.values.len().saturating_sub(1);
        match action {
            Some(Action::Back) => return Flow::Back,
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::AddValue) => self.set(ValueChoice::Add),
            Some(Action::EmptyValue) => self.set(ValueChoice::Empty),
            Some(Action::MapValue) => return self.open_picker(ctx),
            Some(Action::Confirm) => {
                let step = PolicyStep::new(self.chosen.clone(), self.settings.clone(), self.counts);
                return Flow::Next(Box::new(Step::Policy(step)));
            }
            _ => {}
        }
        Flow::Stay
    }

    fn open_picker(&mut self, ctx: &mut Ctx) -> Flow {
        let v = &self.values[self.selected];
        let Some(dim) = ctx.catalog.dimension(&v.dimension) else {
            return Flow::Stay;
        };
        let items: Vec<Item> = dim
            .active_values()
            .map(|value| Item::new(value.name.clone(), value.name.clone()))
            .collect();
        if items.is_empty() {
            return Status::info(ctx.t(Msg::NoValuesToMapTo)).into();
        }
        let current = match self.choice(self.selected) {
            ValueChoice::MapTo(to) => Some(to),
            _ => None,
        };
        let title = format!("{} “{}” →", v.column, v.value);
        Flow::Ask(Box::new(Picker::new(title, items, current.as_deref())))
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let line = |text: String| Line::raw(truncate(&text, width).into_owned());
        let mut lines = vec![line(format!(" {}", ctx.t(Msg::NewValuesQuestion)))];
        lines.push(Line::raw(""));
        let rows = area.height.saturating_sub(3) as usize;
        let offset = self.selected.saturating_sub(rows.saturating_sub(1));
        for (i, v) in self.values.iter().enumerate().skip(offset).take(rows) {
            let what = match self.choice(i) {
                ValueChoice::Add => ctx.t(Msg::ValueAdd).to_string(),
                ValueChoice::Empty => ctx.t(Msg::ValueEmpty).to_string(),
                ValueChoice::MapTo(to) => format!("{} “{to}”", ctx.t(Msg::ValueMapTo)),
            };
            let text = format!(
                "  {} {}{}“{}” ({} {}, {} {}) → {what}",
                if i == self.selected { "›" } else { " " },
                v.column,
                crate::tui::i18n::colon(ctx.lang),
                v.value,
                grouped(v.rows),
                ctx.t(Msg::RowsLabel),
                ctx.t(Msg::FromRow),
                v.first_row
            );
            let style = if i == self.selected {
                theme.focused
            } else {
                theme.popup
            };
            lines.push(Line::styled(truncate(&text, width).into_owned(), style));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
