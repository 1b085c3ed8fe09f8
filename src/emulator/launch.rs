//! Opening and seeding the database for `hubtui serve` and the embedded demo.

use std::path::PathBuf;

use super::seed::{self, SeedKind};
use super::store::{OpenError, Store};

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
pub fn open_store(db: &DbChoice, seed_choice: SeedChoice, cars: usize) -> Result<(Store, bool), LaunchError> {
    let store = match db {
        DbChoice::Memory => Store::open_memory()?,
        DbChoice::File(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| LaunchError::Folder { path: dir.to_owned(), source })?;
            }
            Store::open(path)?
        }
    };
    if !store.is_fresh() {
        return Ok((store, false));
    }
    let kind = match seed_choice {
        SeedChoice::Demo => SeedKind::Demo { cars },
        SeedChoice::Empty => SeedKind::Empty,
    };
    seed::seed(&store, kind).map_err(|e| LaunchError::Seed(e.message))?;
    Ok((store, true))
}
