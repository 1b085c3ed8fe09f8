//! `/crm/v3/objects/{objectType}/batch/*`: read, create, update, upsert, archive.
//!
//! Writes are all-or-nothing unless every input carries an `objectWriteTraceId`, in which
//! case each input succeeds or fails on its own and failures come back in a 207 (HubSpot's
//! multi-status mode). Each input runs in its own savepoint, so a failed input leaves no
//! trace. Reads report missing ids in a 207.

use std::collections::HashSet;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use rusqlite::Connection;

use super::batch_items::{Mode, Outcome, Traced, respond, run_each, standard_error};
use crate::api::types::{BatchCreateItem, BatchId, BatchInput, BatchReadInput, BatchUpdateItem, SimplePublicObject};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::{HubJson, QueryPairs, check_batch_size};
use crate::emulator::lookup;
use crate::emulator::project::{self, ReadOpts};
use crate::emulator::state::EmuState;
use crate::emulator::store::records;
use crate::emulator::store::{Catalog, TypeEntry};
use crate::emulator::write::{self, WriteCtx};
use crate::timefmt::now_ms;

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/{object_type}/batch/read", post(read))
        .route("/{object_type}/batch/create", post(create))
        .route("/{object_type}/batch/update", post(update))
        .route("/{object_type}/batch/upsert", post(upsert))
        .route("/{object_type}/batch/archive", post(archive))
}

impl Traced for BatchCreateItem {
    fn trace_id(&self) -> Option<&str> {
        self.object_write_trace_id.as_deref()
    }
}

impl Traced for BatchUpdateItem {
    fn trace_id(&self) -> Option<&str> {
        self.object_write_trace_id.as_deref()
    }
}

fn with_trace(mut obj: SimplePublicObject, trace: Option<&String>) -> SimplePublicObject {
    obj.object_write_trace_id = trace.cloned();
    obj
}

async fn read(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    q: QueryPairs,
    HubJson(input): HubJson<BatchReadInput>,
) -> EmuResult<Response> {
    check_batch_size(input.inputs.len())?;
    let archived = q.flag("archived", false)?;
    let started = now_ms();
    st.store
        .read(move |conn, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let opts = ReadOpts {
                properties: input.properties.clone(),
                properties_with_history: input.properties_with_history.clone(),
                associations: Vec::new(),
            };
            let mut results = Vec::new();
            let mut missing = Vec::new();
            for BatchId { id } in &input.inputs {
                match lookup::record(conn, t, id.as_str(), input.id_property.as_deref(), archived)? {
                    Some(rec) => results.push(project::full(conn, cat, t, &rec, &opts)?),
                    None => missing.push(id.to_string()),
                }
            }
            let errors = if missing.is_empty() {
                Vec::new()
            } else {
                let e = EmuError::not_found(format!(
                    "Could not get some {} objects, they may be deleted or not exist. Check that ids are valid.",
                    t.def.singular.to_uppercase()
                ))
                .with_context("ids", missing);
                vec![standard_error(&e, None)]
            };
            Ok(respond(StatusCode::OK, started, Outcome { results, errors }))
        })
        .await
}

async fn create(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(input): HubJson<BatchInput<BatchCreateItem>>,
) -> EmuResult<Response> {
    check_batch_size(input.inputs.len())?;
    let ctx = WriteCtx::api();
    st.store
        .write(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let outcome = run_each(tx, &input.inputs, Mode::by_trace_ids(&input.inputs), |i| {
                let rec = write::create(tx, cat, t, &i.properties, &i.associations, &ctx)?;
                let names: Vec<String> = i.properties.keys().cloned().collect();
                Ok(with_trace(project::simple(t, &rec, &names), i.object_write_trace_id.as_ref()))
            })?;
            Ok(respond(StatusCode::CREATED, ctx.now, outcome))
        })
        .await
}

fn reject_duplicate_ids(items: &[BatchUpdateItem]) -> EmuResult<()> {
    let mut seen = HashSet::new();
    let dups: Vec<String> = items.iter().filter(|i| !seen.insert(i.id.as_str())).map(|i| i.id.to_string()).collect();
    if dups.is_empty() {
        Ok(())
    } else {
        Err(EmuError::validation(format!("Duplicate IDs found in batch input: {dups:?}. IDs must be unique"))
            .with_context("ids", dups))
    }
}

async fn update(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(input): HubJson<BatchInput<BatchUpdateItem>>,
) -> EmuResult<Response> {
    check_batch_size(input.inputs.len())?;
    reject_duplicate_ids(&input.inputs)?;
    let ctx = WriteCtx::api();
    st.store
        .write(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let outcome = run_each(tx, &input.inputs, Mode::by_trace_ids(&input.inputs), |i| {
                // Batch update does not follow merged ids (HubSpot documents this).
                let rec = find_unmerged(tx, t, i)?;
                let rec = write::update(tx, cat, t, rec, &i.properties, &ctx)?;
                let names: Vec<String> = i.properties.keys().cloned().collect();
                Ok(with_trace(project::simple(t, &rec, &names), i.object_write_trace_id.as_ref()))
            })?;
            Ok(respond(StatusCode::OK, ctx.now, outcome))
        })
        .await
}

fn find_unmerged(conn: &Connection, t: &TypeEntry, i: &BatchUpdateItem) -> EmuResult<records::Record> {
    let rec = match i.id_property.as_deref() {
        Some(p) if !p.is_empty() && p != "hs_object_id" => lookup::record(conn, t, i.id.as_str(), Some(p), false)?,
        _ => lookup::by_id(conn, i.id.as_str())?,
    };
    rec.filter(|r| r.type_no == t.def.no && !r.archived).ok_or_else(|| {
        EmuError::not_found(format!("Could not find {} with id {}", t.def.singular, i.id))
            .with_context("ids", vec![i.id.to_string()])
    })
}

async fn upsert(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(input): HubJson<BatchInput<BatchUpdateItem>>,
) -> EmuResult<Response> {
    check_batch_size(input.inputs.len())?;
    reject_duplicate_ids(&input.inputs)?;
    let ctx = WriteCtx::api();
    st.store
        .write(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let mode = Mode::by_trace_ids(&input.inputs);
            let outcome = run_each(tx, &input.inputs, mode, |i| upsert_one(tx, cat, t, i, &ctx))?;
            Ok(respond(StatusCode::OK, ctx.now, outcome))
        })
        .await
}

fn upsert_one(
    conn: &Connection,
    cat: &Catalog,
    t: &TypeEntry,
    i: &BatchUpdateItem,
    ctx: &WriteCtx,
) -> EmuResult<SimplePublicObject> {
    let names: Vec<String> = i.properties.keys().cloned().collect();
    let id_prop = i.id_property.as_deref().filter(|p| !p.is_empty() && *p != "hs_object_id");
    let existing = lookup::record(conn, t, i.id.as_str(), id_prop.or(Some("hs_object_id")), false)?;
    let (rec, new) = match (existing, id_prop) {
        (Some(rec), _) => (write::update(conn, cat, t, rec, &i.properties, ctx)?, false),
        (None, Some(p)) => {
            let mut props = i.properties.clone();
            props.insert(p.to_owned(), serde_json::Value::String(i.id.to_string()));
            (write::create(conn, cat, t, &props, &[], ctx)?, true)
        }
        (None, None) => {
            return Err(EmuError::not_found(format!(
                "No {} with id {}; to create records by upsert, name a unique idProperty",
                t.def.singular, i.id
            )));
        }
    };
    let mut obj = with_trace(project::simple(t, &rec, &names), i.object_write_trace_id.as_ref());
    obj.new = Some(new);
    Ok(obj)
}

async fn archive(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    HubJson(input): HubJson<BatchInput<BatchId>>,
) -> EmuResult<Response> {
    check_batch_size(input.inputs.len())?;
    let ctx = WriteCtx::api();
    st.store
        .write(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            for BatchId { id } in &input.inputs {
                let rec = lookup::by_id(tx, id.as_str())?;
                if let Some(rec) = rec.filter(|r| r.type_no == t.def.no && r.merged_into.is_none()) {
                    write::archive(tx, t, rec, &ctx)?;
                }
            }
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
