//! 2026-09's write validation in the local CRM: the property-validations API, property
//! validation rules refused with `VALIDATION_ERROR` on 2026-09 paths only, normalization with
//! a `PROPERTY_VALUE_NORMALIZED` warning, conditionally required properties and the create
//! form's required fields (`MISSING_CONDITIONAL_REQUIRED_PROPERTY` / `MISSING_REQUIRED_PROPERTY`
//! with `context.propertyName`), and the admin extension that sets the last two.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::json;
use support::{Emu, assert_error};

const CAR: &str = r#"{"year": "2024", "make": "Kia", "model": "Rio"}"#;

fn car(vin: &str) -> serde_json::Value {
    let mut p: serde_json::Value = serde_json::from_str(CAR).unwrap();
    p["VIN"] = json!(vin);
    json!({ "properties": p })
}

#[tokio::test]
async fn the_property_validations_api_lists_reads_and_replaces_rules() {
    let emu = Emu::demo(1).await;
    for v in ["/crm/v3/property-validations", "/crm/property-validations/2026-03", "/crm/property-validations/2026-09"]
    {
        let all = emu.get(&format!("{v}/2-3465404")).await;
        assert_eq!(all.status, 200, "{v}: {}", all.text);
        let names: Vec<&str> =
            all.json["results"].as_array().unwrap().iter().map(|r| r["propertyName"].as_str().unwrap()).collect();
        assert_eq!(names, ["VIN", "year", "price"], "{v}");
        let vin = emu.get(&format!("{v}/2-3465404/VIN")).await;
        let types: Vec<&str> =
            vin.json["results"].as_array().unwrap().iter().map(|r| r["ruleType"].as_str().unwrap()).collect();
        assert_eq!(types, ["WHITESPACE", "ALPHANUMERIC", "MIN_LENGTH", "MAX_LENGTH"]);
        let one = emu.get(&format!("{v}/2-3465404/VIN/rule-type/MAX_LENGTH")).await;
        assert_eq!(
            one.json,
            json!({"ruleType": "MAX_LENGTH", "ruleArguments": ["17"], "shouldApplyNormalization": false})
        );
    }
    // A PUT replaces the rule of its type and leaves the others.
    let put = emu
        .put("/crm/property-validations/2026-03/cars/price/rule-type/MAX_NUMBER", json!({"ruleArguments": ["50000"]}))
        .await;
    assert_eq!(put.status, 204, "{}", put.text);
    let price = emu.get("/crm/property-validations/2026-03/cars/price").await;
    assert_eq!(
        price.json["results"],
        json!([
        {"ruleType": "MIN_NUMBER", "ruleArguments": ["0"], "shouldApplyNormalization": false},
        {"ruleType": "MAX_NUMBER", "ruleArguments": ["50000"], "shouldApplyNormalization": false}])
    );
    let r = emu.post("/crm/objects/2026-09/cars", json!({"properties": {"VIN": "5YJ3E1EA7KF000010", "year": "2024", "make": "Kia", "model": "Rio", "price": "60000"}})).await;
    assert_error(&r, 400, "VALIDATION_ERROR");
    assert_eq!(r.json["errors"][0]["message"], "Price must be at most 50000", "{}", r.text);
    // Bad input says why.
    assert_error(
        &emu.put("/crm/v3/property-validations/cars/price/rule-type/NOPE", json!({"ruleArguments": []})).await,
        400,
        "VALIDATION_ERROR",
    );
    assert_error(
        &emu.put("/crm/v3/property-validations/cars/VIN/rule-type/REGEX", json!({"ruleArguments": ["("]})).await,
        400,
        "VALIDATION_ERROR",
    );
    for (prop, rule, args) in [
        ("price", "MAX_NUMBER", json!(["abc"])),
        ("year", "MIN_LENGTH", json!(["50000", "7"])),
        ("VIN", "MIN_NUMBER", json!(["1"])),
    ] {
        let r = emu
            .put(&format!("/crm/v3/property-validations/cars/{prop}/rule-type/{rule}"), json!({"ruleArguments": args}))
            .await;
        assert_error(&r, 400, "VALIDATION_ERROR");
    }
    assert_error(&emu.get("/crm/v3/property-validations/cars/nothing").await, 404, "OBJECT_NOT_FOUND");
    assert_error(&emu.get("/crm/v3/property-validations/cars/model/rule-type/REGEX").await, 404, "OBJECT_NOT_FOUND");
}

#[tokio::test]
async fn a_value_breaking_a_rule_is_refused_on_2026_09_only() {
    let emu = Emu::demo(1).await;
    let r = emu.post("/crm/objects/2026-09/cars", car("SHORT1")).await;
    assert_error(&r, 400, "VALIDATION_ERROR");
    assert_eq!(r.json["message"], "The property values provided are invalid");
    assert_eq!(r.json["errors"][0]["code"], "INVALID_PROPERTY_VALUE");
    assert_eq!(r.json["errors"][0]["context"]["propertyName"], json!(["VIN"]));
    assert_eq!(r.json["errors"][0]["message"], "VIN needs at least 17 characters (6 given)");
    for prefix in ["/crm/v3/objects", "/crm/objects/2026-03"] {
        let ok = emu.post(&format!("{prefix}/cars"), car(&format!("SHORT{}", prefix.len()))).await;
        assert_eq!(ok.status, 201, "{prefix} leaves the rules to the UI: {}", ok.text);
    }
    // An update too; a number rule.
    let (id, _) = emu.first_car().await;
    let r = emu.patch(&format!("/crm/objects/2026-09/cars/{id}"), json!({"properties": {"price": "-5"}})).await;
    assert_eq!(r.json["errors"][0]["message"], "Price must be at least 0", "{}", r.text);
    // A batch on 2026-09 reports the refused input in errors[] (trace ids: each on its own).
    let batch = json!({"inputs": [
        {"properties": car("5YJ3E1EA7KF000020")["properties"], "objectWriteTraceId": "ok"},
        {"properties": car("BAD-VIN-0000000000")["properties"], "objectWriteTraceId": "bad"}]});
    let r = emu.post("/crm/objects/2026-09/cars/batch/create", batch).await;
    assert_eq!((r.status, r.json["numErrors"].as_i64()), (201, Some(1)), "{}", r.text);
    assert_eq!(r.json["errors"][0]["context"]["objectWriteTraceId"], json!(["bad"]), "{}", r.text);
}

#[tokio::test]
async fn a_normalized_value_is_stored_normalized_with_a_warning() {
    let emu = Emu::demo(1).await;
    let r = emu.post("/crm/objects/2026-09/cars", car("  5YJ3E1EA7KF000030 ")).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["properties"]["VIN"], "5YJ3E1EA7KF000030");
    let w = &r.json["warnings"][0];
    assert_eq!(w["category"], "PROPERTY_VALUE_NORMALIZED", "{}", r.text);
    assert_eq!(w["context"]["propertyName"], json!(["VIN"]));
    assert_eq!(w["context"]["rawValue"], json!(["  5YJ3E1EA7KF000030 "]));
    assert_eq!(w["context"]["normalizedValue"], json!(["5YJ3E1EA7KF000030"]));
    // No warning when nothing changed; none on v3, which leaves values as sent.
    let r = emu.post("/crm/objects/2026-09/cars", car("5YJ3E1EA7KF000031")).await;
    assert!(r.json.get("warnings").is_none(), "{}", r.text);
}

#[tokio::test]
async fn conditionally_required_and_create_form_fields_are_named_on_2026_09() {
    let emu = Emu::demo(5).await;
    // The demo's Cars create form requires a VIN.
    let no_vin = json!({"properties": serde_json::from_str::<serde_json::Value>(CAR).unwrap()});
    let r = emu.post("/crm/objects/2026-09/cars", no_vin.clone()).await;
    assert_error(&r, 400, "VALIDATION_ERROR");
    assert_eq!(r.json["errors"][0]["code"], "MISSING_REQUIRED_PROPERTY", "{}", r.text);
    assert_eq!(r.json["errors"][0]["context"]["propertyName"], json!(["VIN"]));
    assert_eq!(r.json["errors"][0]["message"], "A value for VIN must be provided");
    assert_eq!(emu.post("/crm/objects/2026-03/cars", no_vin).await.status, 201);
    // A closed-lost deal needs a reason.
    let deals = emu.get("/crm/v3/objects/deals?limit=1").await;
    let deal = deals.json["results"][0]["id"].as_str().unwrap().to_owned();
    let lost = json!({"properties": {"dealstage": "closedlost"}});
    let r = emu.patch(&format!("/crm/objects/2026-09/deals/{deal}"), lost.clone()).await;
    assert_error(&r, 400, "VALIDATION_ERROR");
    assert_eq!(r.json["errors"][0]["code"], "MISSING_CONDITIONAL_REQUIRED_PROPERTY", "{}", r.text);
    assert_eq!(r.json["errors"][0]["context"]["propertyName"], json!(["closed_lost_reason"]));
    assert_eq!(
        r.json["errors"][0]["message"],
        "closed_lost_reason is required because of a conditional property rule based on [dealstage]"
    );
    let with_reason = json!({"properties": {"dealstage": "closedlost", "closed_lost_reason": "Went with a rival"}});
    assert_eq!(emu.patch(&format!("/crm/objects/2026-09/deals/{deal}"), with_reason).await.status, 200);
    // An unrelated edit of a record that breaks a rule is not refused.
    let other = deals.json["results"][0]["id"].as_str().unwrap();
    emu.patch(&format!("/crm/v3/objects/deals/{other}"), json!({"properties": {"closed_lost_reason": ""}})).await;
    let r =
        emu.patch(&format!("/crm/objects/2026-09/deals/{other}"), json!({"properties": {"description": "x"}})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(emu.patch(&format!("/crm/v3/objects/deals/{deal}"), lost).await.status, 200, "v3 is unaffected");
}

#[tokio::test]
async fn the_admin_extension_sets_a_types_write_rules() {
    let emu = Emu::demo(1).await;
    let rules = json!({"conditionalRequired": [{"propertyName": "price", "controllingProperty": "maintenance_package", "values": ["premium"]}],
                       "createFormRequired": []});
    let r = emu.put("/__hubtui/write-rules/cars", rules.clone()).await;
    assert_eq!((r.status, &r.json), (200, &rules), "{}", r.text);
    assert_eq!(emu.get("/__hubtui/write-rules/cars").await.json, rules);
    let r = emu
        .post(
            "/crm/objects/2026-09/cars",
            json!({"properties": {"year": "2024", "make": "Kia", "model": "Rio", "maintenance_package": "premium"}}),
        )
        .await;
    assert_eq!(r.json["errors"][0]["context"]["propertyName"], json!(["price"]), "{}", r.text);
    for bad in [
        json!({"createFormRequired": ["no_such_property"]}),
        json!({"bogus": 1}),
        json!({"conditionalRequired": [{"propertyName": "price", "controllingProperty": "maintenance_package", "values": ["gold"]}]}),
    ] {
        assert_error(&emu.put("/__hubtui/write-rules/cars", bad.clone()).await, 400, "VALIDATION_ERROR");
    }
    assert_eq!(emu.get("/__hubtui/write-rules/cars").await.json, rules, "a refused PUT changes nothing");
}
