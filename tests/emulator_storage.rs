//! The database file passes `PRAGMA integrity_check` with older SQLite releases too: every
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `WITHOUT ROWID` table declares its primary-key columns first, in key order and
//! `NOT NULL`, so a column's declared position is its stored position (SQLite 3.40, as
//! Debian 12 ships it, checks NOT NULL columns of such tables by the wrong position and
//! reports "NULL value in prop_value.type_no" otherwise). Older files are migrated and keep
//! their data.

mod support;

use std::path::Path;

use hubtui::emulator::launch::{DbChoice, SeedChoice};
use serde_json::json;
use support::Emu;
use support::storage::{columns, downgrade_prop_value, dump, integrity_check, without_rowid_tables};

fn assert_keys_lead(path: &Path) {
    let tables = without_rowid_tables(path);
    assert!(tables.iter().any(|t| t == "prop_value"), "{tables:?}");
    for table in tables {
        let cols = columns(path, &table);
        let key: Vec<_> = cols.iter().filter(|c| c.3 > 0).collect();
        assert!(!key.is_empty(), "{table} has a primary key");
        for (cid, name, notnull, pk) in key {
            assert_eq!(*cid + 1, *pk, "{table}.{name} is key column {pk}, so it must be declared as column {pk}");
            assert!(*notnull, "{table}.{name} is a key column and must be declared NOT NULL");
        }
    }
}

async fn seeded(path: &Path) {
    let emu = Emu::start(DbChoice::File(path.to_owned()), SeedChoice::Demo, 40, None).await;
    let r = emu
        .post(
            "/crm/v3/objects/cars",
            json!({"properties": {"VIN": "OLDFILE1", "year": "1999", "make": "Saab", "model": "900", "price": "1200"}}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
}

const VALUES: &str = "SELECT object_id, name, v_norm, type_no, v_num FROM prop_value ORDER BY object_id, name, v_norm";

#[tokio::test]
async fn a_new_database_declares_every_key_first_and_not_null() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    seeded(&path).await;
    assert_keys_lead(&path);
    assert_eq!(integrity_check(&path), ["ok"]);
}

#[tokio::test]
async fn an_old_file_is_migrated_and_keeps_every_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    seeded(&path).await;
    downgrade_prop_value(&path, 2);
    let before = dump(&path, VALUES);
    assert!(before.len() > 100);
    assert!(columns(&path, "prop_value")[0].1 == "type_no", "the old layout, to migrate from");
    let emu = Emu::start(DbChoice::File(path.clone()), SeedChoice::Demo, 40, None).await;
    assert_eq!(dump(&path, VALUES), before);
    assert_keys_lead(&path);
    assert_eq!(integrity_check(&path), ["ok"]);
    let r = emu
        .post(
            "/crm/v3/objects/cars/search",
            json!({"filterGroups": [{"filters": [{"propertyName": "make", "operator": "EQ", "value": "saab"}]}], "properties": ["VIN"]}),
        )
        .await;
    assert_eq!(r.json["results"][0]["properties"]["VIN"], "OLDFILE1", "{}", r.text);
    let version: Vec<String> = dump(&path, "PRAGMA user_version");
    assert_eq!(version, ["Integer(5)"]);
}
