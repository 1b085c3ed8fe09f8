//! Seeding: the demo portal (deterministic: fixed seed, fixed timestamps) or an empty one
//! (standard object types only).

pub mod assoc_types;
mod data;
pub mod defaults;
pub mod defs;
mod names;
mod seeder;

use rusqlite::Connection;

use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::store::{Catalog, Store, defs as store_defs};
use crate::timefmt::ms_from_datetime;

/// What to seed a new database with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedKind {
    /// The demo portal: Cars plus contacts, companies, deals, tickets and activities.
    Demo { cars: usize },
    /// Only the standard object types and their properties; no records.
    Empty,
}

/// The number of Cars in the default demo portal.
pub const DEFAULT_CARS: usize = 2_000;

/// Seeds the store. Meant for a fresh database; refuses one that already has types.
pub fn seed(store: &Store, kind: SeedKind) -> EmuResult<()> {
    store.with_writer(|conn| seed_conn(conn, kind))
}

/// Seeds a database through a plain connection (before any store opens it).
pub fn seed_conn(conn: &mut Connection, kind: SeedKind) -> EmuResult<()> {
    let existing: i64 = conn.query_row("SELECT COUNT(*) FROM object_type", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(EmuError::validation("the database is already seeded"));
    }
    define_types(conn, kind)?;
    if let SeedKind::Demo { cars } = kind {
        data::generate(conn, cars)?;
    }
    Ok(())
}

/// Resets a store to what it was seeded with (the admin API's reset): every record,
/// definition and association is dropped and the same seed runs again.
pub fn reset(store: &Store) -> EmuResult<()> {
    store.with_writer(|conn| {
        let kind = match store_defs::meta(conn, "seed")?.as_deref() {
            Some("empty") => SeedKind::Empty,
            _ => SeedKind::Demo {
                cars: store_defs::meta(conn, "seed_cars")?.and_then(|s| s.parse().ok()).unwrap_or(DEFAULT_CARS),
            },
        };
        let fts: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'fts\\_%' ESCAPE '\\' AND sql LIKE 'CREATE VIRTUAL%'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let tx = conn.transaction()?;
        for t in fts {
            tx.execute_batch(&format!("DROP TABLE IF EXISTS \"{t}\""))?;
        }
        tx.execute_batch(
            "DELETE FROM association; DELETE FROM assoc_type; DELETE FROM prop_history; DELETE FROM implied_history; DELETE FROM prop_value;
             DELETE FROM object; DELETE FROM pipeline; DELETE FROM property; DELETE FROM property_group;
             DELETE FROM object_type; DELETE FROM meta;",
        )?;
        tx.commit()?;
        seed_conn(conn, kind)
    })
}

/// Writes the object types, properties, pipelines, owners and association types.
fn define_types(conn: &mut Connection, kind: SeedKind) -> EmuResult<()> {
    let file = defs::seed_file().map_err(|e| EmuError::internal(&e))?;
    let defaults = defaults::seed_defaults().map_err(|e| EmuError::internal(&e))?;
    let created_ms = ms_from_datetime(&file.created_at).unwrap_or(0);
    let tx = conn.transaction()?;
    store_defs::set_meta(&tx, "portal_id", &file.portal_id.to_string())?;
    store_defs::set_meta(&tx, "id_floor", "10000001")?;
    if let SeedKind::Demo { cars } = kind {
        store_defs::set_meta(&tx, "seed_cars", &cars.to_string())?;
    }
    store_defs::set_meta(
        &tx,
        "seed",
        match kind {
            SeedKind::Demo { .. } => "demo",
            SeedKind::Empty => "empty",
        },
    )?;
    for t in file.types.iter().filter(|t| !t.custom || matches!(kind, SeedKind::Demo { .. })) {
        let (def, props, groups) = defs::type_from_seed(t, &defaults, file.portal_id, created_ms, &file.created_at);
        let no = store_defs::put_type(&tx, &def)?;
        for group in &groups {
            store_defs::put_group(&tx, no, group)?;
        }
        for p in &props {
            store_defs::put_property(&tx, no, p)?;
        }
    }
    let cat = Catalog::load(&tx)?;
    assoc_types::define_standard(&tx, &cat)?;
    for t in file.types.iter().filter(|t| t.custom) {
        if let Some(entry) = cat.resolve(&t.type_id) {
            assoc_types::define_for_custom(&tx, &cat, (entry.def.no, &entry.def.singular), &t.associated_objects)?;
        }
    }
    data::define_pipelines(&tx, &cat)?;
    data::define_owners(&tx)?;
    tx.commit()?;
    Ok(())
}
