//! v4 association batches under `/crm/v4/associations/{fromType}/{toType}/batch/...`.
//! Each input stands alone: failures come back as 207 errors and never half-apply.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Deserialize;
use serde_json::json;

use super::batch_items::{Mode, Outcome, Traced, respond, run_each, standard_error};
use crate::api::id::WireId;
use crate::api::types::{AssociationSpec, BatchInput};
use crate::emulator::associate::{default_type, fitting, group, labels_of, live};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::HubJson;
use crate::emulator::lookup::object_type;
use crate::emulator::state::EmuState;
use crate::emulator::store::assoc;
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
}

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

fn types<'a>(cat: &'a Catalog, from: &str, to: &str) -> EmuResult<(&'a TypeEntry, &'a TypeEntry)> {
    Ok((object_type(cat, from)?, object_type(cat, to)?))
}

async fn read(
    State(st): State<EmuState>,
    Path((from_type, to_type)): Path<(String, String)>,
    HubJson(input): HubJson<BatchInput<ReadItem>>,
) -> EmuResult<Response> {
    check_size(input.inputs.len(), 1000)?;
    let started = now_ms();
    st.store
        .read(move |conn, cat| {
            let (ft, tt) = types(cat, &from_type, &to_type)?;
            let defs = assoc::types_between(conn, ft.def.no, tt.def.no)?;
            let mut out = Outcome::complete(Vec::new());
            for item in &input.inputs {
                match live(conn, ft, item.id.as_str()) {
                    Ok(rec) => {
                        let links = assoc::links(conn, rec.id, tt.def.no)?;
                        out.results.push(json!({"from": {"id": rec.id.to_string()}, "to": group(&defs, &links)}));
                    }
                    Err(e) => out.errors.push(standard_error(&e, None)),
                }
            }
            Ok(respond(StatusCode::OK, started, out))
        })
        .await
}

async fn create(
    State(st): State<EmuState>,
    Path((from_type, to_type)): Path<(String, String)>,
    HubJson(input): HubJson<BatchInput<PairItem>>,
) -> EmuResult<Response> {
    check_size(input.inputs.len(), 2000)?;
    let started = now_ms();
    st.store
        .write(move |tx, cat| {
            let (ft, tt) = types(cat, &from_type, &to_type)?;
            let defs = assoc::types_between(tx, ft.def.no, tt.def.no)?;
            let outcome = run_each(tx, &input.inputs, Mode::EachAlone, |item| {
                let from = live(tx, ft, item.from.id.as_str())?;
                let to = live(tx, tt, item.to.id.as_str())?;
                if item.types.is_empty() {
                    return Err(EmuError::validation("Some required fields were not set: [types]"));
                }
                let mut wanted = vec![default_type(tx, ft, tt)?];
                for s in &item.types {
                    wanted.push(fitting(tx, ft, tt, s)?);
                }
                for ty in &wanted {
                    assoc::link(tx, (from.id, ft.def.no), (to.id, tt.def.no), ty)?;
                }
                let links = assoc::links_between(tx, from.id, to.id)?;
                Ok(json!({"fromObjectTypeId": ft.def.type_id, "fromObjectId": from.id, "toObjectTypeId": tt.def.type_id,
                          "toObjectId": to.id, "labels": labels_of(&defs, &links)}))
            })?;
            Ok(respond(StatusCode::CREATED, started, outcome))
        })
        .await
}

async fn associate_default(
    State(st): State<EmuState>,
    Path((from_type, to_type)): Path<(String, String)>,
    HubJson(input): HubJson<BatchInput<PairItem>>,
) -> EmuResult<Response> {
    check_size(input.inputs.len(), 2000)?;
    let started = now_ms();
    st.store
        .write(move |tx, cat| {
            let (ft, tt) = types(cat, &from_type, &to_type)?;
            let ty = default_type(tx, ft, tt)?;
            let outcome = run_each(tx, &input.inputs, Mode::EachAlone, |item| {
                let from = live(tx, ft, item.from.id.as_str())?;
                let to = live(tx, tt, item.to.id.as_str())?;
                assoc::link(tx, (from.id, ft.def.no), (to.id, tt.def.no), &ty)?;
                Ok(json!({"from": {"id": from.id.to_string()}, "to": {"id": to.id.to_string()},
                          "associationSpec": {"associationCategory": ty.category, "associationTypeId": ty.type_id}}))
            })?;
            Ok(respond(StatusCode::OK, started, outcome))
        })
        .await
}

async fn archive(
    State(st): State<EmuState>,
    Path((from_type, to_type)): Path<(String, String)>,
    HubJson(input): HubJson<BatchInput<ArchiveItem>>,
) -> EmuResult<Response> {
    check_size(input.inputs.len(), 2000)?;
    st.store
        .write(move |tx, cat| {
            let (ft, tt) = types(cat, &from_type, &to_type)?;
            for item in &input.inputs {
                let Ok(from) = live(tx, ft, item.from.id.as_str()) else { continue };
                for to in &item.to {
                    if let Ok(to) = live(tx, tt, to.id.as_str()) {
                        assoc::unlink_pair(tx, from.id, to.id)?;
                    }
                }
            }
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}

async fn archive_labels(
    State(st): State<EmuState>,
    Path((from_type, to_type)): Path<(String, String)>,
    HubJson(input): HubJson<BatchInput<PairItem>>,
) -> EmuResult<Response> {
    check_size(input.inputs.len(), 2000)?;
    st.store
        .write(move |tx, cat| {
            let (ft, tt) = types(cat, &from_type, &to_type)?;
            for item in &input.inputs {
                let from = live(tx, ft, item.from.id.as_str())?;
                let to = live(tx, tt, item.to.id.as_str())?;
                for s in &item.types {
                    let ty = fitting(tx, ft, tt, s)?;
                    if ty.label.is_none() {
                        // Removing the unlabeled association removes every label too.
                        assoc::unlink_pair(tx, from.id, to.id)?;
                    } else {
                        assoc::unlink(tx, (from.id, ft.def.no), (to.id, tt.def.no), &ty)?;
                    }
                }
            }
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}
