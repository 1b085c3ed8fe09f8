//! Turning a stored record into the JSON HubSpot returns: choosing properties (defaults,
//! requested, built-ins), history, and associated ids.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::error::EmuResult;
use super::store::records::Record;
use super::store::{Catalog, TypeEntry, assoc, history};
use crate::api::types::{AssociatedId, AssociatedIdCollection, SimplePublicObject, ValueWithTimestamp};
use crate::timefmt::iso_from_ms;

/// What a read asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOpts {
    /// Property names; empty means the type's defaults.
    pub properties: Vec<String>,
    pub properties_with_history: Vec<String>,
    /// Object types whose associated ids to include.
    pub associations: Vec<String>,
}

/// The value of a built-in property derived from the record's columns, if `name` is one.
#[must_use]
pub fn builtin_value(t: &TypeEntry, rec: &Record, name: &str) -> Option<String> {
    match name {
        "hs_object_id" => Some(rec.id.to_string()),
        "hs_createdate" => Some(iso_from_ms(rec.created_at)),
        "createdate" if t.def.has_legacy_createdate => Some(iso_from_ms(rec.created_at)),
        "hs_lastmodifieddate" => Some(iso_from_ms(rec.updated_at)),
        "lastmodifieddate" if t.def.legacy_lastmodified => Some(iso_from_ms(rec.updated_at)),
        _ => None,
    }
}

/// Whether `name` is derived from record columns rather than stored.
#[must_use]
pub fn is_builtin(name: &str) -> bool {
    matches!(name, "hs_object_id" | "hs_createdate" | "createdate" | "hs_lastmodifieddate" | "lastmodifieddate")
}

/// The current value of any property of a record.
#[must_use]
pub fn value_of(t: &TypeEntry, rec: &Record, name: &str) -> Option<String> {
    builtin_value(t, rec, name).or_else(|| rec.props.get(name).cloned())
}

/// The names always returned: id and the create/modify dates under this type's names.
fn always(t: &TypeEntry) -> [&'static str; 3] {
    let created = if t.def.has_legacy_createdate { "createdate" } else { "hs_createdate" };
    [created, t.def.lastmodified_name(), "hs_object_id"]
}

/// The `properties` map of a response.
#[must_use]
pub fn properties(t: &TypeEntry, rec: &Record, requested: &[String]) -> BTreeMap<String, Option<String>> {
    let mut out = BTreeMap::new();
    let names: Vec<&str> = if requested.is_empty() {
        t.def.default_properties.iter().map(String::as_str).collect()
    } else {
        requested.iter().map(String::as_str).collect()
    };
    for name in names.into_iter().chain(always(t)) {
        if t.property(name).is_some() || builtin_value(t, rec, name).is_some() {
            out.insert(name.to_owned(), value_of(t, rec, name));
        }
    }
    out
}

/// Projects a record without reading history or associations.
#[must_use]
pub fn simple(t: &TypeEntry, rec: &Record, requested: &[String]) -> SimplePublicObject {
    SimplePublicObject {
        id: rec.id.to_string(),
        properties: properties(t, rec, requested),
        properties_with_history: None,
        associations: None,
        created_at: iso_from_ms(rec.created_at),
        updated_at: iso_from_ms(rec.updated_at),
        archived: rec.archived,
        archived_at: rec.archived_at.map(iso_from_ms),
        url: None,
        object_write_trace_id: None,
        new: None,
        warnings: Vec::new(),
    }
}

/// Projects a record with everything `opts` asks for.
pub fn full(
    conn: &Connection,
    cat: &Catalog,
    t: &TypeEntry,
    rec: &Record,
    opts: &ReadOpts,
) -> EmuResult<SimplePublicObject> {
    let mut obj = simple(t, rec, &opts.properties);
    if !opts.properties_with_history.is_empty() {
        obj.properties_with_history = Some(with_history(conn, t, rec, &opts.properties_with_history)?);
    }
    if !opts.associations.is_empty() {
        obj.associations = Some(associations(conn, cat, t, rec, &opts.associations)?);
    }
    Ok(obj)
}

fn with_history(
    conn: &Connection,
    t: &TypeEntry,
    rec: &Record,
    names: &[String],
) -> EmuResult<BTreeMap<String, Vec<ValueWithTimestamp>>> {
    let stored: Vec<String> = names.iter().filter(|n| t.property(n).is_some() && !is_builtin(n)).cloned().collect();
    let mut out = history::read(conn, rec, &stored)?;
    out.retain(|_, v| !v.is_empty());
    for name in names {
        if let Some(v) = builtin_value(t, rec, name) {
            // The id and the creation date were set once, when the record was created.
            let ts = if name.contains("create") || name == "hs_object_id" { rec.created_at } else { rec.updated_at };
            out.insert(
                name.clone(),
                vec![ValueWithTimestamp {
                    value: v,
                    timestamp: iso_from_ms(ts),
                    source_type: "CALCULATED".into(),
                    source_id: None,
                    source_label: None,
                    updated_by_user_id: None,
                }],
            );
        }
    }
    Ok(out)
}

fn associations(
    conn: &Connection,
    cat: &Catalog,
    t: &TypeEntry,
    rec: &Record,
    wanted: &[String],
) -> EmuResult<BTreeMap<String, AssociatedIdCollection>> {
    let mut out = BTreeMap::new();
    for key in wanted {
        let Some(to) = cat.resolve(key) else { continue };
        let types = assoc::types_between(conn, t.def.no, to.def.no)?;
        let links = assoc::links(conn, rec.id, to.def.no)?;
        if links.is_empty() {
            continue;
        }
        let results = links
            .into_iter()
            .map(|l| {
                let name = types
                    .iter()
                    .find(|ty| ty.type_id == l.type_id && ty.category == l.category)
                    .and_then(|ty| ty.name.clone())
                    .unwrap_or_else(|| format!("{}_to_{}", t.def.singular, to.def.singular));
                AssociatedId { id: l.to_id.to_string(), kind: name }
            })
            .collect();
        out.insert(to.def.association_key(), AssociatedIdCollection { results, paging: None });
    }
    Ok(out)
}
