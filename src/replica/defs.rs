//! Copying a portal's definitions into the replica: the chosen types (custom schemas made
//! with the portal's ids), their properties and groups (the portal's set exactly), pipelines,
//! owners, and the association types between the chosen types.

use rusqlite::{Connection, params};

use super::SyncError;
use crate::api::associations::AssociationLabel;
use crate::api::client::Client;
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::store::assoc::{self, AssocType};
use crate::emulator::store::catalog::ObjectTypeDef;
use crate::emulator::store::{Catalog, Store, TypeEntry, defs};
use crate::model::Property;
use crate::model::property::PropertyGroup;
use crate::model::schema::ObjectSchema;
use crate::timefmt::ms_from_datetime;

/// One chosen type: how the portal's paths name it and how the replica does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// `contacts`, or a custom type's `objectTypeId` (`2-3465404`).
    pub remote: String,
    /// The replica's name for it (`contacts`, the schema's name `cars`).
    pub local: String,
    /// The property that holds the last-modified time.
    pub lastmodified: &'static str,
    /// Every property the portal defines (live ones), read with every record.
    pub properties: Vec<String>,
}

impl Chosen {
    /// The replica's entry for this type (written by the definitions step).
    ///
    /// # Errors
    /// A validation error when the replica has no such type.
    pub fn entry<'c>(&self, cat: &'c Catalog) -> EmuResult<&'c TypeEntry> {
        cat.resolve(&self.local).ok_or_else(|| EmuError::validation(format!("unknown type {}", self.local)))
    }
}

/// The CRM's standard types a sync takes when none are named (activities only when named).
pub const DEFAULT_STANDARD: [&str; 4] = ["contacts", "companies", "deals", "tickets"];

/// Resolves the names asked for (`None`: every custom type and the four core standard ones)
/// against the portal's schemas and the standard types the replica knows.
pub fn choose(asked: Option<&[String]>, schemas: &[ObjectSchema], known: &Catalog) -> Result<Vec<Chosen>, SyncError> {
    let custom = |s: &ObjectSchema| Chosen {
        remote: s.object_type_id.clone(),
        local: s.name.clone(),
        lastmodified: "hs_lastmodifieddate",
        properties: Vec::new(),
    };
    let standard = |name: &str| Chosen {
        remote: name.to_owned(),
        local: name.to_owned(),
        lastmodified: if name == "contacts" { "lastmodifieddate" } else { "hs_lastmodifieddate" },
        properties: Vec::new(),
    };
    let Some(asked) = asked else {
        let mut out: Vec<Chosen> = schemas.iter().filter(|s| !s.archived).map(custom).collect();
        out.extend(DEFAULT_STANDARD.iter().map(|n| standard(n)));
        return Ok(out);
    };
    let mut out: Vec<Chosen> = Vec::new();
    for name in asked {
        let key = name.trim();
        let found = schemas.iter().find(|s| {
            [s.name.as_str(), s.object_type_id.as_str(), s.fully_qualified_name.as_str(), s.labels.plural.as_str()]
                .iter()
                .any(|n| n.eq_ignore_ascii_case(key))
        });
        let chosen = match found {
            Some(s) => custom(s),
            None => match known.resolve(key).filter(|t| !t.def.custom) {
                Some(t) => standard(&t.def.name),
                None => {
                    let names: Vec<&str> = schemas.iter().map(|s| s.name.as_str()).collect();
                    return Err(SyncError::Usage(format!(
                        "the portal has no object type {key:?} (custom types: {}; standard types by their plural, e.g. contacts)",
                        if names.is_empty() { "none".to_owned() } else { names.join(", ") }
                    )));
                }
            },
        };
        if !out.iter().any(|c| c.local == chosen.local) {
            out.push(chosen);
        }
    }
    Ok(out)
}

/// A custom schema as the replica's type definition (the portal's ids kept).
fn custom_def(s: &ObjectSchema, old: Option<&ObjectTypeDef>) -> ObjectTypeDef {
    let ms = |v: &Option<String>| v.as_deref().and_then(ms_from_datetime).unwrap_or(0);
    ObjectTypeDef {
        no: 0,
        type_id: s.object_type_id.clone(),
        name: s.name.clone(),
        singular: s.name.clone(),
        labels: s.labels.clone(),
        custom: true,
        fully_qualified_name: Some(s.fully_qualified_name.clone()).filter(|f| !f.is_empty()),
        schema_id: Some(s.id.clone()),
        description: s.description.clone(),
        primary_display_property: s.primary_display_property.clone(),
        secondary_display_properties: s.secondary_display_properties.clone(),
        searchable_properties: s.searchable_properties.clone(),
        required_properties: s.required_properties.clone(),
        required_any_of: Vec::new(),
        default_properties: vec!["hs_createdate".into(), "hs_lastmodifieddate".into(), "hs_object_id".into()],
        has_legacy_createdate: false,
        legacy_lastmodified: false,
        created_at: ms(&s.created_at),
        updated_at: ms(&s.updated_at),
        archived: false,
        validations: old.map(|o| o.validations.clone()).unwrap_or_default(),
        write_rules: old.map(|o| o.write_rules.clone()).unwrap_or_default(),
    }
}

/// What one type's definitions are on the portal.
pub struct TypeDefs {
    pub schema: Option<ObjectSchema>,
    pub properties: Vec<Property>,
    pub groups: Vec<PropertyGroup>,
    pub pipelines: Vec<serde_json::Value>,
}

/// Reads one type's definitions from the portal. Types without pipelines answer 4xx: none.
pub async fn read_type(client: &Client, c: &Chosen, schemas: &[ObjectSchema]) -> Result<TypeDefs, SyncError> {
    let properties = client.properties(&c.remote).await?;
    let groups = client.property_groups(&c.remote).await?;
    let pipelines = client.pipelines(&c.remote).await.unwrap_or_default();
    let schema = schemas.iter().find(|s| s.object_type_id == c.remote).cloned();
    Ok(TypeDefs { schema, properties, groups, pipelines })
}

/// Writes one type's definitions: the type (made when custom and new), the portal's
/// properties and groups exactly (others removed), its pipelines.
pub fn write_type(store: &Store, c: &Chosen, d: &TypeDefs) -> Result<(), SyncError> {
    store.write_catalog_blocking(|tx, cat| {
        let no = match (&d.schema, cat.resolve(&c.local)) {
            (Some(s), old) => defs::put_type(tx, &custom_def(s, old.map(|t| &t.def)))?,
            (None, Some(t)) => t.def.no,
            (None, None) => {
                return Err(EmuError::validation(format!("unknown type {}", c.local)));
            }
        };
        replace_properties(tx, no, &d.properties, &d.groups)?;
        tx.execute("DELETE FROM pipeline WHERE type_no = ?1", [no])?;
        for p in &d.pipelines {
            if let Some(id) = p["id"].as_str() {
                defs::put_pipeline(tx, no, id, p)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// The names a type has in a definitions table (`property`, `property_group`).
fn held_names(tx: &Connection, table: &str, no: i64) -> EmuResult<Vec<String>> {
    let sql = format!("SELECT name FROM {table} WHERE type_no = ?1");
    Ok(tx.prepare(&sql)?.query_map([no], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

fn replace_properties(tx: &Connection, no: i64, props: &[Property], groups: &[PropertyGroup]) -> EmuResult<()> {
    let names: Vec<&str> = props.iter().map(|p| p.name.as_str()).collect();
    for name in held_names(tx, "property", no)?.iter().filter(|n| !names.contains(&n.as_str())) {
        defs::delete_property(tx, no, name)?;
    }
    for p in props {
        defs::put_property(tx, no, p)?;
    }
    let group_names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    for name in held_names(tx, "property_group", no)?.iter().filter(|n| !group_names.contains(&n.as_str())) {
        defs::delete_group(tx, no, name)?;
    }
    for g in groups {
        defs::put_group(tx, no, g)?;
    }
    Ok(())
}

/// Writes the portal's owners (the owners API reads them from here).
pub fn write_owners(store: &Store, owners: &[serde_json::Value]) -> Result<(), SyncError> {
    let json = serde_json::Value::Array(owners.to_vec()).to_string();
    store.write_blocking(|tx, _| defs::set_meta(tx, "owners", &json))?;
    Ok(())
}

/// Replaces the association types between two chosen types with the portal's, both
/// directions; a type's inverse is the other side's type with the same label.
pub fn write_labels(
    store: &Store,
    (a, b): (&str, &str),
    ab: &[AssociationLabel],
    ba: &[AssociationLabel],
) -> Result<(), SyncError> {
    store.write_blocking(|tx, cat| {
        let (Some(ta), Some(tb)) = (cat.resolve(a), cat.resolve(b)) else { return Ok(()) };
        let (na, nb) = (ta.def.no, tb.def.no);
        tx.execute(
            "DELETE FROM assoc_type WHERE (from_type_no = ?1 AND to_type_no = ?2) OR (from_type_no = ?2 AND to_type_no = ?1)",
            params![na, nb],
        )?;
        let inverse = |l: &AssociationLabel, other: &[AssociationLabel]| {
            other.iter().find(|o| o.label == l.label && o.category == l.category).map(|o| o.type_id)
        };
        let name = |from: &str, to: &str, l: &AssociationLabel| {
            Some(format!("{}_to_{}", singular(from), singular(to))).filter(|_| l.label.is_none())
        };
        for (from, to, labels, other, (fs, ts)) in [(na, nb, ab, ba, (a, b)), (nb, na, ba, ab, (b, a))] {
            for l in labels {
                assoc::define(
                    tx,
                    &AssocType {
                        from_type_no: from,
                        to_type_no: to,
                        category: l.category.clone(),
                        type_id: l.type_id,
                        name: name(fs, ts, l),
                        label: l.label.clone(),
                        inverse_type_id: inverse(l, other),
                    },
                )?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

fn singular(name: &str) -> &str {
    match name {
        "contacts" => "contact",
        "companies" => "company",
        "deals" => "deal",
        "tickets" => "ticket",
        other => other.strip_suffix('s').unwrap_or(other),
    }
}
