//! The CLI as a real process, for the CLI tests: a temp data/config dir ([`Env`]) and a
//! `hubtui serve` on a free port ([`Serve`]).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::process::{Command, Output};

use serde_json::Value;

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_hubtui"))
            .args(args)
            .env("HUBTUI_DATA_DIR", self.dir.path().join("data"))
            .env("HUBTUI_CONFIG_DIR", self.dir.path().join("config"))
            .env_remove("HUBSPOT_ACCESS_TOKEN")
            .output()
            .unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A `hubtui serve` on a free port; killed when dropped.
pub struct Serve {
    pub child: std::process::Child,
    pub base: String,
}

impl Serve {
    pub fn start(args: &[&str]) -> Self {
        Self::spawn(&["--memory"], args)
    }

    /// A server on a database file (seeded when new), which another server may share.
    pub fn start_on(db: &std::path::Path, args: &[&str]) -> Self {
        Self::spawn(&["--db", db.to_str().unwrap()], args)
    }

    fn spawn(store: &[&str], args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hubtui"))
            .arg("serve")
            .args(store)
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut line).unwrap();
        let base = line.trim().trim_start_matches("hubtui emulator listening on ").to_owned();
        Self { child, base }
    }

    /// One call to the server (bearer `t`), its status and JSON body.
    pub fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let mut req = reqwest::Client::new().request(method, format!("{}{path}", self.base)).bearer_auth("t");
            if let Some(b) = body {
                req = req.json(&b);
            }
            let r = req.send().await.unwrap();
            let status = r.status().as_u16();
            (status, r.json().await.unwrap_or(Value::Null))
        })
    }

    /// The paths of the writes the server has answered (from its request journal).
    pub fn writes(&self) -> Vec<String> {
        let (_, j) = self.call(reqwest::Method::GET, "/__hubtui/journal?limit=1000", None);
        let reads = ["/batch/read", "/search"];
        j["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["method"] != "GET")
            .filter(|e| {
                e["path"].as_str().is_some_and(|p| !p.starts_with("/__hubtui") && !reads.iter().any(|r| p.ends_with(r)))
            })
            .map(|e| format!("{} {}", e["method"].as_str().unwrap_or(""), e["path"].as_str().unwrap_or("")))
            .collect()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Env {
    pub fn run_with_env_token(&self, token: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_hubtui"))
            .args(args)
            .env("HUBTUI_DATA_DIR", self.dir.path().join("data"))
            .env("HUBTUI_CONFIG_DIR", self.dir.path().join("config"))
            .env("HUBSPOT_ACCESS_TOKEN", token)
            .output()
            .unwrap()
    }
}
