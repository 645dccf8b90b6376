//! Long work off the loop, one way for every screen (after gitui's
//! `asyncgit/src/asyncjob`): a [`Worker`] runs a closure on a thread, with
//! its own connection to the database file when it needs one, and hands
//! back a typed result and a typed error (shown through the message table,
//! so in the UI's language). It reports progress, is cancelled on request
//! or when dropped (a screen closed, a newer request replacing it), and is
//! polled by its screen from `Component::poll`, which the app calls for
//! every screen on each tick.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use crate::import::ImportError;
use crate::import::statement::prepare::PrepareError;
use crate::messages::Message;
use crate::store::{Store, StoreError};

/// An error a worker can end with: it says what happened by message code.
pub trait Coded {
    fn message(&self) -> Message;
}

impl Coded for StoreError {
    fn message(&self) -> Message {
        StoreError::message(self)
    }
}

impl Coded for ImportError {
    fn message(&self) -> Message {
        ImportError::message(self)
    }
}

impl Coded for PrepareError {
    fn message(&self) -> Message {
        PrepareError::message(self)
    }
}

/// Why a worker gave no value.
#[derive(Debug)]
pub enum Failed<E> {
    /// The work ended with this error.
    Error(E),
    /// The thread stopped without an answer (it panicked).
    Stopped,
}

impl<E: Coded> Failed<E> {
    pub fn message(&self) -> Message {
        match self {
            Failed::Error(e) => e.message(),
            Failed::Stopped => Message::new("tui.worker_stopped"),
        }
    }
}

/// The worker's side: report progress, look whether it was cancelled.
pub struct Task<P> {
    progress: Sender<P>,
    cancel: Arc<AtomicBool>,
}

impl<P> Task<P> {
    /// Sends progress; nobody may be listening any more (then it is dropped).
    pub fn report(&self, progress: P) {
        let _ = self.progress.send(progress);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The flag itself, for core functions that take one (`import::Control`).
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

/// Work under way on a thread (or finished and not yet taken in).
pub struct Worker<T, E, P = ()> {
    result: Receiver<Result<T, E>>,
    progress: Receiver<P>,
    cancel: Arc<AtomicBool>,
    latest: Option<P>,
}

impl<T, E, P> Worker<T, E, P>
where
    T: Send + 'static,
    E: Send + 'static,
    P: Send + 'static,
{
    /// Runs `work` on a new thread.
    pub fn spawn(work: impl FnOnce(&Task<P>) -> Result<T, E> + Send + 'static) -> Self {
        let (result_tx, result) = channel();
        let (progress_tx, progress) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let task = Task {
            progress: progress_tx,
            cancel: Arc::clone(&cancel),
        };
        std::thread::spawn(move || {
            // The screen may be gone meanwhile; nobody to tell then.
            let _ = result_tx.send(work(&task));
        });
        Worker {
            result,
            progress,
            cancel,
            latest: None,
        }
    }

    /// Runs `work` on a new thread with its own connection to the database
    /// file `db` (signed in as `operator`), never the app's.
    pub fn on_database(
        db: PathBuf,
        operator: String,
        work: impl FnOnce(&mut Store, &Task<P>) -> Result<T, E> + Send + 'static,
    ) -> Self
    where
        E: From<StoreError>,
    {
        Worker::spawn(move |task| {
            let mut store = Store::open(&db)?;
            store.set_operator(operator);
            work(&mut store, task)
        })
    }

    /// A worker already done with `result` (work that ran at once, on an
    /// in-memory database that cannot be opened twice).
    pub fn finished(result: Result<T, E>) -> Self {
        let (result_tx, result_rx) = channel();
        let (_, progress) = channel();
        let _ = result_tx.send(result);
        Worker {
            result: result_rx,
            progress,
            cancel: Arc::new(AtomicBool::new(false)),
            latest: None,
        }
    }
}

impl<T, E, P> Worker<T, E, P> {
    /// Takes in progress; once the work is over, its result.
    pub fn poll(&mut self) -> Option<Result<T, Failed<E>>> {
        while let Ok(p) = self.progress.try_recv() {
            self.latest = Some(p);
        }
        match self.result.try_recv() {
            Ok(result) => Some(result.map_err(Failed::Error)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Failed::Stopped)),
        }
    }

    /// The latest progress reported.
    pub fn progress(&self) -> Option<&P> {
        self.latest.as_ref()
    }

    /// Asks the work to stop (it looks at [`Task::is_cancelled`]).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

impl<T, E, P> Drop for Worker<T, E, P> {
    /// Nobody wants the answer any more: the work is asked to stop.
    fn drop(&mut self) {
        self.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T, E, P>(worker: &mut Worker<T, E, P>) -> Result<T, Failed<E>> {
        loop {
            if let Some(done) = worker.poll() {
                return done;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    #[test]
    fn a_worker_hands_back_its_value_progress_and_typed_error() {
        let mut ok: Worker<u32, StoreError, u32> = Worker::spawn(|task| {
            task.report(50);
            Ok(7)
        });
        assert_eq!(wait(&mut ok).ok(), Some(7));
        assert_eq!(ok.progress(), Some(&50));
        let mut failed: Worker<(), StoreError> =
            Worker::spawn(|_| Err(StoreError::NotFound("C000009".into())));
        let err = wait(&mut failed).expect_err("the error comes back");
        assert!(matches!(err, Failed::Error(StoreError::NotFound(_))));
        assert_eq!(
            err.message().code,
            StoreError::NotFound("x".into()).message().code
        );
    }

    #[test]
    fn a_dropped_worker_is_cancelled_and_a_panicked_one_reported() {
        let (seen_tx, seen) = channel();
        let worker: Worker<(), StoreError> = Worker::spawn(move |task| {
            while !task.is_cancelled() {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            let _ = seen_tx.send(true);
            Ok(())
        });
        drop(worker);
        assert_eq!(seen.recv().ok(), Some(true));
        let mut died: Worker<(), StoreError> = Worker::spawn(|_| panic!("worker died"));
        assert!(matches!(wait(&mut died), Err(Failed::Stopped)));
        assert_eq!(
            Failed::<StoreError>::Stopped.message().code,
            "tui.worker_stopped"
        );
    }

    #[test]
    fn a_worker_on_the_database_opens_its_own_connection() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kehu.db");
        drop(Store::open(&db).unwrap());
        let mut count: Worker<i64, StoreError> =
            Worker::on_database(db, "tester".into(), |store, _| store.customer_count());
        assert_eq!(wait(&mut count).ok(), Some(0));
    }
}
