//! The home screen: every customer in a table, incremental search, filters,
//! sorting, and the first steps on an empty database.

use std::borrow::Cow;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::detail::DetailScreen;
use super::form::FormScreen;
use super::{Outcome, Screen};
use crate::domain::customer::Status;
use crate::tui::app::Ctx;
use crate::tui::i18n::{self, Msg};
use crate::tui::index::{Column, Filtered, Query, StatusFilter, Text};
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::widgets::confirm::{Answer, Confirm};
use crate::tui::widgets::picker::{Item, Picked, Picker};
use crate::tui::widgets::table::{self, Table, Want};
use crate::tui::widgets::{centered, fit};

enum PickFor {
    Template,
    Class,
}

enum ConfirmFor {
    Archive(String),
    Delete(String),
}

#[derive(Default)]
pub struct ListScreen {
    query: Query,
    filtered: Filtered,
    /// Position of the selected row in the filtered rows.
    selected: usize,
    /// First row on screen.
    offset: usize,
    searching: bool,
    picker: Option<(PickFor, Picker)>,
    confirm: Option<(ConfirmFor, Confirm)>,
    /// The customer to keep selected when the list changes under it.
    keep_id: Option<i64>,
    seen_generation: Option<u64>,
}

impl ListScreen {
    pub fn new() -> ListScreen {
        ListScreen::default()
    }

    pub fn scope(&self, ctx: &Ctx) -> Scope {
        if self.confirm.is_some() {
            Scope::Confirm
        } else if self.picker.is_some() {
            Scope::Picker
        } else if self.searching {
            Scope::Search
        } else if ctx.index.is_empty() && !ctx.is_loading() {
            Scope::Empty
        } else {
            Scope::List
        }
    }

    /// Recomputes the shown rows if the query or the index changed.
    pub fn sync(&mut self, ctx: &mut Ctx) {
        if let Some(id) = ctx.select_after_save.take() {
            self.keep_id = Some(id);
            self.seen_generation = None;
        }
        self.filtered.update(&mut ctx.index, &self.query);
        let generation = ctx.index.generation();
        if self.seen_generation != Some(generation) {
            self.seen_generation = Some(generation);
            if let Some(row) = self.keep_id.take().and_then(|id| ctx.index.row_of_id(id))
                && let Some(pos) = self.filtered.rows().iter().position(|r| *r == row)
            {
                self.selected = pos;
            }
        }
        let count = self.filtered.rows().len();
        self.selected = self.selected.min(count.saturating_sub(1));
        self.offset = self.offset.min(self.selected);
    }

    /// The customer id on the selected row.
    fn selected_id(&self, ctx: &Ctx) -> Option<i64> {
        let row = *self.filtered.rows().get(self.selected)?;
        ctx.index.get(row).map(|r| r.id)
    }

    fn selected_code(&self, ctx: &Ctx) -> Option<String> {
        let row = *self.filtered.rows().get(self.selected)?;
        Some(ctx.index.text(row, Text::Code).to_string())
    }

    pub fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        if let Some((purpose, confirm)) = &self.confirm {
            match confirm.handle_key(key) {
                Answer::Yes => {
                    match purpose {
                        ConfirmFor::Archive(code) => set_status(ctx, code, Status::Archived),
                        ConfirmFor::Delete(code) => delete(ctx, code),
                    }
                    self.confirm = None;
                }
                Answer::No => self.confirm = None,
                Answer::Undecided => {}
            }
            return Outcome::Stay;
        }
        if let Some((purpose, picker)) = &mut self.picker {
            return match picker.handle_key(key) {
                Picked::Still => Outcome::Stay,
                Picked::Cancelled => {
                    self.picker = None;
                    Outcome::Stay
                }
                Picked::Chose(value) => {
                    let outcome = match purpose {
                        PickFor::Template => open_form(ctx, Some(&value)),
                        PickFor::Class => {
                            self.query.class = Some(value);
                            self.selected = 0;
                            Outcome::Stay
                        }
                    };
                    self.picker = None;
                    outcome
                }
            };
        }
        let rows = table_rows(page);
        if self.searching {
            return self.handle_search(key, action, rows);
        }
        let Some(action) = action else {
            return Outcome::Stay;
        };
        match action {
            Action::Back => return Outcome::Pop,
            Action::Search => self.searching = true,
            Action::Add => return open_form(ctx, ctx.default_template.clone().as_deref()),
            Action::AddFromTemplate => self.pick_template(ctx),
            Action::Import => ctx.info(ctx.t(Msg::ImportLater)),
            Action::Demo => load_demo(ctx),
            Action::View | Action::Edit => {
                let Some(code) = self.selected_code(ctx) else {
                    return Outcome::Stay;
                };
                self.keep_id = self.selected_id(ctx);
                let opened = if action == Action::View {
                    DetailScreen::open(ctx, &code).map(|d| Screen::Detail(Box::new(d)))
                } else {
                    FormScreen::edit(ctx, &code).map(|f| Screen::Form(Box::new(f)))
                };
                match opened {
                    Ok(screen) => return Outcome::Push(screen),
                    Err(e) => ctx.error(e.to_string()),
                }
            }
            Action::Archive => {
                if let Some(code) = self.selected_code(ctx) {
                    self.keep_id = self.selected_id(ctx);
                    let body = format!("{code}: {}", ctx.t(Msg::ArchiveBody));
                    self.confirm = Some((
                        ConfirmFor::Archive(code),
                        Confirm::new(Msg::ArchiveTitle, body),
                    ));
                }
            }
            Action::Delete => {
                if let Some(code) = self.selected_code(ctx) {
                    let body = format!("{code}: {}", ctx.t(Msg::DeleteBody));
                    self.confirm = Some((
                        ConfirmFor::Delete(code),
                        Confirm::new(Msg::DeleteTitle, body),
                    ));
                }
            }
            Action::Unarchive | Action::Hold => {
                if let Some(code) = self.selected_code(ctx) {
                    self.keep_id = self.selected_id(ctx);
                    let status = if action == Action::Hold {
                        Status::OnHold
                    } else {
                        Status::Active
                    };
                    set_status(ctx, &code, status);
                }
            }
            Action::StatusFilter => {
                self.query.status = self.query.status.next();
                self.selected = 0;
            }
            Action::ClassFilter => self.pick_class(ctx),
            Action::ClearFilter => {
                self.query.class = None;
                self.query.status = StatusFilter::Live;
            }
            Action::Sort => {
                self.keep_id = self.selected_id(ctx);
                self.query.sort = self.query.sort.next();
                self.seen_generation = None;
            }
            Action::Reverse => {
                self.keep_id = self.selected_id(ctx);
                self.query.descending = !self.query.descending;
                self.seen_generation = None;
            }
            other => self.navigate(other, rows),
        }
        Outcome::Stay
    }

    fn handle_search(&mut self, key: &KeyEvent, action: Option<Action>, rows: usize) -> Outcome {
        match action {
            Some(Action::SearchDone) => self.searching = false,
            Some(Action::SearchClear) => {
                self.searching = false;
                self.query.text.clear();
                self.selected = 0;
            }
            Some(other) => self.navigate(other, rows),
            None => {
                match key.code {
                    KeyCode::Char(c) => self.query.text.push(c),
                    KeyCode::Backspace => {
                        self.query.text.pop();
                    }
                    _ => return Outcome::Stay,
                }
                self.selected = 0;
                self.offset = 0;
            }
        }
        Outcome::Stay
    }

    fn navigate(&mut self, action: Action, rows: usize) {
        let count = self.filtered.rows().len();
        let last = count.saturating_sub(1);
        self.selected = match action {
            Action::Down => (self.selected + 1).min(last),
            Action::Up => self.selected.saturating_sub(1),
            Action::PageDown => (self.selected + rows).min(last),
            Action::PageUp => self.selected.saturating_sub(rows),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected,
        };
        self.keep_in_view(rows);
    }

    fn keep_in_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
    }

    pub fn scroll(&mut self, delta: i32, page: u16, _ctx: &mut Ctx) {
        let action = if delta < 0 { Action::Up } else { Action::Down };
        for _ in 0..delta.unsigned_abs() {
            self.navigate(action, table_rows(page));
        }
    }

    fn pick_template(&mut self, ctx: &mut Ctx) {
        match ctx.store.templates() {
            Ok(templates) if templates.is_empty() => ctx.info(ctx.t(Msg::NoTemplates)),
            Ok(templates) => {
                let items = templates
                    .iter()
                    .map(|t| Item::new(t.name.clone(), t.name.clone()))
                    .collect();
                self.picker = Some((
                    PickFor::Template,
                    Picker::new(ctx.t(Msg::PickTemplate), items, None),
                ));
            }
            Err(e) => ctx.error(e.to_string()),
        }
    }

    fn pick_class(&mut self, ctx: &Ctx) {
        let items = ctx
            .catalog
            .dimensions
            .iter()
            .flat_map(|d| {
                d.values.iter().map(move |v| {
                    Item::new(v.name.clone(), format!("{}: {}", d.label(ctx.lang), v.name))
                })
            })
            .collect();
        self.picker = Some((
            PickFor::Class,
            Picker::new(ctx.t(Msg::PickClass), items, self.query.class.as_deref()),
        ));
    }

    pub fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let theme = &ctx.theme;
        if self.scope(ctx) == Scope::Empty {
            return Line::default();
        }
        let shown = i18n::count(self.filtered.rows().len(), Msg::Shown, ctx.lang);
        let mut parts = vec![
            format!(
                "{} {}",
                ctx.t(Msg::ColStatus),
                self.query.status.label(ctx.lang)
            ),
            format!(
                "{} {} {}",
                ctx.t(Msg::SortBy),
                self.query.sort.title().get(ctx.lang),
                if self.query.descending { "↓" } else { "↑" }
            ),
        ];
        if let Some(class) = &self.query.class {
            parts.push(format!("{} {class}", ctx.t(Msg::Filter)));
        }
        parts.push(shown);
        let info = parts.join(" · ");
        if self.searching || !self.query.text.is_empty() {
            let cursor = if self.searching { "▏" } else { "" };
            let search = format!("/{}{cursor}  ", self.query.text);
            let style = if self.searching {
                theme.search
            } else {
                theme.focused
            };
            return Line::from(vec![
                Span::styled(search.clone(), style),
                Span::styled(
                    fit(
                        &info,
                        width
                            .saturating_sub(unicode_width::UnicodeWidthStr::width(search.as_str())),
                    ),
                    theme.dim,
                ),
            ]);
        }
        Line::styled(fit(&info, width), theme.dim)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        if ctx.index.is_empty() && !ctx.is_loading() {
            render_empty(frame, area, ctx);
        } else {
            self.render_table(frame, area, ctx);
        }
        let (theme, lang) = (&ctx.theme, ctx.lang);
        if let Some((_, picker)) = &self.picker {
            picker.render(frame, area, theme, lang);
        }
        if let Some((_, confirm)) = &self.confirm {
            confirm.render(frame, area, theme, lang);
        }
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let lang = ctx.lang;
        let want = |min, weight, rank| Want { min, weight, rank };
        // Display order; ranks say what stays at 80 columns.
        let wants = [
            (Column::Code, want(7, 0, 0)),
            (Column::Name, want(20, 4, 0)),
            (Column::Mnemonic, want(8, 1, 3)),
            (Column::TaxId, want(18, 0, 5)),
            (Column::Class, want(9, 1, 4)),
            (Column::Credit, want(12, 0, 1)),
            (Column::Balance, want(12, 0, 2)),
            (Column::Status, want(7, 0, 1)),
        ];
        let widths = table::layout(area.width, &wants.map(|(_, w)| w));
        let shown: Vec<(Column, u16)> = wants
            .iter()
            .zip(&widths)
            .filter_map(|((c, _), w)| w.map(|w| (*c, w)))
            .collect();
        let columns: Vec<table::Column> = shown
            .iter()
            .map(|(c, w)| table::Column {
                title: c.title().get(lang),
                width: *w,
                right: matches!(c, Column::Credit | Column::Balance),
            })
            .collect();
        let rows = self.filtered.rows();
        let index = &ctx.index;
        let cell = |pos: usize, col: usize| -> Cow<'_, str> {
            let Some((row, r)) = rows.get(pos).and_then(|&row| Some((row, index.get(row)?))) else {
                return Cow::Borrowed("");
            };
            match shown[col].0 {
                Column::Code => Cow::Borrowed(index.text(row, Text::Code)),
                Column::Name => Cow::Borrowed(index.text(row, Text::Name)),
                Column::Mnemonic => Cow::Borrowed(index.text(row, Text::Mnemonic)),
                Column::TaxId => Cow::Borrowed(index.text(row, Text::TaxId)),
                Column::Class => Cow::Borrowed(index.text(row, Text::Class)),
                Column::Credit => Cow::Owned(r.credit_limit.grouped()),
                Column::Balance => Cow::Owned(r.balance.grouped()),
                Column::Status => Cow::Borrowed(r.status.label(lang)),
            }
        };
        let theme = ctx.theme;
        let row_style =
            |pos: usize| match rows.get(pos).and_then(|r| index.get(*r)).map(|r| r.status) {
                Some(Status::Archived) => theme.dim,
                Some(Status::OnHold) => theme.warning,
                _ => Style::new(),
            };
        let page = table_rows(area.height);
        // The offset kept by navigation may be stale after a resize.
        let mut offset = self.offset;
        if self.selected >= offset + page.max(1) {
            offset = self.selected + 1 - page.max(1);
        }
        let table = Table {
            columns: &columns,
            count: rows.len(),
            offset,
            selected: (!rows.is_empty()).then_some(self.selected),
            cell,
            header_style: theme.column_header,
            selected_style: theme.selected,
            row_style: &row_style,
        };
        table.render(area, frame.buffer_mut());
        if rows.is_empty() && area.height > 2 {
            let text = if ctx.is_loading() {
                Msg::Loading
            } else {
                Msg::NoMatch
            };
            let line = Rect {
                y: area.y + 2,
                height: 1,
                ..area
            };
            frame.render_widget(
                Paragraph::new(Line::styled(format!("  {}", ctx.t(text)), theme.dim)),
                line,
            );
        }
    }
}

/// Table rows that fit in a body of `height` lines (one is the header).
fn table_rows(height: u16) -> usize {
    height.saturating_sub(1) as usize
}

/// The first screen of a new user: what to do next, right there.
fn render_empty(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let theme = &ctx.theme;
    let mut lines = vec![
        Line::styled(ctx.t(Msg::EmptyTitle).to_string(), theme.title),
        Line::raw(""),
        Line::raw(ctx.t(Msg::EmptyHint).to_string()),
        Line::raw(""),
    ];
    for b in keymap::bindings(Scope::Empty).filter(|b| b.footer && b.action != Action::Back) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<4}", keymap::keys_label(b)), theme.focused),
            Span::raw(b.label.get(ctx.lang).to_string()),
        ]));
    }
    let box_area = centered(area, 44, lines.len() as u16);
    frame.render_widget(Paragraph::new(lines), box_area);
}

/// The add form, from a template when one is named (a missing template is
/// reported and the form opens empty).
fn open_form(ctx: &mut Ctx, template: Option<&str>) -> Outcome {
    let template = match template.map(|name| ctx.store.template(name)) {
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => {
            ctx.error(e.to_string());
            None
        }
        None => None,
    };
    match FormScreen::add(ctx, template) {
        Ok(form) => Outcome::Push(Screen::Form(Box::new(form))),
        Err(e) => {
            ctx.error(e.to_string());
            Outcome::Stay
        }
    }
}

pub fn set_status(ctx: &mut Ctx, code: &str, status: Status) {
    match ctx.store.set_status(code, status) {
        Ok(c) => {
            ctx.refresh_customer(c.id);
            let done = match status {
                Status::Archived => Msg::Archived,
                Status::OnHold => Msg::OnHold,
                Status::Active => Msg::Unarchived,
            };
            ctx.info(format!("{}: {} {}", ctx.t(done), c.data.code, c.data.name));
        }
        Err(e) => ctx.error(e.to_string()),
    }
}

pub fn delete(ctx: &mut Ctx, code: &str) {
    let id = ctx
        .index
        .row_of_code(code)
        .and_then(|r| ctx.index.get(r))
        .map(|r| r.id);
    match ctx.store.delete_customer(code) {
        Ok(()) => {
            if let Some(id) = id {
                ctx.refresh_customer(id);
            }
            ctx.info(format!("{}: {code}", ctx.t(Msg::Deleted)));
        }
        Err(e) => ctx.error(e.to_string()),
    }
}

fn load_demo(ctx: &mut Ctx) {
    let loaded = crate::demo::load(&mut ctx.store).and_then(|(added, _)| {
        ctx.reload_index()?;
        Ok(added)
    });
    match loaded {
        Ok(added) => ctx.info(format!(
            "{}: {}",
            ctx.t(Msg::DemoLoaded),
            i18n::count(added, Msg::Customers, ctx.lang)
        )),
        Err(e) => ctx.error(e.to_string()),
    }
}
