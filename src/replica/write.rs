//! Writing what the portal sent into the replica's store, keeping the portal's ids and
//! times: a record's row and index rows, archives, merges, and a record's associations.

use rusqlite::{Connection, params};

use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::project::is_builtin;
use crate::emulator::store::records::{self, Record};
use crate::emulator::store::{TypeEntry, index};
use crate::model::SimplePublicObject;
use crate::timefmt::ms_from_datetime;

/// A portal record as the store keeps it. Built-in properties (id, created, modified) are
/// the row's columns, not stored values; empty values are not stored.
pub fn to_record(t: &TypeEntry, o: &SimplePublicObject) -> EmuResult<Record> {
    let id: i64 = o.id.parse().map_err(|_| EmuError::validation(format!("the portal sent a record id {:?}", o.id)))?;
    let time = |s: &str, what: &str| {
        ms_from_datetime(s).ok_or_else(|| EmuError::validation(format!("record {id}: {what} {s:?} is not a date")))
    };
    let created_at = time(&o.created_at, "createdAt")?;
    let updated_at = time(&o.updated_at, "updatedAt")?;
    let props = o
        .properties
        .iter()
        .filter(|(k, _)| !is_builtin(k))
        .filter_map(|(k, v)| v.as_ref().filter(|v| !v.is_empty()).map(|v| (k.clone(), v.clone())))
        .collect();
    let archived_at = o.archived_at.as_deref().and_then(ms_from_datetime);
    Ok(Record {
        id,
        type_no: t.def.no,
        archived: o.archived,
        archived_at: if o.archived { archived_at.or(Some(updated_at)) } else { None },
        created_at,
        updated_at,
        merged_into: None,
        props,
    })
}

/// Writes a record as the portal has it now (new, changed, archived or restored). An
/// archived record keeps the merge it is known to be part of.
pub fn upsert(conn: &Connection, t: &TypeEntry, rec: &Record) -> EmuResult<()> {
    match records::get(conn, rec.id)? {
        Some(old) if old.type_no != rec.type_no => {
            return Err(EmuError::validation(format!(
                "record {} of {} has the id of a record of another type in the replica; \
                 the replica keeps one id space (resync with --full after reporting this)",
                rec.id, t.def.name
            )));
        }
        Some(_) => {
            conn.prepare_cached(
                "UPDATE object SET archived = ?2, archived_at = ?3, created_at = ?4, updated_at = ?5,
                 merged_into = CASE WHEN ?2 THEN merged_into END, props = ?6 WHERE id = ?1",
            )?
            .execute(params![
                rec.id,
                rec.archived,
                rec.archived_at,
                rec.created_at,
                rec.updated_at,
                serde_json::to_string(&rec.props)?
            ])?;
        }
        None => records::insert(conn, rec)?,
    }
    index::reindex(conn, t, rec)
}

/// A record the portal merged into `winner`: archived, pointing at the winner (a read of
/// its id resolves to the winner, as on HubSpot), its associations gone with it.
pub fn merged_away(conn: &Connection, loser: i64, winner: i64) -> EmuResult<()> {
    let Some(mut rec) = records::get(conn, loser)? else { return Ok(()) };
    if rec.merged_into == Some(winner) {
        return Ok(());
    }
    index::unindex(conn, rec.type_no, rec.id)?;
    rec.archived = true;
    rec.archived_at = rec.archived_at.or(Some(rec.updated_at));
    rec.merged_into = Some(winner);
    records::write_back(conn, &rec)?;
    records::repoint_merged(conn, loser, winner)?;
    conn.prepare_cached("DELETE FROM association WHERE from_id = ?1 OR to_id = ?1")?.execute([loser])?;
    Ok(())
}

/// One association row: from a record to a record of a type, with a type id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    pub from_id: i64,
    pub to_id: i64,
    pub category: String,
    pub type_id: i64,
}

/// Replaces the associations of `from_ids` to records of `to_type_no` with `rows` (read
/// from the portal for exactly those records, in this direction).
pub fn replace_links(conn: &Connection, from_ids: &[i64], to_type_no: i64, rows: &[LinkRow]) -> EmuResult<()> {
    let mut del = conn.prepare_cached("DELETE FROM association WHERE from_id = ?1 AND to_type_no = ?2")?;
    for id in from_ids {
        del.execute(params![id, to_type_no])?;
    }
    let mut ins = conn.prepare_cached(
        "INSERT OR IGNORE INTO association (from_id, to_type_no, to_id, category, type_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for r in rows {
        ins.execute(params![r.from_id, to_type_no, r.to_id, r.category, r.type_id])?;
    }
    Ok(())
}

/// Ids of records linked from `from_ids` to records of `to_type_no` in the replica now.
pub fn linked_ids(conn: &Connection, from_ids: &[i64], to_type_no: i64) -> EmuResult<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT to_id FROM association WHERE from_id = ?1 AND to_type_no = ?2")?;
    let mut out = Vec::new();
    for id in from_ids {
        let ids = stmt.query_map(params![id, to_type_no], |r| r.get::<_, i64>(0))?;
        for x in ids {
            out.push(x?);
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Live ids of a type in the replica, in id order, from `after` (exclusive), at most `limit`.
pub fn live_ids(conn: &Connection, type_no: i64, after: i64, limit: usize) -> EmuResult<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT id FROM object WHERE type_no = ?1 AND archived = 0 AND id > ?2 ORDER BY id LIMIT ?3")?;
    let rows = stmt.query_map(params![type_no, after, i64::try_from(limit).unwrap_or(i64::MAX)], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// `(winner, loser)` of every merge the live records of a type name (`hs_merged_object_ids`).
pub fn merges_named(conn: &Connection, type_no: i64) -> EmuResult<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, json_extract(props, '$.hs_merged_object_ids') FROM object
         WHERE type_no = ?1 AND archived = 0 AND json_extract(props, '$.hs_merged_object_ids') IS NOT NULL",
    )?;
    let rows = stmt.query_map([type_no], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (winner, list) = row?;
        out.extend(list.split(';').filter_map(|x| x.trim().parse::<i64>().ok()).map(|loser| (winner, loser)));
    }
    Ok(out)
}

/// Those of `ids` that are live records of the type.
pub fn live_of(conn: &Connection, ids: &[i64], type_no: i64) -> EmuResult<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM object WHERE id = ?1 AND type_no = ?2 AND archived = 0")?;
    let mut out = Vec::new();
    for id in ids {
        if stmt.exists(params![id, type_no])? {
            out.push(*id);
        }
    }
    Ok(out)
}

/// How many records (any type, live or not) the database holds.
pub fn record_count(conn: &Connection) -> EmuResult<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM object", [], |r| r.get(0))?)
}
