//! The rules for property definitions and property groups a client creates, changes or
//! archives: names, type/fieldType pairs, options, which properties may be archived or change,
//! and when a group may be created or deleted. `routes/properties.rs` only calls these.

use crate::api::types::{ModificationMetadata, Property, PropertyCreate, PropertyGroup, PropertyUpdate};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::store::TypeEntry;
use crate::timefmt::iso_from_ms;

use crate::model::property::FIELD_TYPES as PAIRS;

/// Checks an internal name: a letter first, then letters, digits and underscores.
pub fn check_name(what: &str, name: &str) -> EmuResult<()> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 100;
    if ok {
        Ok(())
    } else {
        Err(EmuError::validation(format!(
            "{what} name {name:?} is not valid: use letters, digits and underscores, starting with a letter (at most 100 characters)"
        )))
    }
}

/// Checks a `type`/`fieldType` pair.
pub fn check_pair(kind: &str, field_type: &str) -> EmuResult<()> {
    match PAIRS.iter().find(|(k, _)| *k == kind) {
        None => Err(EmuError::validation(format!(
            "type {kind:?} is not one of bool, date, datetime, enumeration, number, phone_number, string"
        ))),
        Some((_, fields)) if fields.contains(&field_type) => Ok(()),
        Some((_, fields)) => Err(EmuError::validation(format!(
            "fieldType {field_type:?} is not valid for type {kind}; use one of {}",
            fields.join(", ")
        ))),
    }
}

fn check_options(p: &Property) -> EmuResult<()> {
    if p.kind != "enumeration" || p.external_options {
        return Ok(());
    }
    let mut seen = std::collections::HashSet::new();
    for o in &p.options {
        if o.value.is_empty() || o.value.contains(';') {
            return Err(EmuError::validation(format!(
                "option value {:?} is not valid: it must be non-empty and contain no ';'",
                o.value
            )));
        }
        if !seen.insert(o.value.as_str()) {
            return Err(EmuError::validation(format!("option value {:?} appears twice", o.value)));
        }
    }
    Ok(())
}

/// Builds a new custom property from a create body.
pub fn from_create(t: &TypeEntry, c: &PropertyCreate, now: i64) -> EmuResult<Property> {
    check_name("Property", &c.name)?;
    if c.label.trim().is_empty() {
        return Err(EmuError::validation("Some required fields were not set: [label]"));
    }
    let kind = if c.kind.is_empty() { "string" } else { c.kind.as_str() };
    let field_type = if c.field_type.is_empty() { "text" } else { c.field_type.as_str() };
    check_pair(kind, field_type)?;
    if let Some(existing) = t.property_any(&c.name)
        && !existing.archived
    {
        return Err(EmuError::conflict(format!("A property named {:?} already exists on {}", c.name, t.def.name)));
    }
    let group = if c.group_name.is_empty() { default_group(t) } else { c.group_name.clone() };
    if !t.groups.iter().any(|g| g.name == group && !g.archived) {
        return Err(EmuError::validation(format!("Property group {group:?} does not exist on {}", t.def.name)));
    }
    let p = Property {
        name: c.name.clone(),
        label: c.label.clone(),
        kind: kind.to_owned(),
        field_type: field_type.to_owned(),
        description: c.description.clone().unwrap_or_default(),
        group_name: group,
        options: c.options.clone().unwrap_or_default(),
        display_order: c.display_order.unwrap_or(-1),
        calculated: false,
        external_options: c.external_options.unwrap_or(false),
        has_unique_value: c.has_unique_value.unwrap_or(false),
        hidden: c.hidden.unwrap_or(false),
        hubspot_defined: false,
        modification_metadata: ModificationMetadata::default(),
        form_field: c.form_field.unwrap_or(true),
        referenced_object_type: None,
        number_display_hint: c.number_display_hint.clone(),
        created_at: Some(iso_from_ms(now)),
        updated_at: Some(iso_from_ms(now)),
        archived: false,
        archived_at: None,
        validation_rules: Vec::new(),
        required_when: Vec::new(),
    };
    check_options(&p)?;
    Ok(p)
}

/// The group new properties land in when none is named.
#[must_use]
pub fn default_group(t: &TypeEntry) -> String {
    t.groups.first().map_or_else(|| format!("{}information", t.def.singular), |g| g.name.clone())
}

/// Applies an update body to a property.
pub fn apply_update(t: &TypeEntry, p: &Property, u: &PropertyUpdate, now: i64) -> EmuResult<Property> {
    if p.modification_metadata.read_only_definition {
        return Err(EmuError::validation(format!(
            "Property {:?} is a read-only HubSpot property; its definition cannot be changed",
            p.name
        )));
    }
    let mut n = p.clone();
    if let Some(v) = &u.label {
        n.label.clone_from(v);
    }
    if let Some(v) = &u.description {
        n.description.clone_from(v);
    }
    if let Some(v) = &u.kind {
        n.kind.clone_from(v);
    }
    if let Some(v) = &u.field_type {
        n.field_type.clone_from(v);
    }
    if let Some(v) = &u.group_name {
        if !t.groups.iter().any(|g| &g.name == v && !g.archived) {
            return Err(EmuError::validation(format!("Property group {v:?} does not exist on {}", t.def.name)));
        }
        n.group_name.clone_from(v);
    }
    if let Some(v) = &u.options {
        n.options.clone_from(v);
    }
    if let Some(v) = u.display_order {
        n.display_order = v;
    }
    if let Some(v) = u.hidden {
        n.hidden = v;
    }
    if let Some(v) = u.form_field {
        n.form_field = v;
    }
    check_pair(&n.kind, &n.field_type)?;
    check_options(&n)?;
    n.updated_at = Some(iso_from_ms(now));
    Ok(n)
}

/// A live property of `t` by name, or the 404 naming it.
pub fn find<'a>(t: &'a TypeEntry, name: &str) -> EmuResult<&'a Property> {
    t.property(name).ok_or_else(|| EmuError::not_found(format!("Unable to find property {name} on {}", t.def.name)))
}

/// The live property `name` after an update body; changing its type is refused.
pub fn update(t: &TypeEntry, name: &str, u: &PropertyUpdate, now: i64) -> EmuResult<Property> {
    let p = find(t, name)?;
    let n = apply_update(t, p, u, now)?;
    if n.kind != p.kind || n.field_type != p.field_type {
        return Err(EmuError::validation(format!(
            "Changing the type of {name} is not supported by the local CRM; create a new property instead"
        )));
    }
    Ok(n)
}

/// The archived form of the live property `name`, `None` when there is none. HubSpot's own
/// properties, required ones and the primary display property cannot be archived.
pub fn archived(t: &TypeEntry, name: &str, now: i64) -> EmuResult<Option<Property>> {
    let Some(p) = t.property(name) else { return Ok(None) };
    if p.hubspot_defined || !p.modification_metadata.archivable {
        return Err(EmuError::validation(format!("Property {name} is defined by HubSpot and cannot be archived")));
    }
    if t.def.required_properties.iter().any(|r| r == name) || t.def.primary_display_property.as_deref() == Some(name) {
        return Err(EmuError::validation(format!(
            "Property {name} is required or the primary display property of {}; change the schema first",
            t.def.name
        )));
    }
    let mut a = p.clone();
    a.archived = true;
    a.archived_at = Some(iso_from_ms(now));
    Ok(Some(a))
}

/// A live property group of `t` by name, or the 404 naming it.
pub fn find_group<'a>(t: &'a TypeEntry, name: &str) -> EmuResult<&'a PropertyGroup> {
    t.groups
        .iter()
        .find(|g| g.name == name && !g.archived)
        .ok_or_else(|| EmuError::not_found(format!("Unable to find property group {name} on {}", t.def.name)))
}

/// A new property group of `t`; its name must be valid and not taken by a live group.
pub fn new_group(t: &TypeEntry, name: String, label: String, display_order: Option<i64>) -> EmuResult<PropertyGroup> {
    check_name("Property group", &name)?;
    if t.groups.iter().any(|g| g.name == name && !g.archived) {
        return Err(EmuError::conflict(format!("A property group named {name:?} already exists on {}", t.def.name)));
    }
    Ok(PropertyGroup { name, label, display_order: display_order.unwrap_or(-1), archived: false })
}

/// Refuses to delete a group that still holds live properties.
pub fn check_group_empty(t: &TypeEntry, name: &str) -> EmuResult<()> {
    if t.properties.iter().any(|p| p.group_name == name && !p.archived) {
        return Err(EmuError::validation(format!(
            "Property group {name} still has properties; move or archive them first"
        )));
    }
    Ok(())
}
