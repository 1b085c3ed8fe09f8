//! `/crm/v3/pipelines/{objectType}` and `/crm/v3/owners`: what enumeration labels of
//! pipeline stages and owners come from.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::api::types::CollectionResponse;
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::QueryPairs;
use crate::emulator::lookup;
use crate::emulator::state::EmuState;
use crate::emulator::store::defs;

pub fn router() -> Router<EmuState> {
    Router::new().route("/{object_type}", get(list)).route("/{object_type}/{pipeline_id}", get(get_one))
}

pub fn owners_router() -> Router<EmuState> {
    Router::new().route("/", get(owners)).route("/{owner_id}", get(owner))
}

async fn list(State(st): State<EmuState>, Path(object_type): Path<String>) -> EmuResult<Response> {
    st.store
        .read(move |conn, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let results = defs::pipelines(conn, t.def.no)?;
            Ok(axum::Json(CollectionResponse { results, paging: None }).into_response())
        })
        .await
}

async fn get_one(State(st): State<EmuState>, Path((object_type, id)): Path<(String, String)>) -> EmuResult<Response> {
    st.store
        .read(move |conn, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            defs::pipelines(conn, t.def.no)?
                .into_iter()
                .find(|p| p.get("id").and_then(serde_json::Value::as_str) == Some(id.as_str()))
                .map(|p| axum::Json(p).into_response())
                .ok_or_else(|| EmuError::not_found(format!("No pipeline {id} for {}", t.def.name)))
        })
        .await
}

fn all_owners(conn: &rusqlite::Connection) -> EmuResult<Vec<serde_json::Value>> {
    let raw = defs::meta(conn, "owners")?.unwrap_or_else(|| "[]".into());
    Ok(serde_json::from_str(&raw)?)
}

async fn owners(State(st): State<EmuState>, q: QueryPairs) -> EmuResult<Response> {
    let email = q.get("email").map(str::to_lowercase);
    st.store
        .read(move |conn, _| {
            let results: Vec<_> = all_owners(conn)?
                .into_iter()
                .filter(|o| {
                    email
                        .as_ref()
                        .is_none_or(|e| o.get("email").and_then(serde_json::Value::as_str) == Some(e.as_str()))
                })
                .collect();
            Ok(axum::Json(CollectionResponse { results, paging: None }).into_response())
        })
        .await
}

async fn owner(State(st): State<EmuState>, Path(id): Path<String>) -> EmuResult<Response> {
    st.store
        .read(move |conn, _| {
            all_owners(conn)?
                .into_iter()
                .find(|o| o.get("id").and_then(serde_json::Value::as_str) == Some(id.as_str()))
                .map(|o| axum::Json(o).into_response())
                .ok_or_else(|| EmuError::not_found(format!("No owner {id}")))
        })
        .await
}
