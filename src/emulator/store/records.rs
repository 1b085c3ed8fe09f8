//! Raw record rows: read, list by id cursor, insert, replace, archive. Business rules
//! (validation, history, associations) live in `emulator::write`; this file only moves rows.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::EmuResult;

/// A stored record. `props` holds written values only; the built-ins (`hs_object_id`,
/// create/modify dates) are derived from the columns when a record is projected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub type_no: i64,
    pub archived: bool,
    pub archived_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub merged_into: Option<i64>,
    pub props: BTreeMap<String, String>,
}

/// The columns `from_row` reads, in order.
pub const COLUMNS: &str = "id, type_no, archived, archived_at, created_at, updated_at, merged_into, props";

/// Reads a record from a row of [`COLUMNS`].
pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Record> {
    let json: String = r.get(7)?;
    let props = serde_json::from_str(&json)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, Box::new(e)))?;
    Ok(Record {
        id: r.get(0)?,
        type_no: r.get(1)?,
        archived: r.get(2)?,
        archived_at: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
        merged_into: r.get(6)?,
        props,
    })
}

/// A record by id, archived or not.
pub fn get(conn: &Connection, id: i64) -> EmuResult<Option<Record>> {
    let sql = format!("SELECT {COLUMNS} FROM object WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], from_row).optional()?)
}

/// Records by ids, in the order asked, skipping missing ones.
pub fn get_many(conn: &Connection, ids: &[i64]) -> EmuResult<Vec<Record>> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        if let Some(r) = get(conn, id)? {
            out.push(r);
        }
    }
    Ok(out)
}

/// Up to `limit` records of a type with `id >= from_id`, ascending.
pub fn list(conn: &Connection, type_no: i64, archived: bool, from_id: i64, limit: usize) -> EmuResult<Vec<Record>> {
    let sql =
        format!("SELECT {COLUMNS} FROM object WHERE type_no = ?1 AND archived = ?2 AND id >= ?3 ORDER BY id LIMIT ?4");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows =
        stmt.query_map(params![type_no, archived, from_id, i64::try_from(limit).unwrap_or(i64::MAX)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many live records a type has.
pub fn count(conn: &Connection, type_no: i64) -> EmuResult<i64> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) FROM object WHERE type_no = ?1 AND archived = 0")?
        .query_row([type_no], |r| r.get(0))?)
}

/// The next free record id (ids are one global sequence, like HubSpot's).
pub fn next_id(conn: &Connection) -> EmuResult<i64> {
    let max: Option<i64> = conn.query_row("SELECT MAX(id) FROM object", [], |r| r.get(0))?;
    let floor: i64 = conn
        .query_row("SELECT value FROM meta WHERE key = 'id_floor'", [], |r| r.get::<_, String>(0))
        .optional()?
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    Ok(max.map_or(floor, |m| (m + 1).max(floor)))
}

/// Inserts a new record row.
pub fn insert(conn: &Connection, rec: &Record) -> EmuResult<()> {
    let json = serde_json::to_string(&rec.props)?;
    conn.prepare_cached(
        "INSERT INTO object (id, type_no, archived, archived_at, created_at, updated_at, merged_into, props)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        rec.id,
        rec.type_no,
        rec.archived,
        rec.archived_at,
        rec.created_at,
        rec.updated_at,
        rec.merged_into,
        json
    ])?;
    Ok(())
}

/// Writes a record's mutable columns back (a seeded record's implied creation versions are
/// written down first, from the values being replaced).
pub fn save(conn: &Connection, rec: &Record) -> EmuResult<()> {
    super::history::materialize(conn, rec.id)?;
    write_back(conn, rec)
}

/// [`save`] without writing implied creation versions down: only for a change that leaves
/// them true (it sets a property the record had no value of, and records its history).
pub fn write_back(conn: &Connection, rec: &Record) -> EmuResult<()> {
    let json = serde_json::to_string(&rec.props)?;
    conn.prepare_cached(
        "UPDATE object SET archived = ?2, archived_at = ?3, updated_at = ?4, merged_into = ?5, props = ?6 WHERE id = ?1",
    )?
    .execute(params![rec.id, rec.archived, rec.archived_at, rec.updated_at, rec.merged_into, json])?;
    Ok(())
}

/// Finds a live record of a type by an indexed (normalised) value of a property.
pub fn find_by_value(conn: &Connection, type_no: i64, name: &str, norm: &str) -> EmuResult<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT object_id FROM prop_value WHERE type_no = ?1 AND name = ?2 AND v_norm = ?3 ORDER BY object_id LIMIT 1",
        )?
        .query_row(params![type_no, name, norm], |r| r.get(0))
        .optional()?)
}

/// Points records merged into `from` at `to` instead (when `from` is merged into `to`).
pub fn repoint_merged(conn: &Connection, from: i64, to: i64) -> EmuResult<()> {
    conn.execute("UPDATE object SET merged_into = ?1 WHERE merged_into = ?2", [to, from])?;
    Ok(())
}

/// Calls `f` on every record of a type (archived or not), in id order, one row at a time.
pub fn for_each_of_type(conn: &Connection, type_no: i64, mut f: impl FnMut(Record)) -> EmuResult<()> {
    let sql = format!("SELECT {COLUMNS} FROM object WHERE type_no = ?1 ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([type_no])?;
    while let Some(r) = rows.next()? {
        f(from_row(r)?);
    }
    Ok(())
}

/// The record an id currently refers to: itself, or the record it was merged into.
pub fn resolve_merged(conn: &Connection, rec: Record) -> EmuResult<Record> {
    let mut cur = rec;
    for _ in 0..16 {
        let Some(target) = cur.merged_into else { return Ok(cur) };
        match get(conn, target)? {
            Some(next) => cur = next,
            None => return Ok(cur),
        }
    }
    Ok(cur)
}
