//! Records read recently, kept so a GET of one needs no SQLite read (its read transaction, its
//! locks and its JSON parse were most of a GET's own cost). Exact: every commit drops the rows it
//! touched and moves the generation on, and a read that began before a commit is not kept, so a
//! value read before a write can never be served after it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::records::Record;

/// Most records kept; past it the cache starts over (a simple bound: GETs of a working set).
const CAPACITY: usize = 50_000;

#[derive(Default)]
struct Inner {
    generation: u64,
    records: HashMap<i64, Arc<Record>>,
}

/// The cache; every method takes its one lock briefly.
#[derive(Default)]
pub struct RecordCache {
    inner: Mutex<Inner>,
}

impl RecordCache {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The record kept for `id`, if any.
    #[must_use]
    pub fn get(&self, id: i64) -> Option<Arc<Record>> {
        self.lock().records.get(&id).cloned()
    }

    /// The generation now: read it before reading SQLite and hand it to [`RecordCache::keep`].
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// Keeps `rec`, read from SQLite since `generation`, unless a commit came in between.
    pub fn keep(&self, generation: u64, rec: &Arc<Record>) {
        let mut inner = self.lock();
        if inner.generation != generation {
            return;
        }
        if inner.records.len() >= CAPACITY {
            inner.records.clear();
        }
        inner.records.insert(rec.id, Arc::clone(rec));
    }

    /// A commit changed the rows `ids`.
    pub fn committed(&self, ids: &[i64]) {
        let mut inner = self.lock();
        inner.generation += 1;
        for id in ids {
            inner.records.remove(id);
        }
    }

    /// The database changed in bulk: forget everything.
    pub fn reset(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.records.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: i64, price: &str) -> Arc<Record> {
        Arc::new(Record {
            id,
            type_no: 1,
            archived: false,
            archived_at: None,
            created_at: 0,
            updated_at: 0,
            merged_into: None,
            props: [("price".to_owned(), price.to_owned())].into(),
        })
    }

    #[test]
    fn a_read_that_began_before_a_commit_is_not_kept() {
        let c = RecordCache::default();
        let g = c.generation();
        c.committed(&[9]);
        c.keep(g, &rec(7, "old"));
        assert!(c.get(7).is_none());
        let g = c.generation();
        c.keep(g, &rec(7, "new"));
        assert_eq!(c.get(7).map(|r| r.props["price"].clone()).as_deref(), Some("new"));
    }

    #[test]
    fn a_commit_drops_the_rows_it_touched_and_a_reset_all() {
        let c = RecordCache::default();
        let g = c.generation();
        c.keep(g, &rec(1, "a"));
        c.keep(g, &rec(2, "b"));
        c.committed(&[1]);
        assert!(c.get(1).is_none());
        assert!(c.get(2).is_some());
        c.reset();
        assert!(c.get(2).is_none());
    }
}
