//! Finding what a request names: an object type by a path's `{objectType}` (HubSpot's 400 for
//! an unknown one), a custom object's schema (404), and a record by its id or by a unique
//! `idProperty` value (following merges). Every route finds things through here.

use rusqlite::Connection;

use super::error::{EmuError, EmuResult};
use super::number;
use super::store::records::{self, Record};
use super::store::{Catalog, TypeEntry};
use super::value;
use crate::api::types::Property;

/// Resolves a path's `{objectType}` or answers HubSpot's 400.
pub fn object_type<'a>(cat: &'a Catalog, key: &str) -> EmuResult<&'a TypeEntry> {
    cat.resolve(key).ok_or_else(|| EmuError::validation(format!("Unable to infer object type from: {key}")))
}

/// A custom object type (the schemas API's `{objectType}`), or a 404.
pub fn custom_type<'a>(cat: &'a Catalog, key: &str) -> EmuResult<&'a TypeEntry> {
    cat.resolve(key)
        .filter(|t| t.def.custom)
        .ok_or_else(|| EmuError::not_found(format!("Unable to find a custom object schema for {key}")))
}

/// Parses a record id from a path or body.
pub fn parse_id(s: &str) -> Option<i64> {
    s.trim().parse::<i64>().ok().filter(|id| *id > 0)
}

/// The stored row a path's or body's id names, whatever its type or state (archived, merged
/// away); `None` when the key is not an id or no row has it.
pub fn by_id(conn: &Connection, key: &str) -> EmuResult<Option<Record>> {
    Ok(parse_id(key).map(|id| records::get(conn, id)).transpose()?.flatten())
}

/// Finds the record a single-record path names: by id (following merges) or by a unique
/// property given as `idProperty`.
pub fn record(
    conn: &Connection,
    t: &TypeEntry,
    key: &str,
    id_property: Option<&str>,
    archived: bool,
) -> EmuResult<Option<Record>> {
    let id = match id_property.filter(|p| !p.is_empty() && *p != "hs_object_id") {
        Some(prop_name) => {
            let prop = t.property(prop_name).ok_or_else(|| {
                EmuError::validation(format!("idProperty {prop_name} is not a property of {}", t.def.name))
            })?;
            if !t.is_unique(prop_name) {
                return Err(EmuError::validation(format!(
                    "idProperty {prop_name} is not a unique identifier property; only properties with hasUniqueValue can identify records"
                )));
            }
            let Some(key) = stored_key(t, prop, key) else { return Ok(None) };
            let Some(norm) = value::index_entries(&prop.kind, false, &key).into_iter().next() else {
                return Ok(None);
            };
            records::find_by_value(conn, t.def.no, prop_name, &norm.norm)?
        }
        None => parse_id(key),
    };
    let Some(id) = id else { return Ok(None) };
    let Some(rec) = records::get(conn, id)? else { return Ok(None) };
    let rec = if rec.merged_into.is_some() { records::resolve_merged(conn, rec)? } else { rec };
    Ok(Some(rec).filter(|r| r.type_no == t.def.no && r.archived == archived))
}

/// An `idProperty` key in the form the property's values are stored in (a trimmed email, a
/// canonical number); `None` when no stored value could equal it.
fn stored_key(t: &TypeEntry, prop: &Property, key: &str) -> Option<String> {
    if t.is_email(&prop.name) {
        Some(key.trim().to_owned())
    } else if prop.kind == "number" {
        number::canonical(key).ok()
    } else {
        Some(key.to_owned())
    }
}
