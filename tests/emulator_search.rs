//! CRM search over real HTTP: every operator on every property type against an independent
//! evaluator, group logic, sorts, paging, the 10k cap, limits and errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use hubtui::emulator::launch::{DbChoice, SeedChoice};
use serde_json::{Value, json};
use support::search_ref::{Rec, expected, gadget_schema};
use support::{Emu, assert_error};

/// A fixed, varied data set: values of every type, some missing, mixed case.
fn dataset() -> Vec<Value> {
    let titles =
        ["Red Widget", "blue widget", "Green GADGET", "widget-pro 3000", "ada@hubspot.com", "Ölkanne", "", "Widget"];
    let notes = ["first batch", "", "needs review, urgent", "see ada@example.com", "urgent"];
    let qty = ["9", "10", "100", "-3", "", "2.5", "10"];
    let due = ["2026-01-31", "2025-12-01", "", "2026-02-01", "2026-01-30"];
    let seen = ["2026-01-31T10:00:00.000Z", "", "2026-01-31T00:00:00.000Z", "2025-06-15T08:30:00.000Z"];
    let ok = ["true", "false", ""];
    let tier = ["Gold", "silver", "BRONZE", ""];
    let tags = ["a", "a;b", "C", "", "b;C", "a;b;C"];
    (0..40)
        .map(|i| {
            let mut p = serde_json::Map::new();
            for (name, list) in [
                ("title", &titles[..]),
                ("notes", &notes[..]),
                ("qty", &qty[..]),
                ("due", &due[..]),
                ("seen", &seen[..]),
                ("ok", &ok[..]),
                ("tier", &tier[..]),
                ("tags", &tags[..]),
            ] {
                let v = list[(i * (name.len() + 2) + i / 5) % list.len()];
                if !v.is_empty() {
                    p.insert(name.into(), json!(v));
                }
            }
            json!({"properties": p})
        })
        .collect()
}

async fn gadgets(emu: &Emu) -> Vec<Rec> {
    let r = emu.post("/crm/v3/schemas", gadget_schema()).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = emu.post("/crm/v3/objects/gadget/batch/create", json!({"inputs": dataset()})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    // Read back what is stored (dates normalised), as the reference's input.
    let mut recs = Vec::new();
    let page = emu.get("/crm/v3/objects/gadget?limit=100&properties=title,notes,qty,due,seen,ok,tier,tags").await;
    for r in page.json["results"].as_array().unwrap() {
        let props = r["properties"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, v)| !k.starts_with("hs_") && v.is_string())
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect();
        recs.push((r["id"].as_str().unwrap().to_owned(), props));
    }
    recs
}

async fn search_ids(emu: &Emu, body: &Value) -> Vec<String> {
    let mut body = body.clone();
    body["limit"] = json!(200);
    let r = emu.post("/crm/v3/objects/gadget/search", body.clone()).await;
    assert_eq!(r.status, 200, "{body} -> {}", r.text);
    let ids: Vec<String> =
        r.json["results"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(r.json["total"].as_u64().unwrap() as usize, ids.len(), "total for {body}");
    ids
}

fn cases() -> Vec<(&'static str, &'static str, Value)> {
    let v = |s: &str| json!({"value": s});
    vec![
        ("title", "EQ", v("red widget")),
        ("title", "NEQ", v("WIDGET")),
        ("title", "LT", v("c")),
        ("title", "GTE", v("green")),
        ("title", "BETWEEN", json!({"value": "b", "highValue": "h"})),
        ("title", "IN", json!({"values": ["widget", "blue widget"]})),
        ("title", "IN", json!({"values": ["Widget"]})),
        ("title", "NOT_IN", json!({"values": ["widget"]})),
        ("title", "HAS_PROPERTY", json!({})),
        ("title", "NOT_HAS_PROPERTY", json!({})),
        ("title", "CONTAINS_TOKEN", v("widget")),
        ("title", "CONTAINS_TOKEN", v("*@hubspot.com")),
        ("title", "CONTAINS_TOKEN", v("wid*")),
        ("title", "NOT_CONTAINS_TOKEN", v("widget")),
        ("notes", "CONTAINS_TOKEN", v("URGENT")),
        ("qty", "EQ", v("10")),
        ("qty", "NEQ", v("10")),
        ("qty", "GT", v("9")),
        ("qty", "LT", v("10")),
        ("qty", "LTE", v("2.5")),
        ("qty", "GTE", v("-3")),
        ("qty", "BETWEEN", json!({"value": "0", "highValue": "10"})),
        ("qty", "IN", json!({"values": ["9", "100"]})),
        ("qty", "NOT_IN", json!({"values": ["9", "100"]})),
        ("qty", "HAS_PROPERTY", json!({})),
        ("qty", "NOT_HAS_PROPERTY", json!({})),
        ("due", "EQ", v("2026-01-31")),
        ("due", "EQ", v("1769817600000")),
        ("due", "GT", v("2026-01-30")),
        ("due", "LT", v("1769817600000")),
        ("due", "BETWEEN", json!({"value": "2026-01-01", "highValue": "2026-01-31"})),
        ("due", "NEQ", v("2026-01-31")),
        ("due", "NOT_HAS_PROPERTY", json!({})),
        ("seen", "GTE", v("2026-01-31T00:00:00Z")),
        ("seen", "LT", v("1769853600000")),
        ("seen", "EQ", v("2026-01-31T10:00:00.000Z")),
        ("seen", "BETWEEN", json!({"value": "2025-01-01", "highValue": "2026-01-31T05:00:00Z"})),
        ("seen", "HAS_PROPERTY", json!({})),
        ("ok", "EQ", v("true")),
        ("ok", "EQ", v("FALSE")),
        ("ok", "NEQ", v("true")),
        ("ok", "NOT_HAS_PROPERTY", json!({})),
        ("tier", "EQ", v("Gold")),
        ("tier", "EQ", v("gold")),
        ("tier", "NEQ", v("Gold")),
        ("tier", "IN", json!({"values": ["silver", "BRONZE"]})),
        ("tier", "NOT_IN", json!({"values": ["silver"]})),
        ("tier", "HAS_PROPERTY", json!({})),
        ("tags", "EQ", v("a")),
        ("tags", "EQ", v("c")),
        ("tags", "NEQ", v("a")),
        ("tags", "IN", json!({"values": ["b", "C"]})),
        ("tags", "NOT_IN", json!({"values": ["a"]})),
        ("tags", "NOT_HAS_PROPERTY", json!({})),
    ]
}

#[tokio::test]
async fn every_operator_on_every_type_matches_the_reference() {
    let emu = Emu::start(DbChoice::Memory, SeedChoice::Empty, 0, None).await;
    let recs = gadgets(&emu).await;
    assert_eq!(recs.len(), 40);
    let mut sizes = Vec::new();
    for (prop, op, extra) in cases() {
        let mut f = json!({"propertyName": prop, "operator": op});
        for (k, v) in extra.as_object().unwrap() {
            f[k] = v.clone();
        }
        let body = json!({"filterGroups": [{"filters": [f]}]});
        let want = expected(&recs, &body);
        assert_eq!(search_ids(&emu, &body).await, want, "{prop} {op} {extra}");
        sizes.push(want.len());
    }
    // The cases discriminate: most select some records but not all.
    let partial = sizes.iter().filter(|n| **n > 0 && **n < 40).count();
    assert!(partial * 10 >= sizes.len() * 8, "{sizes:?}");
}

#[tokio::test]
async fn groups_are_ored_and_filters_anded() {
    let emu = Emu::start(DbChoice::Memory, SeedChoice::Empty, 0, None).await;
    let recs = gadgets(&emu).await;
    let body = json!({"filterGroups": [
        {"filters": [{"propertyName": "qty", "operator": "GT", "value": "5"}, {"propertyName": "tier", "operator": "EQ", "value": "Gold"}]},
        {"filters": [{"propertyName": "tags", "operator": "EQ", "value": "C"}, {"propertyName": "ok", "operator": "EQ", "value": "true"}]}]});
    let want = expected(&recs, &body);
    assert!(!want.is_empty());
    assert_eq!(search_ids(&emu, &body).await, want);
    assert_eq!(search_ids(&emu, &json!({})).await.len(), 40, "an empty body returns everything");
}

#[tokio::test]
async fn sorts_both_ways_with_missing_values_last() {
    let emu = Emu::start(DbChoice::Memory, SeedChoice::Empty, 0, None).await;
    let recs = gadgets(&emu).await;
    for dir in ["ASCENDING", "DESCENDING"] {
        let body = json!({"sorts": [{"propertyName": "qty", "direction": dir}], "properties": ["qty"]});
        let ids = search_ids(&emu, &body).await;
        let vals: Vec<Option<f64>> = ids
            .iter()
            .map(|id| recs.iter().find(|r| &r.0 == id).unwrap().1.get("qty").map(|q| q.parse().unwrap()))
            .collect();
        let present: Vec<f64> = vals.iter().map_while(|v| *v).collect();
        assert!(vals[present.len()..].iter().all(Option::is_none), "missing last: {vals:?}");
        let mut sorted = present.clone();
        sorted.sort_by(|a, b| if dir == "ASCENDING" { a.partial_cmp(b).unwrap() } else { b.partial_cmp(a).unwrap() });
        assert_eq!(present, sorted);
    }
    // The string form of sorts is accepted too; text sorts case-insensitively.
    let ids = search_ids(&emu, &json!({"sorts": ["-title"]})).await;
    let titles: Vec<String> = ids
        .iter()
        .filter_map(|id| recs.iter().find(|r| &r.0 == id).unwrap().1.get("title").map(|t| t.to_lowercase()))
        .collect();
    let mut sorted = titles.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(titles, sorted);
    // Default order is creation order.
    let ids = search_ids(&emu, &json!({})).await;
    let mut by_id = ids.clone();
    by_id.sort_by_key(|i| i.parse::<i64>().unwrap());
    assert_eq!(ids, by_id);
}

#[tokio::test]
async fn paging_reaches_the_end_with_offsets_and_omits_paging_on_the_last_page() {
    let emu = Emu::start(DbChoice::Memory, SeedChoice::Empty, 0, None).await;
    gadgets(&emu).await;
    let mut after: Option<String> = None;
    let mut seen = Vec::new();
    loop {
        let mut body = json!({"limit": 15, "sorts": [{"propertyName": "title", "direction": "ASCENDING"}]});
        if let Some(a) = &after {
            body["after"] = json!(a);
        }
        let r = emu.post("/crm/v3/objects/gadget/search", body).await;
        assert_eq!(r.json["total"], 40);
        seen.extend(r.json["results"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_owned()));
        match r.json.get("paging") {
            Some(p) => {
                assert!(p["next"].get("link").is_none());
                after = Some(p["next"]["after"].as_str().unwrap().to_owned());
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), 40);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 40, "no record twice");
}

#[tokio::test]
async fn limits_and_errors_are_hubspot_shaped_400s() {
    let emu = Emu::demo(30).await;
    let f = json!({"propertyName": "year", "operator": "GT", "value": "2000"});
    let bad = [
        json!({"filterGroups": vec![json!({"filters": [f]}); 6]}),
        json!({"filterGroups": [{"filters": vec![f.clone(); 7]}]}),
        json!({"filterGroups": vec![json!({"filters": vec![f.clone(); 5]}); 4]}),
        json!({"filterGroups": [{"filters": [{"propertyName": "colour", "operator": "EQ", "value": "red"}]}]}),
        json!({"filterGroups": [{"filters": [{"propertyName": "year", "operator": "LIKE", "value": "2"}]}]}),
        json!({"filterGroups": [{"filters": [{"propertyName": "year", "operator": "EQ"}]}]}),
        json!({"filterGroups": [{"filters": [{"propertyName": "year", "operator": "EQ", "value": "soon"}]}]}),
        json!({"filterGroups": [{"filters": [{"propertyName": "year", "operator": "BETWEEN", "value": "1"}]}]}),
        json!({"filterGroups": [{"filters": [{"propertyName": "make", "operator": "IN", "values": []}]}]}),
        json!({"filterGroups": [{"filters": [{"propertyName": "year", "operator": "CONTAINS_TOKEN", "value": "2"}]}]}),
        json!({"query": "x".repeat(3001)}),
        json!({"limit": 201}),
        json!({"limit": 0}),
        json!({"after": "10000"}),
        json!({"after": "9950", "limit": 100}),
        json!({"after": "ten"}),
        json!({"sorts": [{"propertyName": "nope", "direction": "ASCENDING"}]}),
        json!({"sorts": [{"propertyName": "year", "direction": "SIDEWAYS"}]}),
    ];
    for body in bad {
        let r = emu.post("/crm/v3/objects/cars/search", body.clone()).await;
        assert_error(&r, 400, "VALIDATION_ERROR");
        assert!(r.json["message"].as_str().unwrap().len() > 10, "{body}: {}", r.text);
    }
    let r = emu
        .post("/crm/v3/objects/cars/search", json!({"filterGroups": vec![json!({"filters": vec![f.clone(); 6]}); 3]}))
        .await;
    assert_eq!(r.status, 200, "18 filters are allowed: {}", r.text);
}

#[tokio::test]
async fn the_seed_example_and_the_ten_thousand_cap() {
    let emu = Emu::demo(12_000).await;
    let body = json!({"filterGroups": [{"filters": [
        {"propertyName": "year", "operator": "EQ", "value": "2026"}, {"propertyName": "price", "operator": "GT", "value": "50000"}]}],
        "properties": ["year", "price"], "limit": 200});
    let r = emu.post("/crm/v3/objects/2-3465404/search", body).await;
    assert_eq!(r.status, 200);
    let total = r.json["total"].as_u64().unwrap();
    assert!(total > 0);
    for car in r.json["results"].as_array().unwrap() {
        assert_eq!(car["properties"]["year"], "2026");
        assert!(
            car["properties"]["price"].as_str().unwrap().parse::<f64>().unwrap() > 50000.0,
            "numbers compare numerically"
        );
    }
    let r = emu.post("/crm/v3/objects/cars/search", json!({"limit": 200, "after": "9800"})).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json["total"], 12_000, "total counts past the cap");
    assert_eq!(r.json["paging"]["next"]["after"], "10000");
    assert_error(
        &emu.post("/crm/v3/objects/cars/search", json!({"limit": 10, "after": "10000"})).await,
        400,
        "VALIDATION_ERROR",
    );
    // Continuing past the cap the documented way: hs_object_id GT the last id, ascending.
    let last = r.json["results"].as_array().unwrap().last().unwrap()["id"].as_str().unwrap().to_owned();
    let body = json!({"filterGroups": [{"filters": [{"propertyName": "hs_object_id", "operator": "GT", "value": last}]}],
        "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}], "limit": 200});
    assert_eq!(emu.post("/crm/v3/objects/cars/search", body).await.json["total"], 2_000);
}

#[tokio::test]
async fn query_searches_default_searchable_properties_by_token_prefix() {
    let emu = Emu::demo(50).await;
    let r = emu
        .post(
            "/crm/v3/objects/contacts",
            json!({"properties": {"email": "zanzibar.quux@example.com", "firstname": "Zanzibar"}}),
        )
        .await;
    let id = r.json["id"].as_str().unwrap().to_owned();
    for q in ["zanzibar", "ZANZ", "zanzibar quux", "quux@example"] {
        let r = emu.post("/crm/v3/objects/contacts/search", json!({"query": q})).await;
        assert_eq!(r.json["total"], 1, "{q}: {}", r.text);
        assert_eq!(r.json["results"][0]["id"], id.as_str());
        let props = r.json["results"][0]["properties"].as_object().unwrap();
        assert!(props.contains_key("email") && props.contains_key("lastmodifieddate"), "default properties");
    }
    assert_eq!(emu.post("/crm/v3/objects/contacts/search", json!({"query": "zanzibarx"})).await.json["total"], 0);
    // Kept in step with writes: update, then archive.
    emu.patch(&format!("/crm/v3/objects/contacts/{id}"), json!({"properties": {"firstname": "Quokka"}})).await;
    assert_eq!(emu.post("/crm/v3/objects/contacts/search", json!({"query": "quokka"})).await.json["total"], 1);
    emu.delete(&format!("/crm/v3/objects/contacts/{id}")).await;
    assert_eq!(emu.post("/crm/v3/objects/contacts/search", json!({"query": "quokka"})).await.json["total"], 0);
    // Cars search their schema's searchable properties.
    let r =
        emu.post("/crm/v3/objects/cars/search", json!({"query": "mazda", "properties": ["make", "dealership"]})).await;
    for c in r.json["results"].as_array().unwrap() {
        let text = format!("{} {}", c["properties"]["make"], c["properties"]["dealership"]).to_lowercase();
        assert!(text.contains("mazda"), "{text}");
    }
}

#[tokio::test]
async fn archived_records_never_appear_and_writes_are_seen_at_once() {
    let emu = Emu::demo(20).await;
    let body = json!({"filterGroups": [{"filters": [{"propertyName": "make", "operator": "EQ", "value": "zonda"}]}]});
    assert_eq!(emu.post("/crm/v3/objects/cars/search", body.clone()).await.json["total"], 0);
    let r =
        emu.post("/crm/v3/objects/cars", json!({"properties": {"year": "2020", "make": "Zonda", "model": "R"}})).await;
    let id = r.json["id"].as_str().unwrap().to_owned();
    assert_eq!(emu.post("/crm/v3/objects/cars/search", body.clone()).await.json["total"], 1);
    emu.patch(&format!("/crm/v3/objects/cars/{id}"), json!({"properties": {"make": "Pagani"}})).await;
    assert_eq!(emu.post("/crm/v3/objects/cars/search", body.clone()).await.json["total"], 0);
    emu.patch(&format!("/crm/v3/objects/cars/{id}"), json!({"properties": {"make": "Zonda"}})).await;
    emu.delete(&format!("/crm/v3/objects/cars/{id}")).await;
    assert_eq!(emu.post("/crm/v3/objects/cars/search", body).await.json["total"], 0);
    // A refused write changes nothing the search can see.
    let bad = json!({"inputs": [{"properties": {"year": "2020", "make": "Zonda", "model": "R"}}, {"properties": {"year": "x", "make": "Zonda", "model": "R"}}]});
    assert_eq!(emu.post("/crm/v3/objects/cars/batch/create", bad).await.status, 400);
    let body = json!({"filterGroups": [{"filters": [{"propertyName": "make", "operator": "EQ", "value": "zonda"}]}]});
    assert_eq!(emu.post("/crm/v3/objects/cars/search", body).await.json["total"], 0);
}

#[tokio::test]
async fn association_pseudo_property_finds_associated_records() {
    let emu = Emu::demo(30).await;
    let deals = emu.get("/crm/v3/objects/deals?limit=5&associations=contacts").await;
    let deal = &deals.json["results"][0];
    let contact = deal["associations"]["contacts"]["results"][0]["id"].as_str().unwrap().to_owned();
    let body = json!({"filterGroups": [{"filters": [{"propertyName": "associations.contact", "operator": "EQ", "value": contact}]}], "limit": 100});
    let r = emu.post("/crm/v3/objects/deals/search", body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let ids: Vec<&str> = r.json["results"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&deal["id"].as_str().unwrap()));
    for id in ids {
        let d = emu.get(&format!("/crm/v3/objects/deals/{id}?associations=contacts")).await;
        let linked: Vec<&str> = d.json["associations"]["contacts"]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        assert!(linked.contains(&contact.as_str()));
    }
    let body = json!({"filterGroups": [{"filters": [{"propertyName": "associations.p48213567_cars", "operator": "EQ", "value": "1"}]}]});
    assert_error(&emu.post("/crm/v3/objects/contacts/search", body).await, 400, "VALIDATION_ERROR");
}
