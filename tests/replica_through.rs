//! Working on a replica (`--replica`): a local CRM plays the portal, `hubtui sync` copies
//! it, and the replica is served with the portal as its upstream. Reads are answered
//! locally (no call reaches the portal); writes reach the portal first and the replica shows
//! them at once; the save's conflict guard reads the portal's current values; a read-only
//! profile refuses; histories are read from the portal once and then kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;

use hubtui::api::client::{Client, ClientConfig};
use hubtui::api::objects::ReadParams;
use hubtui::api::pacing::RateTier;
use hubtui::api::paths::ApiVersion;
use hubtui::api::types::{BatchId, BatchReadInput};
use hubtui::app::command::SaveItem;
use hubtui::app::msg::{EditMsg, Msg};
use hubtui::commands::replica_conn::{self, ReplicaLink};
use hubtui::emulator::launch::{DbChoice, Embedded, SeedChoice, open_store};
use hubtui::replica::{self, Options, progress::Progress};
use hubtui::secret::Secret;
use serde_json::{Map, Value, json};
use support::Emu;

fn client(base: &str) -> Client {
    let mut config = ClientConfig::new(base.to_owned(), Some(Secret::new("test-token")));
    config.tier = RateTier::Unlimited;
    Client::new(config).unwrap()
}

struct Setup {
    remote: Emu,
    link: ReplicaLink,
    local: Client,
    _server: Embedded,
    _dir: tempfile::TempDir,
}

/// A portal of `cars` cars, synced (cars and contacts), its replica served.
async fn setup(cars: usize, read_only: bool) -> Setup {
    let remote = Emu::demo(cars).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("replica.db");
    let store = open_store(&DbChoice::File(path.clone()), SeedChoice::Empty, 0).unwrap().0;
    let opts = Options { types: Some(vec!["cars".into(), "contacts".into()]), ..Options::default() };
    replica::sync(&client(&remote.base), &store, &opts, &mut Progress::new(true)).await.unwrap();
    store.close_blocking().unwrap();
    let (link, server, local) =
        replica_conn::open(client(&remote.base), Some(path), ApiVersion::default(), read_only).await.unwrap();
    Setup { remote, link, local, _server: server, _dir: dir }
}

fn props(pairs: &[(&str, &str)]) -> Map<String, Value> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned()))).collect()
}

fn read(names: &[&str]) -> ReadParams {
    ReadParams { properties: names.iter().map(|s| (*s).to_owned()).collect(), ..ReadParams::default() }
}

async fn remote_value(s: &Setup, id: &str, name: &str) -> Option<String> {
    let r = s.remote.get(&format!("/crm/v3/objects/cars/{id}?properties={name}")).await;
    r.json["properties"][name].as_str().map(str::to_owned)
}

#[tokio::test]
async fn reads_are_local_and_writes_reach_the_portal_first_and_show_at_once() {
    let s = setup(120, false).await;
    let (id, _) = s.remote.first_car().await;
    let calls = s.link.upstream.calls();
    let got = s.local.get("cars", &id, &read(&["make", "price"])).await.unwrap();
    let found = s.local.search("cars", &hubtui::model::SearchRequest::default()).await.unwrap();
    assert_eq!(found.total, 120);
    assert_eq!(s.link.upstream.calls(), calls, "reads of held types make no call to the portal");

    // An update: the portal has it, and the replica shows it at once.
    let price = if got.properties["price"].as_deref() == Some("12345") { "23456" } else { "12345" };
    s.local.update("cars", &id, props(&[("price", price)]), None).await.unwrap();
    assert_eq!(remote_value(&s, &id, "price").await.as_deref(), Some(price));
    let now = s.local.get("cars", &id, &read(&["price"])).await.unwrap();
    assert_eq!(now.properties["price"].as_deref(), Some(price));
    let remote = s.remote.get(&format!("/crm/v3/objects/cars/{id}")).await;
    assert_eq!(now.updated_at, remote.json["updatedAt"].as_str().unwrap(), "the portal's own modification time");

    // A create keeps the portal's id; an archive leaves the replica's reads.
    let made = s
        .local
        .create(
            "cars",
            props(&[("make", "Lada"), ("model", "Niva"), ("year", "2001"), ("VIN", "THRU0000000000001")]),
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(s.remote.get(&format!("/crm/v3/objects/cars/{}", made.id)).await.status, 200);
    let mine = s.local.get("cars", &made.id, &read(&["make"])).await.unwrap();
    assert_eq!(mine.properties["make"].as_deref(), Some("Lada"));
    s.local.archive("cars", &made.id).await.unwrap();
    assert_eq!(s.remote.get(&format!("/crm/v3/objects/cars/{}", made.id)).await.status, 404);
    assert!(s.local.get("cars", &made.id, &read(&["make"])).await.is_err(), "archived in the replica too");

    // A refused write is the portal's refusal, and nothing changes locally.
    let bad = s.local.update("cars", &id, props(&[("no_such_property", "x")]), None).await;
    assert!(matches!(bad, Err(hubtui::api::Error::Validation { .. })), "{bad:?}");
}

#[tokio::test]
async fn associations_written_through_show_in_the_replica() {
    let s = setup(40, false).await;
    let (car, _) = s.remote.first_car().await;
    let contacts = s.remote.get("/crm/v3/objects/contacts?limit=1").await;
    let contact = contacts.json["results"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/crm/v4/objects/cars/{car}/associations/default/contacts/{contact}");
    let r =
        s.local.send::<Value, Value>(reqwest::Method::PUT, &path, &[], None, hubtui::api::client::Safety::Repeatable);
    r.await.unwrap();
    let remote = s.remote.get(&format!("/crm/v4/objects/cars/{car}/associations/contacts")).await;
    assert!(remote.text.contains(&contact), "{}", remote.text);
    let calls = s.link.upstream.calls();
    let local = s.local.association_batch_read("cars", "contacts", std::slice::from_ref(&car)).await.unwrap();
    assert!(local[&car].iter().any(|l| l.to_id == contact), "{local:?}");
    let back = s.local.association_batch_read("contacts", "cars", std::slice::from_ref(&contact)).await.unwrap();
    assert!(back[&contact].iter().any(|l| l.to_id == car), "the other direction too: {back:?}");
    assert_eq!(s.link.upstream.calls(), calls, "association reads are local");
}

fn save_item(id: &str, price: &str, old: &str, seen: &str) -> SaveItem {
    SaveItem {
        id: id.to_owned(),
        properties: BTreeMap::from([("price".to_owned(), price.to_owned())]),
        old: BTreeMap::from([("price".to_owned(), old.to_owned())]),
        seen_modified: Some(seen.to_owned()),
        force: false,
    }
}

#[tokio::test]
async fn the_save_guard_compares_with_the_portal_not_the_stale_replica() {
    let s = setup(30, false).await;
    let (id, _) = s.remote.first_car().await;
    let seen = s.local.get("cars", &id, &read(&["price", "hs_lastmodifieddate"])).await.unwrap();
    let old = seen.properties["price"].clone().unwrap_or_default();
    let modified = seen.properties["hs_lastmodifieddate"].clone().unwrap();
    // Someone changes the price on the portal; the replica has not synced since.
    assert_eq!(
        s.remote.patch(&format!("/crm/v3/objects/cars/{id}"), json!({"properties": {"price": "777"}})).await.status,
        200
    );
    let stale = s.local.get("cars", &id, &read(&["price"])).await.unwrap();
    assert_eq!(stale.properties["price"].as_deref(), Some(old.as_str()), "the replica is stale until a sync");

    let progress: hubtui::api::batch::Progress = std::sync::Arc::new(|_, _| {});
    let item = save_item(&id, "999", &old, &modified);
    let msg = hubtui::runtime::effects::changes::save_changes(
        &s.local,
        hubtui::app::req::ReqId(1),
        "cars".into(),
        vec![item],
        progress,
    )
    .await;
    let Msg::Edit(EditMsg::ChangesSaved { saved, conflicts, .. }) = msg else { panic!("{msg:?}") };
    assert!(saved.is_empty(), "held back, not saved");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].2["price"], "777", "their value is the portal's");
    assert_eq!(remote_value(&s, &id, "price").await.as_deref(), Some("777"), "the portal keeps their change");
    let now = s.local.get("cars", &id, &read(&["price"])).await.unwrap();
    assert_eq!(now.properties["price"].as_deref(), Some("777"), "the guard's read brought the replica up to date");
}

#[tokio::test]
async fn a_read_only_profile_refuses_before_the_portal() {
    let s = setup(10, true).await;
    let (id, _) = s.remote.first_car().await;
    let before = remote_value(&s, &id, "price").await;
    let calls = s.link.upstream.calls();
    let r = s.local.update("cars", &id, props(&[("price", "1")]), None).await;
    assert!(matches!(r, Err(hubtui::api::Error::Forbidden { .. })), "{r:?}");
    assert_eq!(s.link.upstream.calls(), calls);
    assert_eq!(remote_value(&s, &id, "price").await, before);
}

#[tokio::test]
async fn histories_come_from_the_portal_once_then_from_the_replica() {
    let s = setup(10, false).await;
    let (id, _) = s.remote.first_car().await;
    for p in ["1000", "2000"] {
        s.remote.patch(&format!("/crm/v3/objects/cars/{id}"), json!({"properties": {"price": p}})).await;
    }
    let with_history = ReadParams { properties_with_history: vec!["price".into()], ..read(&["price"]) };
    let calls = s.link.upstream.calls();
    let first = s.local.get("cars", &id, &with_history).await.unwrap();
    assert!(s.link.upstream.calls() > calls, "the first history read asks the portal");
    let remote = s.remote.get(&format!("/crm/v3/objects/cars/{id}?propertiesWithHistory=price")).await;
    let versions = |o: &Value| -> Vec<String> {
        o["propertiesWithHistory"]["price"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["value"].as_str().unwrap().to_owned())
            .collect()
    };
    let first_json = serde_json::to_value(&first).unwrap();
    assert_eq!(versions(&first_json), versions(&remote.json));
    assert_eq!(versions(&first_json)[..2], ["2000".to_owned(), "1000".to_owned()]);
    let calls = s.link.upstream.calls();
    let again = s.local.get("cars", &id, &with_history).await.unwrap();
    assert_eq!(s.link.upstream.calls(), calls, "kept: the second read is local");
    assert_eq!(versions(&serde_json::to_value(&again).unwrap()), versions(&remote.json));

    // The guard's fresh read of a record of a type the replica lacks reaches the portal.
    let input = BatchReadInput {
        properties: vec!["price".into()],
        properties_with_history: Vec::new(),
        id_property: None,
        inputs: vec![BatchId { id: id.clone().into() }],
    };
    let current = s.local.batch_read_current("cars", &input).await.unwrap();
    assert_eq!(current.results[0].properties["price"].as_deref(), Some("2000"));
}

#[tokio::test]
async fn writes_through_a_faulty_portal_apply_once_and_reach_the_replica() {
    let s = setup(20, false).await;
    let (id, _) = s.remote.first_car().await;
    let faults = json!({"seed": 3, "rules": [
        {"method": "PATCH", "path": "*", "times": 1, "action": {"type": "status", "status": 503}},
        {"method": "POST", "path": "*/batch/read", "times": 1, "action": {"type": "status", "status": 429, "policy": "secondly"}},
        {"method": "POST", "path": "*/cars", "times": 1, "action": {"type": "reset", "after": true}},
    ]});
    assert_eq!(s.remote.put("/__hubtui/faults", faults).await.status, 200);
    s.local.update("cars", &id, props(&[("price", "4242")]), None).await.unwrap();
    assert_eq!(remote_value(&s, &id, "price").await.as_deref(), Some("4242"));
    let now = s.local.get("cars", &id, &read(&["price"])).await.unwrap();
    assert_eq!(now.properties["price"].as_deref(), Some("4242"), "read back past a 429");

    // The create's answer is lost on the way back: it is found by its key, not made twice.
    let made = s
        .local
        .create(
            "cars",
            props(&[("make", "Trabant"), ("model", "601"), ("year", "1989"), ("VIN", "THRU0000000000002")]),
            Vec::new(),
        )
        .await
        .unwrap();
    let search =
        json!({"filterGroups": [{"filters": [{"propertyName": "make", "operator": "EQ", "value": "Trabant"}]}]});
    let on_portal = s.remote.post("/crm/v3/objects/cars/search", search).await;
    assert_eq!(on_portal.json["total"], 1, "{}", on_portal.text);
    let journal = s.remote.get("/__hubtui/journal").await.text;
    assert!(journal.contains("idProperty=hs_unique_creation_key"), "the lost answer was looked up: {journal}");
    let mine = s.local.get("cars", &made.id, &read(&["make"])).await.unwrap();
    assert_eq!(mine.properties["make"].as_deref(), Some("Trabant"), "the replica has the record found by its key");
}

/// A walkthrough's worry: on a replica the account details (the web UI's domain for `o`,
/// the time zone) were the local CRM's defaults. They are the portal's, and kept for when
/// the portal cannot be reached.
#[tokio::test]
async fn the_account_details_are_the_portals_and_kept_for_when_it_is_unreachable() {
    let s = setup(20, false).await;
    let calls = s.link.upstream.calls();
    assert_eq!(s.local.account_details().await.unwrap().portal_id, 48_213_567);
    assert_eq!(s.link.upstream.calls(), calls + 1, "the details came from the portal");
    let kept = s
        .link
        .store
        .read_blocking(|conn, _| hubtui::emulator::store::defs::meta(conn, "replica_account"))
        .unwrap()
        .expect("kept in the replica");
    assert!(kept.contains("48213567"), "{kept}");
    // An EU portal's details were kept; the portal stops answering.
    let eu = kept.replace("app.hubspot.com", "app-eu1.hubspot.com");
    s.link
        .store
        .write_blocking(move |tx, _| hubtui::emulator::store::defs::set_meta(tx, "replica_account", &eu))
        .unwrap();
    let down = json!({"seed": 1, "rules": [{"path": "/account-info/*", "action": {"type": "status", "status": 401}}]});
    assert_eq!(s.remote.put("/__hubtui/faults", down).await.status, 200);
    let got = s.local.account_details().await.unwrap();
    assert_eq!(got.ui_domain, "app-eu1.hubspot.com", "the kept copy answers");
}
