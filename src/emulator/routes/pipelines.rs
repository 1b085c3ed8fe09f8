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
use crate::emulator::store::defs;

pub fn router() -> Router<EmuState> {
    Router::new().route("/{object_type}", get(list)).route("/{object_type}/{pipeline_id}", get(get_one))
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
