//! The per-type column cache: loaded lazily from SQLite, and kept in step with it as the
//! store's [`WriteObserver`] (after each commit it re-reads the records the commit touched;
//! after a bulk change it forgets everything).
//!
//! Lock order is always connection → cache map → one type's columns, so loads (run on the
//! caller's read connection) and refreshes (run on the writer after commit) cannot deadlock,
//! and a write committed while a type loads is applied after the load finishes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use rusqlite::Connection;

use super::bits::Bits;
use super::columns::TypeColumns;
use crate::emulator::error::EmuResult;
use crate::emulator::store::records;
use crate::emulator::store::{Catalog, Store, TypeEntry, WriteObserver};

/// Shared columns of one type.
pub type Shared = Arc<RwLock<TypeColumns>>;

/// Column sets by type number.
#[derive(Debug, Default)]
pub struct SearchCache {
    types: Mutex<HashMap<i64, Shared>>,
    /// Counts of free-text matches by (type, FTS5 expression), forgotten at every commit:
    /// paging through a `query` asks for the same count on every page. The generation moves
    /// at each commit, so a count read across one is never kept.
    counts: Mutex<Counts>,
}

/// What is kept of free-text matches until the next commit, by (type number, FTS5 expression):
/// counts (a `query` alone) and the matching rows (a `query` with filters or a sort, which
/// pages re-ask as well).
#[derive(Debug, Default)]
struct Counts {
    /// Moves at each commit.
    generation: u64,
    counts: HashMap<(i64, String), i64>,
    rows: HashMap<(i64, String), Arc<Bits>>,
}

/// Text-match counts kept at most (then all are forgotten).
const COUNTS_KEPT: usize = 512;

/// Text-match row sets kept at most (a bit per row each: 125 KB at 1M records).
const ROWS_KEPT: usize = 16;

impl SearchCache {
    fn map(&self) -> MutexGuard<'_, HashMap<i64, Shared>> {
        self.types.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The columns of a type, loading them on first use through `conn`.
    pub fn get(&self, conn: &Connection, t: &TypeEntry) -> EmuResult<Shared> {
        let mut map = self.map();
        if let Some(cols) = map.get(&t.def.no) {
            return Ok(Arc::clone(cols));
        }
        let cols = Arc::new(RwLock::new(TypeColumns::load(conn, t)?));
        map.insert(t.def.no, Arc::clone(&cols));
        Ok(cols)
    }

    /// Re-reads the given records (after their transaction committed) into loaded types.
    pub fn refresh(&self, conn: &Connection, cat: &Catalog, ids: &[i64]) -> EmuResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let map = self.map();
        if map.is_empty() {
            return Ok(());
        }
        for rec in records::get_many(conn, ids)? {
            let (Some(cols), Some(t)) = (map.get(&rec.type_no), cat.by_no(rec.type_no)) else { continue };
            let mut cols = cols.write().unwrap_or_else(std::sync::PoisonError::into_inner);
            cols.apply(t, &rec);
        }
        Ok(())
    }

    /// Forgets every loaded type (after bulk changes such as seeding or a reset).
    pub fn clear(&self) {
        self.map().clear();
        self.forget_counts();
    }

    fn counts(&self) -> MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn forget_counts(&self) {
        let mut c = self.counts();
        c.generation += 1;
        c.counts.clear();
        c.rows.clear();
    }

    /// The number of records of type `type_no` matching `fts_match`: kept from an earlier
    /// search since the last commit, else `count()`ed (and kept unless a commit came between).
    ///
    /// # Errors
    /// `count`'s.
    pub fn text_count(&self, type_no: i64, fts_match: &str, count: impl FnOnce() -> EmuResult<i64>) -> EmuResult<i64> {
        let key = (type_no, fts_match.to_owned());
        let generation = {
            let c = self.counts();
            if let Some(n) = c.counts.get(&key) {
                return Ok(*n);
            }
            c.generation
        };
        let n = count()?;
        let mut c = self.counts();
        if c.generation == generation {
            if c.counts.len() >= COUNTS_KEPT {
                c.counts.clear();
            }
            c.counts.insert(key, n);
        }
        Ok(n)
    }

    /// The commit generation now. Read it before taking a type's columns ([`SearchCache::get`])
    /// and hand it to [`SearchCache::text_rows`]: columns taken after it are the ones current
    /// at it (a commit or a reset moves it before it changes or drops any columns).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.counts().generation
    }

    /// The rows of type `type_no`'s columns matching `fts_match`: kept from an earlier search
    /// in this generation, else `find()`ed over columns taken since `generation` was read (and
    /// kept unless the generation has moved since, so a kept set always fits the columns of
    /// its generation).
    ///
    /// # Errors
    /// `find`'s.
    pub fn text_rows(
        &self,
        type_no: i64,
        generation: u64,
        fts_match: &str,
        find: impl FnOnce() -> EmuResult<Bits>,
    ) -> EmuResult<Arc<Bits>> {
        let key = (type_no, fts_match.to_owned());
        {
            // A set kept in a later generation may not fit the caller's older columns.
            let c = self.counts();
            if c.generation == generation
                && let Some(b) = c.rows.get(&key)
            {
                return Ok(Arc::clone(b));
            }
        }
        let found = Arc::new(find()?);
        let mut c = self.counts();
        if c.generation == generation {
            if c.rows.len() >= ROWS_KEPT {
                c.rows.clear();
            }
            c.rows.insert(key, Arc::clone(&found));
        }
        Ok(found)
    }

    /// Loads every type's columns now through `store`'s read connections (so the first search
    /// does not wait); blocking.
    pub fn warm(&self, store: &Store) -> EmuResult<()> {
        let catalog = store.catalog();
        for t in catalog.types() {
            store.read_blocking(|conn, _| self.get(conn, t).map(|_| ()))?;
        }
        Ok(())
    }
}

impl WriteObserver for SearchCache {
    fn committed(&self, conn: &Connection, catalog: &Catalog, ids: &[i64]) -> EmuResult<()> {
        self.forget_counts();
        self.refresh(conn, catalog, ids)
    }

    fn reset(&self) {
        self.clear();
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// A reset between a search reading the generation and taking the columns: the rows it
    /// finds over those columns are not kept, and rows kept later are not handed to it.
    #[test]
    fn text_rows_are_kept_only_for_the_columns_of_their_generation() {
        let cache = SearchCache::default();
        let finds = Cell::new(0);
        let find = || {
            finds.set(finds.get() + 1);
            Ok(Bits::none(3))
        };
        let before = cache.generation();
        cache.clear();
        cache.text_rows(1, before, "\"x\"*", find).unwrap();
        let now = cache.generation();
        cache.text_rows(1, now, "\"x\"*", find).unwrap();
        assert_eq!(finds.get(), 2, "the rows found across the reset were not kept");
        cache.text_rows(1, now, "\"x\"*", find).unwrap();
        assert_eq!(finds.get(), 2, "kept within a generation");
        cache.text_rows(1, before, "\"x\"*", find).unwrap();
        assert_eq!(finds.get(), 3, "not handed to a search holding older columns");
    }
}
