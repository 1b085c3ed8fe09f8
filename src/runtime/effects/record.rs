//! Reading one record for the record view: its properties with their history and its
//! associations; a wide property list goes through `batch/read` so the URL stays short.

use crate::api::objects::ReadParams;
use crate::api::types::{BatchId, BatchReadInput, SimplePublicObject};
use crate::api::{Client, Error};
use crate::app::msg::{Msg, RecordMsg};
use crate::app::state::ReqId;
use crate::runtime::error_text::error_text;

/// Past this many properties the record is read with `batch/read` (POST) instead of a GET
/// whose query string would outgrow real portals' URL limit (contacts have hundreds).
pub const WIDE: usize = 40;

/// What a record read asks for besides the record's key.
#[derive(Debug, Clone, Default)]
pub struct Read {
    pub id_property: Option<String>,
    pub properties: Vec<String>,
    pub associations: Vec<String>,
    /// From the recycle bin.
    pub archived: bool,
}

/// Reads the record; a 404 says the record does not exist.
pub async fn record(client: &Client, req: ReqId, type_id: &str, id: &str, read: Read) -> Msg {
    match fetch(client, type_id, id, read).await {
        Ok(record) => Msg::Record(RecordMsg::RecordLoaded { req, record }),
        Err(e) => Msg::Record(RecordMsg::RecordFailed {
            req,
            not_found: matches!(e, Error::NotFound { .. }),
            error: error_text(&e),
        }),
    }
}

/// Reads the record another is to be merged with (to name it in the question, or to say it
/// does not exist before anything is asked).
pub async fn merge_target(client: &Client, req: ReqId, type_id: &str, id: &str, properties: Vec<String>) -> Msg {
    let params = ReadParams { properties, ..ReadParams::default() };
    let (record, error, not_found) = match client.get(type_id, id, &params).await {
        Ok(r) => (Some(r), None, false),
        Err(e) => (None, Some(error_text(&e)), matches!(e, Error::NotFound { .. })),
    };
    Msg::Record(RecordMsg::MergeTarget { req, record, error, not_found })
}

/// One record with these properties (and their history) and its associations.
async fn fetch(client: &Client, type_id: &str, id: &str, read: Read) -> Result<SimplePublicObject, Error> {
    let Read { id_property, properties, associations, archived } = read;
    if properties.len() <= WIDE {
        let params = ReadParams {
            properties: properties.clone(),
            properties_with_history: properties,
            associations,
            id_property,
            archived,
        };
        return client.get(type_id, id, &params).await;
    }
    let params = ReadParams {
        properties: vec!["hs_object_id".into()],
        associations,
        id_property,
        archived,
        ..ReadParams::default()
    };
    let mut rec = client.get(type_id, id, &params).await?;
    let input = BatchReadInput {
        properties: properties.clone(),
        properties_with_history: properties,
        id_property: None,
        inputs: vec![BatchId { id: rec.id.clone().into() }],
    };
    let batch = client.batch_read(type_id, &input, archived).await?;
    if let Some(full) = batch.results.into_iter().next() {
        rec.properties = full.properties;
        rec.properties_with_history = full.properties_with_history;
    }
    Ok(rec)
}
