//! v3 per-record associations under `/crm/v3/objects/{type}/{id}/associations/...`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};

use crate::api::types::{AssociatedId, CollectionResponse, NextPage, Paging};
use crate::emulator::associate::{by_id_or_name, live, pair};
use crate::emulator::error::EmuResult;
use crate::emulator::http::{QueryPairs, origin};
use crate::emulator::lookup::object_type;
use crate::emulator::project::{self, ReadOpts};
use crate::emulator::state::EmuState;
use crate::emulator::store::assoc;

pub fn router() -> Router<EmuState> {
    Router::new().route("/{object_type}/{object_id}/associations/{to_type}", get(list)).route(
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

async fn list(
    State(st): State<EmuState>,
    Path((from_type, from_id, to_type)): Path<(String, String, String)>,
    headers: HeaderMap,
    q: QueryPairs,
) -> EmuResult<Response> {
    let limit = q.limit("limit", 500, 500)?;
    let after = q.cursor()?;
    let link_base = format!("{}/crm/v3/objects/{from_type}/{from_id}/associations/{to_type}", origin(&headers));
    st.store
        .read(move |conn, cat| {
            let from_t = object_type(cat, &from_type)?;
            let to_t = object_type(cat, &to_type)?;
            let from = live(conn, from_t, &from_id)?;
            let types = assoc::types_between(conn, from_t.def.no, to_t.def.no)?;
            let mut links = assoc::links_page(conn, from.id, to_t.def.no, after, limit + 1)?;
            let mut targets: Vec<i64> = links.iter().map(|l| l.to_id).collect();
            targets.dedup();
            let paging = if targets.len() > limit {
                let next = targets[limit];
                links.retain(|l| l.to_id < next);
                Some(Paging {
                    next: NextPage {
                        after: next.to_string(),
                        link: Some(format!("{link_base}?{}", q.with("after", &next.to_string()))),
                    },
                })
            } else {
                None
            };
            let results = links
                .iter()
                .map(|l| AssociatedId {
                    id: l.to_id.to_string(),
                    kind: types
                        .iter()
                        .find(|t| t.type_id == l.type_id && t.category == l.category)
                        .and_then(|t| t.name.clone())
                        .unwrap_or_else(|| format!("{}_to_{}", from_t.def.singular, to_t.def.singular)),
                })
                .collect();
            Ok(axum::Json(CollectionResponse { results, paging }).into_response())
        })
        .await
}
