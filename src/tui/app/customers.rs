//! The customer list the screens share: the in-memory index, the count the
//! header shows, and the worker loading the whole list of a big database.

use crate::store::{Result, SimilarIndex, Store, StoreError};
use crate::tui::index::{CustomerIndex, FIRST_PAGE};
use crate::tui::worker::{Failed, Worker};

pub struct Customers {
    pub index: CustomerIndex,
    /// Customers not archived, as counted by the store (the header shows it
    /// while the full list is still loading).
    pub stored_count: i64,
    /// Load on a worker above this many customers.
    background_above: u64,
    loader: Option<Worker<CustomerIndex, StoreError>>,
    /// The name index the form's similar-name check uses instead of a scan,
    /// built on a worker for a large database (`store/name_index.rs`).
    similar: Option<Worker<SimilarIndex, StoreError>>,
}

impl Customers {
    /// Large databases get their first page at once and the rest on a worker.
    pub fn open(store: &Store, background_above: u64) -> Result<Customers> {
        let mut customers = Customers {
            index: CustomerIndex::default(),
            stored_count: store.customer_count()?,
            background_above,
            loader: None,
            similar: None,
        };
        if let Some(path) = store
            .path()
            .filter(|_| customers.stored_count as u64 > background_above)
        {
            customers.similar = Some(Worker::on_database(
                path.to_path_buf(),
                store.operator().to_string(),
                |store: &mut Store, _| store.build_similar_index(),
            ));
        }
        let first = customers.start_loader(store).then_some(FIRST_PAGE);
        customers.index = CustomerIndex::load(store, first)?;
        Ok(customers)
    }

    /// The whole list on a worker, for a database file past the threshold;
    /// false when it is to be read here.
    fn start_loader(&mut self, store: &Store) -> bool {
        match store.path() {
            Some(path) if self.stored_count as u64 > self.background_above => {
                self.loader = Some(CustomerIndex::load_in_background(
                    path.to_path_buf(),
                    store.operator().to_string(),
                ));
                true
            }
            _ => false,
        }
    }

    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// Reads the whole list again here.
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        self.index = CustomerIndex::load(store, None)?;
        self.stored_count = store.customer_count()?;
        self.loader = None;
        Ok(())
    }

    /// Reads the whole list again, on a worker when it is large.
    pub fn reload_later(&mut self, store: &Store) -> Result<()> {
        self.stored_count = store.customer_count()?;
        if self.start_loader(store) {
            return Ok(());
        }
        self.reload(store)
    }

    /// Re-reads one customer after a write.
    pub fn refresh(&mut self, store: &Store, id: i64) -> Result<()> {
        let refreshed = self.index.refresh(store, id);
        if let Ok(n) = store.customer_count() {
            self.stored_count = n;
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
        true
    }

    pub fn is_building_similar(&self) -> bool {
        self.similar.is_some()
    }

    /// The loader's answer once it is done (the new index already in place).
    pub fn poll(&mut self) -> Option<std::result::Result<(), Failed<StoreError>>> {
        let done = self.loader.as_mut()?.poll()?;
        self.loader = None;
        Some(done.map(|index| self.index = index))
    }
}
