//! The write path every create, update, upsert and merge goes through: validate each
//! property against its definition, enforce unique values and required properties, apply
//! associations and pinning, append history, and keep the indexes in step. On 2026-09 paths
//! (`WriteCtx::enforce_rules`) the portal's write rules apply too (`rules`). Everything runs
//! inside the caller's transaction, so a refused write changes nothing.

use std::cell::RefCell;
use std::collections::BTreeMap;

use axum::http::StatusCode;
use rusqlite::Connection;
use serde_json::{Map, Value};

use super::error::{EmuError, EmuResult};
use super::project::{is_builtin, value_of};
use super::store::history::{self, Source};
use super::store::records::{self, Record};
use super::store::{Catalog, TypeEntry, assoc, index};
use super::value::{self, Change, ValueError};
use crate::api::types::{AssociationInput, ErrorDetail};
use crate::model::ObjectWarning;
use crate::model::validation::{self, Verdict};

/// Who writes, when, and under which rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteCtx {
    pub now: i64,
    pub source: Source,
    /// Whether the portal's write rules apply (API version 2026-09 on; see `rules`).
    pub enforce_rules: bool,
    /// Values the rules normalized (`PROPERTY_VALUE_NORMALIZED`), for the response.
    pub warnings: RefCell<Vec<ObjectWarning>>,
}

impl WriteCtx {
    /// A write through the public API at the current time, without the 2026-09 rules.
    #[must_use]
    pub fn api() -> Self {
        Self {
            now: crate::timefmt::now_ms(),
            source: Source::api(),
            enforce_rules: false,
            warnings: RefCell::default(),
        }
    }

    /// The same write with the portal's write rules on or off.
    #[must_use]
    pub fn enforcing(mut self, on: bool) -> Self {
        self.enforce_rules = on;
        self
    }

    /// The warnings gathered since the last call.
    pub fn take_warnings(&self) -> Vec<ObjectWarning> {
        std::mem::take(&mut self.warnings.borrow_mut())
    }

    fn warn_normalized(&self, name: &str, raw: &str, normalized: &str) {
        let context = BTreeMap::from([
            ("propertyName".to_owned(), vec![name.to_owned()]),
            ("rawValue".to_owned(), vec![raw.to_owned()]),
            ("normalizedValue".to_owned(), vec![normalized.to_owned()]),
        ]);
        self.warnings.borrow_mut().push(ObjectWarning {
            category: "PROPERTY_VALUE_NORMALIZED".into(),
            message: format!("The value of {name} was normalized from {raw:?} to {normalized:?}"),
            context,
        });
    }
}

/// Activity types a record can pin.
pub const PINNABLE: &[&str] = &["0-46", "0-47", "0-27", "0-48", "0-49", "0-18", "0-116"];

/// Properties clients may write even though their definitions are read-only in HubSpot's
/// metadata (the docs say to set them through create/update/upsert).
const WRITABLE_DESPITE_METADATA: &[&str] = &["hs_pinned_engagement_id", "hs_unique_creation_key"];

/// One refused property value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropError {
    pub name: String,
    pub code: &'static str,
    pub message: String,
}

/// The 400 HubSpot answers for invalid property values.
#[must_use]
pub fn property_errors(portal_id: i64, errs: &[PropError]) -> EmuError {
    let list: Vec<Value> = errs
        .iter()
        .map(|e| {
            serde_json::json!({"isValid": false, "message": e.message, "error": e.code, "name": e.name,
                               "localizedErrorMessage": e.message, "portalId": portal_id})
        })
        .collect();
    let mut err = EmuError::validation(format!("Property values were not valid: {}", Value::Array(list)));
    for e in errs {
        let mut context = BTreeMap::new();
        context.insert("propertyName".to_owned(), vec![e.name.clone()]);
        err = err.with_detail(ErrorDetail {
            message: e.message.clone(),
            code: Some(e.code.to_owned()),
            context,
            in_: None,
        });
    }
    err
}

/// Validates and applies `props` to `rec` in memory; returns the names whose value changed.
fn apply_props(
    conn: &Connection,
    cat: &Catalog,
    t: &TypeEntry,
    rec: &mut Record,
    props: &Map<String, Value>,
    ctx: &WriteCtx,
) -> EmuResult<Vec<String>> {
    let mut errs = Vec::new();
    let mut rule_errs = Vec::new();
    let mut changed = Vec::new();
    for (name, raw) in props {
        let Some(prop) = t.property(name) else {
            errs.push(PropError {
                name: name.clone(),
                code: "PROPERTY_DOESNT_EXIST",
                message: format!("Property \"{name}\" does not exist"),
            });
            continue;
        };
        let text = match value::wire_text(name, raw) {
            Ok(Some(t)) => t,
            Ok(None) => continue,
            Err(ValueError { code, message }) => {
                errs.push(PropError { name: name.clone(), code, message });
                continue;
            }
        };
        if (prop.read_only_value() || is_builtin(name)) && !WRITABLE_DESPITE_METADATA.contains(&name.as_str()) {
            errs.push(PropError {
                name: name.clone(),
                code: "READ_ONLY_VALUE",
                message: format!("\"{name}\" is a read-only property; its value cannot be set."),
            });
            continue;
        }
        let normalized = if t.is_email(name) {
            value::normalize_email(&text)
        } else {
            value::normalize(prop, &text, rec.props.get(name).map(String::as_str))
        };
        let normalized = match normalized {
            Ok(Change::Set(v)) if ctx.enforce_rules => {
                match validation::check(&prop.validation_rules, &prop.kind, &prop.label, &v) {
                    Verdict::Pass => Ok(Change::Set(v)),
                    Verdict::Normalized(n) => {
                        ctx.warn_normalized(name, &v, &n);
                        Ok(Change::Set(n))
                    }
                    Verdict::Refused { rule_type, reason } => {
                        rule_errs.push(PropError {
                            name: name.clone(),
                            code: "INVALID_PROPERTY_VALUE",
                            message: reason,
                        });
                        tracing::debug!(property = %name, rule = %rule_type, "write refused by a validation rule");
                        continue;
                    }
                }
            }
            other => other,
        };
        match normalized {
            Ok(Change::Clear) => {
                if rec.props.remove(name).is_some() {
                    changed.push(name.clone());
                }
            }
            Ok(Change::Set(v)) => {
                if rec.props.get(name) != Some(&v) {
                    rec.props.insert(name.clone(), v);
                    changed.push(name.clone());
                }
            }
            Err(ValueError { code, message }) => errs.push(PropError { name: name.clone(), code, message }),
        }
    }
    if !errs.is_empty() {
        return Err(property_errors(cat.portal_id, &errs));
    }
    if !rule_errs.is_empty() {
        let said: Vec<(&str, &str, &str)> =
            rule_errs.iter().map(|e| (e.code, e.name.as_str(), e.message.as_str())).collect();
        return Err(super::rules::refused_values(&said));
    }
    check_unique(conn, t, rec, &changed)?;
    Ok(changed)
}

fn check_unique(conn: &Connection, t: &TypeEntry, rec: &Record, changed: &[String]) -> EmuResult<()> {
    for name in changed {
        let Some(prop) = t.property(name) else { continue };
        if !t.is_unique(name) {
            continue;
        }
        let Some(v) = rec.props.get(name) else { continue };
        for e in value::index_entries(&prop.kind, prop.is_multi_select(), v) {
            if let Some(other) = records::find_by_value(conn, t.def.no, name, &e.norm)? {
                if other == rec.id {
                    continue;
                }
                if t.def.type_id == "0-1" && name == "email" {
                    return Err(EmuError::conflict(format!("Contact already exists. Existing ID: {other}")));
                }
                return Err(EmuError::new(
                    StatusCode::CONFLICT,
                    "CONFLICT",
                    format!(
                        "A {} with {name} \"{v}\" already exists; {name} already has that value on record {other}.",
                        t.def.singular
                    ),
                )
                .with_context("id", vec![other.to_string()]));
            }
        }
    }
    Ok(())
}

fn check_required(cat: &Catalog, t: &TypeEntry, rec: &Record) -> EmuResult<()> {
    let has = |n: &str| rec.props.get(n).is_some_and(|v| !v.is_empty());
    let mut errs: Vec<PropError> = t
        .def
        .required_properties
        .iter()
        .filter(|n| !has(n))
        .map(|n| PropError {
            name: n.clone(),
            code: "REQUIRED_PROPERTY",
            message: format!("Property \"{n}\" is required to create a {}", t.def.singular),
        })
        .collect();
    if !t.def.required_any_of.is_empty() && !t.def.required_any_of.iter().any(|n| has(n)) {
        let names = t.def.required_any_of.join(" or ");
        errs.push(PropError {
            name: t.def.required_any_of.join(","),
            code: "REQUIRED_PROPERTY",
            message: format!("A {} needs at least one of {names}", t.def.singular),
        });
    }
    if errs.is_empty() { Ok(()) } else { Err(property_errors(cat.portal_id, &errs)) }
}

fn check_pin(conn: &Connection, cat: &Catalog, rec: &Record, changed: &[String]) -> EmuResult<()> {
    if !changed.iter().any(|n| n == "hs_pinned_engagement_id") {
        return Ok(());
    }
    let Some(v) = rec.props.get("hs_pinned_engagement_id") else { return Ok(()) };
    let bad = |why: String| {
        property_errors(
            cat.portal_id,
            &[PropError { name: "hs_pinned_engagement_id".into(), code: "INVALID_PINNED_ENGAGEMENT", message: why }],
        )
    };
    let Ok(id) = v.parse::<i64>() else {
        return Err(bad(format!("{v} is not an activity id")));
    };
    let target = records::get(conn, id)?.filter(|r| !r.archived);
    let is_activity =
        target.as_ref().and_then(|r| cat.by_no(r.type_no)).is_some_and(|t| PINNABLE.contains(&t.def.type_id.as_str()));
    if !is_activity {
        return Err(bad(format!(
            "{id} is not a call, email, meeting, note, task, communication or postal mail; only activities can be pinned"
        )));
    }
    if !assoc::linked(conn, rec.id, id)? {
        return Err(bad(format!(
            "activity {id} is not associated with record {}; associate it before pinning it",
            rec.id
        )));
    }
    Ok(())
}

fn record_history(conn: &Connection, rec: &Record, changed: &[String], ctx: &WriteCtx) -> EmuResult<()> {
    for name in changed {
        let v = rec.props.get(name).map_or("", String::as_str);
        history::append(conn, rec.id, name, ctx.now, v, &ctx.source)?;
    }
    Ok(())
}

/// Creates a record of type `t` with its associations; 400/409 on any invalid input.
pub fn create(
    conn: &Connection,
    cat: &Catalog,
    t: &TypeEntry,
    props: &Map<String, Value>,
    associations: &[AssociationInput],
    ctx: &WriteCtx,
) -> EmuResult<Record> {
    let id = records::next_id(conn)?;
    let mut rec = Record {
        id,
        type_no: t.def.no,
        archived: false,
        archived_at: None,
        created_at: ctx.now,
        updated_at: ctx.now,
        merged_into: None,
        props: BTreeMap::new(),
    };
    let mut changed = apply_props(conn, cat, t, &mut rec, props, ctx)?;
    check_required(cat, t, &rec)?;
    if ctx.enforce_rules {
        super::rules::check(t, &rec, props, true)?;
    }
    for (name, v) in [("hs_object_source", "API"), ("hs_object_source_label", "INTEGRATION")] {
        if t.property(name).is_some() {
            rec.props.insert(name.to_owned(), v.to_owned());
            changed.push(name.to_owned());
        }
    }
    records::insert(conn, &rec)?;
    link_all(conn, cat, t, rec.id, associations)?;
    check_pin(conn, cat, &rec, &changed)?;
    record_history(conn, &rec, &changed, ctx)?;
    index::index(conn, t, &rec)?;
    Ok(rec)
}

/// Applies an update to an existing live record.
pub fn update(
    conn: &Connection,
    cat: &Catalog,
    t: &TypeEntry,
    mut rec: Record,
    props: &Map<String, Value>,
    ctx: &WriteCtx,
) -> EmuResult<Record> {
    let changed = apply_props(conn, cat, t, &mut rec, props, ctx)?;
    if ctx.enforce_rules {
        super::rules::check(t, &rec, props, false)?;
    }
    check_pin(conn, cat, &rec, &changed)?;
    // Always later than before (a record dated ahead of the clock still moves on), so a
    // reader can tell it changed.
    rec.updated_at = ctx.now.max(rec.updated_at + 1);
    records::save(conn, &rec)?;
    record_history(conn, &rec, &changed, ctx)?;
    index::reindex(conn, t, &rec)?;
    Ok(rec)
}

/// Moves a record to the recycle bin.
pub fn archive(conn: &Connection, t: &TypeEntry, mut rec: Record, ctx: &WriteCtx) -> EmuResult<()> {
    if rec.archived {
        return Ok(());
    }
    rec.archived = true;
    rec.archived_at = Some(ctx.now);
    records::save(conn, &rec)?;
    index::reindex(conn, t, &rec)
}

/// Restores a record from the recycle bin (an emulator extension), unless a live record has
/// since taken one of its unique values.
pub fn restore(conn: &Connection, t: &TypeEntry, mut rec: Record, ctx: &WriteCtx) -> EmuResult<Record> {
    rec.archived = false;
    rec.archived_at = None;
    // Always later than before (a record dated ahead of the clock still moves on), so a
    // reader can tell it changed.
    rec.updated_at = ctx.now.max(rec.updated_at + 1);
    let names: Vec<String> = rec.props.keys().cloned().collect();
    check_unique(conn, t, &rec, &names)?;
    records::save(conn, &rec)?;
    index::reindex(conn, t, &rec)?;
    Ok(rec)
}

fn link_all(
    conn: &Connection,
    cat: &Catalog,
    t: &TypeEntry,
    from_id: i64,
    inputs: &[AssociationInput],
) -> EmuResult<()> {
    for a in inputs {
        let target =
            a.to.id
                .as_str()
                .parse::<i64>()
                .ok()
                .map(|id| records::get(conn, id))
                .transpose()?
                .flatten()
                .filter(|r| !r.archived)
                .ok_or_else(|| {
                    EmuError::validation(format!("Association target {} does not exist or is archived", a.to.id))
                        .with_context("toObjectId", vec![a.to.id.to_string()])
                })?;
        let to_t =
            cat.by_no(target.type_no).ok_or_else(|| EmuError::validation("association target has an unknown type"))?;
        if a.types.is_empty() {
            return Err(EmuError::validation("Invalid input JSON: Some required fields were not set: [types]"));
        }
        for spec in &a.types {
            let ty =
                assoc::find_type(conn, t.def.no, to_t.def.no, &spec.association_category, spec.association_type_id)?
                    .ok_or_else(|| {
                        EmuError::validation(format!(
                            "{} {} is not a valid association type from {} to {}",
                            spec.association_category, spec.association_type_id, t.def.name, to_t.def.name
                        ))
                    })?;
            assoc::link(conn, (from_id, t.def.no), (target.id, to_t.def.no), &ty)?;
        }
    }
    Ok(())
}

/// Merges `secondary` into `primary` (same type): the primary keeps its id and its values,
/// takes the secondary's values for properties it lacks, gains its associations and
/// history, and lists the secondary's id (and its merged ids) in `hs_merged_object_ids`; the
/// secondary is archived and resolves to the primary from then on.
pub fn merge(
    conn: &Connection,
    t: &TypeEntry,
    mut primary: Record,
    mut secondary: Record,
    ctx: &WriteCtx,
) -> EmuResult<Record> {
    let mut changed = Vec::new();
    for (k, v) in &secondary.props {
        if k == "hs_merged_object_ids" || k == "hs_unique_creation_key" || primary.props.contains_key(k) {
            continue;
        }
        primary.props.insert(k.clone(), v.clone());
        changed.push(k.clone());
    }
    let mut merged: Vec<String> = primary
        .props
        .get("hs_merged_object_ids")
        .map(|s| s.split(';').filter(|x| !x.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    let secondary_ids = value_of(t, &secondary, "hs_merged_object_ids").unwrap_or_default();
    for id in std::iter::once(secondary.id.to_string())
        .chain(secondary_ids.split(';').filter(|x| !x.is_empty()).map(str::to_owned))
    {
        if !merged.contains(&id) {
            merged.push(id);
        }
    }
    primary.props.insert("hs_merged_object_ids".into(), merged.join(";"));
    changed.push("hs_merged_object_ids".into());
    // Values moving over would collide with the secondary's own index rows: drop those first.
    index::unindex(conn, secondary.type_no, secondary.id)?;
    history::copy_missing(conn, secondary.id, primary.id, &changed)?;
    assoc::repoint(conn, secondary.id, primary.id)?;
    secondary.archived = true;
    secondary.archived_at = Some(ctx.now);
    secondary.merged_into = Some(primary.id);
    records::save(conn, &secondary)?;
    records::repoint_merged(conn, secondary.id, primary.id)?;
    primary.updated_at = ctx.now.max(primary.updated_at + 1);
    records::save(conn, &primary)?;
    record_history(conn, &primary, &["hs_merged_object_ids".to_owned()], ctx)?;
    index::reindex(conn, t, &primary)?;
    Ok(primary)
}
