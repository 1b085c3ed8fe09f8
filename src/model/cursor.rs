//! Paging cursors, typed: HubSpot's opaque cursor for lists, and for searches an offset below
//! the 10,000-result cap plus (past it, in id order) the last id returned. Commands and
//! results carry them as they are — never encoded into one string and read back, so a cursor
//! cannot be misread into a silent restart at page 0.

use super::id::WireId;
use super::search::{Filter, FilterGroup, SearchRequest, SearchResponse};

/// HubSpot's cap on results one search query can page through.
pub const SEARCH_CAP: u64 = 10_000;

/// Where the next page of a table starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// HubSpot's `paging.next.after` for a list of records.
    List(String),
    /// A search's continuation.
    Search(SearchCursor),
}

/// Where a search continues: an offset (`after`) below HubSpot's 10,000 cap, and past it,
/// for searches in id order, the last id returned (the next query adds `hs_object_id GT id`
/// to every group and starts again at offset 0). Pure, so the TUI keeps it in its state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchCursor {
    pub offset: u64,
    pub last_id: Option<String>,
}

/// What follows a page of search results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchNext {
    /// Another page at this cursor.
    Page(SearchCursor),
    /// Another page, past the 10,000 cap (continued by id).
    PastCap(SearchCursor),
    /// Matches are left but the cap stops this (sorted) search.
    Capped,
    /// That was the last page.
    Done,
}

impl SearchCursor {
    /// The request for the page at this cursor.
    #[must_use]
    pub fn request(&self, base: &SearchRequest, limit: u64) -> SearchRequest {
        let mut r = base.clone();
        r.limit = Some(i64::try_from(limit).unwrap_or(100));
        r.after = (self.offset > 0).then(|| WireId(self.offset.to_string()));
        if let Some(last) = &self.last_id {
            let gt = Filter::on_id(crate::model::Operator::Gt, last);
            if r.filter_groups.is_empty() {
                r.filter_groups.push(FilterGroup { filters: vec![gt] });
            } else {
                for g in &mut r.filter_groups {
                    g.filters.push(gt.clone());
                }
            }
        }
        r
    }

    /// The cursor after a page; `by_id` says the search is in id order (so it can go on
    /// past the cap).
    #[must_use]
    pub fn next(&self, resp: &SearchResponse, limit: u64, by_id: bool) -> SearchNext {
        match (&resp.paging, resp.results.last()) {
            (Some(_), Some(last)) => {
                let next = self.offset + limit;
                if next + limit <= SEARCH_CAP {
                    SearchNext::Page(Self { offset: next, last_id: self.last_id.clone() })
                } else if by_id {
                    SearchNext::PastCap(Self { offset: 0, last_id: Some(last.id.clone()) })
                } else {
                    SearchNext::Capped
                }
            }
            _ => SearchNext::Done,
        }
    }
}
