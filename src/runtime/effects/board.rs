//! The board's calls: the type's pipelines, a page of one stage's cards (a search), and the sum
//! of the amount over a stage (every matching record, 100 per search, up to the search cap).

use crate::api::Client;
use crate::app::msg::{BoardMsg, Msg, StagePage};
use crate::app::state::ReqId;
use crate::model::SearchRequest;
use crate::model::id::WireId;
use crate::runtime::error_text::error_text;

/// HubSpot's search stops at 10,000 results.
const SEARCH_CAP: usize = 10_000;

/// The type's pipelines (none: a type without pipelines answers 404 or nothing).
pub async fn pipelines(client: &Client, req: ReqId, type_id: &str) -> Msg {
    let result = match client.pipelines(type_id).await {
        Ok(raw) => Ok(crate::app::board::parse_pipelines(&raw)),
        Err(crate::api::Error::NotFound { .. }) => Ok(Vec::new()),
        Err(e) => Err(error_text(&e)),
    };
    Msg::Board(BoardMsg::Pipelines { req, result })
}

/// One page of a stage's cards, from `after`.
pub async fn stage(client: &Client, req: ReqId, type_id: &str, col: usize, request: SearchRequest) -> Msg {
    let result = match client.search(type_id, &request).await {
        Ok(page) => Ok(StagePage {
            total: usize::try_from(page.total).unwrap_or(usize::MAX),
            after: page.paging.map(|p| p.next.after),
            cards: page.results,
        }),
        Err(e) => Err(error_text(&e)),
    };
    Msg::Board(BoardMsg::Stage { req, col, result })
}

/// The sum of `property` over every record the search finds (up to the cap), and how many
/// were summed.
pub async fn sum(
    client: &Client,
    req: ReqId,
    type_id: &str,
    col: usize,
    mut request: SearchRequest,
    property: &str,
) -> Msg {
    request.limit = Some(100);
    request.properties = vec![property.to_owned()];
    let (mut sum, mut summed) = (0.0, 0);
    let result = loop {
        match client.search(type_id, &request).await {
            Ok(page) => {
                summed += page.results.len();
                sum += page
                    .results
                    .iter()
                    .filter_map(|r| r.properties.get(property).cloned().flatten())
                    .filter_map(|v| v.trim().parse::<f64>().ok())
                    .sum::<f64>();
                match page.paging {
                    Some(p) if summed < SEARCH_CAP => request.after = Some(WireId(p.next.after)),
                    _ => break Ok((sum, summed)),
                }
            }
            Err(e) => break Err(error_text(&e)),
        }
    };
    Msg::Board(BoardMsg::Sum { req, col, result })
}
