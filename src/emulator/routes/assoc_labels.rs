//! v4 association labels: `/crm/v4/associations/{from}/{to}/labels` (also served as
//! `/crm/associations/v4/...`, the newest spec's spelling). The rules live in
//! `emulator::assoc_label`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use serde::Deserialize;
use serde_json::json;

use crate::emulator::assoc_label::{self, NewLabel};
use crate::emulator::associate::TypeView;
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::HubJson;
use crate::emulator::lookup::object_type;
use crate::emulator::state::EmuState;
use crate::emulator::store::assoc;

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/{from_type}/{to_type}/labels", get(list).post(create).put(update))
        .route("/{from_type}/{to_type}/labels/{type_id}", delete(remove))
}

async fn list(State(st): State<EmuState>, Path((from_type, to_type)): Path<(String, String)>) -> EmuResult<Response> {
    st.store
        .read(move |conn, cat| {
            let from = object_type(cat, &from_type)?;
            let to = object_type(cat, &to_type)?;
            let results: Vec<TypeView> =
                assoc::types_between(conn, from.def.no, to.def.no)?.iter().map(TypeView::from).collect();
            Ok(axum::Json(json!({ "results": results })).into_response())
        })
        .await
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LabelCreate {
    #[serde(default)]
    name: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    inverse_label: Option<String>,
}

fn require_label(label: &str) -> EmuResult<()> {
    if label.trim().is_empty() {
        return Err(EmuError::validation("Some required fields were not set: [label]"));
    }
    Ok(())
}

async fn create(
    State(st): State<EmuState>,
    Path((from_type, to_type)): Path<(String, String)>,
    HubJson(input): HubJson<LabelCreate>,
) -> EmuResult<Response> {
    assoc_label::check_name(&input.name)?;
    require_label(&input.label)?;
    st.store
        .write(move |tx, cat| {
            let new =
                NewLabel { name: &input.name, label: &input.label, inverse_label: input.inverse_label.as_deref() };
            let (forward, inverse) =
                assoc_label::define(tx, object_type(cat, &from_type)?, object_type(cat, &to_type)?, new)?;
            let results = vec![TypeView::from(&inverse), TypeView::from(&forward)];
            Ok(axum::Json(json!({ "results": results })).into_response())
        })
        .await
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LabelUpdate {
    association_type_id: i64,
    #[serde(default)]
    label: String,
    #[serde(default)]
    inverse_label: Option<String>,
}

async fn update(
    State(st): State<EmuState>,
    Path((from_type, to_type)): Path<(String, String)>,
    HubJson(input): HubJson<LabelUpdate>,
) -> EmuResult<Response> {
    require_label(&input.label)?;
    st.store
        .write(move |tx, cat| {
            let (from, to) = (object_type(cat, &from_type)?, object_type(cat, &to_type)?);
            let inverse = input.inverse_label.as_deref();
            assoc_label::relabel(tx, from, to, input.association_type_id, &input.label, inverse)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}

async fn remove(
    State(st): State<EmuState>,
    Path((from_type, to_type, type_id)): Path<(String, String, String)>,
) -> EmuResult<Response> {
    let type_id: i64 =
        type_id.parse().map_err(|_| EmuError::validation(format!("{type_id:?} is not an association type id")))?;
    st.store
        .write(move |tx, cat| {
            assoc_label::remove(tx, object_type(cat, &from_type)?, object_type(cat, &to_type)?, type_id)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
