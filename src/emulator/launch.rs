//! Opening and seeding the database for `hubtui serve` and the embedded demo, and the
//! embedded CRM's handle ([`Embedded`]): started in-process on 127.0.0.1:0, shut down so the
//! database is left as one file.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::seed::{self, SeedKind};
use super::serve;
use super::state::EmuState;
use super::store::{OpenError, Store, migrate};

/// Where the emulator keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbChoice {
    File(PathBuf),
    Memory,
}

/// What to seed a new database with (ignored for an existing one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedChoice {
    Demo,
    Empty,
}

/// Errors preparing the store.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error("cannot create the folder {path}: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("seeding the new database failed: {0}")]
    Seed(String),
    #[error("cannot start the local CRM: {0}")]
    Start(String),
    #[error("closing the database failed: {0}")]
    Close(String),
}

/// Opens the store, seeding it when it is new. Returns it and whether it was seeded now.
///
/// A new database file is seeded under a temporary name and renamed into place when
/// complete, so an interrupted seed never leaves a half-seeded database behind.
pub fn open_store(db: &DbChoice, seed_choice: SeedChoice, cars: usize) -> Result<(Store, bool), LaunchError> {
    let kind = match seed_choice {
        SeedChoice::Demo => SeedKind::Demo { cars },
        SeedChoice::Empty => SeedKind::Empty,
    };
    let store = match db {
        DbChoice::Memory => Store::open_memory()?,
        DbChoice::File(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| LaunchError::Folder { path: dir.to_owned(), source })?;
            }
            if !path.exists() {
                seed_new_file(path, kind)?;
                return Ok((Store::open(path)?, true));
            }
            Store::open(path)?
        }
    };
    if !store.is_fresh() {
        return Ok((store, false));
    }
    seed::seed(&store, kind).map_err(|e| LaunchError::Seed(e.message))?;
    Ok((store, true))
}

fn seed_new_file(path: &Path, kind: SeedKind) -> Result<(), LaunchError> {
    let tmp = path.with_extension("seeding");
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut conn = Connection::open(&tmp).map_err(|e| LaunchError::Seed(e.to_string()))?;
        migrate::migrate(&mut conn).map_err(|e| LaunchError::Seed(e.to_string()))?;
        // A brand-new file needs no crash recovery: skip the WAL while bulk loading.
        conn.execute_batch("PRAGMA journal_mode = MEMORY; PRAGMA cache_size = -131072;")
            .map_err(|e| LaunchError::Seed(e.to_string()))?;
        seed::seed_conn(&mut conn, kind).map_err(|e| LaunchError::Seed(e.message))?;
        conn.execute_batch("PRAGMA journal_mode = WAL;").map_err(|e| LaunchError::Seed(e.to_string()))?;
        conn.close().map_err(|(_, e)| LaunchError::Seed(e.to_string()))
    })();
    match result {
        Ok(()) => std::fs::rename(&tmp, path).map_err(|source| LaunchError::Folder { path: path.to_owned(), source }),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// The local CRM served in this process on 127.0.0.1:0 and reached over HTTP like any
/// other portal. Call [`Embedded::shutdown`] when done: dropping the handle stops serving
/// too, but only `shutdown` waits until the database is checkpointed and closed.
#[derive(Debug)]
pub struct Embedded {
    base_url: String,
    store: Store,
    stop: oneshot::Sender<()>,
    server: JoinHandle<std::io::Result<()>>,
}

impl Embedded {
    /// Opens the database (seeding it when new, on the blocking pool) and starts serving it.
    pub async fn start(db: DbChoice, seed: SeedChoice, cars: usize) -> Result<Self, LaunchError> {
        let (store, _) = tokio::task::spawn_blocking(move || open_store(&db, seed, cars))
            .await
            .map_err(|e| LaunchError::Start(e.to_string()))??;
        let listener =
            tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| LaunchError::Start(e.to_string()))?;
        let addr = listener.local_addr().map_err(|e| LaunchError::Start(e.to_string()))?;
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, EmuState::new(store.clone(), None), async move {
            let _ = stopped.await;
        }));
        Ok(Self { base_url: format!("http://{addr}"), store, stop, server })
    }

    /// Serves an open store on 127.0.0.1:0, taking only `token`, with `wrap` around the
    /// routes (see [`super::router_wrapped`]).
    pub async fn serve_store(
        store: Store,
        token: String,
        wrap: impl FnOnce(axum::Router<EmuState>) -> axum::Router<EmuState>,
    ) -> Result<Self, LaunchError> {
        let listener =
            tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| LaunchError::Start(e.to_string()))?;
        let addr = listener.local_addr().map_err(|e| LaunchError::Start(e.to_string()))?;
        let (stop, stopped) = oneshot::channel::<()>();
        let app = super::router_wrapped(EmuState::new(store.clone(), Some(token)), wrap);
        let server = tokio::spawn(super::server::run(listener, app, super::ServeOptions::default(), async move {
            let _ = stopped.await;
        }));
        Ok(Self { base_url: format!("http://{addr}"), store, stop, server })
    }

    /// `http://127.0.0.1:PORT`.
    #[must_use]
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Stops serving (requests in flight finish first), then checkpoints the WAL and closes
    /// every connection, so no `-wal`/`-shm` file is left beside the database.
    pub async fn shutdown(self) -> Result<(), LaunchError> {
        let _ = self.stop.send(());
        match self.server.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "the local CRM stopped with an error"),
            Err(e) => tracing::warn!(error = %e, "the local CRM's server task failed"),
        }
        self.store.close().await.map_err(|e| LaunchError::Close(e.message))
    }
}
