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
pub mod terms;
pub mod token;

use rusqlite::Connection;

pub use cache::SearchCache;
pub use plan::{Plan, SearchLimits};

use super::error::EmuResult;
use super::project;
use super::store::fts as store_fts;
use super::store::records;
use super::store::{Catalog, TypeEntry};
use crate::api::types::{NextPage, Paging, SearchRequest, SearchResponse};

/// Runs a search on a read connection.
pub fn run(
    cache: &SearchCache,
    conn: &Connection,
    cat: &Catalog,
    t: &TypeEntry,
    req: &SearchRequest,
    limits: &SearchLimits,
) -> EmuResult<SearchResponse> {
    let plan = plan::compile(cat, t, req, limits)?;
    let fts = plan.query.as_deref().map(terms::fts_match);
    if let Some(None) = fts {
        // A query with no searchable words matches nothing.
        return Ok(SearchResponse { total: 0, results: Vec::new(), paging: None });
    }
    let fts = fts.flatten();
    if let (Some(q), true, None) = (&fts, plan.groups.is_empty(), &plan.sort) {
        return query_only(conn, t, &plan, q);
    }
    let shared = cache.get(conn, t)?;
    let (total, ids) = {
        let cols = shared.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let rows = exec::matching(conn, &cols, t.def.no, &plan, fts.as_deref())?;
        (rows.count(), exec::page(&cols, &rows, &plan))
    };
    respond(conn, t, &plan, total, &ids)
}

fn respond(conn: &Connection, t: &TypeEntry, plan: &Plan, total: usize, ids: &[i64]) -> EmuResult<SearchResponse> {
    let results = records::get_many(conn, ids)?.iter().map(|r| project::simple(t, r, &plan.properties)).collect();
    let next = plan.offset + plan.limit;
    let paging = (next < total).then(|| Paging { next: NextPage { after: next.to_string(), link: None } });
    Ok(SearchResponse { total: u64::try_from(total).unwrap_or(u64::MAX), results, paging })
}

/// A `query` with no filters and the default order runs on FTS5 alone: it holds only live
/// records of this type, counts without materialising ids, and pages in id (creation) order.
fn query_only(conn: &Connection, t: &TypeEntry, plan: &Plan, fts_match: &str) -> EmuResult<SearchResponse> {
    let table = store_fts::table(t.def.no);
    let count_sql = format!("SELECT COUNT(*) FROM {table} WHERE {table} MATCH ?1");
    let total: i64 = conn.prepare_cached(&count_sql)?.query_row([fts_match], |r| r.get(0))?;
    let page_sql = format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid LIMIT ?2 OFFSET ?3");
    let ids = conn
        .prepare_cached(&page_sql)?
        .query_map(
            rusqlite::params![
                fts_match,
                i64::try_from(plan.limit).unwrap_or(0),
                i64::try_from(plan.offset).unwrap_or(0)
            ],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    respond(conn, t, plan, usize::try_from(total).unwrap_or(0), &ids)
}
