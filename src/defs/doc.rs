//! The definitions document: what `hubtui props export` writes and `schema diff/apply` read.

use serde::{Deserialize, Serialize};

use crate::api::types::{ObjectLabels, Property, PropertyGroup, ValidationRule};

/// What the document's `format` field says (a file of another kind is refused).
pub const FORMAT: &str = "hubtui-definitions/1";

/// A portal's definitions for some of its object types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Definitions {
    pub format: String,
    /// Where it was read from (a base URL or profile), for people.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub exported_at: String,
    pub types: Vec<TypeDefs>,
}

/// One object type's definitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeDefs {
    /// The type's name (`contacts`, `cars`): how types are matched across portals.
    pub name: String,
    /// Its id in the portal read (`0-1`, `2-3465404`): differs between portals.
    pub object_type_id: String,
    /// A custom object's settings (`None` for HubSpot's standard types).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<SchemaSettings>,
    #[serde(default)]
    pub groups: Vec<PropertyGroup>,
    #[serde(default)]
    pub properties: Vec<PropertyDef>,
    /// User-defined association labels from this type to the others exported.
    #[serde(default)]
    pub association_labels: Vec<LabelDef>,
}

/// A custom object's settings, with its association definitions by the other type's name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaSettings {
    pub labels: ObjectLabels,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_display_property: Option<String>,
    #[serde(default)]
    pub secondary_display_properties: Vec<String>,
    #[serde(default)]
    pub searchable_properties: Vec<String>,
    #[serde(default)]
    pub required_properties: Vec<String>,
    /// The types it has association definitions to, by name (`contacts`).
    #[serde(default)]
    pub associated_objects: Vec<String>,
}

/// A property definition with its validation rules (which HubSpot serves apart).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyDef {
    #[serde(flatten)]
    pub property: Property,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub validation_rules: Vec<ValidationRule>,
}

/// A user-defined association label to another type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelDef {
    /// The other type's name.
    pub to: String,
    pub label: String,
}

impl Definitions {
    /// Reads a document, refusing other JSON with a reason.
    ///
    /// # Errors
    /// Not JSON, or not a definitions document.
    pub fn parse(text: &str) -> Result<Self, String> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        match v.get("format").and_then(serde_json::Value::as_str) {
            Some(FORMAT) => {}
            Some(other) => return Err(format!("format {other:?} is not {FORMAT:?}")),
            None => return Err(format!("no \"format\": {FORMAT:?} field (made by `hubtui props export`?)")),
        }
        serde_json::from_value(v).map_err(|e| format!("not a definitions document: {e}"))
    }

    /// A type by name, id or label, ignoring case.
    #[must_use]
    pub fn find(&self, name: &str) -> Option<&TypeDefs> {
        self.types.iter().find(|t| t.is(name))
    }
}

impl TypeDefs {
    /// Whether `name` names this type: its name, id, or a label.
    #[must_use]
    pub fn is(&self, name: &str) -> bool {
        let n = name.trim();
        self.name.eq_ignore_ascii_case(n)
            || self.object_type_id == n
            || self
                .schema
                .as_ref()
                .is_some_and(|s| s.labels.plural.eq_ignore_ascii_case(n) || s.labels.singular.eq_ignore_ascii_case(n))
    }

    /// A property by name.
    #[must_use]
    pub fn property(&self, name: &str) -> Option<&PropertyDef> {
        self.properties.iter().find(|p| p.property.name == name)
    }

    /// A group by name.
    #[must_use]
    pub fn group(&self, name: &str) -> Option<&PropertyGroup> {
        self.groups.iter().find(|g| g.name == name)
    }

    /// An empty type of this name (what a target lacking it is compared as).
    #[must_use]
    pub fn empty_like(&self) -> Self {
        Self {
            name: self.name.clone(),
            object_type_id: String::new(),
            schema: None,
            groups: Vec::new(),
            properties: Vec::new(),
            association_labels: Vec::new(),
        }
    }
}
