//! The customer list the screens share: the in-memory index, the count the
//! header shows, and the worker loading the whole list of a big database.

use crate::store::{Result, SimilarIndex, Store, StoreError};
use crate::tui::index::{CustomerIndex, FIRST_PAGE};
use crate::tui::worker::{Failed, Worker};

pub struct Customers {
    pub index: CustomerIndex,
    /// Customers not archived, counted in the whole list; `None` while a
    /// large one is loading (counting them in the store reads every row:
    /// 0.4 s at 1,000,000, more than the first frame may take).
    pub stored_count: Option<i64>,
    /// Load on a worker above this many customers.
    background_above: u64,
    loader: Option<Worker<CustomerIndex, StoreError>>,
    /// The name index the form's similar-name check uses instead of a scan,
    /// built on a worker for a large database (`store/name_index.rs`).
    similar: Option<Worker<SimilarIndex, StoreError>>,
    /// The two workers of a large list start at the first poll, after the
    /// first frame: reading the first page does not share the CPU with them.
    workers_pending: bool,
}

impl Customers {
    /// Large databases get their first page at once and the rest on a worker.
    pub fn open(store: &Store, background_above: u64) -> Result<Customers> {
        let mut customers = Customers {
            index: CustomerIndex::default(),
            stored_count: None,
            background_above,
            loader: None,
            similar: None,
            workers_pending: false,
        };
        customers.workers_pending = store.path().is_some() && customers.is_large(store);
        let first = customers.workers_pending.then_some(FIRST_PAGE);
        customers.index = CustomerIndex::load(store, first)?;
        if first.is_none() {
            customers.count_from_index();
        }
        Ok(customers)
    }

    /// Starts the whole list's loader and the name index's builder once
    /// the first frame is up (the app's first poll).
    pub fn start_pending_workers(&mut self, store: &Store) {
        if !std::mem::take(&mut self.workers_pending) {
            return;
        }
        if let Some(path) = store.path() {
            self.similar = Some(Worker::on_database(
                path.to_path_buf(),
                store.operator().to_string(),
                |store: &mut Store, _| store.build_similar_index(),
            ));
        }
        self.start_loader(store);
    }

    /// More customers than the threshold may be stored. The highest id
    /// bounds the count from one index lookup.
    fn is_large(&self, store: &Store) -> bool {
        store
            .customer_id_bound()
            .is_ok_and(|bound| bound as u64 > self.background_above)
    }

    fn count_from_index(&mut self) {
        self.stored_count = Some(self.index.not_archived() as i64);
    }

    /// The whole list on a worker, for a database file past the threshold;
    /// false when it is to be read here.
    fn start_loader(&mut self, store: &Store) -> bool {
        match store.path() {
            Some(path) if self.is_large(store) => {
                self.loader = Some(CustomerIndex::load_in_background(
                    path.to_path_buf(),
                    store.operator().to_string(),
                ));
                true
            }
            _ => false,
        }
    }

    /// Whether a worker of the list (loader, name index) is under way or
    /// about to start: each holds a connection to the file while it works.
    pub fn has_workers(&self) -> bool {
        self.is_loading() || self.similar.is_some()
    }

    pub fn is_loading(&self) -> bool {
        self.loader.is_some() || self.workers_pending
    }

    /// Reads the whole list again here.
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        self.index = CustomerIndex::load(store, None)?;
        self.loader = None;
        self.count_from_index();
        Ok(())
    }

    /// Reads the whole list again, on a worker when it is large.
    pub fn reload_later(&mut self, store: &Store) -> Result<()> {
        if self.start_loader(store) {
            self.stored_count = None;
            return Ok(());
        }
        self.reload(store)
    }

    /// Re-reads one customer after a write.
    pub fn refresh(&mut self, store: &Store, id: i64) -> Result<()> {
        let refreshed = self.index.refresh(store, id);
        if !self.is_loading() {
            self.count_from_index();
        }
        refreshed
    }

    /// Installs the name index once its worker is done (true then). A failed
    /// build leaves the check scanning, as on a small database.
    pub fn poll_similar(&mut self, store: &Store) -> bool {
        let Some(done) = self.similar.as_mut().and_then(Worker::poll) else {
            return false;
        };
        self.similar = None;
        if let Ok(index) = done {
            store.install_similar_index(index);
        }
        give_back_freed_memory();
        true
    }

    pub fn is_building_similar(&self) -> bool {
        self.similar.is_some() || self.workers_pending
    }

    /// The loader's answer once it is done (the new index already in place).
    pub fn poll(&mut self) -> Option<std::result::Result<(), Failed<StoreError>>> {
        let done = self.loader.as_mut()?.poll()?;
        self.loader = None;
        Some(done.map(|index| {
            self.index = index;
            self.count_from_index();
            give_back_freed_memory();
        }))
    }
}

/// Returns to the system what the loaders freed (their temporaries, the
/// worker's SQLite page cache): glibc keeps freed memory for reuse, which
/// at a million customers was ~60 MiB of the process's resident memory
/// that nothing would use again. The binary allocates through mimalloc
/// (src/main.rs), which keeps freed pages too; SQLite still allocates
/// through glibc.
fn give_back_freed_memory() {
    // SAFETY: mi_collect takes no pointer: it frees mimalloc's own unused
    // pages (a no-op where nothing was allocated through it).
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's own
    // arenas; it takes a size to keep and touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
