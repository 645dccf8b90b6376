//! A check (plan) or an import (commit) on a `tui::worker::Worker` with its
//! own connection, reporting progress so the loop keeps drawing; cancelled
//! on Esc or when its handle is dropped (the wizard closed). The core rolls
//! a cancelled run back: nothing is written.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::import::ledger::{self, LedgerSettings};
use crate::import::{self, Control, ImportError, Progress, Report, Settings, Source};
use crate::store::Store;
use crate::tui::worker::{Failed, Worker};

/// How often progress is sent: often enough for a smooth bar, rarely enough
/// that a million rows do not flood the channel.
const SEND_EVERY: Duration = Duration::from_millis(50);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Check every row and roll back (the preview).
    Plan,
    /// Import for real.
    Commit,
}

/// Progress as reported, with how long the run had taken then.
type Reported = (Progress, Duration);

/// A run under way (or finished but not yet taken in).
pub struct Running {
    worker: Worker<Report, ImportError, Reported>,
    /// The latest progress and how long the run had taken then.
    pub progress: Progress,
    pub elapsed: Duration,
    pub cancelling: bool,
}

/// Which core runs the file, with its settings: the customer import or the
/// ledger's (`kehu import --kind ledger`).
#[derive(Clone)]
pub enum Core {
    Customers(Settings),
    Ledger(Box<LedgerSettings>),
}

impl Core {
    /// Where the rejected rows go and the language of their "error" column.
    pub fn set_output(&mut self, rejects: PathBuf, lang: crate::domain::Lang) {
        match self {
            Core::Customers(s) => {
                s.rejects = Some(rejects);
                s.lang = lang;
            }
            Core::Ledger(s) => {
                s.rejects = Some(rejects);
                s.lang = lang;
            }
        }
    }
}

/// What a run needs besides its kind.
pub struct Job {
    pub db: PathBuf,
    pub operator: String,
    pub source: Arc<Source>,
    pub settings: Core,
    /// Tests: wait after this many rows until cancelled (commit only).
    pub pause_after_rows: Option<u64>,
}

impl Running {
    /// Starts `kind` on a worker with its own connection to the database
    /// file; the app's connection stays the app's.
    pub fn start(kind: Kind, job: Job) -> Running {
        let Job {
            db,
            operator,
            source,
            settings,
            pause_after_rows,
        } = job;
        let worker = Worker::on_database(db, operator, move |store, task| {
            let started = Instant::now();
            let pause = pause_after_rows.filter(|_| kind == Kind::Commit);
            let mut last_sent: Option<Instant> = None;
            let mut paused = false;
            let mut on_progress = |p: &Progress| {
                let pause_now = !paused && pause.is_some_and(|n| p.rows >= n);
                if pause_now || last_sent.is_none_or(|t| t.elapsed() >= SEND_EVERY) {
                    last_sent = Some(Instant::now());
                    task.report((*p, started.elapsed()));
                }
                if pause_now {
                    paused = true;
                    while !task.is_cancelled() {
                        std::thread::sleep(Duration::from_millis(2));
                    }
                }
            };
            let control = Control {
                progress: Some(&mut on_progress),
                cancel: Some(task.cancel_flag()),
            };
            run(kind, store, &source, &settings, control)
        });
        Running::on(worker)
    }

    /// Runs `kind` at once on `store` (an in-memory database, which a worker
    /// cannot open again) and hands back a finished run.
    pub fn inline(kind: Kind, store: &mut Store, source: &Source, settings: &Core) -> Running {
        let result = run(kind, store, source, settings, Control::default());
        Running::on(Worker::finished(result))
    }

    fn on(worker: Worker<Report, ImportError, Reported>) -> Running {
        Running {
            worker,
            progress: Progress::default(),
            elapsed: Duration::ZERO,
            cancelling: false,
        }
    }

    /// Asks the worker to stop; it rolls back and reports a cancelled run.
    pub fn cancel(&mut self) {
        self.worker.cancel();
        self.cancelling = true;
    }

    /// Takes in progress; once the run is over, its result.
    pub fn poll(&mut self) -> Option<Result<Report, Failed<ImportError>>> {
        let done = self.worker.poll();
        if let Some((progress, elapsed)) = self.worker.progress() {
            self.progress = *progress;
            self.elapsed = *elapsed;
        }
        done
    }

    /// Rows per second so far (none before the first report).
    pub fn rate(&self) -> Option<f64> {
        let secs = self.elapsed.as_secs_f64();
        (secs > 0.0 && self.progress.rows > 0).then(|| self.progress.rows as f64 / secs)
    }

    /// Time left at the pace so far (none until some of the file is done).
    pub fn eta(&self) -> Option<Duration> {
        let done = self.progress.fraction;
        (done > 0.0 && done <= 1.0 && !self.elapsed.is_zero())
            .then(|| self.elapsed.mul_f64((1.0 - done) / done))
    }
}

fn run(
    kind: Kind,
    store: &mut Store,
    source: &Source,
    settings: &Core,
    control: Control,
) -> Result<Report, ImportError> {
    match (kind, settings) {
        (Kind::Plan, Core::Customers(s)) => import::plan(store, source, s, control),
        (Kind::Commit, Core::Customers(s)) => import::commit(store, source, s, control),
        (Kind::Plan, Core::Ledger(s)) => ledger::plan(store, source, s, control),
        (Kind::Commit, Core::Ledger(s)) => ledger::commit(store, source, s, control),
    }
}
