//! The frequency table's calls: the column's lowest and highest value (two sorted `limit: 1`
//! searches), then one `limit: 1` search per bucket, its `total` the count (the client paces
//! them to the search limit), each sent as it comes.

use tokio::sync::mpsc;

use crate::api::Client;
use crate::app::msg::{FreqMsg, Msg};
use crate::app::state::ReqId;
use crate::model::SearchRequest;
use crate::runtime::error_text::error_text;
use crate::runtime::event::Event;

/// The value of `property` on the first record each search finds.
pub async fn range(client: &Client, req: ReqId, type_id: &str, property: &str, requests: &[SearchRequest; 2]) -> Msg {
    let mut ends = [None, None];
    for (end, request) in ends.iter_mut().zip(requests) {
        match client.search(type_id, request).await {
            Ok(page) => *end = page.results.first().and_then(|r| r.properties.get(property).cloned().flatten()),
            Err(e) => return Msg::Freq(FreqMsg::Range { req, low: None, high: None, error: Some(error_text(&e)) }),
        }
    }
    let [low, high] = ends;
    Msg::Freq(FreqMsg::Range { req, low, high, error: None })
}

/// Each search's total, sent on `tx` as it comes; the first failure ends the count.
pub async fn count_each(
    client: &Client,
    tx: &mpsc::Sender<Event>,
    req: ReqId,
    type_id: &str,
    requests: Vec<SearchRequest>,
) -> Msg {
    let mut counts = Vec::with_capacity(requests.len());
    for (index, request) in requests.iter().enumerate() {
        match client.search(type_id, request).await {
            Ok(page) => {
                let count = usize::try_from(page.total).unwrap_or(usize::MAX);
                counts.push(count);
                let _ = tx.send(Event::Msg(Box::new(Msg::Freq(FreqMsg::Counted { req, index, count })))).await;
            }
            Err(e) => return Msg::Freq(FreqMsg::Done { req, counts, error: Some(error_text(&e)) }),
        }
    }
    Msg::Freq(FreqMsg::Done { req, counts, error: None })
}
