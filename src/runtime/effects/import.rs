//! The TUI's import: reading a file's rows off the UI thread (`crate::rows`, the reader the
//! CLI uses too; `~/` is the home directory) and upserting rows by a unique property in
//! batches of 100, reported row by row.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::api::Client;
use crate::api::batch::Progress;
use crate::api::types::BatchUpdateItem;
use crate::app::import::ImportReport;
use crate::app::msg::{ImportMsg, Msg};
use crate::app::state::ReqId;

/// Reads an import file off the UI thread; values become text (JSON numbers as written).
pub async fn read_import(req: ReqId, path: String) -> Msg {
    let p = std::path::PathBuf::from(expand_home(&path));
    let read = tokio::task::spawn_blocking(move || crate::rows::read_rows(&p)).await;
    match read {
        Ok(Ok(rows)) => {
            let rows = rows
                .into_iter()
                .map(|r| {
                    r.into_iter().map(|(k, v)| (k, v.as_str().map_or_else(|| v.to_string(), str::to_owned))).collect()
                })
                .collect();
            Msg::Import(ImportMsg::ImportRead { req, path, rows, error: None })
        }
        Ok(Err(e)) => Msg::Import(ImportMsg::ImportRead { req, path, rows: Vec::new(), error: Some(e.to_string()) }),
        Err(e) => Msg::Import(ImportMsg::ImportRead { req, path, rows: Vec::new(), error: Some(e.to_string()) }),
    }
}

/// `~/x` → the home directory's `x`.
pub fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest).display().to_string(),
        _ => path.to_owned(),
    }
}

/// Upserts rows (`(row index, unique value, properties)`) by a unique property in batches
/// of 100; failures name their 1-based row.
pub async fn upsert(
    client: &Client,
    log: &crate::writelog::WriteLog,
    req: ReqId,
    type_id: &str,
    id_property: &str,
    items: Vec<(usize, String, BTreeMap<String, String>)>,
    progress: Progress,
) -> Msg {
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
    let r = super::logged::upsert(client, log, type_id, inputs, 2, Some(progress)).await;
    let created = r.created();
    let report = ImportReport {
        created,
        updated: r.succeeded.len() - created,
        failed: r.failed.into_iter().map(|(i, why)| (rows.get(i).map_or(i, |n| n + 1), why)).collect(),
    };
    Msg::Import(ImportMsg::Imported { req, report })
}
