//! Authentication, malformed input and unknown routes: clear 4xx in HubSpot's shape, never a
#![allow(clippy::unwrap_used, clippy::expect_used)]
//! 5xx, never a partial write.

mod support;

use hubtui::emulator::launch::{DbChoice, SeedChoice};
use serde_json::json;
use support::{Emu, assert_error};

#[tokio::test]
async fn missing_or_wrong_bearer_token_is_401() {
    let emu = Emu::start(DbChoice::Memory, SeedChoice::Empty, 0, Some("s3cret")).await;
    let r = emu.raw("GET", "/crm/v3/objects/contacts", "", None).await;
    assert_error(&r, 401, "INVALID_AUTHENTICATION");
    let r = emu.raw("GET", "/crm/v3/objects/contacts", "", Some("wrong")).await;
    assert_error(&r, 401, "INVALID_AUTHENTICATION");
    assert!(!r.text.contains("s3cret") && !r.text.contains("wrong"), "tokens never echo: {}", r.text);
    assert_eq!(emu.raw("GET", "/crm/v3/objects/contacts", "", Some("s3cret")).await.status, 200);
}

#[tokio::test]
async fn malformed_json_names_line_and_column() {
    let emu = Emu::demo(1).await;
    let r = emu.raw("POST", "/crm/v3/objects/cars", "{\"properties\": {\"year\": ", Some("t")).await;
    assert_error(&r, 400, "VALIDATION_ERROR");
    assert!(r.json["message"].as_str().unwrap().starts_with("Invalid input JSON on line 1, column"), "{}", r.text);
    let r = emu.raw("POST", "/crm/v3/objects/cars/batch/create", "{\"inputs\": 5}", Some("t")).await;
    assert_error(&r, 400, "VALIDATION_ERROR");
    let r = emu.raw("POST", "/crm/v3/objects/cars", "{\"properties\": {\"make\": {\"nested\": 1}}}", Some("t")).await;
    assert_error(&r, 400, "VALIDATION_ERROR");
    let r = emu.raw("POST", "/crm/v3/objects/cars", "{\"associations\": [{\"to\": {\"id\": 1}}]}", Some("t")).await;
    assert_error(&r, 400, "VALIDATION_ERROR");
}

#[tokio::test]
async fn huge_bodies_are_refused_with_413() {
    let emu = Emu::demo(1).await;
    let big = format!("{{\"properties\": {{\"make\": \"{}\"}}}}", "x".repeat(9 * 1024 * 1024));
    let r = emu.raw("POST", "/crm/v3/objects/cars", &big, Some("t")).await;
    assert_error(&r, 413, "VALIDATION_ERROR");
}

#[tokio::test]
async fn hostile_names_and_values_never_cause_a_5xx() {
    let emu = Emu::demo(3).await;
    // Unknown names in `properties=` are ignored on reads, as HubSpot does.
    let r = emu.get("/crm/v3/objects/cars?properties=%27%3B%20DROP%20TABLE%20object%3B--").await;
    assert_eq!(r.status, 200);
    assert!(r.json["results"][0]["properties"].get("'; DROP TABLE object;--").is_none());
    for path in [
        "/crm/v3/objects/cars/1%20OR%201=1",
        "/crm/v3/objects/cars?after=-5",
        "/crm/v3/objects/%00/1",
        "/crm/v3/objects/cars/99999999999999999999999",
        "/crm/v3/properties/cars/%27%20OR%20%271%27=%271",
        "/crm/v3/no/such/route",
    ] {
        let r = emu.get(path).await;
        assert!(r.status < 500, "{path}: {} {}", r.status, r.text);
        assert_eq!(r.json["status"], "error", "{path}: {}", r.text);
    }
    let r = emu
        .post("/crm/v3/objects/cars", json!({"properties": {"make": "x".repeat(70_000), "year": "2020", "model": "m"}}))
        .await;
    assert_error(&r, 400, "VALIDATION_ERROR");
    let r = emu.get("/crm/v3/objects/cars?limit=100").await;
    assert_eq!(r.json["results"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn empty_portal_has_standard_types_and_no_records() {
    let emu = Emu::start(DbChoice::Memory, SeedChoice::Empty, 0, None).await;
    let r = emu.get("/crm/v3/objects/contacts").await;
    assert_eq!(r.json["results"].as_array().unwrap().len(), 0);
    assert!(r.json.get("paging").is_none());
    assert_eq!(emu.get("/crm/v3/schemas").await.json["results"].as_array().unwrap().len(), 0);
    assert_error(&emu.get("/crm/v3/objects/cars").await, 400, "VALIDATION_ERROR");
}

/// A lookup by a unique property that finds nothing names the property, not "id".
#[tokio::test]
async fn a_missing_id_property_value_is_named_in_the_404() {
    let emu = Emu::demo(1).await;
    let r = emu.raw("GET", "/crm/v3/objects/cars/NOPE123?idProperty=VIN", "", Some("t")).await;
    assert_error(&r, 404, "OBJECT_NOT_FOUND");
    assert!(r.json["message"].as_str().unwrap().contains("no car with VIN = NOPE123"), "{}", r.text);
    let r = emu.raw("GET", "/crm/v3/objects/cars/1", "", Some("t")).await;
    assert!(r.json["message"].as_str().unwrap().contains("no car with id 1"), "{}", r.text);
}
