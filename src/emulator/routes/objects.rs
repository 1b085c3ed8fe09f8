//! `/crm/v3/objects/{objectType}` (also the 2026-03 spelling): list, read, create, update,
//! archive, merge. Records are found through `lookup`, written through `write`, and shown
//! through `project`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::api::types::{CollectionResponse, MergeInput, ObjectCreateInput, ObjectUpdateInput};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::{HubJson, QueryPairs, origin};
use crate::emulator::lookup;
use crate::emulator::project::{self, ReadOpts};
use crate::emulator::state::EmuState;
use crate::emulator::store::TypeEntry;
use crate::emulator::store::records::{self, Record};
use crate::emulator::write::{self, WriteCtx};

use super::versions::WriteRulesOn;

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/{object_type}", get(list).post(create))
        .route("/{object_type}/merge", post(merge))
        .route("/{object_type}/{object_id}", get(read_one).patch(update).delete(archive))
}

/// Read options from the query string.
fn read_opts(q: &QueryPairs) -> ReadOpts {
    ReadOpts {
        properties: q.list("properties"),
        properties_with_history: q.list("propertiesWithHistory"),
        associations: q.list("associations"),
    }
}

async fn list(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    headers: HeaderMap,
    q: QueryPairs,
) -> EmuResult<Response> {
    let opts = read_opts(&q);
    let max = if opts.properties_with_history.is_empty() { 100 } else { 50 };
    let limit = q.limit("limit", 10, max)?;
    let archived = q.flag("archived", false)?;
    let from_id = q.cursor()?;
    let link_base = format!("{}/crm/v3/objects/{object_type}", origin(&headers));
    st.store
        .read(move |conn, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let mut rows = records::list(conn, t.def.no, archived, from_id, limit + 1)?;
            let paging = if rows.len() > limit {
                let next = rows.pop().map_or(0, |r| r.id);
                Some(q.next_page(&link_base, next.to_string()))
            } else {
                None
            };
            let results = rows.iter().map(|r| project::full(conn, cat, t, r, &opts)).collect::<EmuResult<Vec<_>>>()?;
            Ok(axum::Json(CollectionResponse { results, paging }).into_response())
        })
        .await
}

fn not_found(t: &TypeEntry, key: &str) -> EmuError {
    not_found_by(t, key, None)
}

/// No record has this id, or (with `idProperty`) this value of that property.
fn not_found_by(t: &TypeEntry, key: &str, id_property: Option<&str>) -> EmuError {
    let by = id_property.map_or_else(|| "id".to_owned(), |p| format!("{p} ="));
    EmuError::not_found(format!("resource not found: no {} with {by} {key}", t.def.singular))
        .with_context("id", vec![key.to_owned()])
}

async fn read_one(
    State(st): State<EmuState>,
    Path((object_type, object_id)): Path<(String, String)>,
    q: QueryPairs,
) -> EmuResult<Response> {
    let opts = read_opts(&q);
    let archived = q.flag("archived", false)?;
    let by_id = q.get("idProperty").filter(|p| !p.is_empty() && *p != "hs_object_id").is_none();
    let id = lookup::parse_id(&object_id).filter(|_| by_id);
    st.store.notice_outside_writes();
    // The fast path: a record read lately, asked for by id with no history or associations.
    if let Some(rec) = id.and_then(|id| st.store.records().get(id)).filter(|_| plain(&opts)) {
        let cat = st.store.catalog();
        let t = lookup::object_type(&cat, &object_type)?;
        if rec.type_no != t.def.no || rec.archived != archived {
            return Err(not_found(t, &object_id));
        }
        return Ok(axum::Json(project::simple(t, &rec, &opts.properties)).into_response());
    }
    let store = st.store.clone();
    st.store
        .read_point(move |conn, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let generation = store.records().generation();
            let rec = lookup::record(conn, t, &object_id, q.get("idProperty"), archived)?
                .ok_or_else(|| not_found_by(t, &object_id, q.get("idProperty")))?;
            // Only a record read by its own id is kept (a merged one's id is the survivor's).
            if id == Some(rec.id) {
                store.records().keep(generation, &std::sync::Arc::new(rec.clone()));
            }
            Ok(axum::Json(project::full(conn, cat, t, &rec, &opts)?).into_response())
        })
        .await
}

/// A read that needs the record's row only (no history, no associations).
fn plain(opts: &ReadOpts) -> bool {
    opts.properties_with_history.is_empty() && opts.associations.is_empty()
}

async fn create(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    rules: WriteRulesOn,
    HubJson(input): HubJson<ObjectCreateInput>,
) -> EmuResult<Response> {
    let ctx = WriteCtx::api().enforcing(rules.0);
    st.store
        .write(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let rec = write::create(tx, cat, t, &input.properties, &input.associations, &ctx)?;
            let mut obj = project::simple(t, &rec, &written_names(&input.properties));
            obj.properties = all_set(t, &rec, &input.properties);
            obj.warnings = ctx.take_warnings();
            Ok((StatusCode::CREATED, axum::Json(obj)).into_response())
        })
        .await
}

/// The names a write set, so the response echoes them.
fn written_names(props: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    props.keys().cloned().collect()
}

/// A write's response carries every stored value plus the built-ins, as HubSpot's does.
fn all_set(
    t: &TypeEntry,
    rec: &Record,
    written: &serde_json::Map<String, serde_json::Value>,
) -> std::collections::BTreeMap<String, Option<String>> {
    let mut names: Vec<String> = rec.props.keys().cloned().collect();
    names.extend(written.keys().cloned());
    project::properties(t, rec, &names)
}

async fn update(
    State(st): State<EmuState>,
    Path((object_type, object_id)): Path<(String, String)>,
    q: QueryPairs,
    rules: WriteRulesOn,
    HubJson(input): HubJson<ObjectUpdateInput>,
) -> EmuResult<Response> {
    let ctx = WriteCtx::api().enforcing(rules.0);
    st.store
        .write(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let rec = lookup::record(tx, t, &object_id, q.get("idProperty"), false)?
                .ok_or_else(|| not_found_by(t, &object_id, q.get("idProperty")))?;
            let rec = write::update(tx, cat, t, rec, &input.properties, &ctx)?;
            let mut obj = project::simple(t, &rec, &[]);
            obj.properties = all_set(t, &rec, &input.properties);
            obj.warnings = ctx.take_warnings();
            Ok(axum::Json(obj).into_response())
        })
        .await
}

async fn archive(
    State(st): State<EmuState>,
    Path((object_type, object_id)): Path<(String, String)>,
) -> EmuResult<Response> {
    let ctx = WriteCtx::api();
    st.store
        .write(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            // HubSpot answers 204 for an id that is already gone, as for batch archive.
            if let Some(rec) = lookup::by_id(tx, &object_id)?
                && rec.type_no == t.def.no
                && rec.merged_into.is_none()
            {
                write::archive(tx, t, rec, &ctx)?;
            }
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}

async fn merge(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(input): HubJson<MergeInput>,
) -> EmuResult<Response> {
    let ctx = WriteCtx::api();
    st.store
        .write(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let primary_key = input.primary_object_id.as_str();
            let other_key = input.object_id_to_merge.as_str();
            let primary = lookup::record(tx, t, primary_key, None, false)?.ok_or_else(|| not_found(t, primary_key))?;
            let other = lookup::record(tx, t, other_key, None, false)?.ok_or_else(|| not_found(t, other_key))?;
            if primary.id == other.id {
                return Err(EmuError::validation("primaryObjectId and objectIdToMerge name the same record"));
            }
            let merged = write::merge(tx, t, primary, other, &ctx)?;
            Ok(axum::Json(project::simple(t, &merged, &[])).into_response())
        })
        .await
}
