//! `/crm/v3/schemas` (also `/crm-object-schemas/v3/schemas` and the 2026-03 spelling): custom
//! object definitions. The rules live in `emulator::schema`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::api::types::{CollectionResponse, ObjectSchemaEgg, ObjectSchemaPatch};
use crate::emulator::error::EmuResult;
use crate::emulator::http::{HubJson, QueryPairs};
use crate::emulator::lookup::custom_type;
use crate::emulator::schema::{self, schema_of};
use crate::emulator::state::EmuState;
use crate::timefmt::now_ms;

pub fn router() -> Router<EmuState> {
    Router::new().route("/", get(list).post(create)).route("/{object_type}", get(get_one).patch(update).delete(delete))
}

async fn list(State(st): State<EmuState>, q: QueryPairs) -> EmuResult<Response> {
    let archived = q.flag("archived", false)?;
    st.store
        .read(move |conn, cat| {
            let results = cat
                .types()
                .iter()
                .filter(|t| t.def.custom && t.def.archived == archived)
                .map(|t| schema_of(conn, cat, t))
                .collect::<EmuResult<Vec<_>>>()?;
            Ok(axum::Json(CollectionResponse { results, paging: None }).into_response())
        })
        .await
}

async fn get_one(State(st): State<EmuState>, Path(object_type): Path<String>) -> EmuResult<Response> {
    st.store
        .read(move |conn, cat| {
            let t = custom_type(cat, &object_type)?;
            Ok(axum::Json(schema_of(conn, cat, t)?).into_response())
        })
        .await
}

async fn create(State(st): State<EmuState>, HubJson(egg): HubJson<ObjectSchemaEgg>) -> EmuResult<Response> {
    let now = now_ms();
    st.store
        .write_catalog(move |tx, cat| {
            let created = schema::create(tx, cat, &egg, now)?;
            Ok((StatusCode::CREATED, axum::Json(created)).into_response())
        })
        .await
}

async fn update(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(patch): HubJson<ObjectSchemaPatch>,
) -> EmuResult<Response> {
    let now = now_ms();
    st.store
        .write_catalog(move |tx, cat| {
            let t = custom_type(cat, &object_type)?;
            Ok(axum::Json(schema::update(tx, t, &patch, now)?).into_response())
        })
        .await
}

async fn delete(State(st): State<EmuState>, Path(object_type): Path<String>) -> EmuResult<Response> {
    st.store
        .write_catalog(move |tx, cat| {
            schema::archive(tx, custom_type(cat, &object_type)?)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
