//! Associations between records (v4): finding a target by free text, the labels from one
//! type to another, associating one record to another (or removing every association
//! between them), and associating many records to one.

use crate::api::Client;
use crate::api::types::{AssociationSpec, SearchRequest};
use crate::app::msg::ApiMsg;
use crate::app::state::ReqId;
use crate::runtime::error_text::error_text;

/// Up to 20 records of a type matching free text, labelled by their display properties.
pub async fn find(client: &Client, req: ReqId, type_id: &str, query: String, properties: Vec<String>) -> ApiMsg {
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
            ApiMsg::RecordsFound { req, matches, error: None }
        }
        Err(e) => ApiMsg::RecordsFound { req, matches: Vec::new(), error: Some(error_text(&e)) },
    }
}

/// The labels for picking an association: `(category, typeId, label)` (`Unlabeled` for the
/// default type).
pub async fn labels(client: &Client, req: ReqId, from: &str, to: &str) -> ApiMsg {
    match client.association_labels(from, to).await {
        Ok(labels) => {
            let labels = labels
                .into_iter()
                .map(|l| (l.category, l.type_id, l.label.unwrap_or_else(|| "Unlabeled".to_owned())))
                .collect();
            ApiMsg::LabelsLoaded { req, labels, error: None }
        }
        Err(e) => ApiMsg::LabelsLoaded { req, labels: Vec::new(), error: Some(error_text(&e)) },
    }
}

/// Adds a labelled association from one record to another (`(type, id)`), or (`None`)
/// removes every association between them.
pub async fn associate(
    client: &Client,
    req: ReqId,
    from: &(String, String),
    to: &(String, String),
    assoc: Option<(String, i64)>,
) -> ApiMsg {
    let (from, to) = ((from.0.as_str(), from.1.as_str()), (to.0.as_str(), to.1.as_str()));
    let r = match assoc {
        Some((category, type_id)) => client.associate(from, to, &spec(category, type_id)).await,
        None => client.disassociate(from, to).await,
    };
    ApiMsg::Associated { req, error: r.err().map(|e| error_text(&e)) }
}

/// Associates many records to one with a label: v4 `batch/create`, 100 per call; stops at
/// the first failure.
pub async fn associate_many(
    client: &Client,
    req: ReqId,
    from_type: &str,
    ids: &[String],
    to: &(String, String),
    assoc: (String, i64),
) -> ApiMsg {
    let spec = spec(assoc.0, assoc.1);
    for chunk in ids.chunks(crate::api::batch::CHUNK) {
        if let Err(e) = client.associate_batch(from_type, chunk, (&to.0, &to.1), &spec).await {
            return ApiMsg::AssociatedMany { req, error: Some(error_text(&e)) };
        }
    }
    ApiMsg::AssociatedMany { req, error: None }
}

fn spec(association_category: String, association_type_id: i64) -> AssociationSpec {
    AssociationSpec { association_category, association_type_id }
}
