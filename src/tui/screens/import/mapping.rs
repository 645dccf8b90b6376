//! Step 3: where each column goes. The core maps columns by their headers;
//! here each can be sent to another field or dimension, or ignored, through
//! a picker; the whole mapping can be saved under a name and loaded again
//! for the next file of the same shape.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::preview::PreviewStep;
use super::view::wrapped;
use super::{Chosen, Flow, Step};
use crate::domain::Lang;
use crate::domain::field::Field;
use crate::import::invoices::columns::Columns;
use crate::import::{Mapping, MappingError, Target, mapping::parse_target};
use crate::tui::app::Ctx;
use crate::tui::component::{Reply, Status};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::picker::{Item, Picker};
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::table::{self, Column, Table, Want};
use crate::tui::widgets::truncate;

/// What the open popup is for.
enum Asking {
    /// The target of the selected column.
    Target,
    /// A saved mapping to load.
    Saved,
    /// The name to save this mapping under.
    Name,
}

pub(crate) struct MappingStep {
    chosen: Chosen,
    mapping: Mapping,
    selected: usize,
    asking: Option<Asking>,
    /// The name last saved or loaded, offered when saving again.
    name: Option<String>,
}

/// Lines above the table: the summary and a blank line.
const ABOVE: usize = 2;
/// Lines below it: the mapping's problem, if any.
const BELOW: usize = 2;

impl MappingStep {
    pub fn new(chosen: Chosen, mapping: Mapping) -> MappingStep {
        MappingStep {
            chosen,
            mapping,
            selected: 0,
            asking: None,
            name: None,
        }
    }

    pub fn chosen(&self) -> &Chosen {
        &self.chosen
    }

    fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    pub fn scope(&self) -> Scope {
        Scope::ImportMapping
    }

    pub fn handle_key(&mut self, action: Option<Action>, ctx: &mut Ctx) -> Flow {
        let count = self.mapping().headers.len();
        match action {
            Some(Action::Back) => return Flow::Back,
            Some(Action::Confirm) => match self.mapping().validate() {
                Ok(()) => {
                    let mut chosen = self.chosen.clone();
                    chosen.mapping = Some(self.mapping.clone());
                    let step = PreviewStep::start(ctx, chosen);
                    return Flow::Next(Box::new(Step::Preview(Box::new(step))));
                }
                Err(e) => return Status::error(problem_text(&e, ctx.lang)).into(),
            },
            Some(Action::Edit) => return self.pick_target(ctx),
            Some(Action::SaveMapping) => {
                let name = self
                    .name
                    .clone()
                    .unwrap_or_else(|| stem(&self.chosen.source.file_name()));
                self.asking = Some(Asking::Name);
                return Flow::Ask(Box::new(Prompt::new(
                    Msg::SaveMappingTitle,
                    ctx.t(Msg::SaveMappingBody),
                    &[(Msg::MappingName, name)],
                )));
            }
            Some(Action::LoadMapping) => match ctx.store.mapping_names() {
                Ok(names) if names.is_empty() => {
                    return Status::info(ctx.t(Msg::NoMappings)).into();
                }
                Ok(names) => {
                    let items = names
                        .iter()
                        .map(|n| Item::new(n.clone(), n.clone()))
                        .collect();
                    let picker = Picker::new(ctx.t(Msg::PickMapping), items, self.name.as_deref());
                    self.asking = Some(Asking::Saved);
                    return Flow::Ask(Box::new(picker));
                }
                Err(e) => return Status::error(e.message().text(ctx.lang)).into(),
            },
            Some(a @ (Action::Up | Action::Down)) => {
                self.selected = table::moved(self.selected, a, 1, count);
            }
            _ => {}
        }
        Flow::Stay
    }

    /// A popup answered: a column's target, a saved mapping to load, the
    /// name to save under (refused: the prompt stays with the reason).
    pub fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Flow {
        let Some(asked) = self.asking.take() else {
            return Flow::Stay;
        };
        match (asked, reply) {
            (Asking::Target, Reply::Chose(value)) => {
                let target = parse_target(&value, &ctx.catalog).unwrap_or(Target::Ignore);
                let selected = self.selected;
                self.mapping.set(selected, target);
            }
            (Asking::Saved, Reply::Chose(name)) => match ctx.store.mapping(&name) {
                Ok(saved) => {
                    self.mapping.apply_saved(&saved, &ctx.catalog);
                    let said = Status::info(format!(
                        "{}{}{name}",
                        ctx.t(Msg::MappingLoaded),
                        crate::tui::i18n::colon(ctx.lang)
                    ));
                    self.name = Some(name);
                    return said.into();
                }
                Err(e) => return Status::error(e.message().text(ctx.lang)).into(),
            },
            (Asking::Name, Reply::Submit(values)) => {
                let name = values.first().map_or("", |v| v.trim()).to_string();
                if name.is_empty() {
                    self.asking = Some(Asking::Name);
                    return Flow::Keep.saying(Status::error(ctx.t(Msg::NameRequired)));
                }
                return match ctx.store.save_mapping(&name, &self.mapping().to_saved()) {
                    Ok(()) => {
                        let said = Status::info(format!(
                            "{}{}{name}",
                            ctx.t(Msg::MappingSaved),
                            crate::tui::i18n::colon(ctx.lang)
                        ));
                        self.name = Some(name);
                        said.into()
                    }
                    Err(e) => {
                        self.asking = Some(Asking::Name);
                        Flow::Keep.saying(Status::error(e.message().text(ctx.lang)))
                    }
                };
            }
            _ => {}
        }
        Flow::Stay
    }

    fn pick_target(&mut self, ctx: &Ctx) -> Flow {
        let Some(current) = self.mapping().targets.get(self.selected) else {
            return Flow::Stay;
        };
        let lang = ctx.lang;
        let mut items = vec![Item::new("", Target::Ignore.label(lang, &ctx.catalog))];
        items.extend(
            Field::ALL
                .iter()
                .map(|f| Item::new(f.key(), format!("{} · {}", f.label(lang), f.key()))),
        );
        items.extend(
            ctx.catalog
                .dimensions
                .iter()
                .filter(|d| !d.retired)
                .map(|d| {
                    Item::new(
                        d.code.clone(),
                        format!(
                            "{} · {} ({})",
                            d.label(lang),
                            d.code,
                            ctx.t(Msg::Classification)
                        ),
                    )
                }),
        );
        let header = self.mapping().headers.get(self.selected).cloned();
        let title = format!(
            "{} → {}",
            header.unwrap_or_default(),
            ctx.t(Msg::PickTarget)
        );
        let picker = Picker::new(title, items, Some(current.key()));
        self.asking = Some(Asking::Target);
        Flow::Ask(Box::new(picker))
    }

    /// The first data row under the header, for the example column.
    fn example_row(&self) -> Option<&crate::import::Row> {
        let layout = &self.chosen.layout;
        layout
            .preview
            .iter()
            .find(|r| r.number > layout.header_row && !r.is_blank())
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let mapping = self.mapping();
        let summary = format!(
            " {} {} · {} {}",
            mapping.headers.len(),
            ctx.t(Msg::ColumnsCount),
            mapping.mapped_count(),
            ctx.t(Msg::Mapped)
        );
        // A customer import of the tax platform's invoice export is rarely
        // what was meant: say what the file is and which command books it.
        let note = if Columns::of(&mapping.headers).is_invoice_export() {
            Line::styled(
                truncate(&format!(" {}", ctx.t(Msg::ImportInvoiceExport)), width).into_owned(),
                theme.warning,
            )
        } else {
            Line::raw("")
        };
        let mut lines = vec![Line::raw(truncate(&summary, width).into_owned()), note];
        let table_height = (area.height as usize).saturating_sub(ABOVE + BELOW);
        let rows = table_height.saturating_sub(1);
        // The selection stays in view (at the bottom when scrolled down).
        let offset = table::in_view(self.selected, 0, rows);
        let widths = table::layout(
            area.width.saturating_sub(1),
            &[
                Want {
                    min: 10,
                    ideal: 16,
                    weight: 1,
                    rank: 0,
                },
                Want {
                    min: 8,
                    ideal: 20,
                    weight: 2,
                    rank: 1,
                },
                Want {
                    min: 14,
                    ideal: 20,
                    weight: 1,
                    rank: 0,
                },
            ],
        );
        let titles = [Msg::ColColumn, Msg::ColExample, Msg::ColField];
        let columns: Vec<Column> = titles
            .iter()
            .zip(&widths)
            .filter_map(|(t, w)| {
                w.map(|width| Column {
                    title: ctx.t(*t),
                    width,
                    right: false,
                })
            })
            .collect();
        let shown: Vec<usize> = widths
            .iter()
            .enumerate()
            .filter(|(_, w)| w.is_some())
            .map(|(i, _)| i)
            .collect();
        let example = self.example_row();
        let cell = |row: usize, col: usize| -> Cow<'_, str> {
            let text = match shown.get(col) {
                Some(0) => mapping.headers.get(row).cloned().unwrap_or_default(),
                Some(1) => example
                    .map(|r| r.cell(row).replace(['\r', '\n'], " "))
                    .unwrap_or_default(),
                _ => mapping
                    .targets
                    .get(row)
                    .map(|t| t.label(ctx.lang, &ctx.catalog))
                    .unwrap_or_default(),
            };
            Cow::Owned(text)
        };
        let ignored = |row: usize| {
            if mapping.targets.get(row) == Some(&Target::Ignore) {
                theme.dim
            } else {
                theme.popup
            }
        };
        frame.render_widget(Paragraph::new(lines.clone()), area);
        let table_area = Rect {
            x: area.x + 1,
            y: area.y + ABOVE as u16,
            width: area.width.saturating_sub(1),
            height: table_height as u16,
        };
        Table {
            columns: &columns,
            count: mapping.headers.len(),
            offset,
            selected: Some(self.selected),
            cell,
            header_style: theme.column_header,
            selected_style: theme.selected,
            row_style: &ignored,
            cell_style: None,
        }
        .render(table_area, frame.buffer_mut());
        lines.clear();
        if let Err(e) = mapping.validate() {
            lines.extend(wrapped(
                &problem_text(&e, ctx.lang),
                width,
                BELOW,
                theme.error,
            ));
        }
        let below = Rect {
            y: area.y + (ABOVE + table_height) as u16,
            height: BELOW as u16,
            ..area
        };
        frame.render_widget(Paragraph::new(lines), below.intersection(area));
    }
}

/// A mapping the import cannot run with, in the UI language.
fn problem_text(e: &MappingError, lang: Lang) -> String {
    match e {
        MappingError::NoName => Msg::MappingNoName.get(lang).to_string(),
        other => other.message().text(lang),
    }
}

/// The file name without its extension: a default name for a mapping.
fn stem(file_name: &str) -> String {
    std::path::Path::new(file_name).file_stem().map_or_else(
        || file_name.to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}
