//! User-defined association labels between two object types, as rules over the store: the
//! label name rule, defining a labelled pair of types (forward and inverse, at most
//! [`MAX_LABELS`] per pair of object types), relabelling one, and deleting one no record uses.
//! Only `USER_DEFINED` types may change. `routes/assoc_labels.rs` only calls these.

use rusqlite::Connection;

use super::associate::undefine_unused;
use super::error::{EmuError, EmuResult};
use super::seed::assoc_types::next_type_id;
use super::store::TypeEntry;
use super::store::assoc::{self, AssocType};

/// Most user-defined labels one pair of object types may have.
pub const MAX_LABELS: usize = 10;

/// A new label: its name (`mentor`), its label (`Mentor`), and the inverse side's label
/// (the same when absent).
#[derive(Debug, Clone, Copy)]
pub struct NewLabel<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub inverse_label: Option<&'a str>,
}

/// Checks a label's name: letters, digits and underscores, not starting with a digit.
pub fn check_name(name: &str) -> EmuResult<()> {
    let ok = name.chars().next().is_some_and(|c| !c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(EmuError::validation(format!(
            "Label name {name:?} is not valid: use letters, digits and underscores, not starting with a digit (no hyphens)"
        )))
    }
}

/// Defines a labelled type from `from` to `to` and its inverse; returns (forward, inverse).
pub fn define(
    conn: &Connection,
    from: &TypeEntry,
    to: &TypeEntry,
    new: NewLabel<'_>,
) -> EmuResult<(AssocType, AssocType)> {
    let existing = assoc::types_between(conn, from.def.no, to.def.no)?;
    if existing.iter().filter(|t| t.category == "USER_DEFINED" && t.label.is_some()).count() >= MAX_LABELS {
        return Err(EmuError::validation(format!(
            "{} and {} already have {MAX_LABELS} labels, the most allowed",
            from.def.name, to.def.name
        )));
    }
    if existing.iter().any(|t| t.name.as_deref() == Some(new.name)) {
        return Err(EmuError::conflict(format!(
            "A label named {:?} already exists between {} and {}",
            new.name, from.def.name, to.def.name
        )));
    }
    let id = next_type_id(conn)?;
    let forward = AssocType {
        from_type_no: from.def.no,
        to_type_no: to.def.no,
        category: "USER_DEFINED".into(),
        type_id: id,
        name: Some(new.name.to_owned()),
        label: Some(new.label.to_owned()),
        inverse_type_id: Some(id + 1),
    };
    let inverse = AssocType {
        from_type_no: to.def.no,
        to_type_no: from.def.no,
        type_id: id + 1,
        label: Some(new.inverse_label.unwrap_or(new.label).to_owned()),
        inverse_type_id: Some(id),
        ..forward.clone()
    };
    assoc::define(conn, &forward)?;
    assoc::define(conn, &inverse)?;
    Ok((forward, inverse))
}

/// The user-defined type `type_id` from `from` to `to`: a 404 when there is none, a 400 when
/// HubSpot defines it.
fn user_type(conn: &Connection, from: &TypeEntry, to: &TypeEntry, type_id: i64) -> EmuResult<AssocType> {
    let t = assoc::types_between(conn, from.def.no, to.def.no)?.into_iter().find(|t| t.type_id == type_id).ok_or_else(
        || EmuError::not_found(format!("No association type {type_id} from {} to {}", from.def.name, to.def.name)),
    )?;
    if t.category != "USER_DEFINED" {
        return Err(EmuError::validation(format!(
            "Association type {type_id} is defined by HubSpot and cannot be changed"
        )));
    }
    Ok(t)
}

/// Changes the label of a user-defined type and, when `inverse_label` is given, its inverse's.
pub fn relabel(
    conn: &Connection,
    from: &TypeEntry,
    to: &TypeEntry,
    type_id: i64,
    label: &str,
    inverse_label: Option<&str>,
) -> EmuResult<()> {
    let mut t = user_type(conn, from, to, type_id)?;
    t.label = Some(label.to_owned());
    assoc::define(conn, &t)?;
    if let (Some(inv_label), Some(inv_id)) = (inverse_label, t.inverse_type_id)
        && let Some(mut inv) =
            assoc::types_between(conn, to.def.no, from.def.no)?.into_iter().find(|x| x.type_id == inv_id)
    {
        inv.label = Some(inv_label.to_owned());
        assoc::define(conn, &inv)?;
    }
    Ok(())
}

/// Deletes a user-defined type and its inverse, refusing while records use either.
pub fn remove(conn: &Connection, from: &TypeEntry, to: &TypeEntry, type_id: i64) -> EmuResult<()> {
    let t = user_type(conn, from, to, type_id)?;
    undefine_unused(conn, &t, || {
        EmuError::validation(format!(
            "Association label {type_id} is still used by some records; remove it from them before deleting it"
        ))
    })
}
