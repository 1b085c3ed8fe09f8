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
