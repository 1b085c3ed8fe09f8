//! v3 per-record associations under `/crm/v3/objects/{type}/{id}/associations/...`: associate
//! and dissociate by type id or v3 name, and the listing (shared with v4 in `assoc_list.rs`)
//! shown one link per result.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};

use super::assoc_list::{self, Listed, Listing};
use crate::api::types::AssociatedId;
use crate::emulator::associate::{by_id_or_name, pair};
use crate::emulator::error::EmuResult;
use crate::emulator::project::{self, ReadOpts};
use crate::emulator::state::EmuState;
use crate::emulator::store::assoc;

pub fn router() -> Router<EmuState> {
    Router::new().route("/{object_type}/{object_id}/associations/{to_type}", get(assoc_list::list::<V3>)).route(
        "/{object_type}/{object_id}/associations/{to_type}/{to_id}/{assoc_type}",
        put(associate).delete(dissociate),
    )
}

async fn associate(
    State(st): State<EmuState>,
    Path((from_type, from_id, to_type, to_id, assoc_type)): Path<(String, String, String, String, String)>,
) -> EmuResult<Response> {
    st.store
        .write(move |tx, cat| {
            let (from_t, from, to_t, to) = pair(tx, cat, (&from_type, &from_id), (&to_type, &to_id))?;
            let ty = by_id_or_name(tx, from_t, to_t, &assoc_type)?;
            assoc::link(tx, (from.id, from_t.def.no), (to.id, to_t.def.no), &ty)?;
            let opts = ReadOpts { associations: vec![to_type.clone()], ..ReadOpts::default() };
            Ok(axum::Json(project::full(tx, cat, from_t, &from, &opts)?).into_response())
        })
        .await
}

async fn dissociate(
    State(st): State<EmuState>,
    Path((from_type, from_id, to_type, to_id, assoc_type)): Path<(String, String, String, String, String)>,
) -> EmuResult<Response> {
    st.store
        .write(move |tx, cat| {
            let (from_t, from, to_t, to) = pair(tx, cat, (&from_type, &from_id), (&to_type, &to_id))?;
            let ty = by_id_or_name(tx, from_t, to_t, &assoc_type)?;
            assoc::unlink(tx, (from.id, from_t.def.no), (to.id, to_t.def.no), &ty)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        })
        .await
}

/// v3's listing: each link on its own, named by its type's v3 name.
struct V3;

impl Listing for V3 {
    const PREFIX: &'static str = "/crm/v3/objects";
    type Item = AssociatedId;

    fn show(page: &Listed<'_>) -> Vec<AssociatedId> {
        page.links
            .iter()
            .map(|l| AssociatedId {
                id: l.to_id.to_string(),
                kind: page
                    .types
                    .iter()
                    .find(|t| t.type_id == l.type_id && t.category == l.category)
                    .and_then(|t| t.name.clone())
                    .unwrap_or_else(|| format!("{}_to_{}", page.from.def.singular, page.to.def.singular)),
            })
            .collect()
    }
}
