//! Lazy page streams: lists follow the opaque `after` cursor; searches page by offset and,
//! when asked to be exhaustive, go past HubSpot's 10,000-result cap by re-querying with
//! `hs_object_id GT <last id>` sorted by id (and say so).

use super::client::Client;
use super::error::Error;
use super::objects::ReadParams;
use super::types::{SearchRequest, SimplePublicObject};
pub use crate::model::cursor::{SEARCH_CAP, SearchCursor, SearchNext};

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
