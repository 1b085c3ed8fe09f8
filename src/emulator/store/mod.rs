//! SQLite storage for the local CRM: [`Store`] owns one writer connection behind a mutex, a
//! small pool of read connections (WAL lets them read while the writer writes), the in-memory
//! [`Catalog`], and the list of [`WriteObserver`]s told about every commit. Every call runs on
//! tokio's blocking pool, never on the async threads. Every SQL statement a request runs is in
//! here (only seeding and the launch of a new file run their own): the submodules own the
//! tables (records, their indexes and full-text tables, history, associations, definitions),
//! the migrations that make them, savepoints inside a write, and the observer list.

pub mod assoc;
pub mod catalog;
pub mod defs;
pub mod fts;
pub mod history;
pub mod index;
pub mod migrate;
pub mod observe;
pub mod record_cache;
pub mod records;
pub mod savepoint;
pub mod wal_watch;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use rusqlite::{Connection, OpenFlags, Transaction};

pub use catalog::{Catalog, ObjectTypeDef, TypeEntry};
pub use observe::WriteObserver;

use super::error::{EmuError, EmuResult};
use observe::Observers;

/// Errors opening a store.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open the database {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("cannot prepare the database {path}: {source}")]
    Migrate { path: PathBuf, source: migrate::MigrateError },
}

/// A connection slot: `None` once the store is closed.
type Slot = Mutex<Option<Connection>>;

struct Inner {
    // Declared (so dropped) before the writer: SQLite removes the `-wal`/`-shm` files when the
    // last connection closes, and only a writable one can, so the writer must close last.
    readers: Vec<Slot>,
    writer: Slot,
    /// Ids of `object` rows the open write transaction touched (from SQLite's update hook).
    touched: Arc<Mutex<Vec<i64>>>,
    observers: Observers,
    /// Records read by id lately (a GET's fast path), kept exact by every commit.
    records: record_cache::RecordCache,
    /// The writer's `PRAGMA data_version` when last looked at: it moves when another process
    /// (a `hubtui import` on the same file) commits.
    data_version: AtomicI64,
    /// The `-shm` header, read lock-free before asking `data_version` (see `wal_watch`).
    wal: Option<wal_watch::WalWatch>,
    next_reader: AtomicUsize,
    catalog: RwLock<Arc<Catalog>>,
    path: Option<PathBuf>,
    fresh: bool,
}

/// A handle to the store; cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.inner.path).finish_non_exhaustive()
    }
}

const READERS: usize = 4;

/// A read-only connection to the file, its schema read.
fn open_reader(path: &Path) -> rusqlite::Result<Slot> {
    let r = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    r.execute_batch("PRAGMA busy_timeout = 5000; PRAGMA cache_size = -32768;")?;
    Ok(Mutex::new(Some(r)))
}

fn tune(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -65536;",
    )
}

impl Store {
    /// Opens (creating if needed) a database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        let open_err = |source| OpenError::Open { path: path.to_owned(), source };
        let mut writer = Connection::open(path).map_err(open_err)?;
        tune(&writer).map_err(open_err)?;
        let fresh =
            migrate::migrate(&mut writer).map_err(|source| OpenError::Migrate { path: path.to_owned(), source })?;
        // Each connection parses the schema when it opens: the readers do it on their own
        // threads while the writer loads the catalog (start-up time of the app).
        let (readers, catalog) = std::thread::scope(|s| {
            let readers: Vec<_> = (0..READERS).map(|_| s.spawn(|| open_reader(path))).collect();
            let catalog = Catalog::load(&writer);
            // A reader thread that panicked goes on panicking here (no error stands for it).
            let readers: rusqlite::Result<Vec<Slot>> =
                readers.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect();
            (readers, catalog)
        });
        let (readers, catalog) = (readers.map_err(open_err)?, catalog.map_err(open_err)?);
        Self::finish(writer, readers, catalog, Some(path.to_owned()), fresh).map_err(open_err)
    }

    /// An in-memory database (gone when the process ends). Reads share the writer.
    pub fn open_memory() -> Result<Self, OpenError> {
        let path = PathBuf::from(":memory:");
        let open_err = |source| OpenError::Open { path: path.clone(), source };
        let mut writer = Connection::open_in_memory().map_err(open_err)?;
        tune(&writer).map_err(open_err)?;
        let fresh =
            migrate::migrate(&mut writer).map_err(|source| OpenError::Migrate { path: path.clone(), source })?;
        let catalog = Catalog::load(&writer).map_err(open_err)?;
        Self::finish(writer, Vec::new(), catalog, None, fresh).map_err(open_err)
    }

    fn finish(
        mut writer: Connection,
        readers: Vec<Slot>,
        catalog: Catalog,
        path: Option<PathBuf>,
        fresh: bool,
    ) -> rusqlite::Result<Self> {
        let data_version = writer.query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0))?;
        let touched = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&touched);
        writer.update_hook(Some(move |_action, _db: &str, table: &str, rowid: i64| {
            if table == "object" {
                sink.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(rowid);
            }
        }))?;
        Ok(Self {
            inner: Arc::new(Inner {
                readers,
                writer: Mutex::new(Some(writer)),
                touched,
                observers: Observers::default(),
                records: record_cache::RecordCache::default(),
                data_version: AtomicI64::new(data_version),
                wal: path.as_deref().map(wal_watch::WalWatch::open),
                next_reader: AtomicUsize::new(0),
                catalog: RwLock::new(Arc::new(catalog)),
                path,
                fresh,
            }),
        })
    }

    /// Forgets everything kept beside SQLite (the search columns, the records read lately) and
    /// reads the catalog again when another process has committed to the file since the last
    /// look — so a `hubtui import` run beside a serving `hubtui` is seen by its next search and
    /// GET. A lock-free read of the WAL's header says whether anyone committed since the last
    /// look; only then one PRAGMA on the writer, skipped while this process's own write holds
    /// it (its commit keeps everything in step anyway; a change from outside is noticed next
    /// time).
    pub fn notice_outside_writes(&self) {
        let Some(wal) = &self.inner.wal else { return };
        let wal_watch::Look::Check(header) = wal.look() else { return };
        let Some(mut guard) = try_lock(&self.inner.writer) else { return };
        let Some(conn) = guard.as_mut() else { return };
        let Ok(now) = conn.query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0)) else { return };
        wal.saw(header);
        if self.inner.data_version.swap(now, Ordering::AcqRel) != now {
            tracing::info!("another process wrote to the database: search columns and cached records dropped");
            self.inner.records.reset();
            self.inner.observers.reset();
            if let Err(e) = self.reload_catalog(conn) {
                tracing::warn!(error = %e, "reading the catalog again failed");
            }
        }
    }

    /// Whether the database had no schema when opened (so it wants seeding).
    #[must_use]
    pub fn is_fresh(&self) -> bool {
        self.inner.fresh
    }

    /// The current catalog.
    #[must_use]
    pub fn catalog(&self) -> Arc<Catalog> {
        match self.inner.catalog.read() {
            Ok(g) => Arc::clone(&g),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Reloads the catalog from the database (after a schema or property change).
    pub fn reload_catalog(&self, conn: &Connection) -> rusqlite::Result<()> {
        let fresh = Arc::new(Catalog::load(conn)?);
        match self.inner.catalog.write() {
            Ok(mut g) => *g = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }

    fn lock(m: &Slot) -> MutexGuard<'_, Option<Connection>> {
        // A panic while holding the lock leaves the connection usable (SQLite rolls back
        // the open transaction when the guard's transaction is dropped).
        m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A reader no one holds, looking from the next in turn; when all are busy, waits for that
    /// one (a quick read is not queued behind a long one while another reader is idle).
    fn free_reader(&self) -> MutexGuard<'_, Option<Connection>> {
        let readers = &self.inner.readers;
        let start = self.inner.next_reader.fetch_add(1, Ordering::Relaxed) % readers.len();
        self.idle_reader().unwrap_or_else(|| Self::lock(&readers[start]))
    }

    /// A reader no one holds right now (the writer when there are no readers, if idle).
    fn idle_reader(&self) -> Option<MutexGuard<'_, Option<Connection>>> {
        let readers = &self.inner.readers;
        if readers.is_empty() {
            return try_lock(&self.inner.writer);
        }
        let start = self.inner.next_reader.fetch_add(1, Ordering::Relaxed) % readers.len();
        (start..readers.len()).chain(0..start).find_map(|i| try_lock(&readers[i]))
    }

    /// Runs `f` on a read connection, synchronously (call from blocking context).
    pub fn read_blocking<R>(&self, f: impl FnOnce(&Connection, &Catalog) -> EmuResult<R>) -> EmuResult<R> {
        let catalog = self.catalog();
        let guard = if self.inner.readers.is_empty() { Self::lock(&self.inner.writer) } else { self.free_reader() };
        f(guard.as_ref().ok_or_else(closed)?, &catalog)
    }

    /// Runs `f` in one write transaction, committed when it returns `Ok`, rolled back when it
    /// returns `Err` (so a failed request never leaves a partial write).
    pub fn write_blocking<R>(&self, f: impl FnOnce(&Transaction<'_>, &Catalog) -> EmuResult<R>) -> EmuResult<R> {
        self.transact(f, false)
    }

    /// Like [`Store::write_blocking`], then reloads the catalog (schema and property writes).
    pub fn write_catalog_blocking<R>(
        &self,
        f: impl FnOnce(&Transaction<'_>, &Catalog) -> EmuResult<R>,
    ) -> EmuResult<R> {
        self.transact(f, true)
    }

    fn transact<R>(&self, f: impl FnOnce(&Transaction<'_>, &Catalog) -> EmuResult<R>, reload: bool) -> EmuResult<R> {
        let catalog = self.catalog();
        let mut guard = Self::lock(&self.inner.writer);
        let conn = guard.as_mut().ok_or_else(closed)?;
        self.take_touched();
        let tx = conn.transaction()?;
        let out = f(&tx, &catalog)?;
        tx.commit()?;
        // Committed: whatever happens next, the caches beside SQLite hear of it.
        let reloaded = if reload { self.reload_catalog(conn) } else { Ok(()) };
        let touched = self.take_touched();
        self.inner.records.committed(&touched);
        self.inner.observers.committed(conn, &self.catalog(), &touched)?;
        reloaded?;
        Ok(out)
    }

    fn take_touched(&self) -> Vec<i64> {
        let mut t = self.inner.touched.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut ids = std::mem::take(&mut *t);
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Records read by id lately; see [`record_cache::RecordCache`].
    #[must_use]
    pub fn records(&self) -> &record_cache::RecordCache {
        &self.inner.records
    }

    /// Registers an observer told about every later commit and bulk change (held weakly: it
    /// stays registered while its owner keeps it alive).
    pub fn observe(&self, observer: &Arc<dyn WriteObserver>) {
        self.inner.observers.add(observer);
    }

    /// Runs `f` with the writer connection outside any transaction (seeding, maintenance).
    pub fn with_writer<R>(&self, f: impl FnOnce(&mut Connection) -> EmuResult<R>) -> EmuResult<R> {
        let mut guard = Self::lock(&self.inner.writer);
        let conn = guard.as_mut().ok_or_else(closed)?;
        let out = f(conn);
        self.take_touched();
        self.inner.records.reset();
        self.inner.observers.reset();
        let out = out?;
        self.reload_catalog(conn)?;
        Ok(out)
    }

    /// Checkpoints the WAL into the database file and closes every connection, the readers
    /// first, so SQLite removes the `-wal` and `-shm` files. Afterwards every call fails with
    /// a 503; closing again does nothing. Blocking.
    pub fn close_blocking(&self) -> EmuResult<()> {
        for slot in &self.inner.readers {
            if let Some(conn) = Self::lock(slot).take() {
                conn.close().map_err(|(_, e)| EmuError::internal(&e))?;
            }
        }
        let Some(conn) = Self::lock(&self.inner.writer).take() else { return Ok(()) };
        if self.inner.path.is_some() {
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        conn.close().map_err(|(_, e)| EmuError::internal(&e))
    }

    /// [`Store::close_blocking`] on the blocking pool.
    pub async fn close(&self) -> EmuResult<()> {
        let store = self.clone();
        join(tokio::task::spawn_blocking(move || store.close_blocking()).await)
    }

    /// [`Store::read_blocking`] on the blocking pool.
    pub async fn read<R, F>(&self, f: F) -> EmuResult<R>
    where
        R: Send + 'static,
        F: FnOnce(&Connection, &Catalog) -> EmuResult<R> + Send + 'static,
    {
        let store = self.clone();
        join(tokio::task::spawn_blocking(move || store.read_blocking(f)).await)
    }

    /// For a read of a few rows by key (a record GET): runs `f` right here on an idle reader,
    /// sparing the two thread hops of the blocking pool (most of a GET's cost); when every
    /// reader is busy, waits for one on the blocking pool as [`Store::read`] does. Never for a
    /// read whose size the request decides.
    pub async fn read_point<R, F>(&self, f: F) -> EmuResult<R>
    where
        R: Send + 'static,
        F: FnOnce(&Connection, &Catalog) -> EmuResult<R> + Send + 'static,
    {
        match self.read_here(f) {
            Ok(out) => out,
            Err(f) => self.read(f).await,
        }
    }

    /// Runs `f` on an idle reader now, or hands it back when every reader is busy.
    fn read_here<R, F>(&self, f: F) -> Result<EmuResult<R>, F>
    where
        F: FnOnce(&Connection, &Catalog) -> EmuResult<R>,
    {
        let Some(guard) = self.idle_reader() else { return Err(f) };
        Ok(guard.as_ref().ok_or_else(closed).and_then(|conn| f(conn, &self.catalog())))
    }

    /// [`Store::write_blocking`] on the blocking pool.
    pub async fn write<R, F>(&self, f: F) -> EmuResult<R>
    where
        R: Send + 'static,
        F: FnOnce(&Transaction<'_>, &Catalog) -> EmuResult<R> + Send + 'static,
    {
        let store = self.clone();
        join(tokio::task::spawn_blocking(move || store.write_blocking(f)).await)
    }

    /// [`Store::write_catalog_blocking`] on the blocking pool.
    pub async fn write_catalog<R, F>(&self, f: F) -> EmuResult<R>
    where
        R: Send + 'static,
        F: FnOnce(&Transaction<'_>, &Catalog) -> EmuResult<R> + Send + 'static,
    {
        let store = self.clone();
        join(tokio::task::spawn_blocking(move || store.write_catalog_blocking(f)).await)
    }
}

/// The slot's connection if no one holds it (a poisoned lock still hands it over: SQLite rolled
/// back whatever the panicking holder had open).
fn try_lock(slot: &Slot) -> Option<MutexGuard<'_, Option<Connection>>> {
    match slot.try_lock() {
        Ok(g) => Some(g),
        Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
        Err(std::sync::TryLockError::WouldBlock) => None,
    }
}

/// The refusal once the store is closed (the server is shutting down).
fn closed() -> EmuError {
    EmuError::new(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        "SERVICE_UNAVAILABLE",
        "The local CRM is shutting down; try again once it is back.",
    )
}

fn join<R>(r: Result<EmuResult<R>, tokio::task::JoinError>) -> EmuResult<R> {
    r.unwrap_or_else(|e| Err(EmuError::internal(&e)))
}
