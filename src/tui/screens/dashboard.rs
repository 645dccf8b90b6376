//! The receivables dashboard (`D`): totals, overdue, customers over their
//! credit limit, the top debtors, aging as a bar chart and the receivable by
//! a classification dimension (`c` cycles them). Its figures read every
//! balance and open item, so a database file is read on a worker thread with
//! its own connection and the loop keeps drawing meanwhile: the aging pass
//! and the account rows on two workers, so two cores share them.

mod view;

use std::path::Path;

use super::Outcome;
use crate::store::{ClassTotal, Dashboard, DashboardAccounts, DashboardAging, Store, StoreError};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Status};
use crate::tui::keymap::{Action, Scope};
use crate::tui::worker::Worker;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// Figures being read; a newer request drops (and so cancels) the older.
type Loading<T> = Worker<T, StoreError>;

/// A half of the figures that came in before the other.
#[derive(Default)]
struct Half {
    accounts: Option<DashboardAccounts>,
    aging: Option<DashboardAging>,
}

pub struct DashboardScreen {
    figures: Option<Dashboard>,
    /// The two halves of the figures, read at once; the first one done
    /// waits in `half` for the other.
    loading: Option<Loading<DashboardAccounts>>,
    loading_aging: Option<Loading<DashboardAging>>,
    half: Half,
    /// Index into the catalog's dimensions of the one shown.
    dimension: usize,
    by_class: Vec<ClassTotal>,
    /// A grouping by another dimension (`c`); the latest request wins.
    loading_classes: Option<Loading<Vec<ClassTotal>>>,
}

impl DashboardScreen {
    /// The screen, pushed, with what went wrong reading the figures.
    pub fn open(ctx: &mut Ctx) -> Outcome {
        let mut screen = DashboardScreen {
            figures: None,
            loading: None,
            loading_aging: None,
            half: Half::default(),
            dimension: 0,
            by_class: Vec::new(),
            loading_classes: None,
        };
        let failed = screen.reload(ctx);
        Outcome::Push(Box::new(screen)).saying(failed)
    }

    /// Reads the figures again: on a worker for a database file (at 100,000
    /// customers they take about a second), at once in memory. Returns what
    /// went wrong, for the status line.
    fn reload(&mut self, ctx: &mut Ctx) -> Option<Status> {
        let today = ctx.today;
        let mut failed = None;
        match ctx.store.path() {
            Some(path) => {
                self.half = Half::default();
                self.loading = Some(in_background(ctx, path, move |store| {
                    store.dashboard_accounts(today)
                }));
                self.loading_aging = Some(in_background(ctx, path, move |store| {
                    store.dashboard_aging(today)
                }));
            }
            None => match ctx.store.dashboard(today) {
                Ok(d) => self.figures = Some(d),
                Err(e) => failed = Some(Status::error(e.message().text(ctx.lang))),
            },
        }
        self.load_classes(ctx).or(failed)
    }

    fn load_classes(&mut self, ctx: &mut Ctx) -> Option<Status> {
        let Some(code) = ctx
            .catalog
            .dimensions
            .get(self.dimension)
            .map(|d| d.code.clone())
        else {
            self.by_class.clear();
            return None;
        };
        match ctx.store.path() {
            Some(path) => {
                self.loading_classes = Some(in_background(ctx, path, move |store| {
                    store.receivable_by_class(&code)
                }));
            }
            None => match ctx.store.receivable_by_class(&code) {
                Ok(totals) => self.by_class = totals,
                Err(e) => return Some(Status::error(e.message().text(ctx.lang))),
            },
        }
        None
    }
}

/// A finished job's value or its error for the status line; `None` while it runs.
fn take<T>(slot: &mut Option<Loading<T>>, ctx: &Ctx) -> Option<Result<T, Status>> {
    let done = slot.as_mut()?.poll()?;
    *slot = None;
    Some(done.map_err(|e| Status::error(e.message().text(ctx.lang))))
}

/// Runs `read` on a worker with its own connection to the database file.
fn in_background<T: Send + 'static>(
    ctx: &Ctx,
    path: &Path,
    read: impl FnOnce(&Store) -> crate::store::Result<T> + Send + 'static,
) -> Loading<T> {
    Worker::on_database(
        path.to_path_buf(),
        ctx.store.operator().to_string(),
        move |store, _| read(store),
    )
}

impl Component for DashboardScreen {
    fn is_loading(&self) -> bool {
        self.loading.is_some() || self.loading_aging.is_some() || self.loading_classes.is_some()
    }

    /// Takes in the workers' results: `None` when nothing changed, else
    /// what to say (an error of either, the later one winning).
    fn poll(&mut self, ctx: &mut Ctx) -> Option<Outcome> {
        let (mut changed, mut failed) = (false, None);
        match take(&mut self.loading, ctx) {
            Some(Ok(accounts)) => self.half.accounts = Some(accounts),
            Some(Err(status)) => failed = Some(status),
            None => {}
        }
        match take(&mut self.loading_aging, ctx) {
            Some(Ok(aging)) => self.half.aging = Some(aging),
            Some(Err(status)) => failed = Some(status),
            None => {}
        }
        if let (Some(_), Some(_)) = (&self.half.accounts, &self.half.aging) {
            let Half { accounts, aging } = std::mem::take(&mut self.half);
            if let (Some(accounts), Some(aging)) = (accounts, aging) {
                match Dashboard::from_halves(accounts, aging) {
                    Ok(figures) => (self.figures, changed) = (Some(figures), true),
                    Err(e) => failed = Some(Status::error(e.message().text(ctx.lang))),
                }
            }
        }
        match take(&mut self.loading_classes, ctx) {
            Some(Ok(totals)) => (self.by_class, changed) = (totals, true),
            Some(Err(status)) => failed = Some(status),
            None => {}
        }
        match failed {
            Some(status) => Some(status.into()),
            None => changed.then_some(Outcome::Stay),
        }
    }

    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Dashboard
    }

    fn handle_key(
        &mut self,
        _key: &KeyEvent,
        action: Option<Action>,
        _page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        match action {
            Some(Action::Back) => Outcome::Pop,
            Some(Action::NextDimension) => {
                let count = ctx.catalog.dimensions.len().max(1);
                self.dimension = (self.dimension + 1) % count;
                Outcome::Stay.saying(self.load_classes(ctx))
            }
            _ => Outcome::Stay,
        }
    }

    /// Drawn by `view.rs`.
    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        self.draw(frame, area, ctx)
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        self.status_text(width, ctx)
    }

    fn on_return(&mut self, ctx: &mut Ctx) -> Outcome {
        Outcome::Stay.saying(self.reload(ctx))
    }
}
