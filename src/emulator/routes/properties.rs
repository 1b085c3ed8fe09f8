//! `/crm/v3/properties/{objectType}` (also the 2026-03 spelling): property definitions and
//! groups. The rules live in `emulator::propdef`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::batch_items::{Outcome, respond};
use crate::api::types::{BatchInput, CollectionResponse, PropertyCreate, PropertyUpdate};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::{HubJson, QueryPairs, check_batch_size};
use crate::emulator::lookup;
use crate::emulator::propdef;
use crate::emulator::state::EmuState;
use crate::emulator::store::{TypeEntry, defs, index};
use crate::timefmt::now_ms;

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/{object_type}", get(list).post(create))
        .route("/{object_type}/batch/read", post(batch_read))
        .route("/{object_type}/batch/create", post(batch_create))
        .route("/{object_type}/batch/archive", post(batch_archive))
        .route("/{object_type}/groups", get(list_groups).post(create_group))
        .route("/{object_type}/groups/{group_name}", get(get_group).patch(update_group).delete(delete_group))
        .route("/{object_type}/{property_name}", get(get_one).patch(update).delete(archive))
}

async fn list(State(st): State<EmuState>, Path(object_type): Path<String>, q: QueryPairs) -> EmuResult<Response> {
    let archived = q.flag("archived", false)?;
    let only = q.list("properties");
    let cat = st.store.catalog();
    let t = lookup::object_type(&cat, &object_type)?;
    let results: Vec<_> = t
        .properties
        .iter()
        .filter(|p| p.archived == archived && (only.is_empty() || only.contains(&p.name)))
        .cloned()
        .collect();
    Ok(axum::Json(CollectionResponse { results, paging: None }).into_response())
}

async fn get_one(
    State(st): State<EmuState>,
    Path((object_type, name)): Path<(String, String)>,
    q: QueryPairs,
) -> EmuResult<Response> {
    let archived = q.flag("archived", false)?;
    let cat = st.store.catalog();
    let t = lookup::object_type(&cat, &object_type)?;
    let p = t
        .property_any(&name)
        .filter(|p| p.archived == archived)
        .ok_or_else(|| EmuError::not_found(format!("Unable to find property {name} on {}", t.def.name)))?;
    Ok(axum::Json(p.clone()).into_response())
}

async fn create(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(input): HubJson<PropertyCreate>,
) -> EmuResult<Response> {
    let now = now_ms();
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let p = propdef::from_create(t, &input, now)?;
            defs::put_property(tx, t.def.no, &p)?;
            if p.has_unique_value {
                index::index_property(tx, t.def.no, &p)?;
            }
            Ok((StatusCode::CREATED, axum::Json(p)).into_response())
        })
        .await
}

async fn update(
    State(st): State<EmuState>,
    Path((object_type, name)): Path<(String, String)>,
    HubJson(input): HubJson<PropertyUpdate>,
) -> EmuResult<Response> {
    let now = now_ms();
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let n = propdef::update(t, &name, &input, now)?;
            defs::put_property(tx, t.def.no, &n)?;
            Ok(axum::Json(n).into_response())
        })
        .await
}

/// Archives the live property `name` of `t`, if there is one.
fn archive_one(tx: &rusqlite::Connection, t: &TypeEntry, name: &str, now: i64) -> EmuResult<()> {
    match propdef::archived(t, name, now)? {
        Some(a) => defs::put_property(tx, t.def.no, &a),
        None => Ok(()),
    }
}

async fn archive(State(st): State<EmuState>, Path((object_type, name)): Path<(String, String)>) -> EmuResult<Response> {
    let now = now_ms();
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            propdef::find(t, &name)?;
            archive_one(tx, t, &name, now)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}

#[derive(Debug, Deserialize)]
struct NameInput {
    name: String,
}

#[derive(Debug, Deserialize)]
struct BatchReadProps {
    inputs: Vec<NameInput>,
    #[serde(default)]
    archived: bool,
}

async fn batch_read(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(input): HubJson<BatchReadProps>,
) -> EmuResult<Response> {
    let started = now_ms();
    let cat = st.store.catalog();
    let t = lookup::object_type(&cat, &object_type)?;
    let results: Vec<_> = input
        .inputs
        .iter()
        .filter_map(|i| t.property_any(&i.name).filter(|p| p.archived == input.archived).cloned())
        .collect();
    Ok(respond(StatusCode::OK, started, Outcome::complete(results)))
}

async fn batch_create(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(input): HubJson<BatchInput<PropertyCreate>>,
) -> EmuResult<Response> {
    check_batch_size(input.inputs.len())?;
    let now = now_ms();
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let mut out = Vec::new();
            for c in &input.inputs {
                if out.iter().any(|p: &crate::api::types::Property| p.name == c.name) {
                    return Err(EmuError::validation(format!("Property {:?} appears twice in the batch", c.name)));
                }
                let p = propdef::from_create(t, c, now)?;
                defs::put_property(tx, t.def.no, &p)?;
                if p.has_unique_value {
                    index::index_property(tx, t.def.no, &p)?;
                }
                out.push(p);
            }
            Ok(respond(StatusCode::CREATED, now, Outcome::complete(out)))
        })
        .await
}

async fn batch_archive(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(input): HubJson<BatchInput<NameInput>>,
) -> EmuResult<Response> {
    check_batch_size(input.inputs.len())?;
    let now = now_ms();
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            for i in &input.inputs {
                archive_one(tx, t, &i.name, now)?;
            }
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}

async fn list_groups(State(st): State<EmuState>, Path(object_type): Path<String>) -> EmuResult<Response> {
    let cat = st.store.catalog();
    let t = lookup::object_type(&cat, &object_type)?;
    let results: Vec<_> = t.groups.iter().filter(|g| !g.archived).cloned().collect();
    Ok(axum::Json(CollectionResponse { results, paging: None }).into_response())
}

async fn get_group(
    State(st): State<EmuState>,
    Path((object_type, name)): Path<(String, String)>,
) -> EmuResult<Response> {
    let cat = st.store.catalog();
    let t = lookup::object_type(&cat, &object_type)?;
    Ok(axum::Json(propdef::find_group(t, &name)?.clone()).into_response())
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GroupInput {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    display_order: Option<i64>,
}

async fn create_group(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(input): HubJson<GroupInput>,
) -> EmuResult<Response> {
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let name = input.name.clone().unwrap_or_default();
            let g = propdef::new_group(t, name, input.label.clone().unwrap_or_default(), input.display_order)?;
            defs::put_group(tx, t.def.no, &g)?;
            Ok((StatusCode::CREATED, axum::Json(g)).into_response())
        })
        .await
}

async fn update_group(
    State(st): State<EmuState>,
    Path((object_type, name)): Path<(String, String)>,
    HubJson(input): HubJson<GroupInput>,
) -> EmuResult<Response> {
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let mut g = propdef::find_group(t, &name)?.clone();
            if let Some(l) = &input.label {
                g.label.clone_from(l);
            }
            if let Some(o) = input.display_order {
                g.display_order = o;
            }
            defs::put_group(tx, t.def.no, &g)?;
            Ok(axum::Json(g).into_response())
        })
        .await
}

async fn delete_group(
    State(st): State<EmuState>,
    Path((object_type, name)): Path<(String, String)>,
) -> EmuResult<Response> {
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            propdef::check_group_empty(t, &name)?;
            defs::delete_group(tx, t.def.no, &name)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
