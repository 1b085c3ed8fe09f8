//! Property test: random filter groups over a random small data set select exactly the
//! records an independent in-memory evaluator selects (the engine against the reference).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::OnceLock;

use hubtui::api::types::OPERATORS;
use hubtui::emulator::launch::{DbChoice, SeedChoice};
use proptest::prelude::*;
use serde_json::{Value, json};
use support::Emu;
use support::search_ref::{Rec, expected, gadget_schema};

const PROPS: &[(&str, &[&str])] = &[
    ("title", &["Red Widget", "blue widget", "widget", "Gadget X", "ada@hubspot.com"]),
    ("qty", &["1", "2", "10", "9", "-1", "2.5"]),
    ("due", &["2026-01-01", "2026-01-31", "2025-12-31"]),
    ("seen", &["2026-01-31T10:00:00.000Z", "2025-06-15T08:30:00.000Z"]),
    ("ok", &["true", "false"]),
    ("tier", &["Gold", "silver", "BRONZE"]),
    ("tags", &["a", "b", "C", "a;b", "b;C"]),
];

const FILTER_VALUES: &[(&str, &[&str])] = &[
    ("title", &["widget", "red widget", "WIDGET", "gadget", "*@hubspot.com", "wid*", "blue widget", "x"]),
    ("qty", &["1", "2", "10", "9", "-1", "2.5", "0"]),
    ("due", &["2026-01-01", "2026-01-31", "2025-12-31", "1767225600000"]),
    ("seen", &["2026-01-31T10:00:00.000Z", "2026-01-01", "1750000000000"]),
    ("ok", &["true", "false"]),
    ("tier", &["Gold", "gold", "silver", "BRONZE"]),
    ("tags", &["a", "b", "C", "c"]),
];

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap())
}

fn record_strategy() -> impl Strategy<Value = Value> {
    prop::collection::vec(prop::option::of(0usize..6), PROPS.len()).prop_map(|picks| {
        let mut p = serde_json::Map::new();
        for ((name, values), pick) in PROPS.iter().zip(picks) {
            if let Some(i) = pick {
                p.insert((*name).into(), json!(values[i % values.len()]));
            }
        }
        json!({ "properties": p })
    })
}

fn filter_strategy() -> impl Strategy<Value = Value> {
    (0..FILTER_VALUES.len(), 0..OPERATORS.len(), prop::collection::vec(0usize..8, 3)).prop_map(|(p, o, picks)| {
        let (name, values) = FILTER_VALUES[p];
        let mut op = OPERATORS[o];
        if matches!(op, "CONTAINS_TOKEN" | "NOT_CONTAINS_TOKEN") && !matches!(name, "title" | "tier" | "tags") {
            op = "EQ";
        }
        let v = |i: usize| values[picks[i] % values.len()];
        let mut f = json!({"propertyName": name, "operator": op});
        match op {
            "HAS_PROPERTY" | "NOT_HAS_PROPERTY" => {}
            "BETWEEN" => {
                f["value"] = json!(v(0));
                f["highValue"] = json!(v(1));
            }
            "IN" | "NOT_IN" => f["values"] = json!([v(0), v(1), v(2)]),
            _ => f["value"] = json!(v(0)),
        }
        f
    })
}

fn groups_strategy() -> impl Strategy<Value = Value> {
    prop::collection::vec(prop::collection::vec(filter_strategy(), 1..4), 0..4)
        .prop_map(|groups| json!({"filterGroups": groups.into_iter().map(|g| json!({"filters": g})).collect::<Vec<_>>(), "limit": 200}))
}

async fn check(records: Vec<Value>, body: Value) -> Result<(), TestCaseError> {
    let emu = Emu::start(DbChoice::Memory, SeedChoice::Empty, 0, None).await;
    assert_eq!(emu.post("/crm/v3/schemas", gadget_schema()).await.status, 201);
    let mut recs: Vec<Rec> = Vec::new();
    if !records.is_empty() {
        let r = emu.post("/crm/v3/objects/gadget/batch/create", json!({"inputs": records})).await;
        prop_assert_eq!(r.status, 201, "{}", r.text);
        for (created, _) in r.json["results"].as_array().unwrap().iter().zip(0..) {
            let id = created["id"].as_str().unwrap().to_owned();
            let got = emu.get(&format!("/crm/v3/objects/gadget/{id}?properties=title,qty,due,seen,ok,tier,tags")).await;
            let props = got.json["properties"]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, v)| !k.starts_with("hs_") && v.is_string())
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect();
            recs.push((id, props));
        }
    }
    let r = emu.post("/crm/v3/objects/gadget/search", body.clone()).await;
    prop_assert_eq!(r.status, 200, "{} -> {}", body, r.text);
    let got: Vec<String> =
        r.json["results"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_owned()).collect();
    let want = expected(&recs, &body);
    prop_assert_eq!(r.json["total"].as_u64().unwrap() as usize, want.len(), "total for {}", body);
    prop_assert_eq!(got, want, "records for {}", body);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn search_engine_agrees_with_the_reference_evaluator(
        records in prop::collection::vec(record_strategy(), 0..25),
        body in groups_strategy(),
    ) {
        runtime().block_on(check(records, body))?;
    }
}
