//! v4 association batches under `/crm/v4/associations/{fromType}/{toType}/batch/...`.
//! Reads and creates let each input stand alone: failures come back as 207 errors and never
//! half-apply. Archives refuse the whole request on a bad input.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use rusqlite::Connection;
use serde::Deserialize;
use serde_json::{Value, json};

use super::batch_items::{Mode, Outcome, Traced, respond, run_each, standard_error};
use crate::api::id::WireId;
use crate::api::types::{AssociationSpec, BatchInput};
use crate::emulator::associate::{
    default_type, group, labels_of, link_all, links_page, live, remove_labels, wanted_types,
};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::HubJson;
use crate::emulator::lookup::object_type;
use crate::emulator::state::EmuState;
use crate::emulator::store::assoc::{self, AssocType};
use crate::emulator::store::records::Record;
use crate::emulator::store::{Catalog, TypeEntry};
use crate::timefmt::now_ms;

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/{from_type}/{to_type}/batch/read", post(read))
        .route("/{from_type}/{to_type}/batch/create", post(create))
        .route("/{from_type}/{to_type}/batch/archive", post(archive))
        .route("/{from_type}/{to_type}/batch/associate/default", post(associate_default))
        .route("/{from_type}/{to_type}/batch/labels/archive", post(archive_labels))
}

#[derive(Debug, Deserialize)]
struct IdRef {
    id: WireId,
}

#[derive(Debug, Deserialize)]
struct ReadItem {
    id: WireId,
    /// Where this record's links continue (a result's `paging.next.after`).
    #[serde(default)]
    after: Option<WireId>,
}

/// Links of one record a batch read answers; past them the result carries `paging`.
pub const READ_LINKS_PER_RECORD: usize = 500;

#[derive(Debug, Deserialize)]
struct PairItem {
    from: IdRef,
    to: IdRef,
    #[serde(default)]
    types: Vec<AssociationSpec>,
}

#[derive(Debug, Deserialize)]
struct ArchiveItem {
    from: IdRef,
    to: Vec<IdRef>,
}

fn check_size(n: usize, max: usize) -> EmuResult<()> {
    if n > max {
        return Err(EmuError::validation(format!("This batch is limited to {max} inputs; the request has {n}")));
    }
    Ok(())
}

impl Traced for PairItem {}

/// The two object types of a batch path.
#[derive(Debug, Clone, Copy)]
struct Types<'a> {
    from: &'a TypeEntry,
    to: &'a TypeEntry,
}

impl<'a> Types<'a> {
    fn of(cat: &'a Catalog, (from, to): &(String, String)) -> EmuResult<Self> {
        Ok(Self { from: object_type(cat, from)?, to: object_type(cat, to)? })
    }

    /// The two live records an input names, or the 404 of the first that is not.
    fn ends(self, conn: &Connection, from: &IdRef, to: &IdRef) -> EmuResult<(Record, Record)> {
        Ok((live(conn, self.from, from.id.as_str())?, live(conn, self.to, to.id.as_str())?))
    }
}

async fn read(
    State(st): State<EmuState>,
    Path(path): Path<(String, String)>,
    HubJson(input): HubJson<BatchInput<ReadItem>>,
) -> EmuResult<Response> {
    check_size(input.inputs.len(), 1000)?;
    let started = now_ms();
    st.store
        .read(move |conn, cat| {
            let types = Types::of(cat, &path)?;
            let defs = assoc::types_between(conn, types.from.def.no, types.to.def.no)?;
            let mut out = Outcome::complete(Vec::new());
            for item in &input.inputs {
                let after = match item.after.as_ref().map(|a| a.as_str().parse::<i64>()) {
                    None => 0,
                    Some(Ok(a)) => a,
                    Some(Err(_)) => {
                        out.errors.push(standard_error(
                            &EmuError::validation("after must be a cursor from paging.next.after"),
                            None,
                        ));
                        continue;
                    }
                };
                match live(conn, types.from, item.id.as_str()) {
                    Ok(rec) => {
                        let page = links_page(conn, &rec, types.to, after, READ_LINKS_PER_RECORD)?;
                        let mut result = json!({"from": {"id": rec.id.to_string()}, "to": group(&defs, &page.links)});
                        if let Some(next) = page.next {
                            result["paging"] = json!({"next": {"after": next.to_string()}});
                        }
                        out.results.push(result);
                    }
                    Err(e) => out.errors.push(standard_error(&e, None)),
                }
            }
            Ok(respond(StatusCode::OK, started, out))
        })
        .await
}

/// Runs a batch that links pairs: `prepare` once for the two types (its failure fails the
/// request), then `one` on each input, each standing alone.
async fn link_pairs<P: Send + 'static>(
    st: &EmuState,
    path: (String, String),
    inputs: Vec<PairItem>,
    ok: StatusCode,
    prepare: fn(&Connection, Types<'_>) -> EmuResult<P>,
    one: fn(&Connection, Types<'_>, &P, &PairItem) -> EmuResult<Value>,
) -> EmuResult<Response> {
    check_size(inputs.len(), 2000)?;
    let started = now_ms();
    st.store
        .write(move |tx, cat| {
            let types = Types::of(cat, &path)?;
            let prepared = prepare(tx, types)?;
            let outcome = run_each(tx, &inputs, Mode::EachAlone, |item| one(tx, types, &prepared, item))?;
            Ok(respond(ok, started, outcome))
        })
        .await
}

async fn create(
    State(st): State<EmuState>,
    Path(path): Path<(String, String)>,
    HubJson(input): HubJson<BatchInput<PairItem>>,
) -> EmuResult<Response> {
    let defined = |tx: &Connection, t: Types<'_>| Ok(Defined(assoc::types_between(tx, t.from.def.no, t.to.def.no)?));
    link_pairs(&st, path, input.inputs, StatusCode::CREATED, defined, create_one).await
}

/// Every association type from one object type to the other (to name a link's labels).
struct Defined(Vec<AssocType>);

/// Links one pair with the unlabeled type and every type the input names.
fn create_one(tx: &Connection, t: Types<'_>, defined: &Defined, item: &PairItem) -> EmuResult<Value> {
    let (from, to) = t.ends(tx, &item.from, &item.to)?;
    if item.types.is_empty() {
        return Err(EmuError::validation("Some required fields were not set: [types]"));
    }
    link_all(tx, (t.from, &from), (t.to, &to), &wanted_types(tx, t.from, t.to, &item.types)?)?;
    let links = assoc::links_between(tx, from.id, to.id)?;
    Ok(json!({"fromObjectTypeId": t.from.def.type_id, "fromObjectId": from.id, "toObjectTypeId": t.to.def.type_id,
              "toObjectId": to.id, "labels": labels_of(&defined.0, &links)}))
}

async fn associate_default(
    State(st): State<EmuState>,
    Path(path): Path<(String, String)>,
    HubJson(input): HubJson<BatchInput<PairItem>>,
) -> EmuResult<Response> {
    let unlabeled = |tx: &Connection, t: Types<'_>| default_type(tx, t.from, t.to);
    link_pairs(&st, path, input.inputs, StatusCode::OK, unlabeled, default_one).await
}

/// Links one pair with the unlabeled type.
fn default_one(tx: &Connection, t: Types<'_>, ty: &AssocType, item: &PairItem) -> EmuResult<Value> {
    let (from, to) = t.ends(tx, &item.from, &item.to)?;
    link_all(tx, (t.from, &from), (t.to, &to), std::slice::from_ref(ty))?;
    Ok(json!({"from": {"id": from.id.to_string()}, "to": {"id": to.id.to_string()},
              "associationSpec": {"associationCategory": ty.category, "associationTypeId": ty.type_id}}))
}

/// Runs a batch that removes associations: `one` on each input in order, in one
/// transaction; the first failure fails the request.
async fn unlink_each<I: Send + Sync + 'static>(
    st: &EmuState,
    path: (String, String),
    inputs: Vec<I>,
    one: fn(&Connection, Types<'_>, &I) -> EmuResult<()>,
) -> EmuResult<Response> {
    check_size(inputs.len(), 2000)?;
    st.store
        .write(move |tx, cat| {
            let types = Types::of(cat, &path)?;
            for item in &inputs {
                one(tx, types, item)?;
            }
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}

async fn archive(
    State(st): State<EmuState>,
    Path(path): Path<(String, String)>,
    HubJson(input): HubJson<BatchInput<ArchiveItem>>,
) -> EmuResult<Response> {
    unlink_each(&st, path, input.inputs, archive_one).await
}

/// Removes every association from one record to each of the others.
fn archive_one(tx: &Connection, t: Types<'_>, item: &ArchiveItem) -> EmuResult<()> {
    // Records that are gone have no associations left to remove.
    let Ok(from) = live(tx, t.from, item.from.id.as_str()) else { return Ok(()) };
    for to in &item.to {
        if let Ok(to) = live(tx, t.to, to.id.as_str()) {
            assoc::unlink_pair(tx, from.id, to.id)?;
        }
    }
    Ok(())
}

async fn archive_labels(
    State(st): State<EmuState>,
    Path(path): Path<(String, String)>,
    HubJson(input): HubJson<BatchInput<PairItem>>,
) -> EmuResult<Response> {
    unlink_each(&st, path, input.inputs, |tx, t, item| {
        let (from, to) = t.ends(tx, &item.from, &item.to)?;
        remove_labels(tx, (t.from, &from), (t.to, &to), &item.types)
    })
    .await
}
