//! Custom object schemas (HubSpot's schemas API) as rules over the store: the schema view of a
//! type, creating a type (its definition, property group, built-in and given properties, and
//! association types), applying a patch, archiving an empty type, and adding or removing one
//! of its association definitions. Handlers in `routes/schemas.rs` and
//! `routes/schema_assoc.rs` only call these.

use rusqlite::Connection;

use super::associate::undefine_unused;
use super::error::{EmuError, EmuResult};
use super::propdef;
use super::seed::assoc_types;
use super::seed::defs::{builtin_properties, pipeline_properties};
use super::store::{Catalog, ObjectTypeDef, TypeEntry, assoc, defs, records};
use crate::api::types::{AssociationDefinition, ObjectSchema, ObjectSchemaEgg, ObjectSchemaPatch, PropertyGroup};
use crate::timefmt::iso_from_ms;

/// A custom type's schema as the API returns it.
pub fn schema_of(conn: &Connection, cat: &Catalog, t: &TypeEntry) -> EmuResult<ObjectSchema> {
    let mut associations = Vec::new();
    for other in cat.types() {
        for at in assoc::types_between(conn, t.def.no, other.def.no)?.into_iter().filter(|a| a.label.is_none()) {
            associations.push(AssociationDefinition {
                id: at.type_id.to_string(),
                from_object_type_id: t.def.type_id.clone(),
                to_object_type_id: other.def.type_id.clone(),
                name: at.name.clone(),
                created_at: Some(iso_from_ms(t.def.created_at)),
                updated_at: Some(iso_from_ms(t.def.updated_at)),
            });
        }
    }
    Ok(ObjectSchema {
        id: t.def.schema_id.clone().unwrap_or_default(),
        object_type_id: t.def.type_id.clone(),
        fully_qualified_name: t.def.fully_qualified_name.clone().unwrap_or_default(),
        meta_type: "PORTAL_SPECIFIC".into(),
        name: t.def.name.clone(),
        labels: t.def.labels.clone(),
        primary_display_property: t.def.primary_display_property.clone(),
        secondary_display_properties: t.def.secondary_display_properties.clone(),
        searchable_properties: t.def.searchable_properties.clone(),
        required_properties: t.def.required_properties.clone(),
        properties: t.properties.iter().filter(|p| !p.archived).cloned().collect(),
        associations,
        description: t.def.description.clone(),
        archived: t.def.archived,
        allows_sensitive_properties: false,
        portal_id: Some(cat.portal_id),
        created_at: Some(iso_from_ms(t.def.created_at)),
        updated_at: Some(iso_from_ms(t.def.updated_at)),
    })
}

/// The schema of the type `type_id` as just written (read back from the open transaction).
fn written_schema(conn: &Connection, type_id: &str, vanished: &str) -> EmuResult<ObjectSchema> {
    let fresh = Catalog::load(conn)?;
    let t = fresh.resolve(type_id).ok_or_else(|| EmuError::validation(vanished.to_owned()))?;
    schema_of(conn, &fresh, t)
}

fn check_names_exist(props: &[String], names: &[&str], what: &str) -> EmuResult<()> {
    for n in names {
        if !props.iter().any(|p| p == n) {
            return Err(EmuError::validation(format!("{what} {n:?} is not one of the schema's properties")));
        }
    }
    Ok(())
}

fn validate_egg(egg: &ObjectSchemaEgg, cat: &Catalog) -> EmuResult<()> {
    propdef::check_name("Object", &egg.name)?;
    if egg.labels.singular.trim().is_empty() || egg.labels.plural.trim().is_empty() {
        return Err(EmuError::validation("Some required fields were not set: [labels.singular, labels.plural]"));
    }
    if cat.types().iter().any(|t| t.def.name.eq_ignore_ascii_case(&egg.name)) {
        return Err(EmuError::conflict(format!("An object type named {:?} already exists", egg.name)));
    }
    let names: Vec<String> = egg.properties.iter().map(|p| p.name.clone()).collect();
    let req: Vec<&str> = egg.required_properties.iter().map(String::as_str).collect();
    check_names_exist(&names, &req, "Required property")?;
    let shown: Vec<&str> =
        egg.primary_display_property.iter().chain(&egg.secondary_display_properties).map(String::as_str).collect();
    check_names_exist(&names, &shown, "Display property")?;
    let searchable: Vec<&str> = egg.searchable_properties.iter().map(String::as_str).collect();
    check_names_exist(&names, &searchable, "Searchable property")
}

/// The definition of a new custom type numbered `n` (`2-{n}`).
fn new_type(egg: &ObjectSchemaEgg, portal_id: i64, n: i64, now: i64) -> ObjectTypeDef {
    ObjectTypeDef {
        no: 0,
        type_id: format!("2-{n}"),
        name: egg.name.clone(),
        singular: egg.name.clone(),
        labels: egg.labels.clone(),
        custom: true,
        fully_qualified_name: Some(format!("p{portal_id}_{}", egg.name)),
        schema_id: Some(n.to_string()),
        description: egg.description.clone(),
        primary_display_property: egg.primary_display_property.clone(),
        secondary_display_properties: egg.secondary_display_properties.clone(),
        searchable_properties: egg.searchable_properties.clone(),
        required_properties: egg.required_properties.clone(),
        required_any_of: Vec::new(),
        default_properties: vec!["hs_createdate".into(), "hs_lastmodifieddate".into(), "hs_object_id".into()],
        has_legacy_createdate: false,
        legacy_lastmodified: false,
        created_at: now,
        updated_at: now,
        archived: false,
        validations: std::collections::BTreeMap::new(),
        write_rules: crate::emulator::rules::WriteRules::default(),
    }
}

/// Creates a custom type from `egg`; returns its schema.
pub fn create(conn: &Connection, cat: &Catalog, egg: &ObjectSchemaEgg, now: i64) -> EmuResult<ObjectSchema> {
    validate_egg(egg, cat)?;
    let n = defs::meta(conn, "next_schema_id")?.and_then(|s| s.parse::<i64>().ok()).unwrap_or(4_100_001);
    defs::set_meta(conn, "next_schema_id", &(n + 1).to_string())?;
    let def = new_type(egg, cat.portal_id, n, now);
    let no = defs::put_type(conn, &def)?;
    // HubSpot names the first group after the singular label (`car_information`).
    let group = PropertyGroup {
        name: format!("{}_information", crate::model::internal_name(&egg.labels.singular)),
        label: format!("{} information", egg.labels.singular),
        display_order: 0,
        archived: false,
    };
    defs::put_group(conn, no, &group)?;
    let created = iso_from_ms(now);
    let mut props = builtin_properties(&def, &group.name, &created);
    props.extend(pipeline_properties(&group.name, &created));
    let entry = TypeEntry::new(ObjectTypeDef { no, ..def.clone() }, props.clone(), vec![group.clone()]);
    for c in &egg.properties {
        props.push(propdef::from_create(&entry, c, now)?);
    }
    for p in &props {
        defs::put_property(conn, no, p)?;
    }
    assoc_types::define_for_custom(conn, cat, (no, &def.singular), &egg.associated_objects)?;
    written_schema(conn, &def.type_id, "schema vanished while creating it")
}

/// Applies a patch to a custom type; returns its schema.
pub fn update(conn: &Connection, t: &TypeEntry, patch: &ObjectSchemaPatch, now: i64) -> EmuResult<ObjectSchema> {
    let names: Vec<String> = t.properties.iter().filter(|p| !p.archived).map(|p| p.name.clone()).collect();
    let mut def = t.def.clone();
    if let Some(l) = &patch.labels {
        def.labels = l.clone();
    }
    if let Some(d) = &patch.description {
        def.description = Some(d.clone());
    }
    if let Some(p) = &patch.primary_display_property {
        check_names_exist(&names, &[p.as_str()], "Display property")?;
        def.primary_display_property = Some(p.clone());
    }
    for (src, dst, what) in [
        (&patch.secondary_display_properties, &mut def.secondary_display_properties, "Display property"),
        (&patch.searchable_properties, &mut def.searchable_properties, "Searchable property"),
        (&patch.required_properties, &mut def.required_properties, "Required property"),
    ] {
        if let Some(list) = src {
            let refs: Vec<&str> = list.iter().map(String::as_str).collect();
            check_names_exist(&names, &refs, what)?;
            dst.clone_from(list);
        }
    }
    def.updated_at = now;
    defs::put_type(conn, &def)?;
    written_schema(conn, &def.type_id, "schema vanished while updating it")
}

/// Archives a custom type that has no records left.
pub fn archive(conn: &Connection, t: &TypeEntry) -> EmuResult<()> {
    if records::count(conn, t.def.no)? > 0 {
        return Err(EmuError::validation(format!(
            "Object type {} still has records; archive them before deleting the schema",
            t.def.name
        )));
    }
    let mut def = t.def.clone();
    def.archived = true;
    defs::put_type(conn, &def)?;
    Ok(())
}

/// Adds an association definition that starts or ends at the custom type `t`, optionally
/// named; returns its id.
pub fn define_association(
    conn: &Connection,
    t: &TypeEntry,
    from: &TypeEntry,
    to: &TypeEntry,
    name: Option<&str>,
) -> EmuResult<i64> {
    if from.def.no != t.def.no && to.def.no != t.def.no {
        return Err(EmuError::validation(format!(
            "An association definition of {} must start or end at it",
            t.def.name
        )));
    }
    if let Some(n) = name {
        propdef::check_name("Association", n)?;
    }
    let id = assoc_types::define_custom(
        conn,
        (from.def.no, &from.def.singular),
        (to.def.no, &to.def.singular),
        "USER_DEFINED",
    )?;
    if let Some(n) = name
        && let Some(mut at) = assoc::types_between(conn, from.def.no, to.def.no)?.into_iter().find(|a| a.type_id == id)
    {
        at.name = Some(n.to_owned());
        assoc::define(conn, &at)?;
    }
    Ok(id)
}

/// Removes the association definition `id` of the custom type `t` (in either direction, with
/// its inverse), refusing while records use it.
pub fn remove_association(conn: &Connection, cat: &Catalog, t: &TypeEntry, id: i64) -> EmuResult<()> {
    for other in cat.types() {
        for (a, b) in [(t.def.no, other.def.no), (other.def.no, t.def.no)] {
            let Some(at) = assoc::types_between(conn, a, b)?.into_iter().find(|x| x.type_id == id) else {
                continue;
            };
            return undefine_unused(conn, &at, || {
                EmuError::validation(format!(
                    "Association definition {id} is used by some records; remove those associations first"
                ))
            });
        }
    }
    Err(EmuError::not_found(format!("No association definition {id} on {}", t.def.name)))
}
