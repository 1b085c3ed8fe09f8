//! Where a search on the local CRM is executed, start to finish: [`run`] compiles the request
//! into a [`Plan`] (`plan.rs`), then answers it on one of two paths:
//!
//! - a free-text `query` with no filters and the default order runs on the type's FTS5 table
//!   alone, which counts and pages in id order without touching the columns;
//! - anything else runs over the type's in-memory columns (`columns.rs`, from `cache.rs`):
//!   the matching rows as a bitset (`filter.rs`, with `query` ANDed in from FTS5, its rows
//!   kept until the next commit for the next page), the total as their count, and the page in
//!   the plan's order (`order.rs`).
//!
//! Either way the page's records are read from SQLite and projected to the properties asked
//! for.

use rusqlite::Connection;

use super::cache::SearchCache;
use super::plan::{self, Plan, SearchLimits};
use super::{filter, order, terms};
use crate::api::types::{NextPage, Paging, SearchRequest, SearchResponse};
use crate::emulator::error::EmuResult;
use crate::emulator::project;
use crate::emulator::store::{Catalog, TypeEntry};
use crate::emulator::store::{fts, records};

/// Runs a search of type `t` on a read connection.
pub fn run(
    cache: &SearchCache,
    conn: &Connection,
    cat: &Catalog,
    t: &TypeEntry,
    req: &SearchRequest,
    limits: &SearchLimits,
) -> EmuResult<SearchResponse> {
    let plan = plan::compile(cat, t, req, limits)?;
    let text_match = plan.query.as_deref().map(terms::fts_match);
    if let Some(None) = text_match {
        // A query with no searchable words matches nothing.
        return Ok(SearchResponse { total: 0, results: Vec::new(), paging: None });
    }
    let text_match = text_match.flatten();
    if let (Some(q), true, None) = (&text_match, plan.groups.is_empty(), &plan.sort) {
        return query_only(cache, conn, t, &plan, q);
    }
    let generation = cache.generation();
    let shared = cache.get(conn, t)?;
    let (total, ids) = {
        let guard = shared.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let cols = &*guard;
        let text = text_match
            .as_deref()
            .map(|q| move || cache.text_rows(t.def.no, generation, q, || filter::query_bits(conn, cols, t.def.no, q)));
        let rows = filter::matching(conn, cols, &plan, text.as_ref().map(|f| f as _))?;
        (rows.count(), order::page(cols, &rows, &plan))
    };
    respond(conn, t, &plan, total, &ids)
}

/// The page of `ids` (out of `total` matches) as the search answers it.
fn respond(conn: &Connection, t: &TypeEntry, plan: &Plan, total: usize, ids: &[i64]) -> EmuResult<SearchResponse> {
    let results = records::get_many(conn, ids)?.iter().map(|r| project::simple(t, r, &plan.properties)).collect();
    let next = plan.offset + plan.limit;
    let paging = (next < total).then(|| Paging { next: NextPage { after: next.to_string(), link: None } });
    Ok(SearchResponse { total: u64::try_from(total).unwrap_or(u64::MAX), results, paging })
}

/// A `query` with no filters and the default order runs on FTS5 alone: it holds only live
/// records of this type, counts without materialising ids, and pages in id (creation) order.
fn query_only(
    cache: &SearchCache,
    conn: &Connection,
    t: &TypeEntry,
    plan: &Plan,
    fts_match: &str,
) -> EmuResult<SearchResponse> {
    let total = cache.text_count(t.def.no, fts_match, || fts::count(conn, t.def.no, fts_match))?;
    let ids = fts::page(conn, t.def.no, fts_match, plan.limit, plan.offset)?;
    respond(conn, t, plan, usize::try_from(total).unwrap_or(0), &ids)
}
