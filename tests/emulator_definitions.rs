//! Properties, groups, schemas, pipelines and owners over real HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::json;
use support::{Emu, assert_error};

#[tokio::test]
async fn properties_list_get_create_update_archive() {
    let emu = Emu::demo(2).await;
    let r = emu.get("/crm/v3/properties/2-3465404").await;
    assert_eq!(r.status, 200);
    let props = r.json["results"].as_array().unwrap();
    let vin = props.iter().find(|p| p["name"] == "VIN").unwrap();
    assert_eq!(vin["hasUniqueValue"], true);
    for k in ["name", "label", "type", "fieldType", "description", "groupName", "options", "modificationMetadata"] {
        assert!(vin.get(k).is_some(), "{k}");
    }
    let mp = emu.get("/crm/v3/properties/cars/maintenance_package").await;
    assert_eq!(mp.json["type"], "enumeration");
    assert_eq!(mp.json["options"][0]["value"], "basic");
    assert_eq!(
        emu.get("/crm/v3/properties/cars/hs_object_id").await.json["modificationMetadata"]["readOnlyValue"],
        true
    );

    let new = json!({"name": "color", "label": "Color", "type": "enumeration", "fieldType": "select", "groupName": "car_information",
                     "options": [{"label": "Red", "value": "red", "displayOrder": 0, "hidden": false}, {"label": "Blue", "value": "blue", "displayOrder": 1, "hidden": false}]});
    let r = emu.post("/crm/v3/properties/cars", new.clone()).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_error(&emu.post("/crm/v3/properties/cars", new).await, 409, "CONFLICT");
    let (car, _) = emu.first_car().await;
    assert_eq!(
        emu.patch(&format!("/crm/v3/objects/cars/{car}"), json!({"properties": {"color": "red"}})).await.status,
        200
    );
    let r = emu.patch("/crm/v3/properties/cars/color", json!({"label": "Colour"})).await;
    assert_eq!(r.json["label"], "Colour");
    assert_eq!(emu.delete("/crm/v3/properties/cars/color").await.status, 204);
    assert_error(&emu.get("/crm/v3/properties/cars/color").await, 404, "OBJECT_NOT_FOUND");
    assert_eq!(emu.get("/crm/v3/properties/cars/color?archived=true").await.json["archived"], true);
    assert_error(&emu.delete("/crm/v3/properties/cars/hs_object_id").await, 400, "VALIDATION_ERROR");

    for bad in [
        json!({"name": "1bad", "label": "x", "type": "string", "fieldType": "text", "groupName": "car_information"}),
        json!({"name": "bad-name", "label": "x", "type": "string", "fieldType": "text", "groupName": "car_information"}),
        json!({"name": "ok", "label": "x", "type": "number", "fieldType": "select", "groupName": "car_information"}),
        json!({"name": "ok", "label": "x", "type": "string", "fieldType": "text", "groupName": "nope"}),
        json!({"name": "ok", "label": "x", "type": "vector", "fieldType": "text", "groupName": "car_information"}),
    ] {
        assert_error(&emu.post("/crm/v3/properties/cars", bad).await, 400, "VALIDATION_ERROR");
    }
}

#[tokio::test]
async fn property_batches_and_groups() {
    let emu = Emu::demo(1).await;
    let r = emu
        .post(
            "/crm/v3/properties/cars/batch/read",
            json!({"inputs": [{"name": "VIN"}, {"name": "year"}, {"name": "nope"}], "archived": false}),
        )
        .await;
    assert_eq!(r.json["results"].as_array().unwrap().len(), 2);
    let r = emu
        .post("/crm/v3/properties/cars/groups", json!({"name": "service", "label": "Service", "displayOrder": 2}))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let inputs = json!({"inputs": [
        {"name": "last_service", "label": "Last service", "type": "date", "fieldType": "date", "groupName": "service"},
        {"name": "service_count", "label": "Services", "type": "number", "fieldType": "number", "groupName": "service"}]});
    assert_eq!(emu.post("/crm/v3/properties/cars/batch/create", inputs).await.status, 201);
    assert_eq!(emu.get("/crm/v3/properties/cars/groups").await.json["results"].as_array().unwrap().len(), 2);
    assert_error(&emu.delete("/crm/v3/properties/cars/groups/service").await, 400, "VALIDATION_ERROR");
    let r = emu
        .post(
            "/crm/v3/properties/cars/batch/archive",
            json!({"inputs": [{"name": "last_service"}, {"name": "service_count"}]}),
        )
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        emu.patch("/crm/v3/properties/cars/groups/service", json!({"label": "Servicing"})).await.json["label"],
        "Servicing"
    );
    assert_eq!(emu.delete("/crm/v3/properties/cars/groups/service").await.status, 204);
    assert_error(&emu.get("/crm/v3/properties/cars/groups/service").await, 404, "OBJECT_NOT_FOUND");
}

#[tokio::test]
async fn schemas_list_get_create_and_patch() {
    let emu = Emu::demo(1).await;
    for prefix in ["/crm/v3/schemas", "/crm-object-schemas/v3/schemas"] {
        let r = emu.get(prefix).await;
        assert_eq!(r.status, 200);
        let list = r.json["results"].as_array().unwrap();
        assert_eq!(list.len(), 1, "custom objects only");
        assert_eq!(list[0]["objectTypeId"], "2-3465404");
        assert_eq!(list[0]["primaryDisplayProperty"], "model");
    }
    let by_fqn = emu.get("/crm-object-schemas/v3/schemas/p48213567_cars").await;
    assert_eq!(by_fqn.json["requiredProperties"], json!(["year", "make", "model"]));
    assert_error(&emu.get("/crm/v3/schemas/contacts").await, 404, "OBJECT_NOT_FOUND");

    let egg = json!({"name": "lender", "labels": {"singular": "Lender", "plural": "Lenders"}, "primaryDisplayProperty": "lender_name",
        "requiredProperties": ["lender_name"], "searchableProperties": ["lender_name"],
        "properties": [{"name": "lender_name", "label": "Lender name"}, {"name": "rate", "label": "Rate", "type": "number", "fieldType": "number"}],
        "associatedObjects": ["CONTACT", "0-2"]});
    let r = emu.post("/crm/v3/schemas", egg.clone()).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let type_id = r.json["objectTypeId"].as_str().unwrap().to_owned();
    assert!(type_id.starts_with("2-"));
    assert_eq!(r.json["fullyQualifiedName"], "p48213567_lender");
    let assoc_targets: Vec<&str> =
        r.json["associations"].as_array().unwrap().iter().map(|a| a["toObjectTypeId"].as_str().unwrap()).collect();
    for t in ["0-1", "0-2", "0-46", "0-47", "0-27", "0-48", "0-49"] {
        assert!(assoc_targets.contains(&t), "{t} in {assoc_targets:?}");
    }
    assert_error(&emu.post("/crm/v3/schemas", egg).await, 409, "CONFLICT");
    let rec = emu
        .post(
            &format!("/crm/v3/objects/{type_id}"),
            json!({"properties": {"lender_name": "First Bank", "rate": "4.5"}}),
        )
        .await;
    assert_eq!(rec.status, 201, "{}", rec.text);
    assert_error(
        &emu.post("/crm/v3/objects/lender", json!({"properties": {"rate": "4.5"}})).await,
        400,
        "VALIDATION_ERROR",
    );
    let r = emu
        .patch(
            &format!("/crm/v3/schemas/{type_id}"),
            json!({"labels": {"singular": "Bank", "plural": "Banks"}, "secondaryDisplayProperties": ["rate"]}),
        )
        .await;
    assert_eq!(r.json["labels"]["plural"], "Banks");
    assert_error(
        &emu.patch(&format!("/crm/v3/schemas/{type_id}"), json!({"requiredProperties": ["nope"]})).await,
        400,
        "VALIDATION_ERROR",
    );
    assert_error(&emu.delete(&format!("/crm/v3/schemas/{type_id}")).await, 400, "VALIDATION_ERROR");
    let bad = json!({"name": "9lives", "labels": {"singular": "x", "plural": "xs"}});
    assert_error(&emu.post("/crm/v3/schemas", bad).await, 400, "VALIDATION_ERROR");
}

#[tokio::test]
async fn pipelines_and_owners_give_labels_for_stages_and_owners() {
    let emu = Emu::demo(1).await;
    let r = emu.get("/crm/v3/pipelines/deals").await;
    let stages = r.json["results"][0]["stages"].as_array().unwrap();
    assert_eq!(stages[0]["id"], "appointmentscheduled");
    assert_eq!(emu.get("/crm/v3/pipelines/tickets/0").await.json["label"], "Support Pipeline");
    let owners = emu.get("/crm/v3/owners").await;
    let first = owners.json["results"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(emu.get(&format!("/crm/v3/owners/{first}")).await.json["type"], "PERSON");
}
