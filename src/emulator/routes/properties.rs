//! `/crm/v3/properties/{objectType}`: property definitions and groups.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::batch_items::{Outcome, respond};
use crate::api::types::{BatchInput, CollectionResponse, PropertyCreate, PropertyGroup, PropertyUpdate};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::{HubJson, QueryPairs, check_batch_size};
use crate::emulator::lookup;
use crate::emulator::propdef;
use crate::emulator::state::EmuState;
use crate::emulator::store::defs;
use crate::timefmt::{iso_from_ms, now_ms};

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
            let p = t
                .property(&name)
                .ok_or_else(|| EmuError::not_found(format!("Unable to find property {name} on {}", t.def.name)))?;
            let n = propdef::apply_update(t, p, &input, now)?;
            if n.kind != p.kind || n.field_type != p.field_type {
                return Err(EmuError::validation(format!(
                    "Changing the type of {name} is not supported by the local CRM; create a new property instead"
                )));
            }
            defs::put_property(tx, t.def.no, &n)?;
            Ok(axum::Json(n).into_response())
        })
        .await
}

fn archive_one(
    tx: &rusqlite::Connection,
    t: &crate::emulator::store::TypeEntry,
    name: &str,
    now: i64,
) -> EmuResult<()> {
    let Some(p) = t.property(name) else { return Ok(()) };
    if p.hubspot_defined || !p.modification_metadata.archivable {
        return Err(EmuError::validation(format!("Property {name} is defined by HubSpot and cannot be archived")));
    }
    if t.def.required_properties.iter().any(|r| r == name) || t.def.primary_display_property.as_deref() == Some(name) {
        return Err(EmuError::validation(format!(
            "Property {name} is required or the primary display property of {}; change the schema first",
            t.def.name
        )));
    }
    let mut a = p.clone();
    a.archived = true;
    a.archived_at = Some(iso_from_ms(now));
    defs::put_property(tx, t.def.no, &a)
}

async fn archive(State(st): State<EmuState>, Path((object_type, name)): Path<(String, String)>) -> EmuResult<Response> {
    let now = now_ms();
    st.store
        .write_catalog(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            if t.property(&name).is_none() {
                return Err(EmuError::not_found(format!("Unable to find property {name} on {}", t.def.name)));
            }
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
    let g = t
        .groups
        .iter()
        .find(|g| g.name == name && !g.archived)
        .ok_or_else(|| EmuError::not_found(format!("Unable to find property group {name} on {}", t.def.name)))?;
    Ok(axum::Json(g.clone()).into_response())
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
            propdef::check_name("Property group", &name)?;
            if t.groups.iter().any(|g| g.name == name && !g.archived) {
                return Err(EmuError::conflict(format!(
                    "A property group named {name:?} already exists on {}",
                    t.def.name
                )));
            }
            let g = PropertyGroup {
                name,
                label: input.label.clone().unwrap_or_default(),
                display_order: input.display_order.unwrap_or(-1),
                archived: false,
            };
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
            let mut g = t.groups.iter().find(|g| g.name == name && !g.archived).cloned().ok_or_else(|| {
                EmuError::not_found(format!("Unable to find property group {name} on {}", t.def.name))
            })?;
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
            if t.properties.iter().any(|p| p.group_name == name && !p.archived) {
                return Err(EmuError::validation(format!(
                    "Property group {name} still has properties; move or archive them first"
                )));
            }
            defs::delete_group(tx, t.def.no, &name)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
