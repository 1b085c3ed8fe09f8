//! CRM search (`POST /crm/v3/objects/{type}/search`): filter groups, the 13 operators by
//! property type, free-text `query`, one sort, offset paging with HubSpot's 10,000 cap.
//!
//! Filters, sorts and counts run over an in-memory columnar copy of the type's values
//! (`columns.rs`, kept in step with SQLite by `cache.rs`); `query` runs on SQLite FTS5.
//!
//! Records without a value: `NEQ`, `NOT_IN` and `NOT_CONTAINS_TOKEN` **match** them (a
//! missing value is not equal to anything and contains no token), as does
//! `NOT_HAS_PROPERTY`; `EQ`, `IN`, ranges and `CONTAINS_TOKEN` do not. Sorting puts records
//! without a value last in both directions; ties keep creation order.

pub mod bits;
pub mod cache;
pub mod columns;
pub mod exec;
pub mod plan;
pub mod token;

use rusqlite::Connection;

pub use plan::{Plan, SearchLimits};

use super::error::EmuResult;
use super::project;
use super::store::records;
use super::store::{Catalog, Store, TypeEntry};
use crate::api::types::{NextPage, Paging, SearchRequest, SearchResponse};

/// Runs a search on a read connection.
pub fn run(
    store: &Store,
    conn: &Connection,
    cat: &Catalog,
    t: &TypeEntry,
    req: &SearchRequest,
    limits: &SearchLimits,
) -> EmuResult<SearchResponse> {
    let plan = plan::compile(cat, t, req, limits)?;
    let fts = plan.query.as_deref().map(exec::fts_match);
    if let Some(None) = fts {
        // A query with no searchable words matches nothing.
        return Ok(SearchResponse { total: 0, results: Vec::new(), paging: None });
    }
    let fts = fts.flatten();
    let shared = store.search_cache().get(conn, t)?;
    let (total, ids) = {
        let cols = shared.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let rows = exec::matching(conn, &cols, t.def.no, &plan, fts.as_deref())?;
        (rows.count(), exec::page(&cols, &rows, &plan))
    };
    let results = records::get_many(conn, &ids)?.iter().map(|r| project::simple(t, r, &plan.properties)).collect();
    let next = plan.offset + plan.limit;
    let paging = (next < total).then(|| Paging { next: NextPage { after: next.to_string(), link: None } });
    Ok(SearchResponse { total: u64::try_from(total).unwrap_or(u64::MAX), results, paging })
}
