//! Naming associated records: their display properties, read in batches of 100 per type
//! when the Associations tab opens, so it lists names rather than bare ids.

use crate::api::types::{BatchId, BatchReadInput};
use crate::app::msg::{Msg, RecordMsg};
use crate::app::state::ReqId;
use crate::model::RecordRef;
use crate::runtime::error_text::error_text;

/// What to read: the type as the association names it, the properties that name its
/// records, and their ids.
pub type NameRead = (String, Vec<String>, Vec<String>);

/// Reads the records' naming properties; whatever could be read is kept, the first failure
/// is said.
pub async fn names(client: &crate::api::Client, req: ReqId, items: Vec<NameRead>) -> Msg {
    let mut records = Vec::new();
    let mut error = None;
    for (type_key, properties, ids) in items {
        for chunk in ids.chunks(crate::api::batch::CHUNK) {
            let input = BatchReadInput {
                properties: properties.clone(),
                properties_with_history: Vec::new(),
                id_property: None,
                inputs: chunk.iter().map(|id| BatchId { id: id.clone().into() }).collect(),
            };
            match client.batch_read(&type_key, &input, false).await {
                Ok(batch) => records.extend(batch.results.into_iter().map(|r| (RecordRef::new(&type_key, &r.id), r))),
                Err(e) => {
                    error.get_or_insert_with(|| error_text(&e));
                }
            }
        }
    }
    Msg::Record(RecordMsg::NamesLoaded { req, records, error })
}
