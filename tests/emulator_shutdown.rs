//! The embedded CRM's handle shuts down cleanly: serving stops, the WAL is checkpointed
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! into the database and every connection closes, so no `-wal`/`-shm` file is left, and
//! what was written is in the database file itself.

use hubtui::emulator::launch::{DbChoice, Embedded, SeedChoice};
use serde_json::json;

fn sidecars(db: &std::path::Path) -> Vec<String> {
    ["-wal", "-shm"]
        .iter()
        .map(|s| format!("{}{s}", db.display()))
        .filter(|p| std::path::Path::new(p).exists())
        .collect()
}

#[tokio::test]
async fn shutdown_checkpoints_and_leaves_no_wal_or_shm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.db");
    let crm = Embedded::start(DbChoice::File(db.clone()), SeedChoice::Demo, 20).await.unwrap();
    let http = reqwest::Client::new();
    let r = http
        .post(format!("{}/crm/v3/objects/cars", crm.base_url()))
        .bearer_auth("t")
        .json(&json!({"properties": {"VIN": "WALTEST1", "year": "2024", "make": "Kia", "model": "EV6"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert!(!sidecars(&db).is_empty(), "a file database runs in WAL mode");
    crm.shutdown().await.unwrap();
    assert_eq!(sidecars(&db), Vec::<String>::new());
    let conn = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM object WHERE props LIKE '%WALTEST1%'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1, "the write is in the database file");
}

#[tokio::test]
async fn an_in_memory_crm_shuts_down_too() {
    let crm = Embedded::start(DbChoice::Memory, SeedChoice::Empty, 0).await.unwrap();
    let base = crm.base_url().to_owned();
    crm.shutdown().await.unwrap();
    assert!(reqwest::Client::new().get(format!("{base}/__hubtui/health")).bearer_auth("t").send().await.is_err());
}
