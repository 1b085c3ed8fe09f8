//! v4 association labels: `/crm/v4/associations/{from}/{to}/labels` (also served as
//! `/crm/associations/v4/...`, the newest spec's spelling).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use serde::Deserialize;
use serde_json::json;

use crate::emulator::associate::{TypeView, undefine_unused};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::HubJson;
use crate::emulator::lookup::object_type;
use crate::emulator::seed::assoc_types::next_type_id;
use crate::emulator::state::EmuState;
use crate::emulator::store::assoc::{self, AssocType};

/// Most user-defined labels one pair of object types may have.
const MAX_LABELS: usize = 10;

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

fn check_label_name(name: &str) -> EmuResult<()> {
    let ok = name.chars().next().is_some_and(|c| !c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(EmuError::validation(format!(
            "Label name {name:?} is not valid: use letters, digits and underscores, not starting with a digit (no hyphens)"
        )))
    }
}

async fn create(
    State(st): State<EmuState>,
    Path((from_type, to_type)): Path<(String, String)>,
    HubJson(input): HubJson<LabelCreate>,
) -> EmuResult<Response> {
    check_label_name(&input.name)?;
    if input.label.trim().is_empty() {
        return Err(EmuError::validation("Some required fields were not set: [label]"));
    }
    st.store
        .write(move |tx, cat| {
            let from = object_type(cat, &from_type)?;
            let to = object_type(cat, &to_type)?;
            let existing = assoc::types_between(tx, from.def.no, to.def.no)?;
            if existing.iter().filter(|t| t.category == "USER_DEFINED" && t.label.is_some()).count() >= MAX_LABELS {
                return Err(EmuError::validation(format!(
                    "{} and {} already have {MAX_LABELS} labels, the most allowed",
                    from.def.name, to.def.name
                )));
            }
            if existing.iter().any(|t| t.name.as_deref() == Some(input.name.as_str())) {
                return Err(EmuError::conflict(format!(
                    "A label named {:?} already exists between {} and {}",
                    input.name, from.def.name, to.def.name
                )));
            }
            let id = next_type_id(tx)?;
            let forward = AssocType {
                from_type_no: from.def.no,
                to_type_no: to.def.no,
                category: "USER_DEFINED".into(),
                type_id: id,
                name: Some(input.name.clone()),
                label: Some(input.label.clone()),
                inverse_type_id: Some(id + 1),
            };
            let inverse = AssocType {
                from_type_no: to.def.no,
                to_type_no: from.def.no,
                type_id: id + 1,
                label: Some(input.inverse_label.clone().unwrap_or_else(|| input.label.clone())),
                inverse_type_id: Some(id),
                ..forward.clone()
            };
            assoc::define(tx, &forward)?;
            assoc::define(tx, &inverse)?;
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

fn user_type(types: Vec<AssocType>, type_id: i64, from: &str, to: &str) -> EmuResult<AssocType> {
    let t = types
        .into_iter()
        .find(|t| t.type_id == type_id)
        .ok_or_else(|| EmuError::not_found(format!("No association type {type_id} from {from} to {to}")))?;
    if t.category != "USER_DEFINED" {
        return Err(EmuError::validation(format!(
            "Association type {type_id} is defined by HubSpot and cannot be changed"
        )));
    }
    Ok(t)
}

async fn update(
    State(st): State<EmuState>,
    Path((from_type, to_type)): Path<(String, String)>,
    HubJson(input): HubJson<LabelUpdate>,
) -> EmuResult<Response> {
    if input.label.trim().is_empty() {
        return Err(EmuError::validation("Some required fields were not set: [label]"));
    }
    st.store
        .write(move |tx, cat| {
            let from = object_type(cat, &from_type)?;
            let to = object_type(cat, &to_type)?;
            let mut t = user_type(
                assoc::types_between(tx, from.def.no, to.def.no)?,
                input.association_type_id,
                &from.def.name,
                &to.def.name,
            )?;
            t.label = Some(input.label.clone());
            assoc::define(tx, &t)?;
            if let (Some(inv_label), Some(inv_id)) = (&input.inverse_label, t.inverse_type_id)
                && let Some(mut inv) =
                    assoc::types_between(tx, to.def.no, from.def.no)?.into_iter().find(|x| x.type_id == inv_id)
            {
                inv.label = Some(inv_label.clone());
                assoc::define(tx, &inv)?;
            }
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
            let from = object_type(cat, &from_type)?;
            let to = object_type(cat, &to_type)?;
            let t =
                user_type(assoc::types_between(tx, from.def.no, to.def.no)?, type_id, &from.def.name, &to.def.name)?;
            undefine_unused(tx, &t, || {
                EmuError::validation(format!(
                    "Association label {type_id} is still used by some records; remove it from them before deleting it"
                ))
            })?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
