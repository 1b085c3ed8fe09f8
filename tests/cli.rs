//! The headless CLI as a real process, against the embedded demo CRM in a temp data dir and
//! against `hubtui serve` with a token.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use serde_json::Value;

#[path = "support/cli.rs"]
mod cli_support;

use cli_support::{Env, Serve, stderr};

#[test]
fn search_get_and_groups_on_the_embedded_demo() {
    let env = Env::new();
    let r = env.json(&[
        "search",
        "cars",
        "--filter",
        "year EQ 2026",
        "--filter",
        "price GT 50000",
        "--properties",
        "year,price",
        "--limit",
        "200",
    ]);
    let total = r["total"].as_u64().unwrap();
    assert!(total > 0);
    for car in r["results"].as_array().unwrap() {
        assert_eq!(car["properties"]["year"], "2026");
    }
    let either = env.json(&["search", "cars", "--filter", "year EQ 2026", "--or", "--filter", "year EQ 2025"]);
    let y26 = env.json(&["search", "cars", "--filter", "year EQ 2026"])["total"].as_u64().unwrap();
    let y25 = env.json(&["search", "cars", "--filter", "year EQ 2025"])["total"].as_u64().unwrap();
    assert_eq!(either["total"].as_u64().unwrap(), y25 + y26, "--or makes two groups");
    let id = r["results"][0]["id"].as_str().unwrap();
    let one = env.json(&["get", "cars", id, "--properties", "VIN,model", "--history", "price"]);
    assert_eq!(one["id"], id);
    assert!(one["propertiesWithHistory"]["price"].is_array());
    let vin = one["properties"]["VIN"].as_str().unwrap();
    assert_eq!(env.json(&["get", "cars", vin, "--id-property", "VIN"])["id"], id);
    let sorted = env.json(&["search", "cars", "--sort", "-price", "--properties", "price", "--limit", "5"]);
    let prices: Vec<f64> = sorted["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["properties"]["price"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(prices.windows(2).all(|w| w[0] >= w[1]));
    let all = env.json(&["search", "cars", "--filter", "make EQ bmw", "--all"]);
    let bmw = env.json(&["search", "cars", "--filter", "make EQ bmw"])["total"].as_u64().unwrap();
    assert_eq!(all["results"].as_array().unwrap().len() as u64, bmw);
}

#[test]
fn export_and_import_round_trip() {
    let env = Env::new();
    let out = env.run(&["export", "cars", "--properties", "VIN,price"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().next().unwrap(), "id,VIN,price");
    assert_eq!(csv.lines().count(), 2001, "every car, no cap");
    let jsonl = env.run(&["export", "contacts", "--format", "jsonl"]);
    assert_eq!(String::from_utf8(jsonl.stdout).unwrap().lines().count(), 400);
    let json: Value = serde_json::from_slice(&env.run(&["export", "companies", "--format", "json"]).stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 60);

    let file = env.dir.path().join("cars.csv");
    let mut rows = String::from("VIN,year,make,model,price\n");
    for line in csv.lines().skip(1).take(3) {
        let vin = line.split(',').nth(1).unwrap();
        rows.push_str(&format!("{vin},,,,1234\n"));
    }
    rows.push_str("NEWVIN00000000001,2024,Ford,Bronco,40000\nNEWVIN00000000002,2024,Ford,,1\n,2024,Ford,Ranger,3\n");
    std::fs::write(&file, rows).unwrap();
    let out = env.run(&["import", "cars", file.to_str().unwrap(), "--id-property", "VIN"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "partial failure: {err}");
    assert!(err.contains("created 1, updated 3, failed 2"), "{err}");
    assert!(err.contains("row 5") && err.contains("row 6"), "{err}");
    assert_eq!(
        env.json(&["get", "cars", "NEWVIN00000000001", "--id-property", "VIN", "--properties", "model"])["properties"]
            ["model"],
        "Bronco"
    );
    let vin = csv.lines().nth(1).unwrap().split(',').nth(1).unwrap();
    assert_eq!(
        env.json(&["get", "cars", vin, "--id-property", "VIN", "--properties", "price"])["properties"]["price"],
        "1234"
    );
}

#[test]
fn bad_input_gives_clear_messages_and_distinct_exit_codes() {
    let env = Env::new();
    let o = env.run(&["search", "cars", "--filter", "year LIKE 2026"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown operator LIKE"));
    let o = env.run(&["search", "cars", "--filter", "colour EQ red"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("colour"), "{}", stderr(&o));
    let o = env.run(&["get", "spaceships", "1"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("spaceships"));
    let o = env.run(&["get", "cars", "1"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("not found"));
    let o = env.run(&["import", "cars", "/nonexistent/file.csv", "--id-property", "VIN"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read /nonexistent/file.csv"));
    let o = env.run(&["get", "cars"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.run(&["search", "cars", "--profile", "nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no profile named \"nope\""));
}

#[test]
fn types_props_help_and_completions() {
    let env = Env::new();
    let o = env.run(&["types"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("2-3465404") && text.contains("0-1"));
    let o = env.run(&["props", "cars"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.lines().any(|l| l.starts_with("VIN") && l.contains("unique")));
    let o = env.run(&["--help"]);
    assert!(String::from_utf8(o.stdout).unwrap().contains("search"));
    let o = env.run(&["search", "--help"]);
    let help = String::from_utf8(o.stdout).unwrap();
    assert!(help.contains("--or") && help.contains("year EQ 2026"));
    let o = env.run(&["completions", "bash"]);
    assert!(o.status.success() && String::from_utf8(o.stdout).unwrap().contains("hubtui"));
}

#[test]
fn a_token_never_appears_in_errors_and_is_sent_to_serve() {
    let env = Env::new();
    let mut serve = Command::new(env!("CARGO_BIN_EXE_hubtui"))
        .args(["serve", "--memory", "--addr", "127.0.0.1:0", "--records", "10", "--token", "right-token"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(serve.stdout.take().unwrap()), &mut line).unwrap();
    let base = line.trim().trim_start_matches("hubtui emulator listening on ").to_owned();
    let o = env.run(&["search", "cars", "--base-url", &base, "--token", "wrong-token-value"]);
    assert_eq!(o.status.code(), Some(3));
    let err = stderr(&o);
    assert!(err.contains("token was rejected") && !err.contains("wrong-token-value"), "{err}");
    let ok = env.json(&["search", "cars", "--base-url", &base, "--token", "right-token"]);
    assert_eq!(ok["total"], 10);
    let _ = serve.kill();
    let _ = serve.wait();
}

/// Issue 12.1: connection flags before the subcommand used to be ignored (the demo CRM or the
/// environment's token answered instead).
#[test]
fn connection_flags_work_in_any_position_and_beat_the_environment() {
    let env = Env::new();
    // An empty portal: no Cars type, unlike the embedded demo, so a wrong target shows.
    let serve = Serve::start(&["--seed", "empty", "--token", "right"]);
    for args in [
        vec!["--base-url", serve.base.as_str(), "--token", "right", "types"],
        vec!["--base-url", serve.base.as_str(), "types", "--token", "right"],
        vec!["types", "--token", "right", "--base-url", serve.base.as_str()],
    ] {
        let o = env.run_with_env_token("wrong-from-env", &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(text.contains("0-1") && !text.contains("2-3465404"), "{args:?} reached another CRM: {text}");
    }
    // A flag's token beats the environment's, wherever the flag stands.
    let o = env.run_with_env_token("right", &["--token", "wrong", "search", "contacts", "--base-url", &serve.base]);
    assert_eq!(o.status.code(), Some(3), "the flag's wrong token must be the one sent: {}", stderr(&o));
    // The environment's token is used when no flag names one.
    let o = env.run_with_env_token("right", &["--base-url", &serve.base, "search", "contacts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // `--db` before the subcommand names the embedded CRM's file.
    let db = env.dir.path().join("other.db");
    let o = env.run(&["--db", db.to_str().unwrap(), "types"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(db.exists(), "--db before the subcommand was ignored");
    // `--db` beats a token in the environment: it names the embedded CRM.
    let o = env.run_with_env_token("pat-na1-whatever", &["types", "--db", db.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Issue 12.1: a write says where it is going.
#[test]
fn import_says_where_it_writes() {
    let env = Env::new();
    let file = env.dir.path().join("one.csv");
    std::fs::write(&file, "VIN,year,make,model,price\nWHERE000000000001,2024,Ford,Bronco,40000\n").unwrap();
    let o = env.run(&["import", "cars", file.to_str().unwrap(), "--id-property", "VIN"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("→ local demo CRM"), "{}", stderr(&o));
    let serve = Serve::start(&["--records", "5"]);
    let o = env.run(&[
        "--base-url",
        &serve.base,
        "--token",
        "t",
        "import",
        "cars",
        file.to_str().unwrap(),
        "--id-property",
        "VIN",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("→ {}", serve.base)) && err.contains("portal"), "{err}");
}

/// Issue 12.2: a third `--or` group used to be merged into the second.
#[test]
fn every_or_starts_a_new_group() {
    let env = Env::new();
    let total = |args: &[&str]| env.json(args)["total"].as_u64().unwrap();
    let three = total(&[
        "search",
        "cars",
        "--filter",
        "year EQ 2026",
        "--or",
        "--filter",
        "year EQ 2025",
        "--or",
        "--filter",
        "year EQ 2024",
    ]);
    let each: u64 =
        ["2026", "2025", "2024"].iter().map(|y| total(&["search", "cars", "--filter", &format!("year EQ {y}")])).sum();
    assert_eq!(three, each);
}

/// Issue 12.15: every CLI command that opened the embedded CRM left `demo.db-wal` and
/// `demo.db-shm` behind; it now checkpoints and closes the database when it ends (also when
/// the command fails).
#[test]
fn commands_on_the_embedded_crm_leave_no_wal_or_shm() {
    let env = Env::new();
    let data = env.dir.path().join("data");
    for args in [vec!["types"], vec!["get", "cars", "1"], vec!["search", "cars", "--limit", "1"]] {
        let _ = env.run(&args);
        assert!(data.join("demo.db").exists());
        for leftover in ["demo.db-wal", "demo.db-shm"] {
            assert!(!data.join(leftover).exists(), "{args:?} left {leftover}");
        }
    }
}

/// A walkthrough found: `make IN BMW,Audi` silently found nothing (HubSpot matches string IN
/// values lowercase), and `--id-property vin` failed where the property is `VIN`.
#[test]
fn in_values_and_id_property_names_are_read_as_meant() {
    let env = Env::new();
    let total = |args: &[&str]| env.json(args)["total"].as_u64().unwrap();
    let upper = total(&["search", "cars", "--filter", "make IN BMW,Audi"]);
    assert!(upper > 0);
    assert_eq!(upper, total(&["search", "cars", "--filter", "make IN bmw,audi"]));
    let car = env.json(&["search", "cars", "--limit", "1", "--properties", "VIN"]);
    let vin = car["results"][0]["properties"]["VIN"].as_str().unwrap().to_owned();
    assert_eq!(env.json(&["get", "cars", &vin, "--id-property", "vin"])["id"], car["results"][0]["id"]);
}

/// Found by running the README's examples: `export cars … > cars.csv` then `import cars
/// cars.csv --id-property VIN` failed every row ("Property \"id\" does not exist").
#[test]
fn an_exported_file_imports_back() {
    let env = Env::new();
    let out = env.run(&["export", "cars", "--properties", "VIN,price"]);
    assert!(out.status.success());
    let file = env.dir.path().join("cars.csv");
    std::fs::write(&file, &out.stdout).unwrap();
    let o = env.run(&["import", "cars", file.to_str().unwrap(), "--id-property", "VIN"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("created 0, updated 2000, failed 0"), "{}", stderr(&o));
}

/// Issue 18: an import is logged with the values before; `log` lists it, `undo --dry-run`
/// says what it would write and writes nothing, `undo` sets updated rows back and archives
/// created ones; `import --dry-run` writes nothing.
#[test]
fn an_import_is_logged_and_undone_and_dry_runs_write_nothing() {
    let env = Env::new();
    let first = env.json(&["search", "cars", "--properties", "VIN,price", "--limit", "1"]);
    let vin = first["results"][0]["properties"]["VIN"].as_str().unwrap().to_owned();
    let price = first["results"][0]["properties"]["price"].as_str().unwrap().to_owned();
    let file = env.dir.path().join("cars.csv");
    std::fs::write(&file, format!("VIN,price,year,make,model\n{vin},1,,,\nLOGUNDO0000000001,2,2024,Kia,Rio\n"))
        .unwrap();
    let dry = env.run(&["import", "cars", file.to_str().unwrap(), "--id-property", "VIN", "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(stderr(&dry).contains("upsert into cars by VIN — 2 record(s): 1 new, 1 changed"), "{}", stderr(&dry));
    let get = |v: &str| env.run(&["get", "cars", v, "--id-property", "VIN", "--properties", "price"]);
    assert!(!get("LOGUNDO0000000001").status.success(), "the dry run created nothing");
    let out = env.run(&["import", "cars", file.to_str().unwrap(), "--id-property", "VIN"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let log = env.run(&["log", "--since", "1h", "--type", "cars"]);
    let text = String::from_utf8_lossy(&log.stdout).into_owned();
    assert!(text.contains("import cars · 2 records"), "{text}");
    assert!(text.contains(&format!("price: {price} → 1")), "{text}");
    let id = text.split_whitespace().next().unwrap().to_owned();
    let json = env.run(&["log", "--json"]);
    let entry: Value = serde_json::from_str(String::from_utf8_lossy(&json.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(entry["id"], id.as_str());
    let dry = env.run(&["undo", &id, "--dry-run"]);
    assert!(stderr(&dry).contains("would be: 1 set back, 1 archived"), "{}", stderr(&dry));
    assert_eq!(
        env.json(&["get", "cars", &vin, "--id-property", "VIN", "--properties", "price"])["properties"]["price"],
        "1"
    );
    let done = env.run(&["undo", &id]);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(stderr(&done).contains("1 set back, 1 archived"), "{}", stderr(&done));
    assert_eq!(
        env.json(&["get", "cars", &vin, "--id-property", "VIN", "--properties", "price"])["properties"]["price"],
        price.as_str()
    );
    assert!(!get("LOGUNDO0000000001").status.success(), "the created car is archived");
    let bad = env.run(&["undo", "nosuchentry"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("No logged write nosuchentry"), "{}", stderr(&bad));
}
