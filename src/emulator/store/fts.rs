//! Full-text indexes for `query`: one contentless FTS5 table per object type (`fts_{no}`),
//! holding the type's searchable properties of its live records, rowid = record id; and the
//! three reads a search makes of them (count, one page in id order, every matching id).

use rusqlite::{Connection, params};

use super::EmuResult;

/// The FTS table of a type.
#[must_use]
pub fn table(type_no: i64) -> String {
    format!("fts_{type_no}")
}

/// How the tables are made. Every prefix length up to 6 has its own index (one-letter words
/// included), so a query word of up to 6 characters reads one list instead of merging the
/// lists of every term it starts (with unique VINs, `1` starts a million terms). Changing
/// this needs a migration that rebuilds the tables (`migrate.rs`, version 2).
const OPTIONS: &str =
    "body, content='', contentless_delete=1, prefix='1 2 3 4 5 6', tokenize = 'unicode61 remove_diacritics 2'";

/// Creates a type's FTS table.
pub fn create(conn: &Connection, type_no: i64) -> EmuResult<()> {
    conn.execute_batch(&format!("CREATE VIRTUAL TABLE IF NOT EXISTS {} USING fts5({OPTIONS})", table(type_no)))?;
    Ok(())
}

/// Drops and re-creates a type's FTS table, empty.
pub fn recreate(conn: &Connection, type_no: i64) -> EmuResult<()> {
    conn.execute_batch(&format!("DROP TABLE IF EXISTS {}", table(type_no)))?;
    create(conn, type_no)
}

/// Merges a type's FTS table into one segment (after a bulk load): a word's matches are then
/// one list to read instead of a merge of every segment's.
pub fn optimize(conn: &Connection, type_no: i64) -> EmuResult<()> {
    let t = table(type_no);
    conn.execute_batch(&format!("INSERT INTO {t} ({t}) VALUES ('optimize')"))?;
    Ok(())
}

/// Adds a record's searchable text.
pub fn insert(conn: &Connection, type_no: i64, id: i64, body: &str) -> EmuResult<()> {
    conn.prepare_cached(&format!("INSERT INTO {} (rowid, body) VALUES (?1, ?2)", table(type_no)))?
        .execute(params![id, body])?;
    Ok(())
}

/// Removes a record's searchable text (no-op when absent).
pub fn delete(conn: &Connection, type_no: i64, id: i64) -> EmuResult<()> {
    conn.prepare_cached(&format!("DELETE FROM {} WHERE rowid = ?1", table(type_no)))?.execute([id])?;
    Ok(())
}

/// How many live records of a type match an FTS5 expression.
pub fn count(conn: &Connection, type_no: i64, fts_match: &str) -> EmuResult<i64> {
    let table = table(type_no);
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE {table} MATCH ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([fts_match], |r| r.get(0))?)
}

/// One page of the matching record ids, in id order.
pub fn page(conn: &Connection, type_no: i64, fts_match: &str, limit: usize, offset: usize) -> EmuResult<Vec<i64>> {
    let table = table(type_no);
    let sql = format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid LIMIT ?2 OFFSET ?3");
    Ok(conn
        .prepare_cached(&sql)?
        .query_map(params![fts_match, i64::try_from(limit).unwrap_or(0), i64::try_from(offset).unwrap_or(0)], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// Every matching record id, ascending.
pub fn matching(conn: &Connection, type_no: i64, fts_match: &str) -> EmuResult<Vec<i64>> {
    let sql = format!("SELECT rowid FROM {0} WHERE {0} MATCH ?1 ORDER BY rowid", table(type_no));
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt.query_map([fts_match], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?)
}
