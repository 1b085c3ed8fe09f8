//! `hubtui serve` as a real process: the ready line, durability across `kill -9`, and a clean
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! shutdown on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

struct Server {
    child: Child,
    base: String,
}

fn start(db: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hubtui"))
        .args(["serve", "--addr", "127.0.0.1:0", "--records", "40", "--db"])
        .arg(db)
        .env("HUBTUI_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn hubtui serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("ready line");
    let base = line.trim().strip_prefix("hubtui emulator listening on ").expect("the ready line's wording").to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");
    Server { child, base }
}

fn call(method: reqwest::Method, url: &str, body: Option<Value>) -> (u16, Value) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let mut req = reqwest::Client::new().request(method, url).bearer_auth("t");
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.expect("send");
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    })
}

#[test]
fn acknowledged_writes_survive_kill_9_and_the_seed_is_not_repeated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("crm.db");
    let mut s = start(&db);
    let (status, created) = call(
        reqwest::Method::POST,
        &format!("{}/crm/v3/objects/cars", s.base),
        Some(json!({"properties": {"VIN": "KILL9TEST", "year": "2026", "make": "BMW", "model": "X1"}})),
    );
    assert_eq!(status, 201);
    let id = created["id"].as_str().expect("id").to_owned();
    let (status, _) = call(
        reqwest::Method::PATCH,
        &format!("{}/crm/v3/objects/cars/{id}", s.base),
        Some(json!({"properties": {"price": "51000"}})),
    );
    assert_eq!(status, 200);
    s.child.kill().expect("kill -9");
    s.child.wait().expect("reap");

    let mut s = start(&db);
    let (status, got) =
        call(reqwest::Method::GET, &format!("{}/crm/v3/objects/cars/{id}?properties=price,VIN", s.base), None);
    assert_eq!(status, 200);
    assert_eq!(got["properties"]["price"], "51000");
    let (_, page) = call(reqwest::Method::GET, &format!("{}/crm/v3/objects/cars?limit=100", s.base), None);
    assert_eq!(page["results"].as_array().expect("results").len(), 41, "40 seeded + 1 created, seeded once");
    let _ = s.child.kill();
    let _ = s.child.wait();
}

#[test]
fn sigterm_shuts_down_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = start(&dir.path().join("crm.db"));
    let status = Command::new("kill").args(["-TERM", &s.child.id().to_string()]).status().expect("kill -TERM");
    assert!(status.success());
    let exit = s.child.wait().expect("wait");
    assert!(exit.success(), "exit status {exit:?}");
}

#[test]
fn memory_and_db_flags_conflict() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_hubtui")).args(["serve", "--memory", "--db", "x.db"]).output().expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
}

#[test]
fn sigterm_checkpoints_and_leaves_no_wal_or_shm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("crm.db");
    let mut s = start(&db);
    let (status, _) = call(
        reqwest::Method::POST,
        &format!("{}/crm/v3/objects/cars", s.base),
        Some(json!({"properties": {"VIN": "SIGTERMWAL", "year": "2026", "make": "BMW", "model": "X1"}})),
    );
    assert_eq!(status, 201);
    let status = Command::new("kill").args(["-TERM", &s.child.id().to_string()]).status().expect("kill -TERM");
    assert!(status.success());
    assert!(s.child.wait().expect("wait").success());
    for suffix in ["-wal", "-shm"] {
        let side = dir.path().join(format!("crm.db{suffix}"));
        assert!(!side.exists(), "{} is left after a clean shutdown", side.display());
    }
    let conn = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let n: i64 =
        conn.query_row("SELECT COUNT(*) FROM object WHERE props LIKE '%SIGTERMWAL%'", [], |r| r.get(0)).expect("count");
    assert_eq!(n, 1, "the write is in the database file");
}
