//! Ending and reviving records: merging one into another, archiving to the recycle bin (in
//! chunks of 100), and restoring from it (the local CRM's admin API).

use crate::api::Client;
use crate::app::msg::{BulkMsg, Msg, RecordMsg};
use crate::app::state::ReqId;
use crate::runtime::error_text::error_text;

/// Merges `other` into `primary`: the record that stays, or why not.
pub async fn merge(client: &Client, req: ReqId, type_id: &str, primary: &str, other: &str) -> Msg {
    match client.merge(type_id, primary, other).await {
        Ok(record) => Msg::Record(RecordMsg::Merged { req, record: Some(record), error: None }),
        Err(e) => Msg::Record(RecordMsg::Merged { req, record: None, error: Some(error_text(&e)) }),
    }
}

/// Archives records in chunks of 100; stops at the first failure and says how far it got.
pub async fn archive(client: &Client, req: ReqId, type_id: String, ids: Vec<String>) -> Msg {
    let mut count = 0;
    for chunk in ids.chunks(crate::api::batch::CHUNK) {
        if let Err(e) = client.batch_archive_raw(&type_id, chunk).await {
            return Msg::Bulk(BulkMsg::Archived { req, type_id, count, error: Some(error_text(&e)) });
        }
        count += chunk.len();
    }
    Msg::Bulk(BulkMsg::Archived { req, type_id, count, error: None })
}

/// Restores an archived record.
pub async fn restore(client: &Client, req: ReqId, type_id: &str, id: String) -> Msg {
    let r = client.restore(type_id, &id).await;
    Msg::Bulk(BulkMsg::Restored { req, id, error: r.err().map(|e| error_text(&e)) })
}
