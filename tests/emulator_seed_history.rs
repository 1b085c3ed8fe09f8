//! A seeded record's creation values are implied (not one history row each) until its first
//! save writes them down: over HTTP, history reads the same before and after any write, and a
//! property made unique later finds the values records already hold.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{Value, json};
use support::Emu;

/// `(value, timestamp, sourceType)` of each version, newest first.
fn versions(r: &Value, name: &str) -> Vec<(String, String, String)> {
    r["propertiesWithHistory"][name]
        .as_array()
        .unwrap_or_else(|| panic!("no history of {name}: {r}"))
        .iter()
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            (s("value"), s("timestamp"), s("sourceType"))
        })
        .collect()
}

async fn first_car(emu: &Emu) -> (String, String) {
    let page = emu.get("/crm/v3/objects/cars?limit=1").await;
    let car = &page.json["results"][0];
    (car["id"].as_str().unwrap().to_owned(), car["createdAt"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_seeded_cars_creation_versions_read_the_same_before_and_after_writes() {
    let emu = Emu::demo(30).await;
    let (id, created) = first_car(&emu).await;
    let path = format!("/crm/v3/objects/cars/{id}?properties=make&propertiesWithHistory=make,model,dealership");
    let before = emu.get(&path).await.json;
    let make = before["properties"]["make"].as_str().unwrap().to_owned();
    let make_versions = versions(&before, "make");
    assert_eq!(make_versions, vec![(make.clone(), created.clone(), "IMPORT".to_owned())], "{before}");
    let old_model = versions(&before, "model");
    assert_eq!(old_model.len(), 1, "{before}");

    let r = emu.patch(&format!("/crm/v3/objects/cars/{id}"), json!({"properties": {"model": "Renamed"}})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let after = emu.get(&path).await.json;
    assert_eq!(versions(&after, "make"), make_versions, "an untouched property keeps its creation version");
    assert_eq!(versions(&after, "dealership"), versions(&before, "dealership"));
    let model = versions(&after, "model");
    assert_eq!(model.len(), 2, "{after}");
    assert_eq!((model[0].0.as_str(), model[0].2.as_str()), ("Renamed", "API"));
    assert_eq!(model[1], old_model[0], "the creation value is kept under the change");
}

#[tokio::test]
async fn a_merge_of_two_seeded_contacts_keeps_the_primarys_creation_history() {
    let emu = Emu::demo(5).await;
    let page = emu.get("/crm/v3/objects/contacts?limit=2&properties=firstname").await;
    let ids: Vec<String> =
        page.json["results"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect();
    let hist = |id: &str| format!("/crm/v3/objects/contacts/{id}?propertiesWithHistory=firstname,lastname");
    let primary_before = emu.get(&hist(&ids[0])).await.json;
    let secondary_before = emu.get(&hist(&ids[1])).await.json;
    let r =
        emu.post("/crm/v3/objects/contacts/merge", json!({"primaryObjectId": ids[0], "objectIdToMerge": ids[1]})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let merged = emu.get(&hist(&ids[0])).await.json;
    for name in ["firstname", "lastname"] {
        let all = versions(&merged, name);
        let kept = versions(&primary_before, name);
        assert!(
            !kept.is_empty() && kept.iter().all(|v| all.contains(v)),
            "{name}: the primary's versions stay: {all:?}"
        );
    }
    assert!(!versions(&secondary_before, "firstname").is_empty());
}

#[tokio::test]
async fn a_property_made_unique_finds_the_values_records_already_hold() {
    let emu = Emu::demo(5).await;
    let (id, _) = first_car(&emu).await;
    let plate = json!({"name": "plate", "label": "Plate", "type": "string", "fieldType": "text", "groupName": "car_information"});
    assert_eq!(emu.post("/crm/v3/properties/cars", plate.clone()).await.status, 201);
    let r = emu.patch(&format!("/crm/v3/objects/cars/{id}"), json!({"properties": {"plate": "HB-TU 1"}})).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(emu.delete("/crm/v3/properties/cars/plate").await.status, 204);
    let mut unique = plate;
    unique["hasUniqueValue"] = json!(true);
    let r = emu.post("/crm/v3/properties/cars", unique).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let got = emu.get("/crm/v3/objects/cars/HB-TU%201?idProperty=plate").await;
    assert_eq!(got.status, 200, "{}", got.text);
    assert_eq!(got.json["id"], id.as_str());
}
