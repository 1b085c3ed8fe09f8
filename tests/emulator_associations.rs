//! Associations over real HTTP: v3 per-record, v4 records, v4 batches, labels, schema
//! association definitions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::{Value, json};
use support::{Emu, assert_error};

async fn ids(emu: &Emu, path: &str, n: usize) -> Vec<String> {
    let r = emu.get(&format!("{path}?limit={n}")).await;
    r.json["results"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_owned()).collect()
}

fn assoc_ids(v: &Value, key: &str) -> Vec<String> {
    v["associations"][key]["results"]
        .as_array()
        .map(|a| a.iter().map(|x| x["id"].as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn v3_put_and_delete_show_in_get_associations() {
    let emu = Emu::demo(5).await;
    let contacts = ids(&emu, "/crm/v3/objects/contacts", 1).await;
    let companies = ids(&emu, "/crm/v3/objects/companies", 60).await;
    let (c, co) = (&contacts[0], companies.last().unwrap());
    let r = emu.call("PUT", &format!("/crm/v3/objects/contacts/{c}/associations/companies/{co}/279"), None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(assoc_ids(&r.json, "companies").contains(co));
    let got = emu.get(&format!("/crm/v3/objects/contacts/{c}?associations=companies")).await;
    assert!(assoc_ids(&got.json, "companies").contains(co));
    let back = emu.get(&format!("/crm/v3/objects/companies/{co}?associations=contacts")).await;
    assert!(assoc_ids(&back.json, "contacts").contains(c), "the inverse exists");
    let list = emu.get(&format!("/crm/v3/objects/contacts/{c}/associations/companies")).await;
    assert!(
        list.json["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == co.as_str() && x["type"] == "contact_to_company_unlabeled")
    );
    // By v3 name too.
    let r = emu
        .call("PUT", &format!("/crm/v3/objects/contacts/{c}/associations/companies/{co}/contact_to_company"), None)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = emu.call("DELETE", &format!("/crm/v3/objects/contacts/{c}/associations/companies/{co}/279"), None).await;
    assert_eq!(r.status, 204);
    let list = emu.get(&format!("/crm/v3/objects/contacts/{c}/associations/companies")).await;
    let types: Vec<&str> = list.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["id"] == co.as_str())
        .map(|x| x["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["contact_to_company"], "only the primary label is left");
    // Wrong direction type id, missing record: HubSpot-shaped 4xx.
    assert_error(
        &emu.call("PUT", &format!("/crm/v3/objects/contacts/{c}/associations/companies/{co}/280"), None).await,
        400,
        "VALIDATION_ERROR",
    );
    assert_error(
        &emu.call("PUT", &format!("/crm/v3/objects/contacts/{c}/associations/companies/1/279"), None).await,
        404,
        "OBJECT_NOT_FOUND",
    );
}

#[tokio::test]
async fn v4_labels_list_per_direction_with_the_unlabeled_type() {
    let emu = Emu::demo(1).await;
    let r = emu.get("/crm/v4/associations/contacts/companies/labels").await;
    let res = r.json["results"].as_array().unwrap();
    assert!(res.iter().any(|t| t["typeId"] == 279 && t["label"].is_null() && t["category"] == "HUBSPOT_DEFINED"));
    assert!(res.iter().any(|t| t["typeId"] == 1 && t["label"] == "Primary"));
    let r = emu.get("/crm/associations/v4/companies/contacts/labels").await;
    assert!(r.json["results"].as_array().unwrap().iter().any(|t| t["typeId"] == 280 && t["label"].is_null()));
    let r = emu.get("/crm/v4/associations/deals/contacts/labels").await;
    assert_eq!(r.json["results"][0]["typeId"], 3);
    let r = emu.get("/crm/v4/associations/cars/notes/labels").await;
    assert_eq!(r.json["results"].as_array().unwrap().len(), 1, "custom objects reach activities automatically");
}

#[tokio::test]
async fn v4_paired_labels_can_be_created_used_renamed_and_deleted() {
    let emu = Emu::demo(1).await;
    let r = emu
        .post(
            "/crm/v4/associations/contacts/deals/labels",
            json!({"name": "decision_maker", "label": "Decision maker", "inverseLabel": "Decided by"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let made = r.json["results"].as_array().unwrap();
    assert_eq!(made.len(), 2);
    let forward = made.iter().find(|t| t["label"] == "Decision maker").unwrap()["typeId"].as_i64().unwrap();
    let inverse = made.iter().find(|t| t["label"] == "Decided by").unwrap()["typeId"].as_i64().unwrap();
    assert_ne!(forward, inverse);
    let contact = ids(&emu, "/crm/v3/objects/contacts", 1).await.remove(0);
    let deal = ids(&emu, "/crm/v3/objects/deals", 1).await.remove(0);
    let r = emu
        .call(
            "PUT",
            &format!("/crm/v4/objects/contacts/{contact}/associations/deals/{deal}"),
            Some(json!([{"associationCategory": "USER_DEFINED", "associationTypeId": forward}])),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["labels"], json!(["Decision maker"]));
    let r = emu.get(&format!("/crm/v4/objects/deals/{deal}/associations/contacts")).await;
    let entry = r.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["toObjectId"].as_i64().unwrap().to_string() == contact)
        .unwrap()
        .clone();
    let types: Vec<i64> =
        entry["associationTypes"].as_array().unwrap().iter().map(|t| t["typeId"].as_i64().unwrap()).collect();
    assert!(types.contains(&3) && types.contains(&inverse), "{types:?}");
    assert_error(
        &emu.call("DELETE", &format!("/crm/v4/associations/contacts/deals/labels/{forward}"), None).await,
        400,
        "VALIDATION_ERROR",
    );
    let r = emu
        .call(
            "PUT",
            "/crm/v4/associations/contacts/deals/labels",
            Some(json!({"associationTypeId": forward, "label": "Signer"})),
        )
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        emu.call("DELETE", &format!("/crm/v4/objects/contacts/{contact}/associations/deals/{deal}"), None).await.status,
        204
    );
    assert_eq!(
        emu.call("DELETE", &format!("/crm/v4/associations/contacts/deals/labels/{forward}"), None).await.status,
        204
    );
    assert_error(
        &emu.call("DELETE", "/crm/v4/associations/contacts/deals/labels/4", None).await,
        400,
        "VALIDATION_ERROR",
    );
    assert_error(
        &emu.post("/crm/v4/associations/contacts/deals/labels", json!({"name": "bad-name", "label": "x"})).await,
        400,
        "VALIDATION_ERROR",
    );
    assert_error(
        &emu.post("/crm/v4/associations/contacts/deals/labels", json!({"name": "9lives", "label": "x"})).await,
        400,
        "VALIDATION_ERROR",
    );
}

#[tokio::test]
async fn v4_default_and_batches_with_partial_failures() {
    let emu = Emu::demo(3).await;
    let cars = ids(&emu, "/crm/v3/objects/cars", 3).await;
    let contacts = ids(&emu, "/crm/v3/objects/contacts", 3).await;
    let r = emu
        .call("PUT", &format!("/crm/v4/objects/cars/{}/associations/default/contacts/{}", cars[0], contacts[0]), None)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["results"][0]["associationSpec"]["associationCategory"], "USER_DEFINED");
    let body = json!({"inputs": [{"from": {"id": cars[1]}, "to": {"id": contacts[1]}}, {"from": {"id": cars[2]}, "to": {"id": "1"}}]});
    let r = emu.post("/crm/v4/associations/cars/contacts/batch/associate/default", body).await;
    assert_eq!(r.status, 207, "{}", r.text);
    assert_eq!(r.json["numErrors"], 1);
    let types = emu.get("/crm/v4/associations/cars/contacts/labels").await;
    let type_id = types.json["results"][0]["typeId"].clone();
    let body = json!({"inputs": [{"from": {"id": cars[2]}, "to": {"id": contacts[2]}, "types": [{"associationCategory": "USER_DEFINED", "associationTypeId": type_id}]},
                                 {"from": {"id": cars[2]}, "to": {"id": contacts[0]}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279}]}]});
    let r = emu.post("/crm/v4/associations/cars/contacts/batch/create", body).await;
    assert_eq!(r.status, 207, "{}", r.text);
    assert_eq!(r.json["results"].as_array().unwrap().len(), 1);
    let inputs: Vec<Value> = cars.iter().map(|c| json!({"id": c})).chain([json!({"id": "1"})]).collect();
    let r = emu.post("/crm/v4/associations/cars/contacts/batch/read", json!({"inputs": inputs})).await;
    assert_eq!(r.status, 207);
    let mut linked: Vec<String> = Vec::new();
    for res in r.json["results"].as_array().unwrap() {
        linked.extend(res["to"].as_array().unwrap().iter().map(|t| t["toObjectId"].as_i64().unwrap().to_string()));
    }
    for c in &contacts {
        assert!(linked.contains(c), "{c} in {linked:?}");
    }
    let body = json!({"inputs": [{"from": {"id": cars[0]}, "to": [{"id": contacts[0]}]}]});
    assert_eq!(emu.post("/crm/v4/associations/cars/contacts/batch/archive", body).await.status, 204);
    let got = emu.get(&format!("/crm/v3/objects/cars/{}?associations=contacts", cars[0])).await;
    assert!(!assoc_ids(&got.json, "contacts").contains(&contacts[0]));
    let body = json!({"inputs": [{"from": {"id": cars[1]}, "to": {"id": contacts[1]}, "types": [{"associationCategory": "USER_DEFINED", "associationTypeId": type_id}]}]});
    assert_eq!(emu.post("/crm/v4/associations/cars/contacts/batch/labels/archive", body).await.status, 204);
    let got = emu.get(&format!("/crm/v3/objects/cars/{}?associations=contacts", cars[1])).await;
    assert!(
        !assoc_ids(&got.json, "contacts").contains(&contacts[1]),
        "removing the unlabeled type removes the association"
    );
}

#[tokio::test]
async fn schema_association_definitions_enable_new_pairs() {
    let emu = Emu::demo(2).await;
    assert_eq!(emu.get("/crm/v4/associations/cars/cars/labels").await.json["results"], json!([]));
    let r = emu
        .post(
            "/crm/v3/schemas/cars/associations",
            json!({"fromObjectTypeId": "2-3465404", "toObjectTypeId": "2-3465404", "name": "trade_in"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let id = r.json["id"].as_str().unwrap().to_owned();
    let cars = ids(&emu, "/crm/v3/objects/cars", 2).await;
    let r =
        emu.call("PUT", &format!("/crm/v3/objects/cars/{}/associations/cars/{}/{id}", cars[0], cars[1]), None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_error(
        &emu.call("DELETE", &format!("/crm/v3/schemas/cars/associations/{id}"), None).await,
        400,
        "VALIDATION_ERROR",
    );
    emu.call("DELETE", &format!("/crm/v3/objects/cars/{}/associations/cars/{}/{id}", cars[0], cars[1]), None).await;
    assert_eq!(emu.call("DELETE", &format!("/crm/v3/schemas/cars/associations/{id}"), None).await.status, 204);
    assert_eq!(emu.get("/crm/v4/associations/cars/cars/labels").await.json["results"], json!([]));
}
