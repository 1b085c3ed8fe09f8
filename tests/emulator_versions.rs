//! The local CRM speaks HubSpot's API in v3 / v4 and the date-based versions 2026-03 and
//! 2026-09, on the same data: each endpoint family under each version, and the one shape
//! 2026-09 changes — batches report partial failures in a 200/201 body, never a 207 — and the
//! dated shapes of associations, schemas and pipeline stages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::json;
use support::{Emu, assert_error};

/// The same listing under every version's path.
#[tokio::test]
async fn every_family_answers_under_each_version_with_the_same_data() {
    let emu = Emu::demo(20).await;
    let (car, _) = emu.first_car().await;
    let families = |v: &str| -> Vec<String> {
        let (objects, props, pipelines, owners, schemas, assoc) = match v {
            "v3" => (
                "/crm/v3/objects".to_owned(),
                "/crm/v3/properties".to_owned(),
                "/crm/v3/pipelines".to_owned(),
                "/crm/v3/owners".to_owned(),
                "/crm-object-schemas/v3/schemas".to_owned(),
                "/crm/v4/associations".to_owned(),
            ),
            d => (
                format!("/crm/objects/{d}"),
                format!("/crm/properties/{d}"),
                format!("/crm/pipelines/{d}"),
                format!("/crm/owners/{d}"),
                format!("/crm-object-schemas/{d}/schemas"),
                format!("/crm/associations/{d}"),
            ),
        };
        vec![
            format!("{objects}/cars?limit=5"),
            format!("{objects}/cars/{car}"),
            format!("{props}/cars"),
            format!("{pipelines}/deals"),
            owners,
            schemas,
            format!("{assoc}/cars/contacts/labels"),
        ]
    };
    let baseline: Vec<serde_json::Value> = {
        let mut out = Vec::new();
        for p in families("v3") {
            let r = emu.get(&p).await;
            assert_eq!(r.status, 200, "{p}: {}", r.text);
            out.push(r.json);
        }
        out
    };
    for v in ["2026-03", "2026-09"] {
        for (p, want) in families(v).iter().zip(&baseline) {
            let r = emu.get(p).await;
            assert_eq!(r.status, 200, "{p}: {}", r.text);
            assert_eq!(&r.json, want, "{p} answers as v3 does");
        }
        let search = emu.post(&format!("/crm/objects/{v}/cars/search"), json!({"limit": 1})).await;
        assert_eq!(search.status, 200, "{}", search.text);
        assert_eq!(search.json["total"], 20);
    }
    // A record's associations are v4's calls under the dated objects path; the dated schema
    // types record ids as strings where v4 (as HubSpot's v4 does) sends numbers.
    let v4 = emu.get(&format!("/crm/v4/objects/cars/{car}/associations/contacts")).await;
    let dated = emu.get(&format!("/crm/objects/2026-03/cars/{car}/associations/contacts")).await;
    assert_eq!(dated.status, 200, "{}", dated.text);
    let v4_id = &v4.json["results"][0]["toObjectId"];
    assert!(v4_id.is_number(), "{}", v4.text);
    assert_eq!(dated.json["results"][0]["toObjectId"], json!(v4_id.to_string()));
    assert_eq!(dated.json["results"][0]["associationTypes"], v4.json["results"][0]["associationTypes"]);
}

#[tokio::test]
async fn a_partial_batch_failure_is_a_207_before_2026_09_and_a_2xx_with_errors_in_it() {
    let emu = Emu::demo(3).await;
    let (car, _) = emu.first_car().await;
    let body = json!({"properties": ["model"], "inputs": [{"id": car}, {"id": "999999999"}]});
    for (prefix, status) in [("/crm/v3/objects", 207), ("/crm/objects/2026-03", 207), ("/crm/objects/2026-09", 200)] {
        let r = emu.post(&format!("{prefix}/cars/batch/read"), body.clone()).await;
        assert_eq!(r.status, status, "{prefix}: {}", r.text);
        assert_eq!(r.json["numErrors"], 1, "{prefix}");
        assert_eq!(r.json["errors"][0]["category"], "OBJECT_NOT_FOUND");
        assert_eq!(r.json["results"].as_array().unwrap().len(), 1);
    }
    // A create that partly fails answers 201 (its success status) in 2026-09.
    let create = json!({"inputs": [
        {"properties": {"VIN": "VERS0000000000001", "year": "2020", "make": "Kia", "model": "Rio"}, "objectWriteTraceId": "a"},
        {"properties": {"VIN": "VERS0000000000002", "year": "soon", "make": "Kia", "model": "Rio"}, "objectWriteTraceId": "b"}
    ]});
    let r = emu.post("/crm/objects/2026-09/cars/batch/create", create).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["numErrors"], 1);
    assert_eq!(r.json["errors"][0]["context"]["objectWriteTraceId"][0], "b", "{}", r.text);
}

#[tokio::test]
async fn health_lists_the_versions_and_an_unserved_one_is_a_hubspot_404() {
    let emu = Emu::demo(1).await;
    let h = emu.get("/__hubtui/health").await;
    assert_eq!(h.json["apiVersions"], json!(["v3", "v4", "2026-03", "2026-09"]));
    let r = emu.get("/crm/objects/2027-03/cars").await;
    assert_error(&r, 404, "OBJECT_NOT_FOUND");
    assert!(r.json["message"].as_str().unwrap().contains("2026-09"), "{}", r.text);
}

/// Association archives answer 204 in v4 and 200 with a `BatchResponse` in the dated versions;
/// 2026-09's `batch/create` answers 200 where v4 and 2026-03 answer 201.
#[tokio::test]
async fn association_batches_answer_in_each_versions_status_and_shape() {
    let emu = Emu::demo(5).await;
    let (car, _) = emu.first_car().await;
    let contacts = emu.get("/crm/v3/objects/contacts?limit=3").await;
    let ids: Vec<String> =
        contacts.json["results"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect();
    let labels = emu.get("/crm/v4/associations/cars/contacts/labels").await;
    let spec = json!([{"associationCategory": labels.json["results"][0]["category"], "associationTypeId": labels.json["results"][0]["typeId"]}]);
    for (i, (prefix, created)) in
        [("/crm/v4/associations", 201), ("/crm/associations/2026-03", 201), ("/crm/associations/2026-09", 200)]
            .into_iter()
            .enumerate()
    {
        let to = &ids[i];
        let body = json!({"inputs": [{"from": {"id": car}, "to": {"id": to}, "types": spec}]});
        let r = emu.post(&format!("{prefix}/cars/contacts/batch/create"), body).await;
        assert_eq!(r.status, created, "{prefix}: {}", r.text);
        let id = &r.json["results"][0]["toObjectId"];
        if prefix.contains("v4") {
            assert!(id.is_number(), "{}", r.text)
        } else {
            assert_eq!(id, &json!(to), "{}", r.text)
        }
        let archive = json!({"inputs": [{"from": {"id": car}, "to": [{"id": to}]}]});
        let r = emu.post(&format!("{prefix}/cars/contacts/batch/archive"), archive).await;
        if prefix.contains("v4") {
            assert_eq!((r.status, r.text.as_str()), (204, ""), "{prefix}");
        } else {
            assert_eq!(r.status, 200, "{prefix}: {}", r.text);
            assert_eq!(r.json["status"], "COMPLETE", "{prefix}: {}", r.text);
            assert!(r.json["startedAt"].is_string() && r.json["results"].is_array(), "{}", r.text);
        }
    }
}

/// Fields the dated schemas require: a schema's `allowsSensitiveProperties`, a stage's
/// `writePermissions`; stages also answer on their own routes.
#[tokio::test]
async fn schemas_and_pipeline_stages_carry_the_dated_required_fields() {
    let emu = Emu::demo(1).await;
    for v in ["v3", "2026-03", "2026-09"] {
        let s = emu.get(&format!("/crm-object-schemas/{v}/schemas")).await;
        let cars = &s.json["results"][0];
        for field in [
            "allowsSensitiveProperties",
            "archived",
            "fullyQualifiedName",
            "objectTypeId",
            "searchableProperties",
            "secondaryDisplayProperties",
        ] {
            assert!(!cars[field].is_null(), "{v}: schema lacks {field}: {}", s.text);
        }
        let prefix = if v == "v3" { "/crm/v3/pipelines".to_owned() } else { format!("/crm/pipelines/{v}") };
        let p = emu.get(&format!("{prefix}/deals")).await;
        let stages = p.json["results"][0]["stages"].as_array().unwrap();
        assert!(stages.iter().all(|s| s["writePermissions"] == "CRM_PERMISSIONS_ENFORCEMENT"), "{}", p.text);
        let listed = emu.get(&format!("{prefix}/deals/default/stages")).await;
        assert_eq!(listed.json["results"].as_array().unwrap().len(), stages.len(), "{}", listed.text);
        let one = emu.get(&format!("{prefix}/deals/default/stages/closedwon")).await;
        assert_eq!(one.json["label"], "Closed Won", "{}", one.text);
        assert_error(&emu.get(&format!("{prefix}/deals/default/stages/nope")).await, 404, "OBJECT_NOT_FOUND");
    }
}
