//! v4 per-record associations under `/crm/v4/objects/{type}/{id}/associations/...`: the
//! default association, replacing the labels between two records, removing them all, and the
//! listing (shared with v3 in `assoc_list.rs`) shown one result per target.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use serde_json::json;

use super::assoc_list::{self, Listed, Listing};
use super::batch_items::{Outcome, respond};
use crate::api::types::AssociationSpec;
use crate::emulator::associate::{Associated, default_type, group, labels_of, link_all, pair, wanted_types};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::http::HubJson;
use crate::emulator::state::EmuState;
use crate::emulator::store::assoc;
use crate::timefmt::now_ms;

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/{object_type}/{object_id}/associations/{to_type}", get(assoc_list::list::<V4>))
        .route("/{object_type}/{object_id}/associations/default/{to_type}/{to_id}", put(associate_default))
        .route("/{object_type}/{object_id}/associations/{to_type}/{to_id}", put(associate_labels).delete(dissociate))
}

async fn associate_default(
    State(st): State<EmuState>,
    Path((from_type, from_id, to_type, to_id)): Path<(String, String, String, String)>,
) -> EmuResult<Response> {
    let started = now_ms();
    st.store
        .write(move |tx, cat| {
            let (from_t, from, to_t, to) = pair(tx, cat, (&from_type, &from_id), (&to_type, &to_id))?;
            let ty = default_type(tx, from_t, to_t)?;
            link_all(tx, (from_t, &from), (to_t, &to), std::slice::from_ref(&ty))?;
            let result = json!({"from": {"id": from.id.to_string()}, "to": {"id": to.id.to_string()},
                "associationSpec": {"associationCategory": ty.category, "associationTypeId": ty.type_id}});
            Ok(respond(StatusCode::OK, started, Outcome::complete(vec![result])))
        })
        .await
}

async fn associate_labels(
    State(st): State<EmuState>,
    Path((from_type, from_id, to_type, to_id)): Path<(String, String, String, String)>,
    HubJson(specs): HubJson<Vec<AssociationSpec>>,
) -> EmuResult<Response> {
    if specs.is_empty() {
        return Err(EmuError::validation("The body must list at least one association type"));
    }
    st.store
        .write(move |tx, cat| {
            let (from_t, from, to_t, to) = pair(tx, cat, (&from_type, &from_id), (&to_type, &to_id))?;
            let wanted = wanted_types(tx, from_t, to_t, &specs)?;
            // The body replaces the labels between the pair; the unlabeled type always stays.
            assoc::unlink_pair(tx, from.id, to.id)?;
            link_all(tx, (from_t, &from), (to_t, &to), &wanted)?;
            let types = assoc::types_between(tx, from_t.def.no, to_t.def.no)?;
            let links = assoc::links_between(tx, from.id, to.id)?;
            let body = json!({"fromObjectTypeId": from_t.def.type_id, "fromObjectId": from.id, "toObjectTypeId": to_t.def.type_id,
                              "toObjectId": to.id, "labels": labels_of(&types, &links)});
            Ok((StatusCode::CREATED, axum::Json(body)).into_response())
        })
        .await
}

async fn dissociate(
    State(st): State<EmuState>,
    Path((from_type, from_id, to_type, to_id)): Path<(String, String, String, String)>,
) -> EmuResult<Response> {
    st.store
        .write(move |tx, cat| {
            let (_, from, _, to) = pair(tx, cat, (&from_type, &from_id), (&to_type, &to_id))?;
            assoc::unlink_pair(tx, from.id, to.id)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}

/// v4's listing: one result per target with every type linking to it.
struct V4;

impl Listing for V4 {
    const PREFIX: &'static str = "/crm/v4/objects";
    type Item = Associated;

    fn show(page: &Listed<'_>) -> Vec<Associated> {
        group(&page.types, &page.links)
    }
}
