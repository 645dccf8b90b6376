//! Statistics (`T` from the list): per value of a classification dimension
//! or activity (活跃度) — customers, invoiced and received in a period,
//! receivable and overdue now — as `kehu stats --by` prints them. `c` cycles
//! the dimension, `p` asks the period. A database file is read on a worker.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::domain::activity;
use crate::domain::date::{iso, parse_date};
use crate::report::{Grid, period_text, stats_grid};
use crate::store::{Period, Stats, StoreError};
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply, Status, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::{fit, grid};
use crate::tui::worker::{Failed, Worker};

pub struct StatsScreen {
    /// Dimension codes: the catalog's, then activity.
    dimensions: Vec<String>,
    dimension: usize,
    period: Period,
    stats: Option<Stats>,
    loading: Option<Worker<Stats, StoreError>>,
}

impl StatsScreen {
    /// The screen pushed, its figures read on a worker (or said why not).
    pub fn open(ctx: &Ctx) -> Outcome {
        let mut dimensions: Vec<String> = ctx
            .catalog
            .dimensions
            .iter()
            .map(|d| d.code.clone())
            .collect();
        dimensions.push(activity::CODE.to_string());
        let year = chrono::Datelike::year(&ctx.today);
        let mut screen = StatsScreen {
            dimensions,
            dimension: 0,
            period: Period {
                from: chrono::NaiveDate::from_ymd_opt(year, 1, 1),
                to: Some(ctx.today),
            },
            stats: None,
            loading: None,
        };
        let said = screen.reload(ctx);
        Outcome::Push(Box::new(screen)).saying(said)
    }

    fn reload(&mut self, ctx: &Ctx) -> Option<Status> {
        let code = self.dimensions[self.dimension % self.dimensions.len()].clone();
        let (period, today) = (self.period, ctx.today);
        let read = move |store: &crate::store::Store| {
            let by = store.class_by(&code)?;
            store.stats(&by, period, today)
        };
        match ctx.store.path() {
            Some(path) => {
                self.loading = Some(Worker::on_database(
                    path.to_path_buf(),
                    ctx.store.operator().to_string(),
                    move |store, _| read(store),
                ));
                None
            }
            None => {
                let read = read(&ctx.store).map_err(Failed::Error);
                self.take(read, ctx)
            }
        }
    }

    /// The one place this screen reports a failure.
    fn take(&mut self, read: Result<Stats, Failed<StoreError>>, ctx: &Ctx) -> Option<Status> {
        match read {
            Ok(stats) => {
                self.stats = Some(stats);
                None
            }
            Err(Failed::Error(e)) => Some(Status::error(refusal_text(&e, ctx))),
            Err(stopped) => Some(Status::error(stopped.message().text(ctx.lang))),
        }
    }

    fn grid(&self, ctx: &Ctx) -> Option<Grid> {
        self.stats.as_ref().map(|s| stats_grid(s, ctx.lang))
    }

    fn ask_period(&self) -> Outcome {
        let text = |d: Option<chrono::NaiveDate>| d.map(iso).unwrap_or_default();
        ask(Prompt::new(
            Msg::StatsPeriodTitle,
            String::new(),
            &[
                (Msg::StatsFrom, text(self.period.from)),
                (Msg::StatsTo, text(self.period.to)),
            ],
        ))
    }
}

/// An empty field is no limit; a bad date says why.
pub(super) fn period_of(from: &str, to: &str, ctx: &Ctx) -> Result<Period, String> {
    let date = |t: &str| match t.trim() {
        "" => Ok(None),
        t => parse_date(t)
            .map(Some)
            .map_err(|e| e.text().get(ctx.lang).to_string()),
    };
    Ok(Period {
        from: date(from)?,
        to: date(to)?,
    })
}

impl Component for StatsScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Stats
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
                self.dimension = (self.dimension + 1) % self.dimensions.len();
                Outcome::Stay.saying(self.reload(ctx))
            }
            Some(Action::Period) => self.ask_period(),
            _ => Outcome::Stay,
        }
    }

    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        let Reply::Submit(values) = reply else {
            return Outcome::Stay;
        };
        let value = |i: usize| values.get(i).map(String::as_str).unwrap_or("");
        match period_of(value(0), value(1), ctx) {
            Ok(period) => {
                self.period = period;
                Outcome::Stay.saying(self.reload(ctx))
            }
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
        let Some(grid) = self.grid(ctx) else {
            let line = format!("{} · {}", ctx.t(Msg::ScopeStats), ctx.t(Msg::Loading));
            frame.render_widget(Line::styled(fit(&line, width), ctx.theme.title), area);
            return;
        };
        let mut title = format!("{} · {}", grid.title, period_text(self.period, ctx.lang));
        if self.is_loading() {
            title.push_str(&format!(" · {}", ctx.t(Msg::Loading)));
        }
        let head = Rect { height: 1, ..area };
        frame.render_widget(Line::styled(fit(&title, width), ctx.theme.title), head);
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        grid::render(frame, body, &grid, (0, None), &ctx.theme);
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let as_of = format!("{} {}", ctx.t(Msg::AsOf), iso(ctx.today));
        Line::styled(fit(&as_of, width), ctx.theme.dim)
    }
}
