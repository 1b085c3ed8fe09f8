//! The append-only property history. Reads are newest first.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

use super::EmuResult;
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

/// The history of the named properties of one record, newest first.
pub fn read(
    conn: &Connection,
    object_id: i64,
    names: &[String],
) -> EmuResult<BTreeMap<String, Vec<ValueWithTimestamp>>> {
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
        out.insert(name.clone(), rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    Ok(out)
}

/// Moves history rows from one record to another (merge keeps the losing record's history).
pub fn copy_missing(conn: &Connection, from: i64, to: i64, names: &[String]) -> EmuResult<()> {
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
