//! The append-only property history. Reads are newest first.
//!
//! A seeded record's creation values are not written down one row each (a million cars would
//! need eleven million rows): `implied_history` names the record and the source its creation
//! values came from, and a property without rows then has one version — its current value,
//! at the record's creation. The record's first save after that writes those versions down
//! (`materialize`), before anything changes them, so what history reports never moves.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::EmuResult;
use super::records::{self, Record};
use crate::api::types::ValueWithTimestamp;
use crate::timefmt::iso_from_ms;

/// Who made a change, as history reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub source_type: String,
    pub source_id: Option<String>,
    pub source_label: Option<String>,
    pub user_id: Option<i64>,
}

impl Source {
    /// A change made through the public API.
    #[must_use]
    pub fn api() -> Self {
        Self { source_type: "API".into(), source_id: None, source_label: None, user_id: None }
    }
}

/// Appends one entry.
pub fn append(conn: &Connection, object_id: i64, name: &str, ts: i64, value: &str, src: &Source) -> EmuResult<()> {
    conn.prepare_cached(
        "INSERT INTO prop_history (object_id, name, ts, value, source_type, source_id, source_label, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        object_id,
        name,
        ts,
        value,
        src.source_type,
        src.source_id,
        src.source_label,
        src.user_id
    ])?;
    Ok(())
}

/// Marks a record just inserted whose creation values of properties without rows are its
/// current values, set at its creation by `source_type`.
pub fn imply_creation(conn: &Connection, object_id: i64, source_type: &str) -> EmuResult<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO implied_history (object_id, source_type) VALUES (?1, ?2)")?
        .execute(params![object_id, source_type])?;
    Ok(())
}

/// The source of a record's implied creation versions, if it has them.
fn implied_source(conn: &Connection, object_id: i64) -> EmuResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT source_type FROM implied_history WHERE object_id = ?1")?
        .query_row([object_id], |r| r.get(0))
        .optional()?)
}

/// Writes a record's implied creation versions down as rows (from its stored values, before a
/// save replaces them), and forgets the mark.
pub fn materialize(conn: &Connection, object_id: i64) -> EmuResult<()> {
    let Some(source_type) = implied_source(conn, object_id)? else { return Ok(()) };
    if let Some(rec) = records::get(conn, object_id)? {
        let mut has_rows =
            conn.prepare_cached("SELECT 1 FROM prop_history WHERE object_id = ?1 AND name = ?2 LIMIT 1")?;
        let src = Source { source_type, source_id: None, source_label: None, user_id: None };
        for (name, value) in &rec.props {
            if !has_rows.exists(params![object_id, name])? {
                append(conn, object_id, name, rec.created_at, value, &src)?;
            }
        }
    }
    conn.prepare_cached("DELETE FROM implied_history WHERE object_id = ?1")?.execute([object_id])?;
    Ok(())
}

/// The history of the named properties of `rec` (as stored now), newest first.
pub fn read(conn: &Connection, rec: &Record, names: &[String]) -> EmuResult<BTreeMap<String, Vec<ValueWithTimestamp>>> {
    let object_id = rec.id;
    let implied = implied_source(conn, object_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT ts, value, source_type, source_id, source_label, user_id FROM prop_history
         WHERE object_id = ?1 AND name = ?2 ORDER BY ts DESC, seq DESC",
    )?;
    let mut out = BTreeMap::new();
    for name in names {
        let rows = stmt.query_map(params![object_id, name], |r| {
            Ok(ValueWithTimestamp {
                timestamp: iso_from_ms(r.get(0)?),
                value: r.get(1)?,
                source_type: r.get(2)?,
                source_id: r.get(3)?,
                source_label: r.get(4)?,
                updated_by_user_id: r.get(5)?,
            })
        })?;
        let mut versions = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        if let (true, Some(source_type), Some(value)) = (versions.is_empty(), &implied, rec.props.get(name)) {
            versions.push(ValueWithTimestamp {
                timestamp: iso_from_ms(rec.created_at),
                value: value.clone(),
                source_type: source_type.clone(),
                source_id: None,
                source_label: None,
                updated_by_user_id: None,
            });
        }
        out.insert(name.clone(), versions);
    }
    Ok(out)
}

/// Moves history rows from one record to another (merge keeps the losing record's history).
pub fn copy_missing(conn: &Connection, from: i64, to: i64, names: &[String]) -> EmuResult<()> {
    materialize(conn, from)?;
    materialize(conn, to)?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO prop_history (object_id, name, ts, value, source_type, source_id, source_label, user_id)
         SELECT ?2, name, ts, value, source_type, source_id, source_label, user_id
         FROM prop_history WHERE object_id = ?1 AND name = ?3",
    )?;
    for n in names {
        stmt.execute(params![from, to, n])?;
    }
    Ok(())
}
