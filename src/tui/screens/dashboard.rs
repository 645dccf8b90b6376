//! The receivables dashboard (`D`): totals, overdue, customers over their
//! credit limit, the top debtors, aging as a bar chart and the receivable by
//! a classification dimension (`c` cycles them). Its figures read every
//! balance and open item, so a database file is read on a worker thread with
//! its own connection and the loop keeps drawing meanwhile.

mod view;

use std::path::Path;

use super::Outcome;
use crate::store::{ClassTotal, Dashboard, Store, StoreError};
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Scope};
use crate::tui::worker::Worker;

/// Figures being read; a newer request drops (and so cancels) the older.
type Loading<T> = Worker<T, StoreError>;

pub struct DashboardScreen {
    figures: Option<Dashboard>,
    loading: Option<Loading<Dashboard>>,
    /// Index into the catalog's dimensions of the one shown.
    dimension: usize,
    by_class: Vec<ClassTotal>,
    /// A grouping by another dimension (`c`); the latest request wins.
    loading_classes: Option<Loading<Vec<ClassTotal>>>,
}

impl DashboardScreen {
    pub fn open(ctx: &mut Ctx) -> DashboardScreen {
        let mut screen = DashboardScreen {
            figures: None,
            loading: None,
            dimension: 0,
            by_class: Vec::new(),
            loading_classes: None,
        };
        screen.reload(ctx);
        screen
    }

    /// Reads the figures again: on a worker for a database file (at 100,000
    /// customers they take about a second), at once in memory.
    fn reload(&mut self, ctx: &mut Ctx) {
        let today = ctx.today;
        match ctx.store.path() {
            Some(path) => {
                self.loading = Some(in_background(ctx, path, move |store| {
                    store.dashboard(today)
                }));
            }
            None => match ctx.store.dashboard(today) {
                Ok(d) => self.figures = Some(d),
                Err(e) => ctx.error(e.message().text(ctx.lang)),
            },
        }
        self.load_classes(ctx);
    }

    fn load_classes(&mut self, ctx: &mut Ctx) {
        let Some(code) = ctx
            .catalog
            .dimensions
            .get(self.dimension)
            .map(|d| d.code.clone())
        else {
            self.by_class.clear();
            return;
        };
        match ctx.store.path() {
            Some(path) => {
                self.loading_classes = Some(in_background(ctx, path, move |store| {
                    store.receivable_by_class(&code)
                }));
            }
            None => match ctx.store.receivable_by_class(&code) {
                Ok(totals) => self.by_class = totals,
                Err(e) => ctx.error(e.message().text(ctx.lang)),
            },
        }
    }

    fn is_loading(&self) -> bool {
        self.loading.is_some() || self.loading_classes.is_some()
    }

    /// Takes in the workers' results; true when something changed.
    fn poll(&mut self, ctx: &mut Ctx) -> bool {
        let figures = take(&mut self.loading, ctx).map(|d| self.figures = Some(d));
        let classes = take(&mut self.loading_classes, ctx).map(|c| self.by_class = c);
        figures.is_some() || classes.is_some()
    }

    fn scope(&self) -> Scope {
        Scope::Dashboard
    }

    fn handle_key(&mut self, action: Option<Action>, ctx: &mut Ctx) -> Outcome {
        match action {
            Some(Action::Back) => Outcome::Pop,
            Some(Action::NextDimension) => {
                let count = ctx.catalog.dimensions.len().max(1);
                self.dimension = (self.dimension + 1) % count;
                self.load_classes(ctx);
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }
}

/// A finished job's value (an error goes to the status line); `None` while it runs.
fn take<T>(slot: &mut Option<Loading<T>>, ctx: &mut Ctx) -> Option<T> {
    let done = slot.as_mut()?.poll()?;
    *slot = None;
    done.map_err(|e| ctx.error(e.message().text(ctx.lang))).ok()
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

mod component {
    use crossterm::event::KeyEvent;
    use ratatui::Frame;
    use ratatui::layout::Rect;
    use ratatui::text::Line;

    use super::DashboardScreen;
    use crate::tui::app::Ctx;
    use crate::tui::component::{Component, Outcome};
    use crate::tui::keymap::{Action, Scope};

    impl Component for DashboardScreen {
        fn scope(&self, _ctx: &Ctx) -> Scope {
            DashboardScreen::scope(self)
        }
        fn handle_key(
            &mut self,
            _key: &KeyEvent,
            action: Option<Action>,
            _page: u16,
            ctx: &mut Ctx,
        ) -> Outcome {
            DashboardScreen::handle_key(self, action, ctx)
        }
        fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
            DashboardScreen::render(self, frame, area, ctx)
        }
        fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
            DashboardScreen::status_line(self, width, ctx)
        }
        fn poll(&mut self, ctx: &mut Ctx) -> Option<Outcome> {
            DashboardScreen::poll(self, ctx).then_some(Outcome::Stay)
        }
        fn is_loading(&self) -> bool {
            DashboardScreen::is_loading(self)
        }
        fn on_return(&mut self, ctx: &mut Ctx) {
            self.reload(ctx)
        }
    }
}
