//! Saving staged changes, and reading the values a bulk edit replaces.
//!
//! A save reads the records' current `hs_lastmodifieddate` (and the touched values) in
//! batches of 100, holds back the ones someone else changed since the user read them (the
//! rule is `app::edit::conflict::is_conflict`; unless the user chose to keep theirs), then
//! `batch/update`s the rest in chunks of 100 with the client's retries. Every record ends
//! saved, failed with a reason, or in conflict.
//!
//! A bulk edit's old values are one property and `hs_lastmodifieddate` of many records, 100
//! per `batch/read`, so the changeset shows real old values and the save's conflict guard
//! covers bulk edits too.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::api::batch::{Op, Progress, Report};
use crate::api::types::{BatchId, BatchReadInput, BatchUpdateItem};
use crate::api::{Client, Error};
use crate::app::command::SaveItem;
use crate::app::edit::conflict::is_conflict;
use crate::app::msg::{EditMsg, Msg};
use crate::app::state::ReqId;
use crate::runtime::error_text::error_text;

/// `(id, their hs_lastmodifieddate, their values of the touched properties)`.
type Conflict = (String, Option<String>, BTreeMap<String, String>);

/// The records (among `items` not forced) changed since they were read, with their values now.
async fn conflicts(client: &Client, type_id: &str, items: &[SaveItem]) -> Result<Vec<Conflict>, Error> {
    let check: Vec<&SaveItem> = items.iter().filter(|i| !i.force && i.seen_modified.is_some()).collect();
    let mut out = Vec::new();
    for chunk in check.chunks(100) {
        let mut props: Vec<String> = chunk.iter().flat_map(|i| i.properties.keys().cloned()).collect();
        props.sort();
        props.dedup();
        props.push("hs_lastmodifieddate".into());
        let input = BatchReadInput {
            properties: props,
            properties_with_history: Vec::new(),
            id_property: None,
            inputs: chunk.iter().map(|i| BatchId { id: i.id.clone().into() }).collect(),
        };
        let batch = client.batch_read_current(type_id, &input).await?;
        for r in batch.results {
            let Some(item) = chunk.iter().find(|i| i.id == r.id) else { continue };
            let now = r.properties.get("hs_lastmodifieddate").cloned().flatten().or(Some(r.updated_at.clone()));
            let theirs: BTreeMap<String, String> = item
                .properties
                .keys()
                .map(|p| (p.clone(), r.properties.get(p).cloned().flatten().unwrap_or_default()))
                .collect();
            if is_conflict(item.seen_modified.as_deref(), now.as_deref(), &item.old, &theirs) {
                out.push((r.id.clone(), now, theirs));
            }
        }
    }
    Ok(out)
}

/// Saves one type's changes; always answers with one message.
pub async fn save_changes(
    client: &Client,
    req: ReqId,
    type_id: String,
    items: Vec<SaveItem>,
    progress: Progress,
) -> Msg {
    let held = match conflicts(client, &type_id, &items).await {
        Ok(c) => c,
        Err(e) => return Msg::Edit(EditMsg::ChangesFailed { req, type_id, error: error_text(&e) }),
    };
    let write: Vec<&SaveItem> = items.iter().filter(|i| !held.iter().any(|(id, _, _)| *id == i.id)).collect();
    let inputs: Vec<BatchUpdateItem> = write
        .iter()
        .map(|i| BatchUpdateItem {
            id: i.id.clone().into(),
            id_property: None,
            properties: i.properties.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect(),
            object_write_trace_id: None,
        })
        .collect();
    let report = if inputs.is_empty() {
        Report::default()
    } else {
        client.batch_write(&type_id, Op::Update, inputs, 2, Some(progress)).await
    };
    let saved = report.succeeded.into_iter().map(|(_, r)| r).collect();
    let failed = report.failed.into_iter().filter_map(|(i, why)| Some((write.get(i)?.id.clone(), why))).collect();
    Msg::Edit(EditMsg::ChangesSaved { req, type_id, saved, failed, conflicts: held })
}

/// Reads `property` of `ids`; always answers with one message (what it could read, and why
/// the rest could not be).
pub async fn old_values(client: &Client, type_id: String, property: String, ids: Vec<String>) -> Msg {
    let mut values = Vec::new();
    let mut error = None;
    for chunk in ids.chunks(100) {
        let input = BatchReadInput {
            properties: vec![property.clone(), "hs_lastmodifieddate".into()],
            properties_with_history: Vec::new(),
            id_property: None,
            inputs: chunk.iter().map(|id| BatchId { id: id.clone().into() }).collect(),
        };
        match client.batch_read_current(&type_id, &input).await {
            Ok(batch) => values.extend(batch.results.into_iter().map(|r| {
                let old = r.properties.get(&property).cloned().flatten().unwrap_or_default();
                let modified = r.properties.get("hs_lastmodifieddate").cloned().flatten().or(Some(r.updated_at));
                (r.id, old, modified)
            })),
            Err(e) => error = Some(error_text(&e)),
        }
    }
    Msg::Edit(EditMsg::OldValues { type_id, property, values, error })
}
