//! Associations between records (v4): finding a target by free text, the labels from one
//! type to another, associating one record to another (or removing every association
//! between them), and associating many records to one.

use crate::api::Client;
use crate::api::types::{AssociationSpec, SearchRequest};
use crate::app::msg::{BulkMsg, Msg, PickMsg, RecordMsg};
use crate::app::state::ReqId;
use crate::model::RecordRef;
use crate::runtime::error_text::error_text;

/// Up to 20 records of a type matching free text, labelled by their display properties.
pub async fn find(client: &Client, req: ReqId, type_id: &str, query: String, properties: Vec<String>) -> Msg {
    let request = SearchRequest {
        query: Some(query).filter(|q| !q.is_empty()),
        properties: properties.clone(),
        limit: Some(20),
        ..SearchRequest::default()
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
            Msg::Pick(PickMsg::RecordsFound { req, matches, error: None })
        }
        Err(e) => Msg::Pick(PickMsg::RecordsFound { req, matches: Vec::new(), error: Some(error_text(&e)) }),
    }
}

/// The labels for picking an association: `(category, typeId, label)` (`Unlabeled` for the
/// default type).
pub async fn labels(client: &Client, req: ReqId, from: &str, to: &str) -> Msg {
    match client.association_labels(from, to).await {
        Ok(labels) => {
            let labels = labels
                .into_iter()
                .map(|l| (l.category, l.type_id, l.label.unwrap_or_else(|| "Unlabeled".to_owned())))
                .collect();
            Msg::Pick(PickMsg::LabelsLoaded { req, labels, error: None })
        }
        Err(e) => Msg::Pick(PickMsg::LabelsLoaded { req, labels: Vec::new(), error: Some(error_text(&e)) }),
    }
}

/// Adds a labelled association from one record to another (`(type, id)`), or (`None`)
/// removes every association between them.
pub async fn associate(
    client: &Client,
    req: ReqId,
    from: &RecordRef,
    to: &RecordRef,
    assoc: Option<(String, i64)>,
) -> Msg {
    let (from, to) = ((from.type_id.as_str(), from.id.as_str()), (to.type_id.as_str(), to.id.as_str()));
    let r = match assoc {
        Some((category, type_id)) => client.associate(from, to, &spec(category, type_id)).await,
        None => client.disassociate(from, to).await,
    };
    Msg::Record(RecordMsg::Associated { req, error: r.err().map(|e| error_text(&e)) })
}

/// Associates many records to one with a label: v4 `batch/create`, 100 per call; stops at
/// the first failure.
pub async fn associate_many(
    client: &Client,
    req: ReqId,
    from_type: &str,
    ids: &[String],
    to: &RecordRef,
    assoc: (String, i64),
) -> Msg {
    let spec = spec(assoc.0, assoc.1);
    for chunk in ids.chunks(crate::api::batch::CHUNK) {
        if let Err(e) = client.associate_batch(from_type, chunk, (&to.type_id, &to.id), &spec).await {
            return Msg::Bulk(BulkMsg::AssociatedMany { req, error: Some(error_text(&e)) });
        }
    }
    Msg::Bulk(BulkMsg::AssociatedMany { req, error: None })
}

fn spec(association_category: String, association_type_id: i64) -> AssociationSpec {
    AssociationSpec { association_category, association_type_id }
}
