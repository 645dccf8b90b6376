//! The receivables dashboard (`D`): totals, overdue, customers over their
//! credit limit, the top debtors, aging as a bar chart and the receivable by
//! a classification dimension (`c` cycles them). Its figures read every
//! balance and open item, so a database file is read on a worker thread with
//! its own connection and the loop keeps drawing meanwhile.

mod view;

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use chrono::NaiveDate;

use super::Outcome;
use crate::store::{ClassTotal, Dashboard, Store};
use crate::tui::app::Ctx;
use crate::tui::keymap::{Action, Scope};

type Loaded = std::result::Result<Dashboard, String>;

pub struct DashboardScreen {
    figures: Option<Dashboard>,
    loading: Option<Receiver<Loaded>>,
    /// Index into the catalog's dimensions of the one shown.
    dimension: usize,
    by_class: Vec<ClassTotal>,
}

impl DashboardScreen {
    pub fn open(ctx: &mut Ctx) -> DashboardScreen {
        let mut screen = DashboardScreen {
            figures: None,
            loading: None,
            dimension: 0,
            by_class: Vec::new(),
        };
        screen.reload(ctx);
        screen
    }

    /// Reads the figures again: on a worker for a database file, at once in memory.
    pub fn reload(&mut self, ctx: &mut Ctx) {
        let today = ctx.today;
        match ctx.store.path() {
            Some(path) => self.loading = Some(load_in_background(path.to_path_buf(), today)),
            None => match ctx.store.dashboard(today) {
                Ok(d) => self.figures = Some(d),
                Err(e) => ctx.error(e.to_string()),
            },
        }
        self.load_classes(ctx);
    }

    /// One grouped read of the per-customer aggregate: quick enough for the loop.
    fn load_classes(&mut self, ctx: &mut Ctx) {
        let Some(dim) = ctx.catalog.dimensions.get(self.dimension) else {
            self.by_class.clear();
            return;
        };
        match ctx.store.receivable_by_class(&dim.code) {
            Ok(totals) => self.by_class = totals,
            Err(e) => ctx.error(e.to_string()),
        }
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes in the worker's result; true when something changed.
    pub fn poll(&mut self, ctx: &mut Ctx) -> bool {
        let Some(rx) = &self.loading else {
            return false;
        };
        match rx.try_recv() {
            Ok(Ok(d)) => self.figures = Some(d),
            Ok(Err(e)) => ctx.error(e),
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => {}
        }
        self.loading = None;
        true
    }

    pub fn scope(&self) -> Scope {
        Scope::Dashboard
    }

    pub fn handle_key(&mut self, action: Option<Action>, ctx: &mut Ctx) -> Outcome {
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

fn load_in_background(path: std::path::PathBuf, today: NaiveDate) -> Receiver<Loaded> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let loaded = Store::open(&path)
            .and_then(|store| store.dashboard(today))
            .map_err(|e| e.to_string());
        // The screen may be closed meanwhile; nobody to tell then.
        let _ = tx.send(loaded);
    });
    rx
}
