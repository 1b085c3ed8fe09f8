//! `/crm/v3/owners`: the portal's owners (where the labels of `hubspot_owner_id` values come
//! from), filtered by `email` when asked.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::api::types::CollectionResponse;
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::QueryPairs;
use crate::emulator::state::EmuState;
use crate::emulator::store::defs;

pub fn router() -> Router<EmuState> {
    Router::new().route("/", get(owners)).route("/{owner_id}", get(owner))
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
