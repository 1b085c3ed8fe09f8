//! Reading the values a bulk edit replaces: one property and `hs_lastmodifieddate` of many
//! records, 100 per `batch/read`, so the changeset shows real old values and the save's
//! conflict guard covers bulk edits too.

use crate::api::Client;
use crate::api::types::{BatchId, BatchReadInput};
use crate::app::msg::ApiMsg;

/// Reads `property` of `ids`; always answers with one message (what it could read, and why
/// the rest could not be).
pub async fn old_values(client: &Client, type_id: String, property: String, ids: Vec<String>) -> ApiMsg {
    let mut values = Vec::new();
    let mut error = None;
    for chunk in ids.chunks(100) {
        let input = BatchReadInput {
            properties: vec![property.clone(), "hs_lastmodifieddate".into()],
            properties_with_history: Vec::new(),
            id_property: None,
            inputs: chunk.iter().map(|id| BatchId { id: id.clone().into() }).collect(),
        };
        match client.batch_read(&type_id, &input, false).await {
            Ok(batch) => values.extend(batch.results.into_iter().map(|r| {
                let old = r.properties.get(&property).cloned().flatten().unwrap_or_default();
                let modified = r.properties.get("hs_lastmodifieddate").cloned().flatten().or(Some(r.updated_at));
                (r.id, old, modified)
            })),
            Err(e) => error = Some(super::error_text(&e)),
        }
    }
    ApiMsg::OldValues { type_id, property, values, error }
}
