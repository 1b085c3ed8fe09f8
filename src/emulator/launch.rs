//! Opening and seeding the database for `hubtui serve` and the embedded demo.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::seed::{self, SeedKind};
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
