//! `/crm/v3/pipelines/{objectType}`: a type's pipelines and their stages, where the labels of
//! pipeline and stage values come from.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::api::types::CollectionResponse;
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::lookup;
use crate::emulator::state::EmuState;
use crate::emulator::store::{TypeEntry, defs};
use serde_json::Value;

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/{object_type}", get(list))
        .route("/{object_type}/{pipeline_id}", get(get_one))
        .route("/{object_type}/{pipeline_id}/stages", get(stages))
        .route("/{object_type}/{pipeline_id}/stages/{stage_id}", get(stage))
}

/// Every stage says who may move records into it (`writePermissions`, required from 2026-03;
/// pipelines stored before the field existed get HubSpot's default).
fn with_permissions(mut p: Value) -> Value {
    if let Some(stages) = p.get_mut("stages").and_then(Value::as_array_mut) {
        for s in stages.iter_mut().filter_map(Value::as_object_mut) {
            s.entry("writePermissions").or_insert_with(|| Value::from("CRM_PERMISSIONS_ENFORCEMENT"));
        }
    }
    p
}

fn pipeline(conn: &rusqlite::Connection, t: &TypeEntry, id: &str) -> EmuResult<Value> {
    defs::pipelines(conn, t.def.no)?
        .into_iter()
        .map(with_permissions)
        .find(|p| p.get("id").and_then(Value::as_str) == Some(id))
        .ok_or_else(|| EmuError::not_found(format!("No pipeline {id} for {}", t.def.name)))
}

async fn stages(State(st): State<EmuState>, Path((object_type, id)): Path<(String, String)>) -> EmuResult<Response> {
    st.store
        .read(move |conn, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let p = pipeline(conn, t, &id)?;
            let results = p.get("stages").cloned().unwrap_or_else(|| Value::Array(Vec::new()));
            Ok(axum::Json(serde_json::json!({ "results": results })).into_response())
        })
        .await
}

async fn stage(
    State(st): State<EmuState>,
    Path((object_type, id, stage_id)): Path<(String, String, String)>,
) -> EmuResult<Response> {
    st.store
        .read(move |conn, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let p = pipeline(conn, t, &id)?;
            p.get("stages")
                .and_then(Value::as_array)
                .and_then(|s| s.iter().find(|x| x.get("id").and_then(Value::as_str) == Some(stage_id.as_str())))
                .map(|s| axum::Json(s.clone()).into_response())
                .ok_or_else(|| EmuError::not_found(format!("No stage {stage_id} in pipeline {id}")))
        })
        .await
}

async fn list(State(st): State<EmuState>, Path(object_type): Path<String>) -> EmuResult<Response> {
    st.store
        .read(move |conn, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let results: Vec<_> = defs::pipelines(conn, t.def.no)?.into_iter().map(with_permissions).collect();
            Ok(axum::Json(CollectionResponse { results, paging: None }).into_response())
        })
        .await
}

async fn get_one(State(st): State<EmuState>, Path((object_type, id)): Path<(String, String)>) -> EmuResult<Response> {
    st.store
        .read(move |conn, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            Ok(axum::Json(pipeline(conn, t, &id)?).into_response())
        })
        .await
}
