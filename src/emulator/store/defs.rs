//! Writing definitions: object types, properties, groups, pipelines. Callers reload the
//! catalog after committing (`Store::write_catalog`).

use rusqlite::{Connection, OptionalExtension, params};

use super::EmuResult;
use super::catalog::ObjectTypeDef;
use crate::api::types::{Property, PropertyGroup};

/// Inserts or replaces an object type; returns its internal number.
pub fn put_type(conn: &Connection, def: &ObjectTypeDef) -> EmuResult<i64> {
    let json = serde_json::to_string(def)?;
    let existing: Option<i64> = conn
        .query_row("SELECT type_no FROM object_type WHERE type_id = ?1", [&def.type_id], |r| r.get(0))
        .optional()?;
    match existing {
        Some(no) => {
            conn.execute("UPDATE object_type SET def = ?2 WHERE type_no = ?1", params![no, json])?;
            Ok(no)
        }
        None => {
            conn.execute("INSERT INTO object_type (type_id, def) VALUES (?1, ?2)", params![def.type_id, json])?;
            let no = conn.last_insert_rowid();
            super::fts::create(conn, no)?;
            Ok(no)
        }
    }
}

fn next_pos(conn: &Connection, table: &str, type_no: i64) -> EmuResult<i64> {
    let sql = format!("SELECT COALESCE(MAX(pos), -1) + 1 FROM {table} WHERE type_no = ?1");
    Ok(conn.query_row(&sql, [type_no], |r| r.get(0))?)
}

/// Inserts or replaces a property definition (keeping its position when it exists).
pub fn put_property(conn: &Connection, type_no: i64, p: &Property) -> EmuResult<()> {
    let json = serde_json::to_string(p)?;
    let pos: Option<i64> = conn
        .query_row("SELECT pos FROM property WHERE type_no = ?1 AND name = ?2", params![type_no, p.name], |r| r.get(0))
        .optional()?;
    let pos = match pos {
        Some(pos) => pos,
        None => next_pos(conn, "property", type_no)?,
    };
    conn.prepare_cached(
        "INSERT OR REPLACE INTO property (type_no, name, pos, def, archived) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![type_no, p.name, pos, json, p.archived])?;
    Ok(())
}

/// Removes a property definition for good (archived properties can be re-created).
pub fn delete_property(conn: &Connection, type_no: i64, name: &str) -> EmuResult<()> {
    conn.execute("DELETE FROM property WHERE type_no = ?1 AND name = ?2", params![type_no, name])?;
    Ok(())
}

/// Inserts or replaces a property group.
pub fn put_group(conn: &Connection, type_no: i64, g: &PropertyGroup) -> EmuResult<()> {
    let json = serde_json::to_string(g)?;
    let pos: Option<i64> = conn
        .query_row("SELECT pos FROM property_group WHERE type_no = ?1 AND name = ?2", params![type_no, g.name], |r| {
            r.get(0)
        })
        .optional()?;
    let pos = match pos {
        Some(pos) => pos,
        None => next_pos(conn, "property_group", type_no)?,
    };
    conn.execute(
        "INSERT OR REPLACE INTO property_group (type_no, name, pos, def) VALUES (?1, ?2, ?3, ?4)",
        params![type_no, g.name, pos, json],
    )?;
    Ok(())
}

/// Deletes a property group.
pub fn delete_group(conn: &Connection, type_no: i64, name: &str) -> EmuResult<()> {
    conn.execute("DELETE FROM property_group WHERE type_no = ?1 AND name = ?2", params![type_no, name])?;
    Ok(())
}

/// Stores a pipeline (JSON as the pipelines API returns it).
pub fn put_pipeline(conn: &Connection, type_no: i64, id: &str, def: &serde_json::Value) -> EmuResult<()> {
    conn.execute(
        "INSERT OR REPLACE INTO pipeline (type_no, id, def) VALUES (?1, ?2, ?3)",
        params![type_no, id, def.to_string()],
    )?;
    Ok(())
}

/// A type's pipelines in display order.
pub fn pipelines(conn: &Connection, type_no: i64) -> EmuResult<Vec<serde_json::Value>> {
    let mut stmt = conn.prepare_cached("SELECT def FROM pipeline WHERE type_no = ?1")?;
    let rows = stmt.query_map([type_no], |r| r.get::<_, String>(0))?;
    let mut out: Vec<serde_json::Value> = Vec::new();
    for row in rows {
        out.push(serde_json::from_str(&row?)?);
    }
    out.sort_by_key(|p| p.get("displayOrder").and_then(serde_json::Value::as_i64).unwrap_or(0));
    Ok(out)
}

/// Reads a meta value.
pub fn meta(conn: &Connection, key: &str) -> EmuResult<Option<String>> {
    Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// Writes a meta value.
pub fn set_meta(conn: &Connection, key: &str, value: &str) -> EmuResult<()> {
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", params![key, value])?;
    Ok(())
}
