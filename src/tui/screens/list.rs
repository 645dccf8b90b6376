//! The home screen: every customer in a table, incremental search, filters,
//! sorting, and the first steps on an empty database.

mod actions;
mod view;

use crossterm::event::{KeyCode, KeyEvent};

use super::dashboard::DashboardScreen;
use super::detail::DetailScreen;
use super::form::FormScreen;
use super::ledger::LedgerScreen;
use super::{Outcome, Screen};
use crate::domain::activity::{self, Activity};
use crate::domain::customer::Status;
use crate::tui::actions::{archive_body, delete, delete_body, set_status};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Reply, ask};
use crate::tui::i18n::Msg;
use crate::tui::index::{Filtered, Query, StatusFilter, Text};
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::picker::{Item, Picker};
use crate::tui::widgets::table;

enum Asking {
    Template,
    Class,
    Archive(String),
    Delete(String),
    /// The duplicate to merge into this customer.
    MergeInto(String),
}

use actions::{activity_filter, load_demo, open_form, open_import_history, open_import_wizard};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use view::table_rows;

#[derive(Default)]
pub struct ListScreen {
    query: Query,
    filtered: Filtered,
    /// Position of the selected row in the filtered rows.
    selected: usize,
    /// First row on screen.
    offset: usize,
    searching: bool,
    /// The search box; `query.text` follows its value.
    search: LineInput,
    /// What the open popup (on the app's stack) was asked for.
    asking: Option<Asking>,
    /// The customer to keep selected when the list changes under it.
    keep_id: Option<i64>,
    seen_generation: Option<u64>,
}

impl ListScreen {
    pub fn new() -> ListScreen {
        ListScreen::default()
    }

    /// Selects customer `id` when the list is next in step with the index.
    pub fn select(&mut self, id: i64) {
        self.keep_id = Some(id);
        self.seen_generation = None;
    }

    /// The customer id on the selected row.
    fn selected_id(&self, ctx: &Ctx) -> Option<i64> {
        let row = *self.filtered.rows().get(self.selected)?;
        ctx.customers.index.get(row).map(|r| r.id)
    }

    fn selected_code(&self, ctx: &Ctx) -> Option<String> {
        let row = *self.filtered.rows().get(self.selected)?;
        Some(ctx.customers.index.text(row, Text::Code).to_string())
    }

    fn handle_search(&mut self, key: &KeyEvent, action: Option<Action>, rows: usize) -> Outcome {
        match action {
            Some(Action::SearchDone) => self.searching = false,
            Some(Action::SearchClear) => self.clear_search(),
            Some(other) => self.navigate(other, rows),
            None => {
                if !self.search.edit(key) {
                    return Outcome::Stay;
                }
                self.query.text = self.search.value().to_string();
                self.selected = 0;
                self.offset = 0;
            }
        }
        Outcome::Stay
    }

    fn clear_search(&mut self) {
        self.searching = false;
        self.search.clear();
        self.query.text.clear();
        self.selected = 0;
    }

    fn navigate(&mut self, action: Action, rows: usize) {
        let count = self.filtered.rows().len();
        self.selected = table::moved(self.selected, action, rows, count);
        self.offset = table::in_view(self.selected, self.offset, rows);
    }

    fn pick_template(&mut self, ctx: &mut Ctx) -> Outcome {
        match ctx.store.templates() {
            Ok(templates) if templates.is_empty() => Outcome::info(ctx.t(Msg::NoTemplates)),
            Ok(templates) => {
                let items = templates
                    .iter()
                    .map(|t| Item::new(t.name.clone(), t.name.clone()))
                    .collect();
                self.asking = Some(Asking::Template);
                ask(Picker::new(ctx.t(Msg::PickTemplate), items, None))
            }
            Err(e) => Outcome::error(e.message().text(ctx.lang)),
        }
    }

    fn pick_class(&mut self, ctx: &Ctx) -> Outcome {
        let items = ctx
            .catalog
            .dimensions
            .iter()
            .flat_map(|d| {
                d.values.iter().map(move |v| {
                    Item::new(
                        v.name.clone(),
                        format!(
                            "{}{}{}",
                            d.label(ctx.lang),
                            crate::tui::i18n::colon(ctx.lang),
                            v.name
                        ),
                    )
                })
            })
            .chain(Activity::ALL.into_iter().map(|a| {
                let label = format!(
                    "{}{}{}",
                    Activity::dimension_label(ctx.lang),
                    crate::tui::i18n::colon(ctx.lang),
                    a.label(ctx.lang)
                );
                Item::new(format!("{}={}", activity::CODE, a.key()), label)
            }))
            .collect();
        self.asking = Some(Asking::Class);
        ask(Picker::new(
            ctx.t(Msg::PickClass),
            items,
            self.query.class.as_deref(),
        ))
    }
}

impl Component for ListScreen {
    fn scope(&self, ctx: &Ctx) -> Scope {
        if self.searching {
            Scope::Search
        } else if ctx.customers.index.is_empty() && !ctx.is_loading() {
            Scope::Empty
        } else {
            Scope::List
        }
    }

    /// Recomputes the shown rows if the query or the index changed.
    fn sync(&mut self, ctx: &mut Ctx) {
        self.filtered.update(&mut ctx.customers.index, &self.query);
        let generation = ctx.customers.index.generation();
        if self.seen_generation != Some(generation) {
            self.seen_generation = Some(generation);
            if let Some(row) = self
                .keep_id
                .take()
                .and_then(|id| ctx.customers.index.row_of_id(id))
                && let Some(pos) = self.filtered.rows().iter().position(|r| *r == row)
            {
                self.selected = pos;
            }
        }
        let count = self.filtered.rows().len();
        self.selected = self.selected.min(count.saturating_sub(1));
        self.offset = self.offset.min(self.selected);
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        let rows = table_rows(page);
        if self.searching {
            return self.handle_search(key, action, rows);
        }
        let Some(action) = action else {
            return Outcome::Stay;
        };
        match action {
            // Esc with a kept search clears it (q still quits).
            Action::Back if key.code == KeyCode::Esc && !self.query.text.is_empty() => {
                self.clear_search()
            }
            Action::Back => return Outcome::Pop,
            Action::Search => self.searching = true,
            Action::Add => return open_form(ctx, ctx.default_template.clone().as_deref()),
            Action::AddFromTemplate => return self.pick_template(ctx),
            Action::Import => return open_import_wizard(ctx),
            Action::ImportHistory => return open_import_history(ctx),
            Action::Backups => {
                return super::backups::BackupsScreen::open(ctx);
            }
            Action::Demo => return load_demo(ctx),
            Action::SignOut if ctx.store.operators_defined() => {
                return super::sign_in::SignInScreen::switch(ctx);
            }
            Action::MergeInto => {
                if let Some(code) = self.selected_code(ctx) {
                    self.keep_id = self.selected_id(ctx);
                    let outcome = super::merge::pick_duplicate(ctx, &code);
                    self.asking = Some(Asking::MergeInto(code));
                    return outcome;
                }
            }
            Action::CompanySettings => return super::company::CompanyScreen::open(ctx),
            Action::Statistics => return super::stats::StatsScreen::open(ctx),
            Action::LedgerSearch => {
                return Outcome::Push(Box::new(super::ledger_search::LedgerSearchScreen::open(
                    ctx,
                )));
            }
            Action::AuditLog => {
                return super::audit::AuditScreen::open(ctx);
            }
            Action::ReviewQueue => {
                return super::review::ReviewScreen::open(ctx);
            }
            Action::View | Action::Edit => {
                let Some(code) = self.selected_code(ctx) else {
                    return Outcome::Stay;
                };
                self.keep_id = self.selected_id(ctx);
                let opened = if action == Action::View {
                    DetailScreen::open(ctx, &code).map(|d| Box::new(d) as Screen)
                } else {
                    FormScreen::edit(ctx, &code).map(|f| Box::new(f) as Screen)
                };
                return match opened {
                    Ok(screen) => Outcome::Push(screen),
                    Err(e) => Outcome::error(e.message().text(ctx.lang)),
                };
            }
            Action::Ledger => {
                let Some(code) = self.selected_code(ctx) else {
                    return Outcome::Stay;
                };
                self.keep_id = self.selected_id(ctx);
                return match LedgerScreen::open(ctx, &code) {
                    Ok(ledger) => Outcome::Push(Box::new(ledger)),
                    Err(e) => Outcome::error(e.message().text(ctx.lang)),
                };
            }
            Action::Dashboard => {
                return DashboardScreen::open(ctx);
            }
            Action::Reconcile => {
                let Some(code) = self.selected_code(ctx) else {
                    return Outcome::Stay;
                };
                self.keep_id = self.selected_id(ctx);
                return super::reconcile::open(ctx, &code);
            }
            Action::Archive => {
                if let Some(code) = self.selected_code(ctx) {
                    self.keep_id = self.selected_id(ctx);
                    let body = archive_body(ctx, &code);
                    self.asking = Some(Asking::Archive(code));
                    return ask(Confirm::new(Msg::ArchiveTitle, body));
                }
            }
            Action::Delete => {
                if let Some(code) = self.selected_code(ctx) {
                    let body = delete_body(ctx, &code);
                    self.asking = Some(Asking::Delete(code));
                    return ask(Confirm::new(Msg::DeleteTitle, body));
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
                    return set_status(ctx, &code, status);
                }
            }
            Action::StatusFilter => {
                self.query.status = self.query.status.next();
                self.selected = 0;
            }
            Action::ClassFilter => return self.pick_class(ctx),
            Action::ClearFilter => {
                self.query.class = None;
                self.query.only = None;
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

    fn scroll(&mut self, delta: i32, page: u16, _ctx: &mut Ctx) {
        let action = if delta < 0 { Action::Up } else { Action::Down };
        for _ in 0..delta.unsigned_abs() {
            self.navigate(action, table_rows(page));
        }
    }

    /// A popup's reply: what it was asked for is in `asking`.
    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        match (self.asking.take(), reply) {
            (Some(Asking::Archive(code)), Reply::Yes) => {
                return set_status(ctx, &code, Status::Archived);
            }
            (Some(Asking::Delete(code)), Reply::Yes) => return delete(ctx, &code),
            (Some(Asking::Template), Reply::Chose(name)) => return open_form(ctx, Some(&name)),
            (Some(Asking::MergeInto(keep)), reply) => return super::merge::open(ctx, &keep, reply),
            (Some(Asking::Class), Reply::Chose(value)) => {
                let only = activity_filter(&value, ctx);
                let said = only.as_ref().and_then(|r| r.as_ref().err().cloned());
                self.query.only = only.and_then(Result::ok);
                self.query.class = Some(match value.split_once('=') {
                    Some((_, key)) if self.query.only.is_some() => Activity::parse(key)
                        .map_or(value.clone(), |a| a.label(ctx.lang).to_string()),
                    _ => value,
                });
                self.selected = 0;
                if let Some(status) = said {
                    return Outcome::Stay.saying(status);
                }
            }
            _ => {}
        }
        Outcome::Stay
    }

    /// Drawn by `view.rs`.
    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        self.draw(frame, area, ctx)
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        self.status_text(width, ctx)
    }

    fn select_customer(&mut self, id: i64) {
        self.select(id)
    }
}
