//! Creating records: one (idempotently: a retry never makes two) or several (100 per
//! `batch/create`), each optionally associated with an existing record.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::api::Client;
use crate::api::batch::Progress;
use crate::api::types::{AssociationInput, AssociationSpec, AssociationTarget, BatchCreateItem};
use crate::app::create::NewAssociation;
use crate::app::msg::{CreateMsg, Msg};
use crate::app::state::ReqId;
use crate::runtime::error_text::error_text;

/// Creates a record (with its association), idempotently.
pub async fn create(
    client: &Client,
    req: ReqId,
    type_id: &str,
    properties: BTreeMap<String, String>,
    association: Option<NewAssociation>,
) -> Msg {
    let props = properties.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
    let assocs = association_input(association);
    match client.create(type_id, props, assocs).await {
        Ok(record) => Msg::Create(CreateMsg::Created { req, record: Box::new(record) }),
        Err(e) => {
            let fields = match &e {
                crate::api::Error::Validation { fields, .. } => {
                    fields.iter().filter(|f| !f.name.is_empty()).map(|f| (f.name.clone(), f.message.clone())).collect()
                }
                _ => Vec::new(),
            };
            Msg::Create(CreateMsg::CreateFailed { req, error: error_text(&e), fields })
        }
    }
}

/// Creates several records (100 per call); each row's failure is reported by its index.
pub async fn create_many(
    client: &Client,
    req: ReqId,
    type_id: &str,
    rows: Vec<BTreeMap<String, String>>,
    association: Option<NewAssociation>,
    progress: Progress,
) -> Msg {
    let assocs = association_input(association);
    let inputs = rows
        .into_iter()
        .map(|r| BatchCreateItem {
            properties: r.into_iter().map(|(k, v)| (k, Value::String(v))).collect(),
            associations: assocs.clone(),
            object_write_trace_id: None,
        })
        .collect();
    let report = client.batch_create(type_id, inputs, Some(progress)).await;
    let created = report.succeeded.into_iter().map(|(_, r)| r.id).collect();
    Msg::Create(CreateMsg::CreatedMany { req, created, failed: report.failed })
}

/// The create's association, on the wire (none or one).
fn association_input(a: Option<NewAssociation>) -> Vec<AssociationInput> {
    a.map(|a| AssociationInput {
        to: AssociationTarget { id: a.to_id.into() },
        types: vec![AssociationSpec { association_category: a.category, association_type_id: a.type_id }],
    })
    .into_iter()
    .collect()
}
