//! A masked copy of a replica for development: a local CRM file with every personal value
//! replaced by a deterministic fake ([`fake`]) of the same kind ([`rules`]), the same ids,
//! times, options, numbers and associations, and no upstream — a realistic `hubtui serve
//! --db` for integration tests.
//!
//! The copy is made with `VACUUM INTO` and masked in one transaction; property histories
//! (which hold old personal values) are dropped, owners' names and emails masked, the search
//! indexes rebuilt from the masked values, and the file vacuumed again so no freed page keeps
//! an original value. It is written under a temporary name and renamed when complete.

pub mod fake;
pub mod rules;

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, params};
use serde_json::Value;

use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::store::catalog::Catalog;
use crate::emulator::store::index;
use fake::Faker;
use rules::Kind;

/// What a masked copy changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Masked {
    pub records: u64,
    pub values: u64,
    /// `type.property` of every property masked.
    pub properties: Vec<String>,
}

/// Writes a masked copy of the local CRM file `from` to `to` (which must not exist).
pub fn copy(from: &Path, to: &Path) -> EmuResult<Masked> {
    if to.exists() {
        return Err(EmuError::validation(format!("{} exists: give a new file for the masked copy", to.display())));
    }
    let tmp = to.with_extension("masking");
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        // Opened for writing though only read: a read-only connection to a WAL file leaves
        // its -wal and -shm behind, a closing writer removes them (nothing is written).
        let src = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        src.execute("VACUUM INTO ?1", [tmp.to_string_lossy()])?;
        src.close().map_err(|(_, e)| EmuError::internal(&e))?;
        let mut conn = Connection::open(&tmp)?;
        conn.execute_batch("PRAGMA journal_mode = DELETE;")?;
        let tx = conn.transaction()?;
        let done = mask(&tx)?;
        tx.commit()?;
        conn.execute_batch("VACUUM;")?;
        conn.close().map_err(|(_, e)| EmuError::internal(&e))?;
        Ok(done)
    })();
    match result {
        Ok(done) => {
            std::fs::rename(&tmp, to)
                .map_err(|e| EmuError::validation(format!("cannot write {}: {e}", to.display())))?;
            Ok(done)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// A type's personal properties and their kinds.
fn personal(t: &crate::emulator::store::TypeEntry) -> BTreeMap<&str, Kind> {
    t.properties.iter().filter_map(|p| Some((p.name.as_str(), rules::kind(p)?))).collect()
}

/// Every personal value of the copy before masking: no fake may be one of them.
fn originals(conn: &Connection, catalog: &Catalog) -> EmuResult<std::collections::HashSet<String>> {
    let mut out = std::collections::HashSet::new();
    for t in catalog.types() {
        let kinds = personal(t);
        if kinds.is_empty() {
            continue;
        }
        let mut stmt = conn.prepare("SELECT props FROM object WHERE type_no = ?1")?;
        let mut rows = stmt.query([t.def.no])?;
        while let Some(row) = rows.next()? {
            let map: BTreeMap<String, String> = serde_json::from_str(&row.get::<_, String>(0)?)?;
            out.extend(map.into_iter().filter(|(n, _)| kinds.contains_key(n.as_str())).map(|(_, v)| v));
        }
    }
    Ok(out)
}

/// Masks the open copy.
fn mask(conn: &Connection) -> EmuResult<Masked> {
    let catalog = Catalog::load(conn)?;
    let faker = Faker::new();
    let mut out = Masked::default();
    let originals = originals(conn, &catalog)?;
    for t in catalog.types() {
        let kinds = personal(t);
        out.properties.extend(kinds.keys().map(|n| format!("{}.{n}", t.def.name)));
        if kinds.is_empty() {
            continue;
        }
        let rows: Vec<(i64, String)> = {
            let mut stmt = conn.prepare("SELECT id, props FROM object WHERE type_no = ?1")?;
            stmt.query_map([t.def.no], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
        };
        let mut update = conn.prepare("UPDATE object SET props = ?2 WHERE id = ?1")?;
        for (id, props) in rows {
            let mut map: BTreeMap<String, String> = serde_json::from_str(&props)?;
            let mut changed = false;
            for (name, value) in &mut map {
                if let Some(k) = kinds.get(name.as_str()) {
                    *value = faker.fake_avoiding(*k, value, &originals);
                    changed = true;
                    out.values += 1;
                }
            }
            if changed {
                update.execute(params![id, serde_json::to_string(&map)?])?;
                out.records += 1;
            }
        }
    }
    conn.execute_batch(
        "DELETE FROM prop_history; DELETE FROM implied_history; DELETE FROM meta WHERE key LIKE 'replica_%';",
    )?;
    mask_owners(conn, &faker)?;
    reindex(conn, &catalog)?;
    Ok(out)
}

/// Owners' names and emails.
fn mask_owners(conn: &Connection, faker: &Faker) -> EmuResult<()> {
    let Some(json) = crate::emulator::store::defs::meta(conn, "owners")? else { return Ok(()) };
    let mut owners: Value = serde_json::from_str(&json)?;
    for o in owners.as_array_mut().into_iter().flatten() {
        for (field, kind) in [("firstName", Kind::Name), ("lastName", Kind::Name), ("email", Kind::Email)] {
            if let Some(v) = o.get(field).and_then(Value::as_str).map(str::to_owned) {
                o[field] = Value::String(faker.fake(kind, &v));
            }
        }
    }
    crate::emulator::store::defs::set_meta(conn, "owners", &serde_json::to_string(&owners)?)
}

/// The value index and the full-text indexes, from the masked values only.
fn reindex(conn: &Connection, catalog: &Catalog) -> EmuResult<()> {
    conn.execute_batch("DELETE FROM prop_value;")?;
    index::rebuild_fts(conn)?;
    for t in catalog.types() {
        for p in t.properties.iter().filter(|p| t.is_unique(&p.name)) {
            index::index_property(conn, t.def.no, p)?;
        }
    }
    Ok(())
}
