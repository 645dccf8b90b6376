//! A check (plan) or an import (commit) on a worker thread with its own
//! connection, reporting progress through a channel so the loop keeps
//! drawing; cancelled by a shared flag (Esc) or when its handle is dropped.
//! The core rolls a cancelled run back: nothing is written.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::import::{self, Control, Progress, Report, Settings, Source};
use crate::store::Store;

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

enum Msg {
    Progress(Progress, Duration),
    /// The result, and the connection the job was handed (if it was).
    Done(Box<(Result<Report, String>, Option<Store>)>),
}

/// A run under way (or finished but not yet taken in).
pub struct Running {
    rx: Receiver<Msg>,
    cancel: Arc<AtomicBool>,
    /// The latest progress and how long the run had taken then.
    pub progress: Progress,
    pub elapsed: Duration,
    pub cancelling: bool,
}

/// What a run needs besides its kind.
pub struct Job {
    pub db: Option<PathBuf>,
    /// The app's own connection, handed over for the run and sent back with
    /// the result: with no other connection open, the core's load mode can
    /// use a rollback journal instead of WAL (measured faster for big imports).
    pub store: Option<Store>,
    pub operator: String,
    pub source: Arc<Source>,
    pub settings: Settings,
    /// Tests: wait after this many rows until cancelled (commit only).
    pub pause_after_rows: Option<u64>,
}

impl Running {
    /// Starts `kind` on a worker, on the connection handed in `job.store` or
    /// its own to the database file. An in-memory database (tests) cannot be
    /// shared, so `inline` runs it on the caller's store instead.
    pub fn start(kind: Kind, job: Job) -> Running {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        std::thread::spawn(move || {
            let started = Instant::now();
            let handed = job.store.is_some();
            let opened = match (job.store, &job.db) {
                (Some(store), _) => Ok(store),
                (None, Some(db)) => Store::open(db).map_err(|e| e.to_string()),
                (None, None) => Err("no database to import into".to_string()),
            };
            let (result, store) = match opened {
                Err(e) => (Err(e), None),
                Ok(mut store) => {
                    store.set_operator(job.operator.clone());
                    let pause = job.pause_after_rows.filter(|_| kind == Kind::Commit);
                    let mut last_sent: Option<Instant> = None;
                    let mut paused = false;
                    let mut on_progress = |p: &Progress| {
                        let pause_now = !paused && pause.is_some_and(|n| p.rows >= n);
                        if pause_now || last_sent.is_none_or(|t| t.elapsed() >= SEND_EVERY) {
                            last_sent = Some(Instant::now());
                            let _ = tx.send(Msg::Progress(*p, started.elapsed()));
                        }
                        if pause_now {
                            paused = true;
                            while !flag.load(Ordering::Relaxed) {
                                std::thread::sleep(Duration::from_millis(2));
                            }
                        }
                    };
                    let control = Control {
                        progress: Some(&mut on_progress),
                        cancel: Some(&flag),
                    };
                    let result = run(kind, &mut store, &job.source, &job.settings, control);
                    (result, handed.then_some(store))
                }
            };
            // The wizard may be closed meanwhile; nobody to tell then.
            let _ = tx.send(Msg::Done(Box::new((result, store))));
        });
        Running {
            rx,
            cancel,
            progress: Progress::default(),
            elapsed: Duration::ZERO,
            cancelling: false,
        }
    }

    /// Runs `kind` at once on `store` (an in-memory database) and hands back
    /// a finished run.
    pub fn inline(kind: Kind, store: &mut Store, source: &Source, settings: &Settings) -> Running {
        let result = run(kind, store, source, settings, Control::default());
        let (tx, rx) = channel();
        let _ = tx.send(Msg::Done(Box::new((result, None))));
        Running {
            rx,
            cancel: Arc::new(AtomicBool::new(false)),
            progress: Progress::default(),
            elapsed: Duration::ZERO,
            cancelling: false,
        }
    }

    /// Asks the worker to stop; it rolls back and reports a cancelled run.
    pub fn cancel(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.cancelling = true;
    }

    /// Takes in progress; once the run is over, its result and the
    /// connection it was handed (if any).
    pub fn poll(&mut self) -> Option<(Result<Report, String>, Option<Store>)> {
        loop {
            match self.rx.try_recv() {
                Ok(Msg::Progress(p, elapsed)) => {
                    self.progress = p;
                    self.elapsed = elapsed;
                }
                Ok(Msg::Done(done)) => return Some(*done),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    return Some((Err("the import worker stopped".to_string()), None));
                }
            }
        }
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

impl Drop for Running {
    /// A closed wizard stops its worker (a plan is rolled back anyway; a
    /// commit still under way is cancelled, nothing written).
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

fn run(
    kind: Kind,
    store: &mut Store,
    source: &Source,
    settings: &Settings,
    control: Control,
) -> Result<Report, String> {
    match kind {
        Kind::Plan => import::plan(store, source, settings, control),
        Kind::Commit => import::commit(store, source, settings, control),
    }
    .map_err(|e| e.to_string())
}
