//! Fill rates: how many records of a type have a value for each property — one `limit: 1`
//! search with a `HAS_PROPERTY` filter per property, its `total` the count (the client
//! paces them to the search limit). Each count is sent as it comes; the last message is the
//! command's result, with every count.

use tokio::sync::mpsc;

use crate::api::Client;
use crate::app::msg::{Msg, PropsMsg};
use crate::app::state::ReqId;
use crate::model::{Filter, FilterGroup, SearchRequest};
use crate::runtime::error_text::error_text;
use crate::runtime::event::Event;

fn one(filters: Vec<Filter>) -> SearchRequest {
    SearchRequest {
        filter_groups: if filters.is_empty() { Vec::new() } else { vec![FilterGroup { filters }] },
        properties: vec!["hs_object_id".into()],
        limit: Some(1),
        ..SearchRequest::default()
    }
}

async fn total(client: &Client, type_id: &str, request: &SearchRequest) -> Result<usize, String> {
    match client.search(type_id, request).await {
        Ok(r) => Ok(usize::try_from(r.total).unwrap_or(usize::MAX)),
        Err(e) => Err(error_text(&e)),
    }
}

/// Counts every property in `names`, sending each count on `tx` as it comes.
pub async fn count_filled(
    client: &Client,
    tx: &mpsc::Sender<Event>,
    req: ReqId,
    type_id: &str,
    names: Vec<String>,
) -> Msg {
    let (all, mut error) = match total(client, type_id, &one(Vec::new())).await {
        Ok(n) => (Some(n), None),
        Err(e) => (None, Some(e)),
    };
    let mut counts = Vec::with_capacity(names.len());
    for name in names {
        let has = Filter {
            property_name: name.clone(),
            operator: "HAS_PROPERTY".into(),
            value: None,
            high_value: None,
            values: None,
        };
        match total(client, type_id, &one(vec![has])).await {
            Ok(count) => {
                let filled = PropsMsg::Filled { req, name: name.clone(), count, total: all };
                let _ = tx.send(Event::Msg(Box::new(Msg::Props(filled)))).await;
                counts.push((name, count));
            }
            // A property the search refuses (not searchable) is left uncounted.
            Err(e) => {
                error.get_or_insert(format!("{name}: {e}"));
            }
        }
    }
    Msg::Props(PropsMsg::Counted { req, counts, total: all, at: crate::timefmt::now_ms(), error })
}
