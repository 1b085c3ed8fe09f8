//! Not a resource: the paged listing of one record's associations to one object type
//! (`GET …/{objectType}/{objectId}/associations/{toObjectType}`), served by both the v3 and
//! the v4 per-record routers. A page holds whole targets (every link to each) up to `limit`
//! targets; the versions differ only in their paging links' prefix and in how they show the
//! links of a page (their [`Listing`]).

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::api::types::CollectionResponse;
use crate::emulator::associate::{self, live};
use crate::emulator::error::EmuResult;
use crate::emulator::http::{QueryPairs, origin};
use crate::emulator::lookup::object_type;
use crate::emulator::state::EmuState;
use crate::emulator::store::TypeEntry;
use crate::emulator::store::assoc::{self, AssocType, Link};

/// One page's links with what a version needs to show them.
#[derive(Debug)]
pub struct Listed<'a> {
    pub from: &'a TypeEntry,
    pub to: &'a TypeEntry,
    /// Every association type from `from` to `to`.
    pub types: Vec<AssocType>,
    /// The page's links, by target id then type id.
    pub links: Vec<Link>,
}

/// How one API version shows the listing.
pub trait Listing: Send + Sync + 'static {
    /// Where the version serves objects, for paging links (`/crm/v3/objects`).
    const PREFIX: &'static str;
    /// One result of the version.
    type Item: Serialize + Send + 'static;
    /// A page's links as the version's results.
    fn show(page: &Listed<'_>) -> Vec<Self::Item>;
}

/// `GET {prefix}/{objectType}/{objectId}/associations/{toObjectType}` for version `V`.
pub async fn list<V: Listing>(
    State(st): State<EmuState>,
    Path((from_type, from_id, to_type)): Path<(String, String, String)>,
    headers: HeaderMap,
    q: QueryPairs,
) -> EmuResult<Response> {
    let limit = q.limit("limit", 500, 500)?;
    let after = q.cursor()?;
    let link_base = format!("{}{}/{from_type}/{from_id}/associations/{to_type}", origin(&headers), V::PREFIX);
    st.store
        .read(move |conn, cat| {
            let from_t = object_type(cat, &from_type)?;
            let to_t = object_type(cat, &to_type)?;
            let from = live(conn, from_t, &from_id)?;
            let types = assoc::types_between(conn, from_t.def.no, to_t.def.no)?;
            let page = associate::links_page(conn, &from, to_t, after, limit)?;
            let listed = Listed { from: from_t, to: to_t, types, links: page.links };
            let paging = page.next.map(|next| q.next_page(&link_base, next.to_string()));
            Ok(axum::Json(CollectionResponse { results: V::show(&listed), paging }).into_response())
        })
        .await
}
