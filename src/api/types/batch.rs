//! Batch request bodies and the `BatchResponse*` envelope.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{AssociationInput, StandardError};
use crate::api::id::WireId;

/// `{"inputs": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchInput<T> {
    pub inputs: Vec<T>,
}

/// An input naming one record by id (or by `idProperty` value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchId {
    pub id: WireId,
}

/// Body of `batch/read`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchReadInput {
    #[serde(default)]
    pub properties: Vec<String>,
    #[serde(default)]
    pub properties_with_history: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_property: Option<String>,
    pub inputs: Vec<BatchId>,
}

/// One input of `batch/create`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchCreateItem {
    #[serde(default)]
    pub properties: Map<String, Value>,
    #[serde(default)]
    pub associations: Vec<AssociationInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_write_trace_id: Option<String>,
}

/// One input of `batch/update` and `batch/upsert`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchUpdateItem {
    pub id: WireId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_property: Option<String>,
    #[serde(default)]
    pub properties: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_write_trace_id: Option<String>,
}

/// The batch envelope; `num_errors`/`errors` only on 207 responses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchResponse<T> {
    pub status: String,
    pub results: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_errors: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<StandardError>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_at: Option<String>,
    pub started_at: String,
    pub completed_at: String,
}
