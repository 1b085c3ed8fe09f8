//! The writes that make a target portal's definitions like a source's: created where
//! missing, updated where they differ and HubSpot allows it, deleted only when pruning.
//! Steps are ordered so each finds what it needs: schemas, groups, properties, rules,
//! schema settings (which name properties), association definitions, labels, deletions.

use crate::api::standard::STANDARD_TYPES;
use crate::api::types::{
    ObjectSchemaEgg, ObjectSchemaPatch, Property, PropertyCreate, PropertyGroup, PropertyOption, PropertyUpdate,
    ValidationRule,
};

use super::diff::property_fields;
use super::doc::{Definitions, PropertyDef, SchemaSettings, TypeDefs};

/// One write (types named by name; the target's ids are looked up when it is sent).
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    CreateSchema {
        egg: Box<ObjectSchemaEgg>,
    },
    CreateGroup {
        object_type: String,
        group: PropertyGroup,
    },
    UpdateGroup {
        object_type: String,
        group: PropertyGroup,
    },
    CreateProperty {
        object_type: String,
        body: Box<PropertyCreate>,
    },
    UpdateProperty {
        object_type: String,
        name: String,
        body: Box<PropertyUpdate>,
        fields: Vec<&'static str>,
    },
    PutRule {
        object_type: String,
        property: String,
        rule: ValidationRule,
    },
    UpdateSchema {
        object_type: String,
        patch: Box<ObjectSchemaPatch>,
    },
    AddAssociation {
        object_type: String,
        to: String,
    },
    AddLabel {
        object_type: String,
        to: String,
        label: String,
    },
    ArchiveProperty {
        object_type: String,
        name: String,
    },
    ArchiveGroup {
        object_type: String,
        name: String,
    },
    /// What cannot be written, and why.
    Skip {
        object_type: String,
        what: String,
        why: String,
    },
}

impl Step {
    fn rank(&self) -> u8 {
        match self {
            Self::CreateSchema { .. } => 0,
            Self::CreateGroup { .. } | Self::UpdateGroup { .. } => 1,
            Self::CreateProperty { .. } | Self::UpdateProperty { .. } => 2,
            Self::PutRule { .. } => 3,
            Self::UpdateSchema { .. } => 4,
            Self::AddAssociation { .. } => 5,
            Self::AddLabel { .. } => 6,
            Self::ArchiveProperty { .. } => 7,
            Self::ArchiveGroup { .. } => 8,
            Self::Skip { .. } => 9,
        }
    }

    /// Whether this step deletes something (only planned with `--prune`).
    #[must_use]
    pub fn deletes(&self) -> bool {
        matches!(self, Self::ArchiveProperty { .. } | Self::ArchiveGroup { .. })
    }

    /// Whether this step writes (a skip does not).
    #[must_use]
    pub fn writes(&self) -> bool {
        !matches!(self, Self::Skip { .. })
    }

    /// What it does, in a line: `create property cars.color (Color, enumeration/select)`.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::CreateSchema { egg } => {
                format!("create schema {} ({}) with {} properties", egg.name, egg.labels.plural, egg.properties.len())
            }
            Self::CreateGroup { object_type, group } => {
                format!("create group {object_type}.{} ({})", group.name, group.label)
            }
            Self::UpdateGroup { object_type, group } => {
                format!("update group {object_type}.{} ({})", group.name, group.label)
            }
            Self::CreateProperty { object_type, body } => {
                format!(
                    "create property {object_type}.{} ({}, {}/{})",
                    body.name, body.label, body.kind, body.field_type
                )
            }
            Self::UpdateProperty { object_type, name, fields, .. } => {
                format!("update property {object_type}.{name}: {}", fields.join(", "))
            }
            Self::PutRule { object_type, property, rule } => {
                format!("set rule {object_type}.{property}:{} ({})", rule.rule_type, rule.rule_arguments.join(","))
            }
            Self::UpdateSchema { object_type, .. } => format!("update schema {object_type} settings"),
            Self::AddAssociation { object_type, to } => format!("add association definition {object_type} → {to}"),
            Self::AddLabel { object_type, to, label } => format!("add association label {object_type} → {to}: {label}"),
            Self::ArchiveProperty { object_type, name } => format!("DELETE property {object_type}.{name}"),
            Self::ArchiveGroup { object_type, name } => format!("DELETE group {object_type}.{name}"),
            Self::Skip { object_type, what, why } => format!("skip {object_type}.{what}: {why}"),
        }
    }
}

/// The steps making `to` like `from`; `prune` adds deletions of what only `to` has.
#[must_use]
pub fn plan(from: &Definitions, to: &Definitions, prune: bool) -> Vec<Step> {
    let mut steps = Vec::new();
    for a in &from.types {
        match to.types.iter().find(|b| b.name.eq_ignore_ascii_case(&a.name)) {
            Some(b) => type_plan(a, b, prune, &mut steps),
            None => match &a.schema {
                Some(s) => {
                    let egg = schema_egg(a, s);
                    // What the schema's creation makes: its first properties, HubSpot's own.
                    let mut made = a.empty_like();
                    made.schema = Some(s.clone());
                    // HubSpot's first group is named after the singular label (`car_information`).
                    let first = PropertyGroup {
                        name: format!("{}_information", crate::model::internal_name(&s.labels.singular)),
                        label: format!("{} information", s.labels.singular),
                        display_order: 0,
                        archived: false,
                    };
                    made.properties = a
                        .properties
                        .iter()
                        .filter(|p| own(p) || egg.properties.iter().any(|c| c.name == p.property.name))
                        .map(|p| PropertyDef {
                            // Created in the type's first group, without rules: both follow.
                            property: Property { group_name: first.name.clone(), ..p.property.clone() },
                            validation_rules: if own(p) { p.validation_rules.clone() } else { Vec::new() },
                        })
                        .collect();
                    made.groups.push(first);
                    steps.push(Step::CreateSchema { egg: Box::new(egg) });
                    type_plan(a, &made, prune, &mut steps);
                }
                None => steps.push(Step::Skip {
                    object_type: a.name.clone(),
                    what: "*".into(),
                    why: "the target portal has no such type".into(),
                }),
            },
        }
    }
    steps.sort_by_key(Step::rank);
    steps
}

/// HubSpot's own definition (created with the type, never by a client).
fn own(p: &PropertyDef) -> bool {
    p.property.hubspot_defined || p.property.modification_metadata.read_only_definition
}

fn schema_egg(a: &TypeDefs, s: &SchemaSettings) -> ObjectSchemaEgg {
    let named = |n: &String| {
        s.primary_display_property.as_ref() == Some(n)
            || s.secondary_display_properties.contains(n)
            || s.searchable_properties.contains(n)
            || s.required_properties.contains(n)
    };
    let properties = a
        .properties
        .iter()
        .filter(|p| !own(p) && named(&p.property.name))
        .map(|p| PropertyCreate { group_name: String::new(), ..create_body(p) })
        .collect();
    ObjectSchemaEgg {
        name: a.name.clone(),
        labels: s.labels.clone(),
        description: s.description.clone(),
        primary_display_property: s.primary_display_property.clone(),
        secondary_display_properties: s.secondary_display_properties.clone(),
        searchable_properties: s.searchable_properties.clone(),
        required_properties: s.required_properties.clone(),
        properties,
        // Standard types by id (`0-1`), custom ones by name.
        associated_objects: s
            .associated_objects
            .iter()
            .map(|n| STANDARD_TYPES.iter().find(|t| t.1 == n).map_or_else(|| n.clone(), |t| t.0.to_owned()))
            .collect(),
    }
}

fn type_plan(a: &TypeDefs, b: &TypeDefs, prune: bool, steps: &mut Vec<Step>) {
    let t = || a.name.clone();
    for g in &a.groups {
        match b.group(&g.name) {
            None => steps.push(Step::CreateGroup { object_type: t(), group: g.clone() }),
            Some(h) if h.label != g.label || h.display_order != g.display_order => {
                steps.push(Step::UpdateGroup { object_type: t(), group: g.clone() });
            }
            Some(_) => {}
        }
    }
    for p in &a.properties {
        property_plan(&a.name, p, b.property(&p.property.name), prune, steps);
    }
    if let (Some(sa), Some(sb)) = (&a.schema, &b.schema)
        && let Some(patch) = schema_patch(sa, sb)
    {
        steps.push(Step::UpdateSchema { object_type: t(), patch: Box::new(patch) });
    }
    if let Some(sa) = &a.schema {
        let there: &[String] = b.schema.as_ref().map_or(&[], |s| &s.associated_objects);
        for to in sa.associated_objects.iter().filter(|x| !there.contains(x)) {
            steps.push(Step::AddAssociation { object_type: t(), to: to.clone() });
        }
    }
    for l in a.association_labels.iter().filter(|l| !b.association_labels.contains(l)) {
        steps.push(Step::AddLabel { object_type: t(), to: l.to.clone(), label: l.label.clone() });
    }
    if prune {
        for q in b.properties.iter().filter(|q| a.property(&q.property.name).is_none() && !own(q)) {
            steps.push(Step::ArchiveProperty { object_type: t(), name: q.property.name.clone() });
        }
        for h in b.groups.iter().filter(|h| a.group(&h.name).is_none()) {
            steps.push(Step::ArchiveGroup { object_type: t(), name: h.name.clone() });
        }
    }
}

fn property_plan(object_type: &str, p: &PropertyDef, there: Option<&PropertyDef>, prune: bool, steps: &mut Vec<Step>) {
    let name = p.property.name.clone();
    let skip = |why: &str| Step::Skip { object_type: object_type.to_owned(), what: name.clone(), why: why.to_owned() };
    let Some(q) = there else {
        if own(p) {
            steps.push(skip("HubSpot's own property, which the target's portal does not have; it cannot be created"));
            return;
        }
        steps.push(Step::CreateProperty { object_type: object_type.to_owned(), body: Box::new(create_body(p)) });
        push_rules(object_type, p, &p.validation_rules, steps);
        return;
    };
    if !own(p) && !own(q) {
        if let Some((body, fields)) = property_update(p, q, prune) {
            steps.push(Step::UpdateProperty {
                object_type: object_type.to_owned(),
                name: name.clone(),
                body: Box::new(body),
                fields,
            });
        }
        if p.property.has_unique_value != q.property.has_unique_value {
            steps.push(skip("hasUniqueValue can be set only when a property is created"));
        }
    }
    let changed: Vec<ValidationRule> =
        p.validation_rules.iter().filter(|r| !q.validation_rules.contains(r)).cloned().collect();
    push_rules(object_type, p, &changed, steps);
}

fn push_rules(object_type: &str, p: &PropertyDef, rules: &[ValidationRule], steps: &mut Vec<Step>) {
    for rule in rules {
        steps.push(Step::PutRule {
            object_type: object_type.to_owned(),
            property: p.property.name.clone(),
            rule: rule.clone(),
        });
    }
}

/// The body creating `p` as it is in the source.
#[must_use]
pub fn create_body(p: &PropertyDef) -> PropertyCreate {
    let p = &p.property;
    PropertyCreate {
        name: p.name.clone(),
        label: p.label.clone(),
        kind: p.kind.clone(),
        field_type: p.field_type.clone(),
        group_name: p.group_name.clone(),
        description: Some(p.description.clone()).filter(|d| !d.is_empty()),
        options: (!p.options.is_empty()).then(|| p.options.clone()),
        display_order: Some(p.display_order),
        has_unique_value: Some(p.has_unique_value),
        hidden: Some(p.hidden),
        form_field: Some(p.form_field),
        external_options: None,
        number_display_hint: p.number_display_hint.clone(),
    }
}

/// The patch making `q` (the target's) like `p`, with the fields it changes; `None` when
/// nothing that a patch can change differs. Options: the source's, then (unless pruning)
/// the target's own extras after them, so no stored value loses its option.
fn property_update(p: &PropertyDef, q: &PropertyDef, prune: bool) -> Option<(PropertyUpdate, Vec<&'static str>)> {
    let mut body = PropertyUpdate::default();
    let mut fields = Vec::new();
    for ((field, x), (_, y)) in property_fields(p).into_iter().zip(property_fields(q)) {
        if x == y {
            continue;
        }
        let (s, t) = (&p.property, &mut body);
        match field {
            "label" => t.label = Some(s.label.clone()),
            "type" => t.kind = Some(s.kind.clone()),
            "fieldType" => t.field_type = Some(s.field_type.clone()),
            "groupName" => t.group_name = Some(s.group_name.clone()),
            "description" => t.description = Some(s.description.clone()),
            "hidden" => t.hidden = Some(s.hidden),
            "formField" => t.form_field = Some(s.form_field),
            _ => continue,
        }
        fields.push(field);
    }
    let options = merged_options(&p.property.options, &q.property.options, prune);
    if options != q.property.options {
        body.options = Some(options);
        fields.push("options");
    }
    (!fields.is_empty()).then_some((body, fields))
}

fn merged_options(source: &[PropertyOption], target: &[PropertyOption], prune: bool) -> Vec<PropertyOption> {
    let mut out = source.to_vec();
    if !prune {
        out.extend(target.iter().filter(|o| !source.iter().any(|s| s.value == o.value)).cloned());
    }
    out
}

fn schema_patch(a: &SchemaSettings, b: &SchemaSettings) -> Option<ObjectSchemaPatch> {
    let mut patch = ObjectSchemaPatch::default();
    let mut any = false;
    let mut set = |differs: bool| {
        any |= differs;
        differs
    };
    if set(a.labels != b.labels) {
        patch.labels = Some(a.labels.clone());
    }
    if set(a.description.clone().unwrap_or_default() != b.description.clone().unwrap_or_default()) {
        patch.description = Some(a.description.clone().unwrap_or_default());
    }
    if set(a.primary_display_property != b.primary_display_property) {
        patch.primary_display_property.clone_from(&a.primary_display_property);
    }
    if set(a.secondary_display_properties != b.secondary_display_properties) {
        patch.secondary_display_properties = Some(a.secondary_display_properties.clone());
    }
    if set(sets_differ(&a.searchable_properties, &b.searchable_properties)) {
        patch.searchable_properties = Some(a.searchable_properties.clone());
    }
    if set(sets_differ(&a.required_properties, &b.required_properties)) {
        patch.required_properties = Some(a.required_properties.clone());
    }
    any.then_some(patch)
}

/// Whether two lists differ as sets (as the diff compares them).
fn sets_differ(a: &[String], b: &[String]) -> bool {
    super::diff::sorted(a) != super::diff::sorted(b)
}
