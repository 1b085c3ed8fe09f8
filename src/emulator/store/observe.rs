//! How the store tells others what its writes changed, without knowing who they are: anything
//! kept beside SQLite (the search columns) implements [`WriteObserver`] and registers with
//! [`Observers::add`]. The store calls every observer on the writer connection, after each
//! commit and before the write returns, so a request that follows a write sees it.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};

use rusqlite::Connection;

use super::catalog::Catalog;
use crate::emulator::error::EmuResult;

/// Something kept in step with the stored records.
pub trait WriteObserver: Send + Sync {
    /// The records `ids` (sorted, distinct `object` rows) changed in a transaction that has just
    /// committed. `conn` is the writer, outside any transaction; `catalog` is current.
    fn committed(&self, conn: &Connection, catalog: &Catalog, ids: &[i64]) -> EmuResult<()>;

    /// The database changed in bulk (seeding, a reset): forget everything derived from it.
    fn reset(&self);
}

/// The registered observers. Held weakly: an observer lives as long as its owner does, and one
/// that is gone is dropped from the list.
#[derive(Default)]
pub struct Observers {
    list: Mutex<Vec<Weak<dyn WriteObserver>>>,
}

impl Observers {
    fn live(&self) -> Vec<Arc<dyn WriteObserver>> {
        let mut list = lock(&self.list);
        list.retain(|o| o.strong_count() > 0);
        list.iter().filter_map(Weak::upgrade).collect()
    }

    /// Registers an observer for every later write.
    pub fn add(&self, observer: &Arc<dyn WriteObserver>) {
        lock(&self.list).push(Arc::downgrade(observer));
    }

    /// Tells every observer about a commit; the first error is returned.
    pub fn committed(&self, conn: &Connection, catalog: &Catalog, ids: &[i64]) -> EmuResult<()> {
        for o in self.live() {
            o.committed(conn, catalog, ids)?;
        }
        Ok(())
    }

    /// Tells every observer the database changed in bulk.
    pub fn reset(&self) {
        for o in self.live() {
            o.reset();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
