//! Issue 18: safe CLI writes and a write log that survives `kill -9` — the real binary
//! against `hubtui serve` on loopback: dry runs write nothing and name their plan by a digest,
//! a wrong `--confirm` refuses, large writes to a non-local portal refuse without a terminal,
//! and an import killed mid-batch is settled on the next run by reading the records.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::process::{Command, Stdio};

use reqwest::Method;
use serde_json::{Value, json};

#[path = "support/cli.rs"]
mod cli_support;

use cli_support::{Env, Serve, stderr};

/// A CSV of `n` cars by VIN (`prefix` + a number, 17 characters) at `price`.
fn cars_csv(env: &Env, name: &str, prefix: &str, n: usize, price: &str) -> String {
    let mut text = String::from("VIN,make,model,year,price\n");
    for i in 0..n {
        text.push_str(&format!("{prefix}{i:0>width$},Kia,Rio,2024,{price}\n", width = 17 - prefix.len()));
    }
    let path = env.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn upserts(serve: &Serve) -> usize {
    serve.writes().iter().filter(|w| w.ends_with("/batch/upsert")).count()
}

#[test]
fn dry_runs_write_nothing_and_a_digest_names_one_plan() {
    let env = Env::new();
    let serve = Serve::start(&["--records", "10"]);
    let base = ["--base-url", serve.base.as_str(), "--token", "t"];
    let file = cars_csv(&env, "a.csv", "DRYRUN", 150, "1000");
    let import = |extra: &[&str]| {
        let mut args = vec!["import", "cars", file.as_str(), "--id-property", "VIN"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&base);
        env.run(&args)
    };
    let dry = import(&["--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let digest = String::from_utf8(dry.stdout.clone()).unwrap().trim().to_owned();
    assert_eq!(digest.len(), 12, "the digest alone on stdout: {digest:?}");
    let err = stderr(&dry);
    assert!(err.contains("150 record(s): 150 new"), "{err}");
    assert!(err.contains("calls: 4 call(s)"), "{err}");
    assert!(err.contains("row 1: VIN DRYRUN00000000000 (new) "), "{err}");
    let rerun = format!(
        "hubtui import cars {file} --id-property VIN --base-url {} --confirm {digest}   (with the token again",
        serve.base
    );
    assert!(err.contains(&rerun), "the command that writes this plan, its token left out: {err}");
    assert_eq!(upserts(&serve), 0, "a dry run writes nothing: {:?}", serve.writes());
    // The same plan, the same digest; another value, another digest.
    assert_eq!(String::from_utf8(import(&["--dry-run"]).stdout).unwrap().trim(), digest);
    let other = cars_csv(&env, "b.csv", "DRYRUN", 150, "1001");
    let o =
        env.run(&["import", "cars", &other, "--id-property", "VIN", "--dry-run", base[0], base[1], base[2], base[3]]);
    assert_ne!(String::from_utf8(o.stdout).unwrap().trim(), digest);
    // A wrong digest refuses and writes nothing; the right one writes.
    let wrong = import(&["--confirm", "0123456789ab"]);
    assert_eq!(wrong.status.code(), Some(2), "{}", stderr(&wrong));
    assert!(stderr(&wrong).contains("does not match this plan's digest"), "{}", stderr(&wrong));
    assert_eq!(upserts(&serve), 0);
    let right = import(&["--confirm", &digest]);
    assert!(right.status.success(), "{}", stderr(&right));
    assert!(stderr(&right).contains("created 150, updated 0, failed 0"), "{}", stderr(&right));
    // Once written, a dry run of the same file says nothing would change.
    assert!(stderr(&import(&["--dry-run"])).contains("150 record(s): 150 unchanged"));
}

/// Against a portal that is not this machine, more than `confirm_above` records need a
/// terminal, `--yes` or the plan's digest; the refusal comes before any call (the address is
/// TEST-NET-1, which nothing answers).
#[test]
fn large_writes_to_a_remote_portal_refuse_without_a_terminal() {
    let env = Env::new();
    let file = cars_csv(&env, "a.csv", "REMOTE", 101, "5");
    let args = ["import", "cars", &file, "--id-property", "VIN", "--base-url", "http://192.0.2.1:9", "--token", "t"];
    let o = env.run(&args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("101 record(s)") && err.contains("confirm_above (100)") && err.contains("--yes"), "{err}");
    let mut wrong = args.to_vec();
    wrong.extend(["--yes", "--confirm", "feedfacecafe"]);
    assert!(stderr(&env.run(&wrong)).contains("does not match"), "a wrong digest refuses even with --yes");
    // A profile's threshold counts: at 0 even one record asks.
    std::fs::create_dir_all(env.dir.path().join("config")).unwrap();
    std::fs::write(
        env.dir.path().join("config/config.toml"),
        "[profiles.prod]\nbase_url = \"http://192.0.2.1:9\"\ntoken = \"t\"\nconfirm_above = 0\n",
    )
    .unwrap();
    let one = cars_csv(&env, "one.csv", "REMOTE", 1, "5");
    let o = env.run(&["import", "cars", &one, "--id-property", "VIN", "--profile", "prod"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("confirm_above (0)"), "{}", stderr(&o));
}

/// Reads the CLI's stderr until its progress shows `at_least` rows done.
fn wait_for_progress(stderr: &mut impl Read, at_least: usize) -> String {
    let mut seen = String::new();
    let mut byte = [0u8; 1];
    loop {
        assert_eq!(stderr.read(&mut byte).unwrap(), 1, "the import ended early: {seen}");
        seen.push(char::from(byte[0]));
        let last = seen.rsplit("importing: ").next().unwrap_or("");
        if let Some((done, rest)) = last.split_once('/')
            && rest.contains("250")
            && done.parse::<usize>().is_ok_and(|d| d >= at_least)
        {
            return seen;
        }
    }
}

fn log_entries(env: &Env, base: &[&str]) -> (Vec<Value>, String) {
    let mut args = vec!["log", "--json"];
    args.extend_from_slice(base);
    let o = env.run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines =
        String::from_utf8(o.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    (lines, stderr(&o))
}

#[test]
fn an_import_killed_mid_batch_is_settled_on_the_next_run_and_the_log_stays_readable() {
    let env = Env::new();
    let serve = Serve::start(&["--records", "10"]);
    let base = ["--base-url", serve.base.as_str(), "--token", "t"];
    // The first upsert to arrive never answers; the other two commit.
    let (s, _) = serve.call(
        Method::PUT,
        "/__hubtui/faults",
        Some(json!({"seed": 1, "rules": [{"path": "*/batch/upsert", "times": 1, "action": {"type": "hang"}}]})),
    );
    assert!(s < 300, "faults set: {s}");
    let file = cars_csv(&env, "a.csv", "KILLED", 250, "77");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hubtui"))
        .args(["import", "cars", &file, "--id-property", "VIN", "--yes"])
        .args(base)
        .env("HUBTUI_DATA_DIR", env.dir.path().join("data"))
        .env("HUBTUI_CONFIG_DIR", env.dir.path().join("config"))
        .env_remove("HUBSPOT_ACCESS_TOKEN")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    wait_for_progress(&mut err, 150);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // The log as the kill left it: every line whole, the import's last word "pending".
    let logs: Vec<_> = walk(&env.dir.path().join("data")).into_iter().filter(|p| p.ends_with("writes.jsonl")).collect();
    assert_eq!(logs.len(), 1, "{logs:?}");
    let text = std::fs::read_to_string(&logs[0]).unwrap();
    let last: Value = serde_json::from_str(text.lines().last().unwrap()).expect("no torn line");
    assert_eq!(last["status"], "pending");
    // The next run settles it by reading the records.
    let (entries, said) = log_entries(&env, &base);
    assert!(said.contains("1 interrupted write(s) settled"), "{said}");
    let e = &entries[0];
    assert_eq!(e["id"], last["id"]);
    assert_eq!(e["status"], "done", "{e}");
    assert!(e["note"].as_str().unwrap().contains("settled by reading the records"));
    let records = e["records"].as_array().unwrap();
    let ok: Vec<&Value> = records.iter().filter(|r| r["result"]["is"] == "ok").collect();
    let failed = records.iter().filter(|r| r["result"]["is"] == "failed").count();
    assert!(ok.len() >= 150 && ok.len() + failed == 250, "{} ok, {failed} failed", ok.len());
    assert!(ok.iter().all(|r| r["created"] == true && r["id"].as_str().unwrap().parse::<u64>().is_ok()));
    // What the log says is what the portal holds.
    let (_, found) = serve.call(
        Method::POST,
        "/crm/v3/objects/cars/search",
        Some(json!({"filterGroups": [{"filters": [{"propertyName": "price", "operator": "EQ", "value": "77"}]}]})),
    );
    assert_eq!(found["total"].as_u64().unwrap() as usize, ok.len());
    // Settled once; and now it can be undone: what it created is archived.
    assert!(!log_entries(&env, &base).1.contains("settled"));
    let id = e["id"].as_str().unwrap();
    let o = env.run(&["undo", id, "--yes", base[0], base[1], base[2], base[3]]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("{} archived", ok.len())), "{}", stderr(&o));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Two servers on one file (as the app's local CRM and a `hubtui import` beside it): a write
/// through one is seen by the other's next search and GET, though that one keeps search
/// columns and records read lately in memory.
#[test]
fn a_write_by_another_process_is_seen_by_the_next_search_and_get() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    let a = Serve::start_on(&db, &["--records", "50"]);
    let rivians = |s: &Serve| {
        let body = json!({"filterGroups": [{"filters": [{"propertyName": "make", "operator": "EQ", "value": "Rivian"}]}], "limit": 1});
        s.call(Method::POST, "/crm/v3/objects/cars/search", Some(body)).1["total"].clone()
    };
    assert_eq!(rivians(&a), 0);
    let (_, list) = a.call(Method::GET, "/crm/v3/objects/cars?limit=1", None);
    let id = list["results"][0]["id"].as_str().unwrap().to_owned();
    let make = |s: &Serve| {
        s.call(Method::GET, &format!("/crm/v3/objects/cars/{id}?properties=make"), None).1["properties"]["make"].clone()
    };
    assert_ne!(make(&a), "Rivian");
    let b = Serve::start_on(&db, &[]);
    let (status, body) =
        b.call(Method::PATCH, &format!("/crm/v3/objects/cars/{id}"), Some(json!({"properties": {"make": "Rivian"}})));
    assert_eq!(status, 200, "{body}");
    assert_eq!(make(&a), "Rivian", "the GET");
    assert_eq!(rivians(&a), 1, "the search");
}
