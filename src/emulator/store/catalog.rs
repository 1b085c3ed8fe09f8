//! The catalog: object types and their property definitions, loaded from SQLite into memory
//! so every request can validate and project without touching the database. It is replaced
//! whole (behind an `Arc`) after any schema or property change. Each property carries its
//! validation rules (kept with the type, attached here).

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::api::types::{ObjectLabels, Property, PropertyGroup};
use crate::emulator::rules::WriteRules;
use crate::model::ValidationRule;

/// An object type (standard or custom) as the emulator knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectTypeDef {
    /// Internal small integer used in index tables.
    #[serde(skip)]
    pub no: i64,
    /// `0-1`, `2-3465404`, ...
    pub type_id: String,
    /// The plural path name for standard objects (`contacts`), the schema name for custom ones.
    pub name: String,
    /// The singular name (`contact`), accepted in paths as HubSpot does in some places.
    pub singular: String,
    pub labels: ObjectLabels,
    pub custom: bool,
    /// `p{portal}_{name}` for custom objects.
    #[serde(default)]
    pub fully_qualified_name: Option<String>,
    #[serde(default)]
    pub schema_id: Option<String>,
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
    /// At least one of these must be set on create (companies: `domain` or `name`).
    #[serde(default)]
    pub required_any_of: Vec<String>,
    /// Properties returned when a read names none.
    #[serde(default)]
    pub default_properties: Vec<String>,
    /// `createdate` for contacts, companies, deals, tickets; `hs_createdate` elsewhere too.
    #[serde(default)]
    pub has_legacy_createdate: bool,
    /// Contacts call it `lastmodifieddate`.
    #[serde(default)]
    pub legacy_lastmodified: bool,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
    #[serde(default)]
    pub archived: bool,
    /// Property validation rules (the property-validations API), by property name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub validations: BTreeMap<String, Vec<ValidationRule>>,
    /// The portal's write rules that 2026-09 enforces on API writes: conditionally required
    /// properties and the create-record form's required fields.
    #[serde(default, skip_serializing_if = "WriteRules::is_empty")]
    pub write_rules: WriteRules,
}

impl ObjectTypeDef {
    /// The key this type has in a record's `associations` map.
    #[must_use]
    pub fn association_key(&self) -> String {
        self.fully_qualified_name.clone().unwrap_or_else(|| self.name.clone())
    }

    /// The property that holds the last-modified time for this type.
    #[must_use]
    pub fn lastmodified_name(&self) -> &'static str {
        if self.legacy_lastmodified { "lastmodifieddate" } else { "hs_lastmodifieddate" }
    }
}

/// An object type with its properties.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeEntry {
    pub def: ObjectTypeDef,
    pub properties: Vec<Property>,
    pub groups: Vec<PropertyGroup>,
    by_name: HashMap<String, usize>,
}

impl TypeEntry {
    /// Builds an entry, indexing properties by name.
    #[must_use]
    pub fn new(def: ObjectTypeDef, mut properties: Vec<Property>, groups: Vec<PropertyGroup>) -> Self {
        for p in &mut properties {
            p.validation_rules = def.validations.get(&p.name).cloned().unwrap_or_default();
        }
        let by_name = properties.iter().enumerate().map(|(i, p)| (p.name.clone(), i)).collect();
        Self { def, properties, groups, by_name }
    }

    /// A live (not archived) property by name.
    #[must_use]
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.by_name.get(name).map(|&i| &self.properties[i]).filter(|p| !p.archived)
    }

    /// Whether a property identifies records uniquely (`hasUniqueValue`, or a contact's email).
    #[must_use]
    pub fn is_unique(&self, name: &str) -> bool {
        self.property(name).is_some_and(|p| p.has_unique_value) || self.is_email(name)
    }

    /// Whether a property holds an email address HubSpot validates (a contact's `email`).
    #[must_use]
    pub fn is_email(&self, name: &str) -> bool {
        self.def.type_id == "0-1" && name == "email"
    }

    /// A property by name, archived or not.
    #[must_use]
    pub fn property_any(&self, name: &str) -> Option<&Property> {
        self.by_name.get(name).map(|&i| &self.properties[i])
    }
}

/// All object types of the portal.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub portal_id: i64,
    types: Vec<TypeEntry>,
    by_key: HashMap<String, usize>,
    by_no: HashMap<i64, usize>,
}

impl Catalog {
    /// Builds a catalog from its types.
    #[must_use]
    pub fn new(portal_id: i64, types: Vec<TypeEntry>) -> Self {
        let mut by_key = HashMap::new();
        let mut by_no = HashMap::new();
        for (i, t) in types.iter().enumerate() {
            by_no.insert(t.def.no, i);
            for key in [&t.def.type_id, &t.def.name, &t.def.singular] {
                by_key.insert(key.to_ascii_lowercase(), i);
            }
            if let Some(fqn) = &t.def.fully_qualified_name {
                by_key.insert(fqn.to_ascii_lowercase(), i);
            }
        }
        Self { portal_id, types, by_key, by_no }
    }

    /// Resolves a path's `{objectType}`: an objectTypeId, a plural or singular name, or a
    /// custom object's fully qualified name (case-insensitive).
    #[must_use]
    pub fn resolve(&self, key: &str) -> Option<&TypeEntry> {
        self.by_key.get(&key.to_ascii_lowercase()).map(|&i| &self.types[i]).filter(|t| !t.def.archived)
    }

    /// A type by its internal number.
    #[must_use]
    pub fn by_no(&self, no: i64) -> Option<&TypeEntry> {
        self.by_no.get(&no).map(|&i| &self.types[i])
    }

    /// Every type, in creation order.
    #[must_use]
    pub fn types(&self) -> &[TypeEntry] {
        &self.types
    }

    /// Loads the catalog from the database.
    pub fn load(conn: &Connection) -> rusqlite::Result<Self> {
        let portal_id = conn
            .query_row("SELECT value FROM meta WHERE key = 'portal_id'", [], |r| r.get::<_, String>(0))
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut types = Vec::new();
        let mut stmt = conn.prepare("SELECT type_no, def FROM object_type ORDER BY type_no")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (no, json) = row?;
            let Ok(mut def) = serde_json::from_str::<ObjectTypeDef>(&json) else {
                tracing::warn!(type_no = no, "skipping an object type whose definition does not parse");
                continue;
            };
            def.no = no;
            let properties = load_json_rows(conn, "SELECT def FROM property WHERE type_no = ?1 ORDER BY pos", no)?;
            let groups = load_json_rows(conn, "SELECT def FROM property_group WHERE type_no = ?1 ORDER BY pos", no)?;
            types.push(TypeEntry::new(def, properties, groups));
        }
        Ok(Self::new(portal_id, types))
    }
}

fn load_json_rows<T: serde::de::DeserializeOwned>(conn: &Connection, sql: &str, no: i64) -> rusqlite::Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([no], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        match serde_json::from_str(&json?) {
            Ok(v) => out.push(v),
            Err(e) => tracing::warn!(error = %e, "skipping a stored definition that does not parse"),
        }
    }
    Ok(out)
}
