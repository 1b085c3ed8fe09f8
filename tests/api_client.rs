//! The API client against the emulator over HTTP: typed calls, paging streams, the 10,000
//! continuation, batch helpers, and surviving rate limits and faults without losing or
//! duplicating a write.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::HashSet;

use hubtui::api::batch::Op;
use hubtui::api::id::WireId;
use hubtui::api::objects::ReadParams;
use hubtui::api::pacing::RateTier;
use hubtui::api::paging::{ListPager, SearchPager};
use hubtui::api::types::{BatchCreateItem, BatchUpdateItem, Filter, FilterGroup, SearchRequest};
use hubtui::api::{Client, ClientConfig, Error};
use hubtui::emulator::launch::{DbChoice, SeedChoice, open_store};
use hubtui::emulator::limits::RateLimits;
use hubtui::emulator::{EmuState, serve};
use hubtui::secret::Secret;
use serde_json::{Map, Value, json};
use support::Emu;

fn client(base: &str) -> Client {
    let mut c = ClientConfig::new(base, Some(Secret::new("test-token")));
    c.tier = RateTier::Unlimited;
    c.backoff = std::time::Duration::from_millis(5);
    Client::new(c).unwrap()
}

fn props(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

#[tokio::test]
async fn typed_calls_round_trip() {
    let emu = Emu::demo(20).await;
    let c = client(&emu.base);
    let page = c
        .list_page("cars", &ReadParams { properties: vec!["VIN".into()], ..ReadParams::default() }, 5, None)
        .await
        .unwrap();
    assert_eq!(page.results.len(), 5);
    let car = c
        .create(
            "cars",
            props(json!({"VIN": "CLIENT10000000001", "year": "2026", "make": "BMW", "model": "X1"})),
            Vec::new(),
        )
        .await
        .unwrap();
    assert!(car.properties.contains_key("hs_object_id"));
    let got = c
        .get(
            "cars",
            "CLIENT10000000001",
            &ReadParams { id_property: Some("VIN".into()), properties: vec!["make".into()], ..ReadParams::default() },
        )
        .await
        .unwrap();
    assert_eq!(got.id, car.id);
    let upd = c.update("cars", &car.id, props(json!({"price": "51000"})), None).await.unwrap();
    assert_eq!(upd.properties["price"].as_deref(), Some("51000"));
    let found = c
        .search(
            "cars",
            &SearchRequest {
                filter_groups: vec![FilterGroup {
                    filters: vec![Filter {
                        property_name: "VIN".into(),
                        operator: "EQ".into(),
                        value: Some(WireId("client10000000001".into())),
                        high_value: None,
                        values: None,
                    }],
                }],
                ..SearchRequest::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    assert!(c.schemas().await.unwrap().iter().any(|s| s.object_type_id == "2-3465404"));
    assert!(c.properties("cars").await.unwrap().iter().any(|p| p.name == "VIN" && p.has_unique_value));
    assert_eq!(c.pipelines("deals").await.unwrap().len(), 1);
    assert_eq!(c.owners().await.unwrap().len(), 6);
    let a = c.create("contacts", props(json!({"email": "m1@example.com"})), Vec::new()).await.unwrap();
    let b = c.create("contacts", props(json!({"email": "m2@example.com"})), Vec::new()).await.unwrap();
    let merged = c.merge("contacts", &a.id, &b.id).await.unwrap();
    assert_eq!(merged.id, a.id);
    c.archive("cars", &car.id).await.unwrap();
    assert!(matches!(c.get("cars", &car.id, &ReadParams::default()).await, Err(Error::NotFound { .. })));
    match c.create("cars", props(json!({"year": "soon", "make": "x", "model": "y"})), Vec::new()).await {
        Err(Error::Validation { fields, .. }) => assert_eq!(fields[0].name, "year"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn list_pager_reaches_the_end() {
    let emu = Emu::demo(250).await;
    let mut pager = ListPager::new(client(&emu.base), "cars", ReadParams::default(), 100);
    let mut sizes = Vec::new();
    while let Some(page) = pager.next_page().await {
        sizes.push(page.unwrap().len());
    }
    assert_eq!(sizes, [100, 100, 50]);
}

#[tokio::test]
async fn search_pager_continues_past_the_cap_returning_each_match_once() {
    let emu = Emu::demo(10_450).await;
    let c = client(&emu.base);
    let req = SearchRequest { limit: Some(200), ..SearchRequest::default() };
    let mut capped = SearchPager::new(c.clone(), "cars", req.clone());
    let mut n = 0;
    while let Some(page) = capped.next_page().await {
        n += page.unwrap().len();
    }
    assert_eq!(n, 10_000);
    assert!(capped.capped && !capped.continued_past_cap);
    let mut all = SearchPager::exhaustive(c, "cars", req);
    let mut ids = HashSet::new();
    let mut count = 0;
    while let Some(page) = all.next_page().await {
        for r in page.unwrap() {
            ids.insert(r.id);
            count += 1;
        }
    }
    assert_eq!(all.total, Some(10_450));
    assert_eq!((count, ids.len()), (10_450, 10_450), "every match exactly once");
    assert!(all.continued_past_cap);
}

#[tokio::test]
async fn batch_helpers_split_into_hundreds_and_report_per_input() {
    let emu = Emu::demo(1).await;
    let c = client(&emu.base);
    let inputs: Vec<BatchUpdateItem> = (0..250)
        .map(|i| {
            let year = if i % 50 == 7 { "not-a-year".to_owned() } else { "2020".to_owned() };
            BatchUpdateItem {
                id: WireId(format!("BATCH{i:012}")),
                id_property: Some("VIN".into()),
                properties: props(json!({"year": year, "make": "Ford", "model": "T"})),
                object_write_trace_id: None,
            }
        })
        .collect();
    let report = c.batch_write("cars", Op::Upsert, inputs, 2, None).await;
    assert_eq!(report.calls, 3);
    assert_eq!(report.failed.len(), 5, "{:?}", report.failed);
    assert!(report.failed.iter().all(|(i, m)| i % 50 == 7 && m.contains("not-a-year")));
    assert_eq!(report.succeeded.len(), 245);
    assert_eq!(report.created(), 245);
    let creates: Vec<BatchCreateItem> = (0..150)
        .map(|i| BatchCreateItem {
            properties: props(json!({"VIN": format!("NEW{i:014}"), "year": "2021", "make": "Kia", "model": "Rio"})),
            ..BatchCreateItem::default()
        })
        .collect();
    let report = c.batch_create("cars", creates, None).await;
    assert_eq!((report.succeeded.len(), report.failed.len(), report.calls), (150, 0, 2));
}

#[tokio::test]
async fn bulk_upsert_survives_rate_limits_and_faults_with_no_loss_and_no_duplicate() {
    let (store, _) = open_store(&DbChoice::Memory, SeedChoice::Demo, 1).unwrap();
    let state = EmuState::new(store, None).with_rate_limits(RateLimits::parse("200/10s").unwrap());
    let faults = json!({"seed": 11, "rules": [
        {"method": "POST", "path": "*/batch/upsert", "probability": 0.1, "action": {"type": "status", "status": 429, "policy": "ten_secondly"}},
        {"method": "POST", "path": "*/batch/upsert", "probability": 0.15, "action": {"type": "status", "status": 502}},
        {"method": "POST", "path": "*/batch/upsert", "probability": 0.1, "action": {"type": "reset", "after": true}},
        {"method": "POST", "path": "*/batch/upsert", "probability": 0.2, "action": {"type": "partial_batch", "fraction": 0.3}}
    ]});
    state.faults.set(serde_json::from_value(faults).unwrap()).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(listener, state.clone(), std::future::pending()));
    let mut cfg = ClientConfig::new(&base, Some(Secret::new("t")));
    cfg.tier = RateTier::Pro;
    cfg.backoff = std::time::Duration::from_millis(20);
    cfg.max_attempts = 8;
    let c = Client::new(cfg).unwrap();
    let inputs: Vec<BatchUpdateItem> = (0..2_000)
        .map(|i| BatchUpdateItem {
            id: WireId(format!("BULK{i:013}")),
            id_property: Some("VIN".into()),
            properties: props(json!({"year": "2022", "make": "Ford", "model": "F-150", "price": i.to_string()})),
            object_write_trace_id: None,
        })
        .collect();
    let report = c.batch_write("cars", Op::Upsert, inputs, 4, None).await;
    assert!(report.failed.is_empty(), "{:?}", &report.failed[..report.failed.len().min(5)]);
    state.faults.set(Default::default()).unwrap();
    let req = SearchRequest {
        filter_groups: vec![FilterGroup {
            filters: vec![Filter {
                property_name: "VIN".into(),
                operator: "CONTAINS_TOKEN".into(),
                value: Some(WireId("bulk*".into())),
                high_value: None,
                values: None,
            }],
        }],
        limit: Some(1),
        ..SearchRequest::default()
    };
    let total = client(&base).search("cars", &req).await.unwrap().total;
    assert_eq!(total, 2_000, "every record present exactly once (VIN is unique)");
    let journal: Value = reqwest::Client::new()
        .get(format!("{base}/__hubtui/journal?limit=1000"))
        .bearer_auth("t")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let statuses: Vec<u64> =
        journal["results"].as_array().unwrap().iter().map(|e| e["status"].as_u64().unwrap()).collect();
    assert!(statuses.iter().filter(|s| **s != 200).count() >= 2, "faults happened: {statuses:?}");
}

#[tokio::test]
async fn association_and_restore_calls_round_trip() {
    use hubtui::api::types::AssociationSpec;
    let emu = Emu::demo(5).await;
    let c = client(&emu.base);
    let cars: Vec<String> =
        c.list_page("cars", &ReadParams::default(), 3, None).await.unwrap().results.into_iter().map(|r| r.id).collect();
    let company = c.list_page("companies", &ReadParams::default(), 1, None).await.unwrap().results.remove(0).id;
    let labels = c.association_labels("cars", "companies").await.unwrap();
    let label = labels.first().expect("cars have association types to companies");
    let spec = AssociationSpec { association_category: label.category.clone(), association_type_id: label.type_id };
    let linked = |car: String| {
        let emu = &emu;
        async move {
            let a = emu.get(&format!("/crm/v4/objects/cars/{car}/associations/companies")).await;
            a.json["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["toObjectId"].to_string().trim_matches('"').to_owned())
                .collect::<Vec<_>>()
        }
    };
    c.associate(("cars", &cars[0]), ("companies", &company), &spec).await.unwrap();
    assert!(linked(cars[0].clone()).await.contains(&company));
    c.disassociate(("cars", &cars[0]), ("companies", &company)).await.unwrap();
    assert!(!linked(cars[0].clone()).await.contains(&company));
    c.associate_batch("cars", &cars[1..], ("companies", &company), &spec).await.unwrap();
    for car in &cars[1..] {
        assert!(linked(car.clone()).await.contains(&company), "{car}");
    }
    c.archive("cars", &cars[0]).await.unwrap();
    assert!(matches!(c.get("cars", &cars[0], &ReadParams::default()).await, Err(Error::NotFound { .. })));
    c.restore("cars", &cars[0]).await.unwrap();
    assert_eq!(c.get("cars", &cars[0], &ReadParams::default()).await.unwrap().id, cars[0]);
}

/// A fresh portal's contacts carry over 300 properties: listing them all is past HubSpot's URL
/// limit (the local CRM answers 414 as HubSpot does), so the client splits the read.
#[tokio::test]
async fn a_read_of_every_contact_property_is_split_under_the_url_limit() {
    let emu = Emu::demo(20).await;
    let c = client(&emu.base);
    let names: Vec<String> = c.properties("contacts").await.unwrap().into_iter().map(|p| p.name).collect();
    assert!(names.len() > 300, "a fresh portal's contacts: {}", names.len());
    let joined = names.join(",");
    let raw = emu.get(&format!("/crm/v3/objects/contacts?limit=2&properties={joined}")).await;
    assert_eq!(raw.status, 414, "one URL cannot list them: {}", raw.text);

    let page = c
        .list_page("contacts", &ReadParams { properties: names.clone(), ..ReadParams::default() }, 2, None)
        .await
        .unwrap();
    assert_eq!(page.results.len(), 2);
    for r in &page.results {
        assert!(names.iter().all(|n| r.properties.contains_key(n)), "every property answered on {}", r.id);
        assert!(r.properties["email"].is_some());
    }
    let id = page.results[0].id.clone();
    let params =
        ReadParams { properties: names.clone(), associations: vec!["companies".into()], ..ReadParams::default() };
    let one = c.get("contacts", &id, &params).await.unwrap();
    assert!(names.iter().all(|n| one.properties.contains_key(n)), "every property answered");
    assert_eq!(one.properties["email"], page.results[0].properties["email"]);
    assert!(one.associations.is_some(), "the associations asked for come back once");
}
