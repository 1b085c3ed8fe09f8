//! Batch endpoints over real HTTP: read, create, update, upsert, archive; multi-status.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{Value, json};
use support::{Emu, assert_error};

async fn car_vins(emu: &Emu, n: usize) -> Vec<(String, String)> {
    let r = emu.get(&format!("/crm/v3/objects/cars?limit={n}&properties=VIN")).await;
    r.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_owned(), c["properties"]["VIN"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn batch_read_by_id_and_by_vin_reports_missing_ids_in_a_207() {
    let emu = Emu::demo(10).await;
    let cars = car_vins(&emu, 2).await;
    let body = json!({"properties": ["owner", "model"], "inputs": [{"id": cars[0].0}, {"id": cars[1].0}]});
    let r = emu.post("/crm/v3/objects/2-3465404/batch/read", body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["status"], "COMPLETE");
    for k in ["startedAt", "completedAt"] {
        assert!(r.json[k].is_string());
    }
    assert_eq!(r.json["results"].as_array().unwrap().len(), 2);
    assert!(r.json["results"][0]["properties"]["model"].is_string());
    let body = json!({"properties": ["owner", "model"], "idProperty": "VIN", "inputs": [{"id": cars[0].1}, {"id": "3GTU2MEH7JG290400"}]});
    let r = emu.post("/crm/v3/objects/2-3465404/batch/read", body).await;
    assert_eq!(r.status, 207, "{}", r.text);
    assert_eq!(r.json["numErrors"], 1);
    assert_eq!(r.json["errors"][0]["category"], "OBJECT_NOT_FOUND");
    assert_eq!(r.json["errors"][0]["context"]["ids"][0], "3GTU2MEH7JG290400");
    assert_eq!(r.json["results"][0]["id"], cars[0].0.as_str());
    let too_many: Vec<Value> = (0..101).map(|i| json!({"id": i.to_string()})).collect();
    assert_error(
        &emu.post("/crm/v3/objects/cars/batch/read", json!({"inputs": too_many})).await,
        400,
        "VALIDATION_ERROR",
    );
}

#[tokio::test]
async fn batch_create_the_seed_example_returns_201() {
    let emu = Emu::demo(1).await;
    let body = json!({"inputs": [
        {"properties": {"VIN": "1FT8W3A68HEC69514", "year": "2017", "make": "Ford", "model": "F-350 SD"}},
        {"properties": {"VIN": "19UNC1B07LY000049", "year": "2020", "make": "Acura", "model": "NSX"}}
    ]});
    let r = emu.post("/crm/v3/objects/2-3465404/batch/create", body).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["results"].as_array().unwrap().len(), 2);
    assert!(r.json.get("numErrors").is_none());
}

#[tokio::test]
async fn batch_create_without_trace_ids_is_all_or_nothing() {
    let emu = Emu::demo(1).await;
    let body = json!({"inputs": [
        {"properties": {"VIN": "AAA", "year": "2017", "make": "Ford", "model": "F-350 SD"}},
        {"properties": {"VIN": "BBB", "year": "soon", "make": "Acura", "model": "NSX"}}
    ]});
    let r = emu.post("/crm/v3/objects/cars/batch/create", body).await;
    assert_error(&r, 400, "VALIDATION_ERROR");
    assert_eq!(r.json["context"]["inputIndex"][0], "1");
    let r = emu.post("/crm/v3/objects/cars/batch/read", json!({"idProperty": "VIN", "inputs": [{"id": "AAA"}]})).await;
    assert_eq!(r.status, 207, "the first input was rolled back: {}", r.text);
}

#[tokio::test]
async fn batch_create_with_trace_ids_reports_each_failure_in_a_207() {
    let emu = Emu::demo(1).await;
    let body = json!({"inputs": [
        {"properties": {"VIN": "AAA", "year": "2017", "make": "Ford", "model": "F-350 SD"}, "objectWriteTraceId": "t1"},
        {"properties": {"VIN": "BBB", "year": "soon", "make": "Acura", "model": "NSX"}, "objectWriteTraceId": "t2"},
        {"properties": {"VIN": "AAA", "year": "2019", "make": "Acura", "model": "NSX"}, "objectWriteTraceId": "t3"}
    ]});
    let r = emu.post("/crm/v3/objects/cars/batch/create", body).await;
    assert_eq!(r.status, 207, "{}", r.text);
    assert_eq!(r.json["numErrors"], 2);
    assert_eq!(r.json["results"].as_array().unwrap().len(), 1);
    assert_eq!(r.json["results"][0]["objectWriteTraceId"], "t1");
    let traces: Vec<&str> = r.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["context"]["objectWriteTraceId"][0].as_str().unwrap())
        .collect();
    assert_eq!(traces, ["t2", "t3"]);
    assert_eq!(r.json["errors"][0]["category"], "VALIDATION_ERROR");
    assert_eq!(r.json["errors"][1]["category"], "CONFLICT");
}

#[tokio::test]
async fn batch_update_changes_many_and_refuses_duplicates() {
    let emu = Emu::demo(5).await;
    let cars = car_vins(&emu, 3).await;
    let inputs: Vec<Value> =
        cars.iter().map(|(id, _)| json!({"id": id, "properties": {"dealership": "Mountain Mazda"}})).collect();
    let r = emu.post("/crm/v3/objects/cars/batch/update", json!({"inputs": inputs})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    for c in &cars {
        let got = emu.get(&format!("/crm/v3/objects/cars/{}?properties=dealership", c.0)).await;
        assert_eq!(got.json["properties"]["dealership"], "Mountain Mazda");
    }
    let dup = json!({"inputs": [{"id": cars[0].0, "properties": {}}, {"id": cars[0].0, "properties": {}}]});
    assert_error(&emu.post("/crm/v3/objects/cars/batch/update", dup).await, 400, "VALIDATION_ERROR");
    let by_vin = json!({"inputs": [{"id": cars[1].1, "idProperty": "VIN", "properties": {"price": "1234"}}]});
    let r = emu.post("/crm/v3/objects/cars/batch/update", by_vin).await;
    assert_eq!(r.json["results"][0]["properties"]["price"], "1234");
}

#[tokio::test]
async fn batch_upsert_by_vin_creates_and_updates() {
    let emu = Emu::demo(3).await;
    let cars = car_vins(&emu, 1).await;
    let body = json!({"inputs": [
        {"properties": {"price": "4000"}, "id": cars[0].1, "idProperty": "VIN"},
        {"properties": {"price": "50000", "year": "2024", "make": "Ford", "model": "Explorer"}, "id": "1FDWF7DX3GDA03952", "idProperty": "VIN"}
    ]});
    let r = emu.post("/crm/v3/objects/2-3465404/batch/upsert", body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let res = r.json["results"].as_array().unwrap();
    assert_eq!(res[0]["new"], false);
    assert_eq!(res[0]["id"], cars[0].0.as_str());
    assert_eq!(res[1]["new"], true);
    let got = emu.get("/crm/v3/objects/cars/1FDWF7DX3GDA03952?idProperty=VIN&properties=price,VIN").await;
    assert_eq!(got.json["properties"]["price"], "50000");
    assert_eq!(got.json["properties"]["VIN"], "1FDWF7DX3GDA03952");
    // The seed's verbatim example: new VINs without the required properties are refused.
    let body = json!({"inputs": [{"properties": {"price": "8000"}, "id": "WA1JMDFE6AD006604", "idProperty": "VIN"}]});
    assert_error(&emu.post("/crm/v3/objects/cars/batch/upsert", body).await, 400, "VALIDATION_ERROR");
}

#[tokio::test]
async fn batch_archive_returns_204_and_hides_records() {
    let emu = Emu::demo(5).await;
    let cars = car_vins(&emu, 2).await;
    let body = json!({"inputs": [{"id": cars[0].0}, {"id": cars[1].0}, {"id": "12123434"}]});
    let r = emu.post("/crm/v3/objects/2-3465404/batch/archive", body).await;
    assert_eq!(r.status, 204, "{}", r.text);
    let left = emu.get("/crm/v3/objects/cars?limit=100").await;
    assert_eq!(left.json["results"].as_array().unwrap().len(), 3);
    let r = emu.post("/crm/v3/objects/cars/batch/read?archived=true", json!({"inputs": [{"id": cars[0].0}]})).await;
    assert_eq!(r.json["results"][0]["archived"], true);
}
