//! Association rows (stored in both directions, each with its own type id) and the
//! association types known per pair of object types.

use rusqlite::{Connection, OptionalExtension, params};

use super::EmuResult;

/// An association type between two object types, in one direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssocType {
    pub from_type_no: i64,
    pub to_type_no: i64,
    pub category: String,
    pub type_id: i64,
    /// The v3 name (`contact_to_company`, `contact_to_company_unlabeled`).
    pub name: Option<String>,
    /// The label (`Primary`), `None` for the unlabeled type.
    pub label: Option<String>,
    /// The type id of the same association read from the other side.
    pub inverse_type_id: Option<i64>,
}

/// Registers an association type (idempotent).
pub fn define(conn: &Connection, t: &AssocType) -> EmuResult<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO assoc_type (from_type_no, to_type_no, category, type_id, name, label, inverse_type_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![t.from_type_no, t.to_type_no, t.category, t.type_id, t.name, t.label, t.inverse_type_id])?;
    Ok(())
}

/// The types from one object type to another.
pub fn types_between(conn: &Connection, from_no: i64, to_no: i64) -> EmuResult<Vec<AssocType>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_type_no, to_type_no, category, type_id, name, label, inverse_type_id
         FROM assoc_type WHERE from_type_no = ?1 AND to_type_no = ?2 ORDER BY type_id",
    )?;
    let rows = stmt.query_map(params![from_no, to_no], |r| {
        Ok(AssocType {
            from_type_no: r.get(0)?,
            to_type_no: r.get(1)?,
            category: r.get(2)?,
            type_id: r.get(3)?,
            name: r.get(4)?,
            label: r.get(5)?,
            inverse_type_id: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One type by its key.
pub fn find_type(
    conn: &Connection,
    from_no: i64,
    to_no: i64,
    category: &str,
    type_id: i64,
) -> EmuResult<Option<AssocType>> {
    Ok(types_between(conn, from_no, to_no)?.into_iter().find(|t| t.category == category && t.type_id == type_id))
}

/// The unlabeled (default) type from one object type to another, if any.
pub fn default_type(conn: &Connection, from_no: i64, to_no: i64) -> EmuResult<Option<AssocType>> {
    Ok(types_between(conn, from_no, to_no)?.into_iter().find(|t| t.label.is_none()))
}

/// An association in one direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub to_id: i64,
    pub category: String,
    pub type_id: i64,
}

/// Adds an association and its inverse.
pub fn link(conn: &Connection, from: (i64, i64), to: (i64, i64), t: &AssocType) -> EmuResult<()> {
    let (from_id, from_no) = from;
    let (to_id, to_no) = to;
    let mut ins = conn.prepare_cached(
        "INSERT OR IGNORE INTO association (from_id, to_type_no, to_id, category, type_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    ins.execute(params![from_id, to_no, to_id, t.category, t.type_id])?;
    if let Some(inv) = t.inverse_type_id {
        ins.execute(params![to_id, from_no, from_id, t.category, inv])?;
    }
    Ok(())
}

/// Links from a record to live records of one type, by target id then type id.
pub fn links(conn: &Connection, from_id: i64, to_no: i64) -> EmuResult<Vec<Link>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.to_id, a.category, a.type_id FROM association a JOIN object o ON o.id = a.to_id
         WHERE a.from_id = ?1 AND a.to_type_no = ?2 AND o.archived = 0 ORDER BY a.to_id, a.type_id",
    )?;
    let rows = stmt.query_map(params![from_id, to_no], |r| {
        Ok(Link { to_id: r.get(0)?, category: r.get(1)?, type_id: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether any association runs from one record to another.
pub fn linked(conn: &Connection, from_id: i64, to_id: i64) -> EmuResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM association WHERE from_id = ?1 AND to_id = ?2 LIMIT 1")?
        .query_row(params![from_id, to_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Moves every association of `from` onto `to` (merge), skipping links between the two.
pub fn repoint(conn: &Connection, from: i64, to: i64) -> EmuResult<()> {
    conn.execute(
        "INSERT OR IGNORE INTO association (from_id, to_type_no, to_id, category, type_id)
         SELECT ?2, to_type_no, to_id, category, type_id FROM association WHERE from_id = ?1 AND to_id <> ?2",
        params![from, to],
    )?;
    let to_type_no: Option<i64> =
        conn.query_row("SELECT type_no FROM object WHERE id = ?1", [to], |r| r.get(0)).optional()?;
    if let Some(no) = to_type_no {
        conn.execute(
            "INSERT OR IGNORE INTO association (from_id, to_type_no, to_id, category, type_id)
             SELECT from_id, ?3, ?2, category, type_id FROM association WHERE to_id = ?1 AND from_id <> ?2",
            params![from, to, no],
        )?;
    }
    conn.execute("DELETE FROM association WHERE from_id = ?1 OR to_id = ?1", [from])?;
    Ok(())
}

/// Every link from one record to another (both ids given).
pub fn links_between(conn: &Connection, from_id: i64, to_id: i64) -> EmuResult<Vec<Link>> {
    let mut stmt = conn.prepare_cached(
        "SELECT to_id, category, type_id FROM association WHERE from_id = ?1 AND to_id = ?2 ORDER BY type_id",
    )?;
    let rows = stmt.query_map(params![from_id, to_id], |r| {
        Ok(Link { to_id: r.get(0)?, category: r.get(1)?, type_id: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes one association and its inverse.
pub fn unlink(conn: &Connection, from: (i64, i64), to: (i64, i64), t: &AssocType) -> EmuResult<()> {
    let mut del = conn.prepare_cached(
        "DELETE FROM association WHERE from_id = ?1 AND to_type_no = ?2 AND to_id = ?3 AND category = ?4 AND type_id = ?5",
    )?;
    del.execute(params![from.0, to.1, to.0, t.category, t.type_id])?;
    if let Some(inv) = t.inverse_type_id {
        del.execute(params![to.0, from.1, from.0, t.category, inv])?;
    }
    Ok(())
}

/// Removes every association between two records, both directions.
pub fn unlink_pair(conn: &Connection, a: i64, b: i64) -> EmuResult<()> {
    conn.prepare_cached(
        "DELETE FROM association WHERE (from_id = ?1 AND to_id = ?2) OR (from_id = ?2 AND to_id = ?1)",
    )?
    .execute(params![a, b])?;
    Ok(())
}

/// Whether any record of `from_no` uses an association type.
pub fn type_in_use(conn: &Connection, t: &AssocType) -> EmuResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM association a JOIN object o ON o.id = a.from_id
             WHERE o.type_no = ?1 AND a.to_type_no = ?2 AND a.category = ?3 AND a.type_id = ?4 LIMIT 1",
        )?
        .query_row(params![t.from_type_no, t.to_type_no, t.category, t.type_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Deletes an association type (one direction).
pub fn undefine(conn: &Connection, t: &AssocType) -> EmuResult<()> {
    conn.prepare_cached(
        "DELETE FROM assoc_type WHERE from_type_no = ?1 AND to_type_no = ?2 AND category = ?3 AND type_id = ?4",
    )?
    .execute(params![t.from_type_no, t.to_type_no, t.category, t.type_id])?;
    Ok(())
}

/// Links from a record to one type, paged by target id: up to `limit` targets with
/// `to_id >= from_target`.
pub fn links_page(conn: &Connection, from_id: i64, to_no: i64, from_target: i64, limit: usize) -> EmuResult<Vec<Link>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.to_id, a.category, a.type_id FROM association a JOIN object o ON o.id = a.to_id
         WHERE a.from_id = ?1 AND a.to_type_no = ?2 AND o.archived = 0
           AND a.to_id IN (SELECT DISTINCT b.to_id FROM association b JOIN object p ON p.id = b.to_id
                           WHERE b.from_id = ?1 AND b.to_type_no = ?2 AND b.to_id >= ?3 AND p.archived = 0 ORDER BY b.to_id LIMIT ?4)
         ORDER BY a.to_id, a.type_id",
    )?;
    let rows = stmt.query_map(params![from_id, to_no, from_target, i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
        Ok(Link { to_id: r.get(0)?, category: r.get(1)?, type_id: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids of records linked to a live record of type `to_no`: to any such record when
/// `to_ids` is `None`, else to one of `to_ids`.
pub fn linked_from(conn: &Connection, to_no: i64, to_ids: Option<&[i64]>) -> EmuResult<Vec<i64>> {
    let mut sql = String::from(
        "SELECT a.from_id FROM association a JOIN object t ON t.id = a.to_id AND t.archived = 0 WHERE a.to_type_no = ?1",
    );
    if let Some(ids) = to_ids {
        let marks: Vec<String> = (0..ids.len()).map(|i| format!("?{}", i + 2)).collect();
        sql.push_str(&format!(" AND a.to_id IN ({})", marks.join(", ")));
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let params: Vec<i64> = std::iter::once(to_no).chain(to_ids.unwrap_or_default().iter().copied()).collect();
    Ok(stmt
        .query_map(rusqlite::params_from_iter(params), |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}
