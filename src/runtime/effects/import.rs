//! Saving staged changes: read the records' current `hs_lastmodifieddate` (and the touched
//! values) in batches of 100, hold back the ones someone else changed since the user read
//! them (unless the user chose to keep theirs), then `batch/update` the rest in chunks of 100
//! with the client's retries. Every record ends saved, failed with a reason, or in conflict.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::api::batch::Op;
use crate::api::types::{BatchId, BatchReadInput, BatchUpdateItem};
use crate::api::{Client, Error};
use crate::app::command::SaveItem;
use crate::app::msg::ApiMsg;
use crate::app::state::ReqId;

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
        let batch = client.batch_read(type_id, &input, false).await?;
        for r in batch.results {
            let Some(item) = chunk.iter().find(|i| i.id == r.id) else { continue };
            let now = r.properties.get("hs_lastmodifieddate").cloned().flatten().or(Some(r.updated_at.clone()));
            let theirs: BTreeMap<String, String> = item
                .properties
                .keys()
                .map(|p| (p.clone(), r.properties.get(p).cloned().flatten().unwrap_or_default()))
                .collect();
            if crate::app::edit::conflict::is_conflict(
                item.seen_modified.as_deref(),
                now.as_deref(),
                &item.old,
                &theirs,
            ) {
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
    progress: crate::api::batch::Progress,
) -> ApiMsg {
    let held = match conflicts(client, &type_id, &items).await {
        Ok(c) => c,
        Err(e) => return ApiMsg::ChangesFailed { req, type_id, error: super::error_text(&e) },
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
        crate::api::batch::Report::default()
    } else {
        client.batch_write(&type_id, Op::Update, inputs, 2, Some(progress)).await
    };
    let saved = report.succeeded.into_iter().map(|(_, r)| r).collect();
    let failed = report.failed.into_iter().filter_map(|(i, why)| Some((write.get(i)?.id.clone(), why))).collect();
    ApiMsg::ChangesSaved { req, type_id, saved, failed, conflicts: held }
}

/// Journals the staged changes (0600: they may hold customer data), atomically.
pub async fn save_drafts(data_dir: &std::path::Path, staged: &crate::app::edit::Staged) -> std::io::Result<()> {
    let path = data_dir.join("drafts.json");
    if staged.count() == 0 {
        return match tokio::fs::remove_file(&path).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let text = serde_json::to_vec_pretty(staged).map_err(std::io::Error::other)?;
    tokio::fs::create_dir_all(data_dir).await?;
    let tmp = data_dir.join("drafts.json.tmp");
    tokio::fs::write(&tmp, text).await?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tokio::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600)).await?;
    }
    tokio::fs::rename(&tmp, &path).await
}

/// The journalled changes of an earlier session (none when there are none).
#[must_use]
pub fn load_drafts(data_dir: &std::path::Path) -> crate::app::edit::Staged {
    std::fs::read(data_dir.join("drafts.json")).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// Archives records in chunks of 100; stops at the first failure and says how far it got.
pub async fn archive(client: &Client, req: ReqId, type_id: String, ids: Vec<String>) -> ApiMsg {
    let mut count = 0;
    for chunk in ids.chunks(crate::api::batch::CHUNK) {
        if let Err(e) = client.batch_archive_raw(&type_id, chunk).await {
            return ApiMsg::Archived { req, type_id, count, error: Some(super::error_text(&e)) };
        }
        count += chunk.len();
    }
    ApiMsg::Archived { req, type_id, count, error: None }
}

/// Every id matching a search, in id order past the 10,000 cap.
pub async fn all_ids(
    client: &Client,
    req: ReqId,
    type_id: &str,
    mut search: crate::api::types::SearchRequest,
) -> ApiMsg {
    search.properties = vec!["hs_object_id".into()];
    search.limit = Some(200);
    let mut pager = crate::api::paging::SearchPager::exhaustive(client.clone(), type_id, search);
    let mut ids = Vec::new();
    while let Some(page) = pager.next_page().await {
        match page {
            Ok(rs) => ids.extend(rs.into_iter().map(|r| r.id)),
            Err(e) => return ApiMsg::AllIds { req, ids: Vec::new(), error: Some(super::error_text(&e)) },
        }
    }
    ApiMsg::AllIds { req, ids, error: None }
}

/// Creates a record (with its association), idempotently.
pub async fn create(
    client: &Client,
    req: ReqId,
    type_id: &str,
    properties: BTreeMap<String, String>,
    association: Option<crate::app::create::NewAssociation>,
) -> ApiMsg {
    let props = properties.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
    let assocs = association_input(association);
    match client.create(type_id, props, assocs).await {
        Ok(record) => ApiMsg::Created { req, record },
        Err(e) => ApiMsg::CreateFailed { req, error: super::error_text(&e) },
    }
}

/// Up to 20 records of a type matching free text, labelled by their display properties.
pub async fn find(client: &Client, req: ReqId, type_id: &str, query: String, properties: Vec<String>) -> ApiMsg {
    let request = crate::api::types::SearchRequest {
        query: Some(query).filter(|q| !q.is_empty()),
        properties: properties.clone(),
        limit: Some(20),
        ..crate::api::types::SearchRequest::default()
    };
    match client.search(type_id, &request).await {
        Ok(resp) => {
            let matches = resp
                .results
                .into_iter()
                .map(|r| {
                    let label: Vec<String> = properties
                        .iter()
                        .filter_map(|p| r.properties.get(p).cloned().flatten())
                        .filter(|v| !v.is_empty())
                        .collect();
                    (r.id.clone(), format!("{}  {}", r.id, label.join(" · ")))
                })
                .collect();
            ApiMsg::RecordsFound { req, matches, error: None }
        }
        Err(e) => ApiMsg::RecordsFound { req, matches: Vec::new(), error: Some(super::error_text(&e)) },
    }
}

/// The v4 labels from one type to another: `(category, typeId, label)` (`Unlabeled` for the
/// default type).
async fn fetch_labels(client: &Client, from: &str, to: &str) -> Result<Vec<(String, i64, String)>, Error> {
    let path = format!("/crm/v4/associations/{from}/{to}/labels");
    let v: Value = client.send(reqwest::Method::GET, &path, &[], None::<&()>, crate::api::Safety::Repeatable).await?;
    Ok(v["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| {
            let category = l["category"].as_str()?.to_owned();
            let id = l["typeId"].as_i64()?;
            let label = l["label"].as_str().map_or_else(|| "Unlabeled".to_owned(), str::to_owned);
            Some((category, id, label))
        })
        .collect())
}

/// The labels for picking an association.
pub async fn labels(client: &Client, req: ReqId, from: &str, to: &str) -> ApiMsg {
    match fetch_labels(client, from, to).await {
        Ok(labels) => ApiMsg::LabelsLoaded { req, labels, error: None },
        Err(e) => ApiMsg::LabelsLoaded { req, labels: Vec::new(), error: Some(super::error_text(&e)) },
    }
}

/// Adds a labelled v4 association from one record to another, or (`None`) removes every
/// association between them.
pub async fn associate(
    client: &Client,
    req: ReqId,
    from: (String, String),
    to: (String, String),
    assoc: Option<(String, i64)>,
) -> ApiMsg {
    use crate::api::objects::seg;
    let path = format!("/crm/v4/objects/{}/{}/associations/{}/{}", seg(&from.0), seg(&from.1), seg(&to.0), seg(&to.1));
    let r: Result<Option<Value>, Error> = match assoc {
        Some((category, type_id)) => {
            let body = serde_json::json!([{ "associationCategory": category, "associationTypeId": type_id }]);
            client.send(reqwest::Method::PUT, &path, &[], Some(&body), crate::api::Safety::Repeatable).await
        }
        None => client.send(reqwest::Method::DELETE, &path, &[], None::<&()>, crate::api::Safety::Repeatable).await,
    };
    ApiMsg::Associated { req, error: r.err().map(|e| super::error_text(&e)) }
}

/// Reads an import file off the UI thread.
pub async fn read_import(req: ReqId, path: String) -> ApiMsg {
    let p = std::path::PathBuf::from(shellexpand_home(&path));
    let read = tokio::task::spawn_blocking(move || crate::rows::read_rows(&p)).await;
    match read {
        Ok(Ok(rows)) => {
            let rows = rows
                .into_iter()
                .map(|r| {
                    r.into_iter().map(|(k, v)| (k, v.as_str().map_or_else(|| v.to_string(), str::to_owned))).collect()
                })
                .collect();
            ApiMsg::ImportRead { req, path, rows, error: None }
        }
        Ok(Err(e)) => ApiMsg::ImportRead { req, path, rows: Vec::new(), error: Some(e.to_string()) },
        Err(e) => ApiMsg::ImportRead { req, path, rows: Vec::new(), error: Some(e.to_string()) },
    }
}

/// `~/x` → the home directory's `x`.
fn shellexpand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest).display().to_string(),
        _ => path.to_owned(),
    }
}

/// Upserts rows by a unique property in batches of 100.
pub async fn upsert(
    client: &Client,
    req: ReqId,
    type_id: &str,
    id_property: &str,
    items: Vec<(usize, String, BTreeMap<String, String>)>,
    progress: crate::api::batch::Progress,
) -> ApiMsg {
    let rows: Vec<usize> = items.iter().map(|(n, _, _)| *n).collect();
    let inputs = items
        .into_iter()
        .map(|(_, id, props)| BatchUpdateItem {
            id: id.into(),
            id_property: Some(id_property.to_owned()),
            properties: props.into_iter().map(|(k, v)| (k, Value::String(v))).collect(),
            object_write_trace_id: None,
        })
        .collect();
    let r = client.batch_write(type_id, Op::Upsert, inputs, 2, Some(progress)).await;
    let created = r.created();
    let report = crate::app::import::ImportReport {
        created,
        updated: r.succeeded.len() - created,
        failed: r.failed.into_iter().map(|(i, why)| (rows.get(i).map_or(i, |n| n + 1), why)).collect(),
    };
    ApiMsg::Imported { req, report }
}

fn association_input(a: Option<crate::app::create::NewAssociation>) -> Vec<crate::api::types::AssociationInput> {
    use crate::api::types::{AssociationInput, AssociationSpec, AssociationTarget};
    a.map(|a| AssociationInput {
        to: AssociationTarget { id: a.to_id.into() },
        types: vec![AssociationSpec { association_category: a.category, association_type_id: a.type_id }],
    })
    .into_iter()
    .collect()
}

/// Creates several records (100 per call); each row's failure is reported by its index.
pub async fn create_many(
    client: &Client,
    req: ReqId,
    type_id: &str,
    rows: Vec<BTreeMap<String, String>>,
    association: Option<crate::app::create::NewAssociation>,
    progress: crate::api::batch::Progress,
) -> ApiMsg {
    let assocs = association_input(association);
    let inputs = rows
        .into_iter()
        .map(|r| crate::api::types::BatchCreateItem {
            properties: r.into_iter().map(|(k, v)| (k, Value::String(v))).collect(),
            associations: assocs.clone(),
            object_write_trace_id: None,
        })
        .collect();
    let report = client.batch_create(type_id, inputs, Some(progress)).await;
    let created = report.succeeded.into_iter().map(|(_, r)| r.id).collect();
    ApiMsg::CreatedMany { req, created, failed: report.failed }
}

/// Creates a note associated with a record (the default note → type association), then pins it.
pub async fn note_and_pin(client: &Client, req: ReqId, on: (String, String), body: String) -> ApiMsg {
    let Ok(labels) = fetch_labels(client, "notes", &on.0).await else {
        return ApiMsg::Pinned { req, error: Some(format!("notes cannot be associated with {}", on.0)) };
    };
    let Some((category, type_id, _)) =
        labels.iter().find(|(c, _, _)| c == "HUBSPOT_DEFINED").or(labels.first()).cloned()
    else {
        return ApiMsg::Pinned { req, error: Some(format!("no association type from notes to {}", on.0)) };
    };
    let mut props = serde_json::Map::new();
    props.insert("hs_note_body".into(), Value::String(body));
    props.insert("hs_timestamp".into(), Value::String(crate::timefmt::iso_from_ms(crate::timefmt::now_ms())));
    let assoc = crate::api::types::AssociationInput {
        to: crate::api::types::AssociationTarget { id: on.1.clone().into() },
        types: vec![crate::api::types::AssociationSpec {
            association_category: category,
            association_type_id: type_id,
        }],
    };
    let note = match client.create("notes", props, vec![assoc]).await {
        Ok(n) => n,
        Err(e) => return ApiMsg::Pinned { req, error: Some(super::error_text(&e)) },
    };
    let mut pin = serde_json::Map::new();
    pin.insert("hs_pinned_engagement_id".into(), Value::String(note.id.clone()));
    let r = client.update(&on.0, &on.1, pin, None).await;
    let error = r.err().map(|e| format!("the note {} was created but not pinned: {}", note.id, super::error_text(&e)));
    ApiMsg::Pinned { req, error }
}

/// Associates many records to one with a label: v4 `batch/create`, 100 per call.
pub async fn associate_many(
    client: &Client,
    req: ReqId,
    from_type: &str,
    ids: Vec<String>,
    to: (String, String),
    assoc: (String, i64),
) -> ApiMsg {
    use crate::api::objects::seg;
    let path = format!("/crm/v4/associations/{}/{}/batch/create", seg(from_type), seg(&to.0));
    for chunk in ids.chunks(crate::api::batch::CHUNK) {
        let inputs: Vec<Value> = chunk
            .iter()
            .map(|id| {
                serde_json::json!({
                    "from": {"id": id},
                    "to": {"id": to.1},
                    "types": [{"associationCategory": assoc.0, "associationTypeId": assoc.1}]
                })
            })
            .collect();
        let body = serde_json::json!({ "inputs": inputs });
        let r: Result<Option<Value>, Error> =
            client.send(reqwest::Method::POST, &path, &[], Some(&body), crate::api::Safety::Repeatable).await;
        if let Err(e) = r {
            return ApiMsg::AssociatedMany { req, error: Some(super::error_text(&e)) };
        }
    }
    ApiMsg::AssociatedMany { req, error: None }
}
