//! Object type and property definitions of the demo portal, read from
//! `assets/seed/types.json`, plus the built-in properties every object has.

use serde::Deserialize;

use crate::api::types::{ModificationMetadata, ObjectLabels, Property, PropertyGroup, PropertyOption};
use crate::emulator::store::ObjectTypeDef;

const TYPES_JSON: &str = include_str!("../../../assets/seed/types.json");

/// The seed file's shape.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeedFile {
    pub portal_id: i64,
    pub created_at: String,
    pub types: Vec<SeedType>,
}

/// One object type in the seed file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeedType {
    pub type_id: String,
    pub name: String,
    pub singular: String,
    pub labels: ObjectLabels,
    #[serde(default)]
    pub custom: bool,
    #[serde(default)]
    pub schema_id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub legacy_createdate: bool,
    #[serde(default)]
    pub legacy_lastmodified: bool,
    pub group: (String, String),
    pub primary: String,
    pub secondary: Vec<String>,
    pub searchable: Vec<String>,
    pub required: Vec<String>,
    pub required_any_of: Vec<String>,
    pub defaults: Vec<String>,
    #[serde(default)]
    pub associated_objects: Vec<String>,
    pub properties: Vec<serde_json::Value>,
    /// Property validation rules, by property name.
    #[serde(default)]
    pub validations: std::collections::BTreeMap<String, Vec<crate::model::ValidationRule>>,
    /// Conditionally required properties and the create form's required fields.
    #[serde(default)]
    pub write_rules: crate::emulator::rules::WriteRules,
}

/// Parses the embedded seed file.
pub fn seed_file() -> Result<SeedFile, serde_json::Error> {
    serde_json::from_str(TYPES_JSON)
}

/// A property with the usual defaults.
#[must_use]
pub fn property(name: &str, label: &str, kind: &str, field_type: &str, group: &str, created: &str) -> Property {
    Property {
        name: name.to_owned(),
        label: label.to_owned(),
        kind: kind.to_owned(),
        field_type: field_type.to_owned(),
        description: String::new(),
        group_name: group.to_owned(),
        options: Vec::new(),
        display_order: -1,
        calculated: false,
        external_options: false,
        has_unique_value: false,
        hidden: false,
        hubspot_defined: false,
        modification_metadata: ModificationMetadata::default(),
        form_field: true,
        referenced_object_type: None,
        number_display_hint: None,
        created_at: Some(created.to_owned()),
        updated_at: Some(created.to_owned()),
        archived: false,
        archived_at: None,
        validation_rules: Vec::new(),
        required_when: Vec::new(),
    }
}

fn read_only(mut p: Property) -> Property {
    p.modification_metadata =
        ModificationMetadata { archivable: false, read_only_definition: true, read_only_value: true };
    p.hubspot_defined = true;
    p.form_field = false;
    p
}

fn hubspot(mut p: Property) -> Property {
    p.hubspot_defined = true;
    p.modification_metadata.archivable = false;
    p.modification_metadata.read_only_definition = true;
    p
}

fn hidden(mut p: Property) -> Property {
    p.hidden = true;
    p
}

/// Parses one compact property row `[name, label, type, fieldType, flags?, options?, group?,
/// description?]` (an empty group is the type's first). Flag `p` marks a portal's own
/// property on a standard type; `s` HubSpot's own on a custom type.
pub fn parse_row(row: &serde_json::Value, group: &str, custom: bool, created: &str) -> Option<Property> {
    let a = row.as_array()?;
    let s = |i: usize| a.get(i).and_then(serde_json::Value::as_str).unwrap_or("");
    let mut p = property(s(0), s(1), s(2), s(3), if s(6).is_empty() { group } else { s(6) }, created);
    p.description = s(7).to_owned();
    let flags = s(4);
    p.has_unique_value = flags.contains('u');
    p.hidden = flags.contains('h');
    p.calculated = flags.contains('c');
    p.external_options = flags.contains('x');
    if flags.contains('r') {
        p = read_only(p);
    } else if (!custom && !flags.contains('p')) || flags.contains('s') {
        p = hubspot(p);
    }
    if let Some(opts) = a.get(5).and_then(serde_json::Value::as_array) {
        p.options = opts
            .iter()
            .filter_map(serde_json::Value::as_str)
            .enumerate()
            .map(|(i, o)| {
                let (value, label) = o.split_once(':').unwrap_or((o, o));
                PropertyOption {
                    label: label.to_owned(),
                    value: value.to_owned(),
                    display_order: i64::try_from(i).unwrap_or(0),
                    hidden: false,
                    description: None,
                }
            })
            .collect();
    }
    Some(p)
}

/// The properties every object type has, named and typed as HubSpot does.
#[must_use]
pub fn builtin_properties(def: &ObjectTypeDef, group: &str, created: &str) -> Vec<Property> {
    let ro = |n: &str, l: &str, k: &str, f: &str| read_only(property(n, l, k, f, group, created));
    let mut out = vec![
        ro("hs_object_id", "Record ID", "number", "number"),
        ro("hs_createdate", "Object create date/time", "datetime", "date"),
        ro("hs_lastmodifieddate", "Object last modified date/time", "datetime", "date"),
    ];
    if def.has_legacy_createdate {
        out.push(ro("createdate", "Create Date", "datetime", "date"));
    }
    if def.legacy_lastmodified {
        out[2] = hidden(out[2].clone());
        out.push(ro("lastmodifieddate", "Last Modified Date", "datetime", "date"));
    }
    let mut merged = ro("hs_merged_object_ids", "Merged record IDs", "enumeration", "checkbox");
    merged.external_options = true;
    out.push(merged);
    let mut pinned = hidden(ro("hs_pinned_engagement_id", "Pinned Engagement ID", "number", "number"));
    pinned.modification_metadata.read_only_value = true;
    out.push(pinned);
    let mut key = hidden(ro("hs_unique_creation_key", "Unique creation key", "string", "text"));
    key.has_unique_value = true;
    out.push(key);
    out.push(hidden(ro("hs_object_source", "Record source", "string", "text")));
    let mut label = hidden(ro("hs_object_source_label", "Record source label", "enumeration", "select"));
    label.external_options = true;
    out.push(label);
    out.push(hidden(ro("hs_object_source_id", "Record source ID", "string", "text")));
    out.push(ro("hs_created_by_user_id", "Created by user ID", "number", "number"));
    out.push(ro("hs_updated_by_user_id", "Updated by user ID", "number", "number"));
    let mut owner = hubspot(property("hubspot_owner_id", "Owner", "enumeration", "select", group, created));
    owner.external_options = true;
    owner.referenced_object_type = Some("OWNER".into());
    out.push(owner);
    out
}

/// The pipeline properties every custom object has (HubSpot's own; their options are the
/// type's pipelines and stages).
#[must_use]
pub fn pipeline_properties(group: &str, created: &str) -> Vec<Property> {
    [
        serde_json::json!(["hs_pipeline", "Pipeline", "enumeration", "select", "xs"]),
        serde_json::json!(["hs_pipeline_stage", "Pipeline stage", "enumeration", "radio", "xs"]),
    ]
    .iter()
    .filter_map(|row| parse_row(row, group, true, created))
    .collect()
}

/// The type definition, its properties (built-ins first, then its own, then HubSpot's
/// defaults it lacks) and its groups.
pub fn type_from_seed(
    t: &SeedType,
    defaults: &super::defaults::SeedDefaults,
    portal_id: i64,
    created_ms: i64,
    created: &str,
) -> (ObjectTypeDef, Vec<Property>, Vec<PropertyGroup>) {
    let def = ObjectTypeDef {
        no: 0,
        type_id: t.type_id.clone(),
        name: t.name.clone(),
        singular: t.singular.clone(),
        labels: t.labels.clone(),
        custom: t.custom,
        fully_qualified_name: t.custom.then(|| format!("p{portal_id}_{}", t.name)),
        schema_id: t.schema_id.clone(),
        description: t.description.clone(),
        primary_display_property: Some(t.primary.clone()),
        secondary_display_properties: t.secondary.clone(),
        searchable_properties: t.searchable.clone(),
        required_properties: t.required.clone(),
        required_any_of: t.required_any_of.clone(),
        default_properties: t.defaults.clone(),
        has_legacy_createdate: t.legacy_createdate,
        legacy_lastmodified: t.legacy_lastmodified,
        created_at: created_ms,
        updated_at: created_ms,
        archived: false,
        validations: t.validations.clone(),
        write_rules: t.write_rules.clone(),
    };
    let group = PropertyGroup { name: t.group.0.clone(), label: t.group.1.clone(), display_order: 0, archived: false };
    let mut props = builtin_properties(&def, &group.name, created);
    props.extend(t.properties.iter().filter_map(|r| parse_row(r, &group.name, t.custom, created)));
    let mut groups = vec![group];
    defaults.merge(&t.name, &mut props, &mut groups, created);
    (def, props, groups)
}
