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
use super::versions::WriteRulesOn;
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
        .route("/{object_type}/batch/update", post(|st, p, r, b: Updates| by_id(st, p, r, b, update_one)))
        .route("/{object_type}/batch/upsert", post(|st, p, r, b: Updates| by_id(st, p, r, b, upsert_one)))
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

/// A written record as a batch answers it: its trace id and the warnings of its write.
fn with_trace(mut obj: SimplePublicObject, trace: Option<&String>, ctx: &WriteCtx) -> SimplePublicObject {
    obj.object_write_trace_id = trace.cloned();
    obj.warnings = ctx.take_warnings();
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

/// What every input of one writing batch shares.
struct Writing<'a> {
    conn: &'a Connection,
    cat: &'a Catalog,
    t: &'a TypeEntry,
    ctx: &'a WriteCtx,
}

/// Writes one input of a batch.
type WriteOne<I> = fn(&Writing<'_>, &I) -> EmuResult<SimplePublicObject>;

/// Runs a writing batch in one transaction: `one` on each input, each in its own savepoint,
/// all-or-nothing unless every input carries a trace id. The handler has validated the input.
async fn write_batch<I: Traced + Send + 'static>(
    st: &EmuState,
    object_type: String,
    inputs: Vec<I>,
    (ok, rules): (StatusCode, WriteRulesOn),
    one: WriteOne<I>,
) -> EmuResult<Response> {
    let ctx = WriteCtx::api().enforcing(rules.0);
    st.store
        .write(move |tx, cat| {
            let t = lookup::object_type(cat, &object_type)?;
            let w = Writing { conn: tx, cat, t, ctx: &ctx };
            let outcome = run_each(tx, &inputs, Mode::by_trace_ids(&inputs), |i| one(&w, i))?;
            Ok(respond(ok, ctx.now, outcome))
        })
        .await
}

async fn create(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    rules: WriteRulesOn,
    HubJson(input): HubJson<BatchInput<BatchCreateItem>>,
) -> EmuResult<Response> {
    check_batch_size(input.inputs.len())?;
    write_batch(&st, object_type, input.inputs, (StatusCode::CREATED, rules), create_one).await
}

fn create_one(w: &Writing<'_>, i: &BatchCreateItem) -> EmuResult<SimplePublicObject> {
    let rec = write::create(w.conn, w.cat, w.t, &i.properties, &i.associations, w.ctx)?;
    let names: Vec<String> = i.properties.keys().cloned().collect();
    Ok(with_trace(project::simple(w.t, &rec, &names), i.object_write_trace_id.as_ref(), w.ctx))
}

/// The body of `batch/update` and `batch/upsert`.
type Updates = HubJson<BatchInput<BatchUpdateItem>>;

/// `batch/update` and `batch/upsert`: inputs named by id (or `idProperty`), each at most once.
async fn by_id(
    State(st): State<EmuState>,
    Path(object_type): Path<String>,
    rules: WriteRulesOn,
    HubJson(input): Updates,
    one: WriteOne<BatchUpdateItem>,
) -> EmuResult<Response> {
    check_batch_size(input.inputs.len())?;
    reject_duplicate_ids(&input.inputs)?;
    write_batch(&st, object_type, input.inputs, (StatusCode::OK, rules), one).await
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

fn update_one(w: &Writing<'_>, i: &BatchUpdateItem) -> EmuResult<SimplePublicObject> {
    // Batch update does not follow merged ids (HubSpot documents this).
    let rec = find_unmerged(w.conn, w.t, i)?;
    let rec = write::update(w.conn, w.cat, w.t, rec, &i.properties, w.ctx)?;
    let names: Vec<String> = i.properties.keys().cloned().collect();
    Ok(with_trace(project::simple(w.t, &rec, &names), i.object_write_trace_id.as_ref(), w.ctx))
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

fn upsert_one(w: &Writing<'_>, i: &BatchUpdateItem) -> EmuResult<SimplePublicObject> {
    let Writing { conn, cat, t, ctx } = *w;
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
    let mut obj = with_trace(project::simple(t, &rec, &names), i.object_write_trace_id.as_ref(), ctx);
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
