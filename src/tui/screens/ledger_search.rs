//! Entries across customers (`L` from the list, 账目查询): the filters of
//! `kehu ledger search` in one dialog (`f`: period, type, class, document
//! number, amount, customer), the first 1,000 entries found in date order
//! with their count and sum. The search runs on a worker for a database file.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::stats::period_of;
use crate::domain::ledger::EntryKind;
use crate::domain::money::Money;
use crate::report::{Grid, search_grid};
use crate::store::{Page, SearchFilter, SearchHit, Store, StoreError, amount_range};
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply, Status, ask};
use crate::tui::i18n::{Msg, colon};
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::{fit, grid, table};
use crate::tui::worker::Failed;

/// Entries shown; the count and sum are of all found.
const SHOWN: u64 = 1_000;

/// What the dialog holds, as typed: from, to, type, class, doc, amount, customer.
type Typed = [String; 7];

/// Entries found, how many in all and their sum.
type Found = (Vec<SearchHit>, u64, Money);

pub struct LedgerSearchScreen {
    typed: Typed,
    found: Option<Found>,
    grid: Option<Grid>,
    selected: usize,
    offset: usize,
    loading: Option<crate::tui::worker::Worker<Found, StoreError>>,
}

impl LedgerSearchScreen {
    pub fn open(_ctx: &mut Ctx) -> LedgerSearchScreen {
        LedgerSearchScreen {
            typed: Default::default(),
            found: None,
            grid: None,
            selected: 0,
            offset: 0,
            loading: None,
        }
    }

    fn ask_filters(&self) -> Outcome {
        let labels = [
            Msg::StatsFrom,
            Msg::StatsTo,
            Msg::SearchType,
            Msg::SearchClass,
            Msg::SearchDoc,
            Msg::SearchAmount,
            Msg::SearchCustomer,
        ];
        let fields: Vec<(Msg, String)> = labels.into_iter().zip(self.typed.clone()).collect();
        ask(Prompt::new(Msg::SearchFiltersTitle, String::new(), &fields))
    }

    /// The filter from what was typed; what cannot be read says why.
    fn filter(&self, ctx: &Ctx) -> Result<SearchFilter, String> {
        let t = &self.typed;
        let kind = match t[2].trim() {
            "" => None,
            k => Some(EntryKind::parse(k).ok_or_else(|| {
                crate::messages::Message::new("search.unknown_type")
                    .with("type", k)
                    .text(ctx.lang)
            })?),
        };
        let amount = match t[5].trim() {
            "" => None,
            a => Some(amount_range(a).map_err(|e| e.text().get(ctx.lang).to_string())?),
        };
        Ok(SearchFilter {
            period: period_of(&t[0], &t[1], ctx)?,
            kind,
            doc: Some(t[4].clone()),
            amount,
            today: Some(ctx.today),
            ..SearchFilter::default()
        })
    }

    fn search(&mut self, filter: SearchFilter, ctx: &Ctx) -> Option<Status> {
        let (class, customer) = (
            self.typed[3].trim().to_string(),
            self.typed[6].trim().to_string(),
        );
        let run = move |store: &Store| -> Result<Found, StoreError> {
            let mut filter = filter;
            if !class.is_empty() {
                filter.class = Some(store.class_filter(&class)?);
            }
            if !customer.is_empty() {
                let c = store
                    .customer(&customer)?
                    .ok_or_else(|| StoreError::NotFound(customer.clone()))?;
                filter.customer_id = Some(c.id);
            }
            let page = Page {
                limit: Some(SHOWN),
                offset: 0,
            };
            let hits = store.search_ledger(&filter, page)?;
            let (count, sum) = store.count_ledger(&filter)?;
            Ok((hits, count, sum))
        };
        match ctx.store.path() {
            Some(path) => {
                self.loading = Some(crate::tui::worker::Worker::on_database(
                    path.to_path_buf(),
                    ctx.store.operator().to_string(),
                    move |store, _| run(store),
                ));
            }
            None => {
                let found = run(&ctx.store).map_err(Failed::Error);
                return self.take(found, ctx);
            }
        }
        None
    }

    /// The one place this screen reports a failed search.
    fn take(&mut self, found: Result<Found, Failed<StoreError>>, ctx: &Ctx) -> Option<Status> {
        match found {
            Ok(found) => {
                self.grid = Some(search_grid(&found.0, Default::default(), ctx.lang));
                self.found = Some(found);
                self.selected = 0;
                self.offset = 0;
                None
            }
            Err(Failed::Error(e)) => Some(Status::error(refusal_text(&e, ctx))),
            Err(stopped) => Some(Status::error(stopped.message().text(ctx.lang))),
        }
    }
}

impl Component for LedgerSearchScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::LedgerSearch
    }

    fn handle_key(
        &mut self,
        _key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        _ctx: &mut Ctx,
    ) -> Outcome {
        let rows = self.grid.as_ref().map_or(0, |g| g.rows.len());
        match action {
            Some(Action::Back) => Outcome::Pop,
            Some(Action::Filters) => self.ask_filters(),
            Some(a) => {
                let page = (page as usize).saturating_sub(3).max(1);
                self.selected = table::moved(self.selected, a, page, rows);
                self.offset = table::in_view(self.selected, self.offset, page);
                Outcome::Stay
            }
            None => Outcome::Stay,
        }
    }

    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        let Reply::Submit(values) = reply else {
            return Outcome::Stay;
        };
        for (slot, value) in self.typed.iter_mut().zip(values) {
            *slot = value;
        }
        match self.filter(ctx) {
            Ok(filter) => Outcome::Stay.saying(self.search(filter, ctx)),
            Err(text) => Outcome::Keep.saying(Status::error(text)),
        }
    }

    fn poll(&mut self, ctx: &mut Ctx) -> Option<Outcome> {
        let done = self.loading.as_mut()?.poll()?;
        self.loading = None;
        Some(Outcome::Stay.saying(self.take(done, ctx)))
    }

    fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let width = area.width as usize;
        let mut title = ctx.t(Msg::ScopeLedgerSearch).to_string();
        if let Some((hits, count, sum)) = &self.found {
            title.push_str(&format!(
                " · {} {} / {count} · {}{}{}",
                ctx.t(Msg::SearchShown),
                hits.len(),
                crate::messages::Message::new("doc.total").text(ctx.lang),
                colon(ctx.lang),
                sum.grouped()
            ));
        }
        if self.is_loading() {
            title.push_str(&format!(" · {}", ctx.t(Msg::Loading)));
        }
        frame.render_widget(
            Line::styled(fit(&title, width), ctx.theme.title),
            Rect { height: 1, ..area },
        );
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        match &self.grid {
            Some(grid) => grid::render(
                frame,
                body,
                grid,
                (self.offset, Some(self.selected)),
                &ctx.theme,
            ),
            None => frame.render_widget(
                Line::styled(fit(ctx.t(Msg::SearchNoFilters), width), ctx.theme.dim),
                body,
            ),
        }
    }
}
