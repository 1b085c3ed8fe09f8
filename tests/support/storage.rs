//! Looking inside a database file, and making it look like an older version's.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use hubtui::emulator::store::Catalog;
use hubtui::emulator::store::index::fts_body;
use hubtui::emulator::store::records::{COLUMNS, from_row};
use rusqlite::Connection;

/// The FTS tables of a database: name and `CREATE` statement.
pub fn fts_tables(path: &Path) -> Vec<(String, String)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name GLOB 'fts_[0-9]*' AND sql LIKE 'CREATE VIRTUAL%'")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

/// Rebuilds every FTS table as schema version 1 made them (no one-letter prefix index) and
/// marks the file as version `version`.
pub fn downgrade_fts(path: &Path, version: i64) {
    let mut conn = Connection::open(path).unwrap();
    let catalog = Catalog::load(&conn).unwrap();
    let tx = conn.transaction().unwrap();
    for t in catalog.types() {
        let table = format!("fts_{}", t.def.no);
        tx.execute_batch(&format!(
            "DROP TABLE IF EXISTS {table};
             CREATE VIRTUAL TABLE {table} USING fts5(body, content='', contentless_delete=1, prefix='2 3 4 5 6', tokenize = 'unicode61 remove_diacritics 2');"
        ))
        .unwrap();
        let mut rows =
            tx.prepare(&format!("SELECT {COLUMNS} FROM object WHERE type_no = ?1 AND archived = 0")).unwrap();
        let records = rows.query_map([t.def.no], from_row).unwrap().collect::<rusqlite::Result<Vec<_>>>().unwrap();
        for rec in records {
            let body = fts_body(t, &rec);
            if !body.is_empty() {
                tx.execute(
                    &format!("INSERT INTO {table} (rowid, body) VALUES (?1, ?2)"),
                    rusqlite::params![rec.id, body],
                )
                .unwrap();
            }
        }
    }
    tx.pragma_update(None, "user_version", version).unwrap();
    tx.commit().unwrap();
}

/// Every table declared `WITHOUT ROWID` (FTS5's own shadow tables left out).
pub fn without_rowid_tables(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%' AND name NOT GLOB 'fts_*'")
        .unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

/// `PRAGMA table_info` of a table: (cid, name, notnull, pk position or 0).
pub fn columns(path: &Path, table: &str) -> Vec<(i64, String, bool, i64)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})")).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(3)?, r.get(5)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// `PRAGMA integrity_check`, every line.
pub fn integrity_check(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare("PRAGMA integrity_check").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

/// A query's rows as text, for comparing a database before and after a migration.
pub fn dump(path: &Path, sql: &str) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
            .collect::<rusqlite::Result<Vec<_>>>()
            .map(|v| v.join("|"))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// Rebuilds `prop_value` with the column order of schema version 1 (`type_no` first, the
/// key's `object_id` last) and marks the file as version `version`.
pub fn downgrade_prop_value(path: &Path, version: i64) {
    let mut conn = Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute_batch(
        "CREATE TABLE prop_value_v1 (
            type_no INTEGER NOT NULL, name TEXT NOT NULL, v_norm TEXT NOT NULL, v_num REAL,
            object_id INTEGER NOT NULL, PRIMARY KEY (object_id, name, v_norm)) WITHOUT ROWID;
         INSERT INTO prop_value_v1 SELECT type_no, name, v_norm, v_num, object_id FROM prop_value;
         DROP TABLE prop_value;
         ALTER TABLE prop_value_v1 RENAME TO prop_value;
         CREATE INDEX pv_text ON prop_value(type_no, name, v_norm, object_id);
         CREATE INDEX pv_num ON prop_value(type_no, name, v_num, object_id) WHERE v_num IS NOT NULL;",
    )
    .unwrap();
    tx.pragma_update(None, "user_version", version).unwrap();
    tx.commit().unwrap();
}
