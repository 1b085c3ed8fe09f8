//! `hubtui sync` against a local CRM playing HubSpot: the replica equals the remote after the
//! initial pull, after random remote changes and an incremental sync, and after a pull cut
//! into many runs by a tiny call budget — records, archived set, merges, associations with
//! labels, definitions, and searches (ids and totals).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::{BTreeMap, BTreeSet};

use hubtui::api::client::{Client, ClientConfig};
use hubtui::api::pacing::RateTier;
use hubtui::emulator::launch::{DbChoice, SeedChoice, open_store};
use hubtui::emulator::store::Store;
use hubtui::replica::{self, Options, progress::Progress};
use hubtui::rng::SplitMix64;
use hubtui::secret::Secret;
use serde_json::{Value, json};
use support::Emu;

const TYPES: [&str; 5] = ["cars", "contacts", "companies", "deals", "notes"];

fn client(base: &str) -> Client {
    client_at(base, None)
}

/// A client paced for `tier` (`free`, `pro`), or not paced.
fn client_at(base: &str, tier: Option<&str>) -> Client {
    let mut config = ClientConfig::new(base.to_owned(), Some(Secret::new("test-token")));
    config.tier = match tier {
        Some("free") => RateTier::Free,
        Some(_) => RateTier::Pro,
        None => RateTier::Unlimited,
    };
    Client::new(config).unwrap()
}

fn replica_store(dir: &tempfile::TempDir, name: &str) -> Store {
    open_store(&DbChoice::File(dir.path().join(name)), SeedChoice::Empty, 0).unwrap().0
}

fn opts(max_calls: Option<u64>) -> Options {
    Options { types: Some(TYPES.iter().map(|s| (*s).to_owned()).collect()), max_calls, ..Options::default() }
}

async fn sync(remote: &Emu, store: &Store, max_calls: Option<u64>) -> replica::Report {
    let c = client(&remote.base);
    replica::sync(&c, store, &opts(max_calls), &mut Progress::new(true)).await.unwrap()
}

/// Every id of a type (live or archived), in order.
async fn ids(emu: &Emu, t: &str, archived: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut after = String::new();
    loop {
        let r = emu.get(&format!("/crm/v3/objects/{t}?limit=100&archived={archived}{after}")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        out.extend(r.json["results"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap().to_owned()));
        match r.json["paging"]["next"]["after"].as_str() {
            Some(a) => after = format!("&after={a}"),
            None => return out,
        }
    }
}

async fn property_names(emu: &Emu, t: &str) -> Vec<String> {
    let r = emu.get(&format!("/crm/v3/properties/{t}")).await;
    let mut names: Vec<String> =
        r.json["results"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect();
    names.sort();
    names
}

/// Every live record of a type with every property, by id.
async fn records(emu: &Emu, t: &str) -> BTreeMap<String, Value> {
    let props = property_names(emu, t).await;
    let mut out = BTreeMap::new();
    for chunk in ids(emu, t, false).await.chunks(100) {
        let inputs: Vec<Value> = chunk.iter().map(|id| json!({"id": id})).collect();
        let r =
            emu.post(&format!("/crm/v3/objects/{t}/batch/read"), json!({"properties": props, "inputs": inputs})).await;
        assert!(r.status == 200, "{}", r.text);
        for o in r.json["results"].as_array().unwrap() {
            let v = json!({"properties": o["properties"], "createdAt": o["createdAt"], "updatedAt": o["updatedAt"]});
            out.insert(o["id"].as_str().unwrap().to_owned(), v);
        }
    }
    out
}

/// Every association row `(from, to, category, typeId)` from live records of `a` to `b`
/// (following each record's `paging` past the 500 links one answer holds).
async fn links(emu: &Emu, a: &str, b: &str) -> BTreeSet<(String, i64, String, i64)> {
    let mut out = BTreeSet::new();
    for chunk in ids(emu, a, false).await.chunks(1000) {
        let mut inputs: Vec<Value> = chunk.iter().map(|id| json!({"id": id})).collect();
        while !inputs.is_empty() {
            let r = emu.post(&format!("/crm/v4/associations/{a}/{b}/batch/read"), json!({"inputs": inputs})).await;
            inputs = Vec::new();
            for res in r.json["results"].as_array().unwrap() {
                if let Some(after) = res["paging"]["next"]["after"].as_str() {
                    inputs.push(json!({"id": res["from"]["id"], "after": after}));
                }
                for to in res["to"].as_array().unwrap() {
                    for ty in to["associationTypes"].as_array().unwrap() {
                        out.insert((
                            res["from"]["id"].as_str().unwrap().to_owned(),
                            to["toObjectId"].as_i64().unwrap(),
                            ty["category"].as_str().unwrap().to_owned(),
                            ty["typeId"].as_i64().unwrap(),
                        ));
                    }
                }
            }
        }
    }
    out
}

async fn labels(emu: &Emu, a: &str, b: &str) -> Value {
    emu.get(&format!("/crm/v4/associations/{a}/{b}/labels")).await.json["results"].clone()
}

/// A random search of cars: filter groups over year, price, make; a sort; sometimes a query.
fn random_search(rng: &mut SplitMix64) -> Value {
    let makes = ["Ford", "Toyota", "Mazda", "BMW", "Honda", "Audi"];
    let mut groups = Vec::new();
    for _ in 0..=rng.below(2) {
        let mut filters =
            vec![json!({"propertyName": "year", "operator": "GTE", "value": (2008 + rng.below(16)).to_string()})];
        if rng.below(2) == 0 {
            let lo = 5_000 + rng.below(50) * 1_000;
            filters.push(json!({"propertyName": "price", "operator": "BETWEEN", "value": lo.to_string(), "highValue": (lo + 30_000).to_string()}));
        }
        if rng.below(2) == 0 {
            filters.push(json!({"propertyName": "make", "operator": "NEQ", "value": makes[rng.below(6) as usize]}));
        }
        groups.push(json!({"filters": filters}));
    }
    let sort = ["price", "year", "make", "hs_createdate"][rng.below(4) as usize];
    let dir = if rng.below(2) == 0 { "ASCENDING" } else { "DESCENDING" };
    let mut body = json!({"filterGroups": groups, "sorts": [{"propertyName": sort, "direction": dir}], "limit": 100, "properties": ["make"]});
    if rng.below(4) == 0 {
        body["query"] = json!(makes[rng.below(6) as usize].to_lowercase());
    }
    body
}

async fn assert_same(remote: &Emu, local: &Emu, label: &str) {
    for t in TYPES {
        assert_eq!(property_names(local, t).await, property_names(remote, t).await, "{label}: properties of {t}");
        let (r, l) = (records(remote, t).await, records(local, t).await);
        assert_eq!(l.len(), r.len(), "{label}: live {t}");
        for (id, v) in &r {
            assert_eq!(l.get(id), Some(v), "{label}: {t} {id}");
        }
        let (mut ra, mut la) = (ids(remote, t, true).await, ids(local, t, true).await);
        ra.sort();
        la.sort();
        assert_eq!(la, ra, "{label}: archived {t}");
    }
    for a in TYPES {
        for b in TYPES.iter().filter(|b| **b != a) {
            assert_eq!(labels(local, a, b).await, labels(remote, a, b).await, "{label}: labels {a}→{b}");
            assert_eq!(links(local, a, b).await, links(remote, a, b).await, "{label}: associations {a}→{b}");
        }
    }
    let mut rng = SplitMix64::new(7);
    for i in 0..200 {
        let body = random_search(&mut rng);
        let (r, l) = (
            remote.post("/crm/v3/objects/cars/search", body.clone()).await,
            local.post("/crm/v3/objects/cars/search", body.clone()).await,
        );
        assert_eq!(l.json["total"], r.json["total"], "{label}: search {i} total {body}");
        let ids = |v: &Value| v["results"].as_array().unwrap().iter().map(|o| o["id"].clone()).collect::<Vec<_>>();
        assert_eq!(ids(&l.json), ids(&r.json), "{label}: search {i} ids {body}");
    }
    // A merged-away id reads as its winner on both.
}

/// Changes made on the remote between syncs: creates, updates, archives, a merge,
/// associations added, removed and labelled, a new property set on a record.
async fn change_remote(remote: &Emu) -> Vec<String> {
    let cars = ids(remote, "cars", false).await;
    let contacts = ids(remote, "contacts", false).await;
    let r = remote.post("/crm/v3/objects/cars", json!({"properties": {"make": "Mazda", "model": "MX-5", "year": "2024", "price": "31000", "VIN": "JM1NDAM7XR0000001"}})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let created = r.json["id"].as_str().unwrap().to_owned();
    for id in &cars[..5] {
        let r = remote.patch(&format!("/crm/v3/objects/cars/{id}"), json!({"properties": {"price": "12345"}})).await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
    let r = remote
        .patch(&format!("/crm/v3/objects/contacts/{}", contacts[3]), json!({"properties": {"firstname": "Renamed"}}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(remote.delete(&format!("/crm/v3/objects/cars/{}", cars[7])).await.status, 204);
    let r = remote
        .post(
            "/crm/v3/objects/contacts/merge",
            json!({"primaryObjectId": contacts[10], "objectIdToMerge": contacts[11]}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = remote
        .put(&format!("/crm/v4/objects/cars/{created}/associations/default/contacts/{}", contacts[20]), json!(null))
        .await;
    assert!(r.status < 300, "{}", r.text);
    let r = remote
        .post("/crm/v4/associations/cars/contacts/labels", json!({"label": "Co-owner", "name": "co_owner"}))
        .await;
    assert!(r.status < 300, "{}", r.text);
    let listed = labels(remote, "cars", "contacts").await;
    let type_id =
        listed.as_array().unwrap().iter().find(|l| l["label"] == "Co-owner").unwrap()["typeId"].as_i64().unwrap();
    let r = remote
        .put(
            &format!("/crm/v4/objects/cars/{}/associations/contacts/{}", cars[2], contacts[21]),
            json!([{"associationCategory": "USER_DEFINED", "associationTypeId": type_id}]),
        )
        .await;
    assert!(r.status < 300, "{}", r.text);
    let linked = links(remote, "cars", "contacts").await;
    if let Some((from, to, _, _)) = linked.iter().find(|(f, _, _, _)| *f != created && *f != cars[2]) {
        let r = remote.delete(&format!("/crm/v4/objects/cars/{from}/associations/contacts/{to}")).await;
        assert!(r.status < 300, "{}", r.text);
    }
    let groups = remote.get("/crm/v3/properties/cars/groups").await.json;
    let group = groups["results"][0]["name"].as_str().unwrap().to_owned();
    let r = remote
        .post("/crm/v3/properties/cars", json!({"name": "warranty_tier", "label": "Warranty tier", "type": "string", "fieldType": "text", "groupName": group}))
        .await;
    assert!(r.status < 300, "{}", r.text);
    let r = remote
        .patch(&format!("/crm/v3/objects/cars/{}", cars[9]), json!({"properties": {"warranty_tier": "gold"}}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    vec![created, contacts[11].clone()]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_replica_equals_the_remote_after_a_pull_changes_and_an_incremental_sync() {
    let remote = Emu::demo(300).await;
    let dir = tempfile::tempdir().unwrap();
    let store = replica_store(&dir, "replica.db");
    let local = Emu::serving(store.clone()).await;
    let first = sync(&remote, &store, None).await;
    assert!(!first.stopped_by_budget);
    assert_same(&remote, &local, "after the initial pull").await;

    let again = sync(&remote, &store, None).await;
    assert!(again.written.iter().all(|(_, n)| *n < 50), "nothing changed, little read again: {again:?}");

    let [created, merged_away] = <[String; 2]>::try_from(change_remote(&remote).await).unwrap();
    let inc = sync(&remote, &store, None).await;
    assert_same(&remote, &local, "after the incremental sync").await;
    let read = local.get(&format!("/crm/v3/objects/contacts/{merged_away}")).await;
    assert_eq!(read.json["id"], remote.get(&format!("/crm/v3/objects/contacts/{merged_away}")).await.json["id"]);
    assert_eq!(local.get(&format!("/crm/v3/objects/cars/{created}")).await.status, 200);
    // Definitions and per-type checks are a fixed cost (about 39 calls for 4 types); the
    // changes themselves are a few pages.
    assert!(
        inc.calls <= again.calls + 12,
        "an incremental sync costs little: {} vs {} with no changes",
        inc.calls,
        again.calls
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_cut_by_a_small_call_budget_continues_run_after_run_to_the_same_replica() {
    let remote = Emu::demo(2500).await;
    let dir = tempfile::tempdir().unwrap();
    let store = replica_store(&dir, "budget.db");
    let mut runs = 0;
    loop {
        runs += 1;
        let r = sync(&remote, &store, Some(80)).await;
        assert!(r.calls <= 80, "a run keeps to its budget: {r:?}");
        if !r.stopped_by_budget {
            break;
        }
        assert!(runs < 60, "the pull makes progress run after run: {r:?}");
    }
    assert!(runs > 2, "the budget cut the pull: {runs} runs");
    let local = Emu::serving(store.clone()).await;
    assert_same(&remote, &local, "after a pull in many runs").await;
}

#[tokio::test]
async fn a_local_crm_file_with_records_of_its_own_is_not_taken_for_a_replica() {
    let remote = Emu::demo(20).await;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = open_store(&DbChoice::File(dir.path().join("demo.db")), SeedChoice::Demo, 10).unwrap();
    let c = client(&remote.base);
    let err = replica::sync(&c, &store, &opts(None), &mut Progress::new(true)).await.unwrap_err();
    assert!(err.to_string().contains("not a replica"), "{err}");
    let small = replica_store(&dir, "small.db");
    let err = replica::sync(&c, &small, &opts(Some(20)), &mut Progress::new(true)).await.unwrap_err();
    assert!(err.to_string().contains("5 types needs to move at all (about 63 calls)"), "{err}");
}

/// Requests the remote has answered since its journal was cleared (its own admin calls aside).
async fn answered(remote: &Emu) -> usize {
    let r = remote.get("/__hubtui/journal?limit=1000").await;
    r.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["path"].as_str().unwrap().starts_with("/__hubtui"))
        .count()
}

/// Runs `hubtui sync` (the real binary) into `db`; killed with SIGKILL once the remote has
/// answered `kill_after` requests (when given and it gets that far). Whether it finished.
async fn sync_binary(remote: &Emu, dirs: &tempfile::TempDir, db: &std::path::Path, kill_after: Option<usize>) -> bool {
    assert_eq!(remote.delete("/__hubtui/journal").await.status, 204);
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hubtui"))
        .args(["sync", "--base-url", &remote.base, "--token", "t", "-q", "--types", &TYPES.join(",")])
        .arg("--db")
        .arg(db)
        .env("HUBTUI_CONFIG_DIR", dirs.path())
        .env("HUBTUI_DATA_DIR", dirs.path())
        .env_remove("HUBSPOT_ACCESS_TOKEN")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let Some(k) = kill_after else {
        return child.wait().await.unwrap().success();
    };
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.success();
        }
        if answered(remote).await >= k {
            child.kill().await.unwrap();
            return false;
        }
        tokio::task::yield_now().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_the_pull_and_during_an_incremental_sync_loses_nothing() {
    let remote = Emu::demo(1200).await;
    // A little latency, so a kill lands in the middle of a run rather than after it.
    let faults = json!({"seed": 1, "rules": [{"path": "/crm/*", "action": {"type": "delay", "ms": 4}}]});
    assert_eq!(remote.put("/__hubtui/faults", faults).await.status, 200);
    let dirs = tempfile::tempdir().unwrap();
    let db = dirs.path().join("killed.db");
    let mut rng = SplitMix64::new(11);
    let mut killed = 0;
    for _ in 0..10 {
        if !sync_binary(&remote, &dirs, &db, Some(2 + rng.below(60) as usize)).await {
            killed += 1;
        }
    }
    assert!(sync_binary(&remote, &dirs, &db, None).await, "a run after the kills completes");
    assert!(killed >= 5, "most runs were killed mid-way: {killed}");
    let local = Emu::serving(Store::open(&db).unwrap()).await;
    assert_same(&remote, &local, "after 10 kills during the pull").await;
    drop(local);

    change_remote(&remote).await;
    for _ in 0..10 {
        sync_binary(&remote, &dirs, &db, Some(2 + rng.below(45) as usize)).await;
    }
    assert!(sync_binary(&remote, &dirs, &db, None).await);
    let local = Emu::serving(Store::open(&db).unwrap()).await;
    assert_same(&remote, &local, "after 10 kills during incremental syncs").await;
}

/// The differential run: a portal of `cars` cars (and the demo's contacts, companies, deals,
/// notes and their associations) behind HubSpot's `tier` limits (when given), answering 429s,
/// 503s, resets before and after the answer and `delay_ms` of latency; a pull, random remote
/// changes, an incremental sync. The checks and the changes go to another face of the same
/// store, with no limits and no faults.
async fn differential(cars: usize, delay_ms: u64, tier: Option<&str>) {
    let (store, _) = open_store(&DbChoice::Memory, SeedChoice::Demo, cars).unwrap();
    let remote = Emu::serving(store.clone()).await;
    let portal = match tier {
        Some(t) => Emu::serving_limited(store, t).await,
        None => Emu::serving(store).await,
    };
    let faults = json!({"seed": 5, "rules": [
        {"path": "/crm/*", "probability": 0.04, "action": {"type": "status", "status": 429, "policy": "secondly"}},
        {"path": "/crm/*", "probability": 0.04, "action": {"type": "status", "status": 503}},
        {"path": "/crm/*", "probability": 0.03, "action": {"type": "reset", "after": false}},
        {"path": "/crm/*", "probability": 0.03, "action": {"type": "reset", "after": true}},
        {"path": "*", "action": {"type": "delay", "ms": delay_ms, "max_ms": delay_ms * 3 / 2}},
    ]});
    assert_eq!(portal.put("/__hubtui/faults", faults).await.status, 200);
    let dir = tempfile::tempdir().unwrap();
    let store = replica_store(&dir, "faulty.db");
    let local = Emu::serving(store.clone()).await;
    let c = client_at(&portal.base, tier);
    let run = |label: &'static str| {
        let (c, store) = (c.clone(), store.clone());
        async move {
            let started = std::time::Instant::now();
            let r = replica::sync(&c, &store, &opts(None), &mut Progress::new(true)).await.unwrap();
            eprintln!("{label}: {} calls in {:.1} s", r.calls, started.elapsed().as_secs_f64());
        }
    };
    run("pull").await;
    assert_same(&remote, &local, "after a pull through faults").await;
    change_remote(&remote).await;
    run("incremental").await;
    assert_same(&remote, &local, "after an incremental sync through faults").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_replica_equals_the_remote_through_429s_503s_and_resets() {
    differential(1500, 2, None).await;
}

/// The judged scale: 20,000 cars at the free tier with 200 ms delays (a few minutes; run by
/// `benches/replica_differential.sh`, or `cargo test --release --test replica_sync -- --ignored`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "minutes long: the judged scale, run by benches/replica_differential.sh"]
async fn at_scale_20000_cars_at_the_free_tier_with_200_ms_delays() {
    let cars = std::env::var("HUBTUI_DIFF_CARS").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
    differential(cars, 200, Some("free")).await;
}

/// A pull lists its type in lanes, side by side (so 100–300 ms a call still keeps the rate
/// limit busy): the list calls' cursors jump between parts of the id range, and the lanes
/// cost at most a page each beyond the pages themselves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pull_lists_lanes_side_by_side_and_wastes_at_most_a_page_a_lane() {
    let remote = Emu::demo(3000).await;
    let dir = tempfile::tempdir().unwrap();
    let store = replica_store(&dir, "lanes.db");
    let local = Emu::serving(store.clone()).await;
    assert_eq!(remote.delete("/__hubtui/journal").await.status, 204);
    let c = client(&remote.base);
    let only_cars = Options { types: Some(vec!["cars".into()]), ..Options::default() };
    replica::sync(&c, &store, &only_cars, &mut Progress::new(true)).await.unwrap();
    let journal = remote.get("/__hubtui/journal?limit=1000").await.json;
    let mut afters: Vec<i64> = journal["results"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        // The pull's list pages (the archived set is listed apart, and searched changes are POSTs).
        .filter_map(|e| {
            e["path"]
                .as_str()
                .filter(|p| p.contains("?properties=hs_object_id%2C") && !p.contains("archived=true"))
                .map(str::to_owned)
        })
        .map(|p| p.split("after=").nth(1).map_or(0, |a| a.split('&').next().unwrap().parse().unwrap()))
        .collect();
    let pages = 3000_usize.div_ceil(100);
    assert!(afters.len() >= pages, "every page was listed: {afters:?}");
    assert!(afters.len() <= pages + hubtui::replica::lanes::LANES + 1, "{} list calls for {pages} pages", afters.len());
    assert!(!afters.is_sorted(), "the cursors of lanes side by side interleave: {afters:?}");
    afters.sort_unstable();
    afters.dedup();
    assert!(afters.len() >= pages, "no page was listed twice");
    let (r, l) = (records(&remote, "cars").await, records(&local, "cars").await);
    assert_eq!(l, r, "every car once, as the remote has it");
}

/// HubSpot answers at most 500 of one record's links in a batch read and pages the rest: a
/// company with 700 cars is copied with all 700.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_with_more_links_than_one_answer_holds_is_copied_whole() {
    let remote = Emu::demo(1200).await;
    let cars = ids(&remote, "cars", false).await;
    let contact = ids(&remote, "contacts", false).await[0].clone();
    let inputs: Vec<Value> = cars[..700].iter().map(|c| json!({"from": {"id": contact}, "to": {"id": c}})).collect();
    let r = remote.post("/crm/v4/associations/contacts/cars/batch/associate/default", json!({"inputs": inputs})).await;
    assert!(r.status < 300, "{}", r.text);
    let first =
        remote.post("/crm/v4/associations/contacts/cars/batch/read", json!({"inputs": [{"id": contact}]})).await;
    assert_eq!(first.json["results"][0]["to"].as_array().unwrap().len(), 500, "one answer holds 500");
    let after = first.json["results"][0]["paging"]["next"]["after"].clone();
    let rest = remote
        .post("/crm/v4/associations/contacts/cars/batch/read", json!({"inputs": [{"id": contact, "after": after}]}))
        .await;
    assert!(rest.json["results"][0]["to"].as_array().unwrap().len() >= 200, "{}", rest.text);
    assert!(rest.json["results"][0]["paging"].is_null(), "and the rest, with no further page");

    let dir = tempfile::tempdir().unwrap();
    let store = replica_store(&dir, "wide.db");
    let local = Emu::serving(store.clone()).await;
    sync(&remote, &store, None).await;
    let mine = |set: &BTreeSet<(String, i64, String, i64)>| set.iter().filter(|(f, ..)| *f == contact).count();
    let (r, l) = (links(&remote, "contacts", "cars").await, links(&local, "contacts", "cars").await);
    assert!(mine(&r) >= 700, "{}", mine(&r));
    assert_eq!(mine(&l), mine(&r), "every link of the contact");
    assert_eq!(l, r);
}
