//! Property definitions (`Property`), their options and groups.

use serde::{Deserialize, Serialize};

/// A property definition as `/crm/v3/properties/{type}` returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    pub name: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub field_type: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub group_name: String,
    #[serde(default)]
    pub options: Vec<PropertyOption>,
    #[serde(default)]
    pub display_order: i64,
    #[serde(default)]
    pub calculated: bool,
    #[serde(default)]
    pub external_options: bool,
    #[serde(default)]
    pub has_unique_value: bool,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub hubspot_defined: bool,
    #[serde(default)]
    pub modification_metadata: ModificationMetadata,
    #[serde(default)]
    pub form_field: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referenced_object_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_display_hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub archived: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<String>,
    /// The property's validation rules: not part of HubSpot's `Property` (they come from the
    /// property-validations API), attached by whoever reads both.
    #[serde(skip)]
    pub validation_rules: Vec<super::ValidationRule>,
    /// When this property is required because another has one of some values (a portal's
    /// conditional rule, e.g. a lost reason for the Closed Lost stage). HubSpot has no API
    /// to read them; the local CRM says them, and 2026-09 enforces them on writes.
    #[serde(skip)]
    pub required_when: Vec<ConditionalRequired>,
}

/// "`property_name` is required when `controlling_property` is one of `values`."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConditionalRequired {
    pub property_name: String,
    pub controlling_property: String,
    pub values: Vec<String>,
}

impl Property {
    /// Whether values of this property can be written by API clients.
    #[must_use]
    pub fn read_only_value(&self) -> bool {
        self.modification_metadata.read_only_value
    }

    /// Whether a user can set it: neither read-only nor calculated.
    #[must_use]
    pub fn writable(&self) -> bool {
        !self.read_only_value() && !self.calculated
    }

    /// Whether this is a multi-select (`;`-separated) enumeration.
    #[must_use]
    pub fn is_multi_select(&self) -> bool {
        self.kind == "enumeration" && self.field_type == "checkbox"
    }
}

/// The `fieldType`s each `type` accepts (HubSpot's pairs).
pub const FIELD_TYPES: &[(&str, &[&str])] = &[
    ("bool", &["booleancheckbox", "calculation_equation"]),
    ("enumeration", &["booleancheckbox", "checkbox", "radio", "select", "calculation_equation"]),
    ("date", &["date"]),
    ("datetime", &["date"]),
    ("string", &["file", "text", "textarea", "calculation_equation", "html", "phonenumber"]),
    ("number", &["number", "calculation_equation"]),
    ("phone_number", &["phonenumber"]),
];

/// An internal name made from a label, as HubSpot's forms suggest one: `Billing contact`
/// → `billing_contact` (lowercase ASCII letters, digits and single underscores).
#[must_use]
pub fn internal_name(label: &str) -> String {
    let mut out = String::new();
    for c in label.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// How a property definition may be changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModificationMetadata {
    pub archivable: bool,
    pub read_only_definition: bool,
    pub read_only_value: bool,
}

impl Default for ModificationMetadata {
    fn default() -> Self {
        Self { archivable: true, read_only_definition: false, read_only_value: false }
    }
}

/// One option of an enumeration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyOption {
    pub label: String,
    pub value: String,
    #[serde(default)]
    pub display_order: i64,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A property group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyGroup {
    pub name: String,
    pub label: String,
    #[serde(default)]
    pub display_order: i64,
    #[serde(default)]
    pub archived: bool,
}

/// Body of a property create (`PropertyCreate`): `type`/`fieldType`/`groupName`/`label`/`name`
/// are required by HubSpot; the rest default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyCreate {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub label: String,
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub field_type: String,
    #[serde(default)]
    pub group_name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub options: Option<Vec<PropertyOption>>,
    #[serde(default)]
    pub display_order: Option<i64>,
    #[serde(default)]
    pub has_unique_value: Option<bool>,
    #[serde(default)]
    pub hidden: Option<bool>,
    #[serde(default)]
    pub form_field: Option<bool>,
    #[serde(default)]
    pub external_options: Option<bool>,
    #[serde(default)]
    pub number_display_hint: Option<String>,
}

/// Body of a property update (`PropertyUpdate`): every field optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyUpdate {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub field_type: Option<String>,
    #[serde(default)]
    pub group_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub options: Option<Vec<PropertyOption>>,
    #[serde(default)]
    pub display_order: Option<i64>,
    #[serde(default)]
    pub hidden: Option<bool>,
    #[serde(default)]
    pub form_field: Option<bool>,
}
