//! The records a table shows: a page of a type (or its recycle bin), a page of a search
//! (paged past the 10,000 cap for id-ordered searches), a slice by id order (for jumping to
//! the end), and every id matching a search ("select all matching").

use crate::api::objects::ReadParams;
use crate::api::paging::{SearchCursor, SearchNext, SearchPager};
use crate::api::types::{Filter, FilterGroup, SearchRequest, SimplePublicObject};
use crate::api::{Client, Error};
use crate::app::command::Edge;
use crate::app::msg::{BulkMsg, EverywhereMsg, Msg, SearchPage, TableMsg};
use crate::app::state::ReqId;
use crate::model::{Cursor, Direction, Operator};
use crate::runtime::error_text::error_text;

/// One page (100) of a type's records with these properties; `archived` reads the recycle bin.
pub async fn list_page(
    client: &Client,
    req: ReqId,
    type_id: &str,
    properties: Vec<String>,
    archived: bool,
    after: Option<Cursor>,
) -> Msg {
    let after = match after {
        None => None,
        Some(Cursor::List(a)) => Some(a),
        Some(Cursor::Search(_)) => return wrong_cursor(req, "a search's cursor for a list page"),
    };
    let params = ReadParams { properties, archived, ..ReadParams::default() };
    match client.list_page(type_id, &params, 100, after.as_deref()).await {
        Ok(page) => Msg::Table(TableMsg::PageLoaded {
            req,
            records: page.results,
            next_after: page.paging.map(|p| Cursor::List(p.next.after)),
            search: None,
        }),
        Err(e) => Msg::Table(TableMsg::PageFailed { req, error: error_text(&e) }),
    }
}

/// One page of a search shown in the table.
pub async fn search_page(
    client: &Client,
    req: ReqId,
    type_id: &str,
    request: &SearchRequest,
    after: Option<Cursor>,
) -> Msg {
    let cursor = match after {
        None => SearchCursor::default(),
        Some(Cursor::Search(c)) => c,
        Some(Cursor::List(_)) => return wrong_cursor(req, "a list's cursor for a search page"),
    };
    match fetch_search_page(client, type_id, request, cursor).await {
        Ok((records, next_after, search)) => {
            Msg::Table(TableMsg::PageLoaded { req, records, next_after, search: Some(search) })
        }
        Err(e) => Msg::Table(TableMsg::PageFailed { req, error: error_text(&e) }),
    }
}

/// A cursor of the wrong kind: said in the pane (never a silent restart at the first page).
fn wrong_cursor(req: ReqId, what: &str) -> Msg {
    Msg::Table(TableMsg::PageFailed { req, error: format!("internal error: {what}") })
}

/// From `cursor`; the answer carries the next one (past the 10,000
/// cap for id-ordered searches).
pub async fn fetch_search_page(
    client: &Client,
    type_id: &str,
    request: &SearchRequest,
    cursor: SearchCursor,
) -> Result<(Vec<SimplePublicObject>, Option<Cursor>, SearchPage), Error> {
    let limit = 100;
    let resp = client.search(type_id, &cursor.request(request, limit)).await?;
    let by_id = matches!(request.sorts.as_slice(), [s] if s.is_by_id_ascending());
    let (next, past_cap, capped) = match cursor.next(&resp, limit, by_id) {
        SearchNext::Page(c) => (Some(Cursor::Search(c)), cursor.last_id.is_some(), false),
        SearchNext::PastCap(c) => (Some(Cursor::Search(c)), true, false),
        SearchNext::Capped => (None, false, true),
        SearchNext::Done => (None, cursor.last_id.is_some(), false),
    };
    // Past the cap HubSpot counts only the continuation's matches: keep the first total.
    let total = usize::try_from(resp.total).unwrap_or(usize::MAX);
    Ok((resp.results, next, SearchPage { total, past_cap, capped }))
}

/// Up to 100 records by id order (a failure reads as a failed page).
pub async fn slice(client: &Client, req: ReqId, type_id: &str, properties: Vec<String>, edge: &Edge) -> Msg {
    match fetch_slice(client, type_id, properties, edge).await {
        Ok((records, total)) => Msg::Table(TableMsg::SliceLoaded { req, records, total }),
        Err(e) => Msg::Table(TableMsg::PageFailed { req, error: error_text(&e) }),
    }
}

/// Up to 100 records by id order through search: the last ones, or those before / after an
/// id; returned ascending, with the type's record count.
async fn fetch_slice(
    client: &Client,
    type_id: &str,
    properties: Vec<String>,
    edge: &Edge,
) -> Result<(Vec<SimplePublicObject>, usize), Error> {
    let (filter, direction) = match edge {
        Edge::Last => (None, Direction::Descending),
        Edge::Before(id) => (Some(Filter::on_id(Operator::Lt, id)), Direction::Descending),
        Edge::After(id) => (Some(Filter::on_id(Operator::Gt, id)), Direction::Ascending),
    };
    let filter_groups = filter.map(|f| vec![FilterGroup { filters: vec![f] }]).unwrap_or_default();
    let request = SearchRequest { filter_groups, properties, limit: Some(100), ..SearchRequest::default() }
        .sorted_by_id(direction);
    let mut resp = client.search(type_id, &request).await?;
    if direction == Direction::Descending {
        resp.results.reverse();
    }
    // The count of the whole type: a filtered search counts only its side.
    let total = match edge {
        Edge::Last => usize::try_from(resp.total).unwrap_or(usize::MAX),
        _ => 0,
    };
    Ok((resp.results, total))
}

/// Every id matching a search, in id order past the 10,000 cap.
pub async fn all_ids(client: &Client, req: ReqId, type_id: &str, mut search: SearchRequest) -> Msg {
    search.properties = vec!["hs_object_id".into()];
    search.limit = Some(200);
    let mut pager = SearchPager::exhaustive(client.clone(), type_id, search);
    let mut ids = Vec::new();
    while let Some(page) = pager.next_page().await {
        match page {
            Ok(rs) => ids.extend(rs.into_iter().map(|r| r.id)),
            Err(e) => return Msg::Bulk(BulkMsg::AllIds { req, ids: Vec::new(), error: Some(error_text(&e)) }),
        }
    }
    Msg::Bulk(BulkMsg::AllIds { req, ids, error: None })
}

/// The first matches of a text in one type (for the search over every type).
pub async fn search_type(client: &Client, req: ReqId, type_id: &str, query: String, properties: Vec<String>) -> Msg {
    let request = SearchRequest {
        query: Some(query),
        properties,
        limit: Some(i64::try_from(crate::app::update::EVERYWHERE_PER_TYPE).unwrap_or(10)),
        ..SearchRequest::default()
    };
    let msg = match client.search(type_id, &request).await {
        Ok(r) => {
            EverywhereMsg::Found { req, total: usize::try_from(r.total).unwrap_or(0), records: r.results, error: None }
        }
        Err(e) => EverywhereMsg::Found { req, total: 0, records: Vec::new(), error: Some(error_text(&e)) },
    };
    Msg::Everywhere(msg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::ClientConfig;

    /// Issue 13: a cursor that does not fit the page is an error in the pane, never a silent
    /// restart at page 0 (no request is sent for it).
    #[tokio::test]
    async fn a_cursor_of_the_wrong_kind_is_an_error_not_a_restart() {
        let client = Client::new(ClientConfig::new("http://127.0.0.1:9", None)).unwrap();
        let req = ReqId(7);
        let m = list_page(&client, req, "cars", Vec::new(), false, Some(Cursor::Search(SearchCursor::default()))).await;
        assert!(matches!(m, Msg::Table(TableMsg::PageFailed { error, .. }) if error.contains("search's cursor")));
        let m = search_page(&client, req, "cars", &SearchRequest::default(), Some(Cursor::List("x".into()))).await;
        assert!(matches!(m, Msg::Table(TableMsg::PageFailed { error, .. }) if error.contains("list's cursor")));
    }
}
