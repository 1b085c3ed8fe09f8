//! Keeps the typed value index (`prop_value`) and the full-text index (one FTS5 table per type) in step
//! with a record's current values. Archived records have no index rows, so searches and
//! uniqueness checks never see them.
//!
//! `prop_value` answers one question: which live record holds this value of a unique
//! identifier property (`idProperty` reads and upserts, the uniqueness check on writes), so it
//! holds those properties only — a car's VIN, a contact's email — not every value (searches
//! run on the in-memory columns). Rows written by older builds for other properties are
//! still exact (every write replaces a record's rows) and never asked for.

use rusqlite::{Connection, params};

use super::records::{self, Record};
use super::{Catalog, EmuResult, TypeEntry, fts};
use crate::emulator::value::index_entries;

/// Replaces every index row of `rec` (removing them when it is archived).
pub fn reindex(conn: &Connection, t: &TypeEntry, rec: &Record) -> EmuResult<()> {
    unindex(conn, rec.type_no, rec.id)?;
    if !rec.archived {
        index(conn, t, rec)?;
    }
    Ok(())
}

/// Removes a record's index rows.
pub fn unindex(conn: &Connection, type_no: i64, id: i64) -> EmuResult<()> {
    conn.prepare_cached("DELETE FROM prop_value WHERE object_id = ?1")?.execute([id])?;
    fts::delete(conn, type_no, id)
}

/// Adds index rows for a record that has none.
pub fn index(conn: &Connection, t: &TypeEntry, rec: &Record) -> EmuResult<()> {
    for (name, value) in rec.props.iter().filter(|(name, _)| t.is_unique(name)) {
        let (kind, multi) = t.property_any(name).map_or(("string", false), |p| (p.kind.as_str(), p.is_multi_select()));
        put_values(conn, (rec.type_no, rec.id), name, (kind, multi), value)?;
    }
    let body = fts_body(t, rec);
    if !body.is_empty() {
        fts::insert(conn, rec.type_no, rec.id, &body)?;
    }
    Ok(())
}

/// Indexes the values live records of a type already hold under `p`, a property just created
/// with unique values (its name may have been used before: an archived property's values stay
/// on the records).
pub fn index_property(conn: &Connection, type_no: i64, p: &crate::api::types::Property) -> EmuResult<()> {
    let mut held = Vec::new();
    records::for_each_of_type(conn, type_no, |rec| {
        if let Some(v) = rec.props.get(&p.name).filter(|_| !rec.archived) {
            held.push((rec.id, v.clone()));
        }
    })?;
    for (id, value) in held {
        put_values(conn, (type_no, id), &p.name, (&p.kind, p.is_multi_select()), &value)?;
    }
    Ok(())
}

/// The `prop_value` rows of one value of a record (`(type_no, id)`), of a property of
/// `(kind, multi-select)`.
fn put_values(
    conn: &Connection,
    (type_no, id): (i64, i64),
    name: &str,
    (kind, multi): (&str, bool),
    value: &str,
) -> EmuResult<()> {
    let mut ins = conn.prepare_cached(
        "INSERT OR IGNORE INTO prop_value (type_no, name, v_norm, v_num, object_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for e in index_entries(kind, multi, value) {
        ins.execute(params![type_no, name, e.norm, e.num, id])?;
    }
    Ok(())
}

/// The text `query` searches: the type's searchable properties, joined.
#[must_use]
pub fn fts_body(t: &TypeEntry, rec: &Record) -> String {
    let mut body = String::new();
    for name in &t.def.searchable_properties {
        if let Some(v) = rec.props.get(name) {
            if !body.is_empty() {
                body.push(' ');
            }
            body.push_str(v);
        }
    }
    body
}

/// Rebuilds every type's FTS table from the live records (after its options changed).
pub fn rebuild_fts(conn: &Connection) -> EmuResult<()> {
    let catalog = Catalog::load(conn)?;
    for t in catalog.types() {
        fts::recreate(conn, t.def.no)?;
        let sql = format!("SELECT {} FROM object WHERE type_no = ?1 AND archived = 0", records::COLUMNS);
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([t.def.no])?;
        let mut n = 0_u64;
        while let Some(row) = rows.next()? {
            let rec = records::from_row(row)?;
            let body = fts_body(t, &rec);
            if !body.is_empty() {
                fts::insert(conn, t.def.no, rec.id, &body)?;
            }
            n += 1;
        }
        tracing::info!(object_type = %t.def.type_id, records = n, "rebuilt the full-text index");
    }
    Ok(())
}
