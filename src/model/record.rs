//! Records (`SimplePublicObject*`), their history entries, list pages and write inputs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::id::WireId;

/// A CRM record as HubSpot returns it. `properties` values are strings or `null`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimplePublicObject {
    pub id: String,
    pub properties: BTreeMap<String, Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties_with_history: Option<BTreeMap<String, Vec<ValueWithTimestamp>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associations: Option<BTreeMap<String, AssociatedIdCollection>>,
    pub created_at: String,
    pub updated_at: String,
    pub archived: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_write_trace_id: Option<String>,
    /// Only on upsert results: whether the record was created by this call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<bool>,
    /// What the server changed about a write without refusing it (v3/2026-03's
    /// `PublicObjectWarning`; on 2026-09 writes `PROPERTY_VALUE_NORMALIZED`). Never required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<ObjectWarning>,
}

impl SimplePublicObject {
    /// A record known only by its id and some values (a table row shown while the whole
    /// record loads).
    #[must_use]
    pub fn with_properties(id: &str, properties: BTreeMap<String, Option<String>>) -> Self {
        Self {
            id: id.to_owned(),
            properties,
            properties_with_history: None,
            associations: None,
            created_at: String::new(),
            updated_at: String::new(),
            archived: false,
            archived_at: None,
            url: None,
            object_write_trace_id: None,
            new: None,
            warnings: Vec::new(),
        }
    }
}

/// One warning on a written record: `category` (`PROPERTY_VALUE_NORMALIZED`), a message and
/// the context (`propertyName`, `rawValue`, `normalizedValue`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectWarning {
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub context: BTreeMap<String, Vec<String>>,
}

impl ObjectWarning {
    /// The first value of a context key.
    #[must_use]
    pub fn context_value(&self, key: &str) -> Option<&str> {
        self.context.get(key).and_then(|v| v.first()).map(String::as_str)
    }
}

/// One entry of a property's history (`ValueWithTimestamp`), newest first in responses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueWithTimestamp {
    pub value: String,
    pub timestamp: String,
    pub source_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by_user_id: Option<i64>,
}

/// Associated ids inside a record read with `?associations=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssociatedIdCollection {
    pub results: Vec<AssociatedId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
}

/// One associated id and the v3 association type name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssociatedId {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
}

/// Forward paging: absent on the last page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paging {
    pub next: NextPage,
}

/// The cursor of the next page and, on list endpoints, an absolute link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextPage {
    pub after: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// A page of results (`CollectionResponse…ForwardPaging`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionResponse<T> {
    pub results: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
}

/// A write's association to an existing record (`PublicAssociationsForObject`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssociationInput {
    pub to: AssociationTarget,
    pub types: Vec<AssociationSpec>,
}

/// The record an association points to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssociationTarget {
    pub id: WireId,
}

/// An association type: its category and numeric id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssociationSpec {
    pub association_category: String,
    pub association_type_id: i64,
}

/// Body of a create (`SimplePublicObjectInputForCreate`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectCreateInput {
    #[serde(default)]
    pub properties: Map<String, Value>,
    #[serde(default)]
    pub associations: Vec<AssociationInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_write_trace_id: Option<String>,
}

/// Body of an update (`SimplePublicObjectInput`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectUpdateInput {
    #[serde(default)]
    pub properties: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_write_trace_id: Option<String>,
}

/// Body of a merge (`PublicMergeInput`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeInput {
    pub primary_object_id: WireId,
    pub object_id_to_merge: WireId,
}
