//! Custom object schemas (`ObjectSchema`) and their inputs.

use serde::{Deserialize, Serialize};

use super::property::{Property, PropertyCreate};

/// Singular and plural labels of an object type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectLabels {
    #[serde(default)]
    pub singular: String,
    #[serde(default)]
    pub plural: String,
}

/// An association definition of a schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssociationDefinition {
    pub id: String,
    pub from_object_type_id: String,
    pub to_object_type_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

/// A custom object's schema as the schemas API returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectSchema {
    pub id: String,
    pub object_type_id: String,
    #[serde(default)]
    pub fully_qualified_name: String,
    #[serde(default)]
    pub meta_type: String,
    pub name: String,
    pub labels: ObjectLabels,
    #[serde(default)]
    pub primary_display_property: Option<String>,
    #[serde(default)]
    pub secondary_display_properties: Vec<String>,
    #[serde(default)]
    pub searchable_properties: Vec<String>,
    #[serde(default)]
    pub required_properties: Vec<String>,
    #[serde(default)]
    pub properties: Vec<Property>,
    #[serde(default)]
    pub associations: Vec<AssociationDefinition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub archived: bool,
    /// Whether the type may hold sensitive-data properties (required in 2026-03's schema).
    #[serde(default)]
    pub allows_sensitive_properties: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

/// Body of a schema create (`ObjectSchemaEgg`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectSchemaEgg {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub labels: ObjectLabels,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub primary_display_property: Option<String>,
    #[serde(default)]
    pub secondary_display_properties: Vec<String>,
    #[serde(default)]
    pub searchable_properties: Vec<String>,
    #[serde(default)]
    pub required_properties: Vec<String>,
    #[serde(default)]
    pub properties: Vec<PropertyCreate>,
    #[serde(default)]
    pub associated_objects: Vec<String>,
}

/// Body of a schema patch (`ObjectTypeDefinitionPatch`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectSchemaPatch {
    #[serde(default)]
    pub labels: Option<ObjectLabels>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub primary_display_property: Option<String>,
    #[serde(default)]
    pub secondary_display_properties: Option<Vec<String>>,
    #[serde(default)]
    pub searchable_properties: Option<Vec<String>>,
    #[serde(default)]
    pub required_properties: Option<Vec<String>>,
}
