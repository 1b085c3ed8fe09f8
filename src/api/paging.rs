//! Lazy page streams: lists follow the opaque `after` cursor; searches page by offset and,
//! when asked to be exhaustive, go past HubSpot's 10,000-result cap by re-querying with
//! `hs_object_id GT <last id>` sorted by id (and say so).

use super::client::Client;
use super::error::Error;
use super::id::WireId;
use super::objects::ReadParams;
use super::types::{Filter, FilterGroup, SearchRequest, SearchResponse, SimplePublicObject};

/// HubSpot's cap on results one search query can page through.
pub const SEARCH_CAP: u64 = 10_000;

/// Pages of a list, fetched one at a time.
#[derive(Debug)]
pub struct ListPager {
    client: Client,
    object_type: String,
    params: ReadParams,
    limit: usize,
    next: Option<String>,
    done: bool,
}

impl ListPager {
    /// A pager over every record of a type.
    #[must_use]
    pub fn new(client: Client, object_type: &str, params: ReadParams, limit: usize) -> Self {
        Self {
            client,
            object_type: object_type.to_owned(),
            params,
            limit: limit.clamp(1, 100),
            next: None,
            done: false,
        }
    }

    /// The next page, or `None` after the last.
    pub async fn next_page(&mut self) -> Option<Result<Vec<SimplePublicObject>, Error>> {
        if self.done {
            return None;
        }
        match self.client.list_page(&self.object_type, &self.params, self.limit, self.next.as_deref()).await {
            Ok(p) => {
                self.next = p.paging.map(|pg| pg.next.after);
                self.done = self.next.is_none();
                Some(Ok(p.results))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
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

    /// A string form (`"200"`, `"0:10004567"`) for places that keep cursors as strings.
    #[must_use]
    pub fn encode(&self) -> String {
        match &self.last_id {
            Some(id) => format!("{}:{id}", self.offset),
            None => self.offset.to_string(),
        }
    }

    /// Reads [`SearchCursor::encode`]'s form.
    #[must_use]
    pub fn decode(s: &str) -> Option<Self> {
        match s.split_once(':') {
            Some((o, id)) => Some(Self { offset: o.parse().ok()?, last_id: Some(id.to_owned()) }),
            None => Some(Self { offset: s.parse().ok()?, last_id: None }),
        }
    }
}

/// Pages of a search.
#[derive(Debug)]
pub struct SearchPager {
    client: Client,
    object_type: String,
    base: SearchRequest,
    exhaustive: bool,
    cursor: SearchCursor,
    /// Total of the first query (HubSpot counts past the cap).
    pub total: Option<u64>,
    /// Set once results came from past the 10,000 cap.
    pub continued_past_cap: bool,
    /// Set when a non-exhaustive pager stopped at the cap with matches left.
    pub capped: bool,
    done: bool,
}

impl SearchPager {
    /// A pager that stops at HubSpot's cap.
    #[must_use]
    pub fn new(client: Client, object_type: &str, request: SearchRequest) -> Self {
        Self {
            client,
            object_type: object_type.to_owned(),
            base: request,
            exhaustive: false,
            cursor: SearchCursor::default(),
            total: None,
            continued_past_cap: false,
            capped: false,
            done: false,
        }
    }

    /// A pager that returns every match exactly once, past the cap: results come sorted by
    /// `hs_object_id` ascending (the only order the continuation can keep).
    #[must_use]
    pub fn exhaustive(client: Client, object_type: &str, request: SearchRequest) -> Self {
        let request = request.sorted_by_id(crate::model::Direction::Ascending);
        let mut p = Self::new(client, object_type, request);
        p.exhaustive = true;
        p
    }

    fn limit(&self) -> u64 {
        u64::try_from(self.base.limit.unwrap_or(100).clamp(1, 200)).unwrap_or(100)
    }

    /// The next page, or `None` after the last.
    pub async fn next_page(&mut self) -> Option<Result<Vec<SimplePublicObject>, Error>> {
        if self.done {
            return None;
        }
        let limit = self.limit();
        let resp = match self.client.search(&self.object_type, &self.cursor.request(&self.base, limit)).await {
            Ok(r) => r,
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        if self.total.is_none() {
            self.total = Some(resp.total);
        }
        match self.cursor.next(&resp, limit, self.exhaustive) {
            SearchNext::Page(c) => self.cursor = c,
            SearchNext::PastCap(c) => {
                self.cursor = c;
                self.continued_past_cap = true;
            }
            SearchNext::Capped => {
                self.capped = true;
                self.done = true;
            }
            SearchNext::Done => self.done = true,
        }
        Some(Ok(resp.results))
    }
}
