//! HubSpot's defined association type ids per direction (the "Associate records" table), and
//! the types a custom object gets when it is defined.

use rusqlite::Connection;

use crate::emulator::error::EmuResult;
use crate::emulator::store::assoc::{self, AssocType};
use crate::emulator::store::{Catalog, defs};

/// `(from, to, unlabeled id, inverse unlabeled id, primary id, inverse primary id)` by
/// singular names; 0 means "no primary label for this pair".
const STANDARD: &[(&str, &str, i64, i64, i64, i64)] = &[
    ("contact", "company", 279, 280, 1, 2),
    ("contact", "deal", 4, 3, 0, 0),
    ("contact", "ticket", 15, 16, 0, 0),
    ("contact", "call", 193, 194, 0, 0),
    ("contact", "email", 197, 198, 0, 0),
    ("contact", "meeting", 199, 200, 0, 0),
    ("contact", "note", 201, 202, 0, 0),
    ("contact", "task", 203, 204, 0, 0),
    ("company", "deal", 342, 341, 6, 5),
    ("company", "ticket", 340, 339, 25, 26),
    ("company", "call", 181, 182, 0, 0),
    ("company", "email", 185, 186, 0, 0),
    ("company", "meeting", 187, 188, 0, 0),
    ("company", "note", 189, 190, 0, 0),
    ("company", "task", 191, 192, 0, 0),
    ("deal", "ticket", 27, 28, 0, 0),
    ("deal", "call", 205, 206, 0, 0),
    ("deal", "email", 209, 210, 0, 0),
    ("deal", "meeting", 211, 212, 0, 0),
    ("deal", "note", 213, 214, 0, 0),
    ("deal", "task", 215, 216, 0, 0),
    ("ticket", "call", 219, 220, 0, 0),
    ("ticket", "email", 223, 224, 0, 0),
    ("ticket", "meeting", 225, 226, 0, 0),
    ("ticket", "note", 227, 228, 0, 0),
    ("ticket", "task", 229, 230, 0, 0),
    ("contact", "contact", 449, 449, 0, 0),
    ("company", "company", 450, 450, 0, 0),
    ("deal", "deal", 451, 451, 0, 0),
    ("ticket", "ticket", 452, 452, 0, 0),
    // HubSpot's "Associate records" tables; the inverse ids of postal mail (454…460) and of
    // line item→deal (20) are not published there and are guesses.
    ("communication", "contact", 81, 82, 0, 0),
    ("communication", "ticket", 83, 84, 0, 0),
    ("communication", "deal", 85, 86, 0, 0),
    ("communication", "company", 87, 88, 0, 0),
    ("postal_mail", "contact", 453, 454, 0, 0),
    ("postal_mail", "ticket", 455, 456, 0, 0),
    ("postal_mail", "deal", 457, 458, 0, 0),
    ("postal_mail", "company", 459, 460, 0, 0),
    ("deal", "line_item", 19, 20, 0, 0),
    ("lead", "contact", 608, 609, 0, 0),
];

/// Activity types every custom object is associated with automatically.
pub const ACTIVITIES: &[&str] = &["0-46", "0-47", "0-27", "0-48", "0-49"];

fn pair(
    conn: &Connection,
    from: (i64, &str),
    to: (i64, &str),
    category: &str,
    ids: (i64, i64),
    label: Option<(&str, &str)>,
) -> EmuResult<()> {
    let (fa, fb) = (from.1, to.1);
    let name_ab = format!("{fa}_to_{fb}");
    let name_ba = format!("{fb}_to_{fa}");
    assoc::define(
        conn,
        &AssocType {
            from_type_no: from.0,
            to_type_no: to.0,
            category: category.to_owned(),
            type_id: ids.0,
            name: Some(name_ab),
            label: label.map(|l| l.0.to_owned()),
            inverse_type_id: Some(ids.1),
        },
    )?;
    if from.0 != to.0 || ids.0 != ids.1 {
        assoc::define(
            conn,
            &AssocType {
                from_type_no: to.0,
                to_type_no: from.0,
                category: category.to_owned(),
                type_id: ids.1,
                name: Some(name_ba),
                label: label.map(|l| l.1.to_owned()),
                inverse_type_id: Some(ids.0),
            },
        )?;
    }
    Ok(())
}

/// Defines HubSpot's standard association types between the standard objects.
pub fn define_standard(conn: &Connection, cat: &Catalog) -> EmuResult<()> {
    for &(a, b, un, un_inv, pri, pri_inv) in STANDARD {
        let (Some(ta), Some(tb)) = (cat.resolve(a), cat.resolve(b)) else { continue };
        let from = (ta.def.no, a);
        let to = (tb.def.no, b);
        if pri != 0 {
            // With a Primary label, v3 calls the unlabeled type `…_unlabeled`.
            assoc::define(
                conn,
                &AssocType {
                    from_type_no: from.0,
                    to_type_no: to.0,
                    category: "HUBSPOT_DEFINED".into(),
                    type_id: un,
                    name: Some(format!("{a}_to_{b}_unlabeled")),
                    label: None,
                    inverse_type_id: Some(un_inv),
                },
            )?;
            assoc::define(
                conn,
                &AssocType {
                    from_type_no: to.0,
                    to_type_no: from.0,
                    category: "HUBSPOT_DEFINED".into(),
                    type_id: un_inv,
                    name: Some(format!("{b}_to_{a}_unlabeled")),
                    label: None,
                    inverse_type_id: Some(un),
                },
            )?;
            pair(conn, from, to, "HUBSPOT_DEFINED", (pri, pri_inv), Some(("Primary", "Primary")))?;
        } else {
            pair(conn, from, to, "HUBSPOT_DEFINED", (un, un_inv), None)?;
        }
    }
    if let Some(co) = cat.resolve("company") {
        let no = co.def.no;
        pair(
            conn,
            (no, "company"),
            (no, "company"),
            "HUBSPOT_DEFINED",
            (13, 14),
            Some(("Parent Company", "Child Company")),
        )?;
    }
    Ok(())
}

/// Allocates a fresh association type id (custom definitions and labels).
pub fn next_type_id(conn: &Connection) -> EmuResult<i64> {
    let n = defs::meta(conn, "next_assoc_type_id")?.and_then(|s| s.parse().ok()).unwrap_or(1001_i64);
    defs::set_meta(conn, "next_assoc_type_id", &(n + 2).to_string())?;
    Ok(n)
}

/// Defines the unlabeled association between a custom type and another type, both ways;
/// returns the id from the custom side.
pub fn define_custom(conn: &Connection, custom: (i64, &str), other: (i64, &str), category: &str) -> EmuResult<i64> {
    if let Some(existing) = assoc::default_type(conn, custom.0, other.0)? {
        return Ok(existing.type_id);
    }
    let id = next_type_id(conn)?;
    pair(conn, custom, other, category, (id, id + 1), None)?;
    Ok(id)
}

/// Defines a custom type's associations: the named objects (user-defined) and the activity
/// types (automatic).
pub fn define_for_custom(
    conn: &Connection,
    cat: &Catalog,
    custom: (i64, &str),
    associated: &[String],
) -> EmuResult<()> {
    for key in associated {
        if let Some(t) = cat.resolve(key) {
            define_custom(conn, custom, (t.def.no, &t.def.singular), "USER_DEFINED")?;
        }
    }
    for key in ACTIVITIES {
        if let Some(t) = cat.resolve(key) {
            define_custom(conn, custom, (t.def.no, &t.def.singular), "HUBSPOT_DEFINED")?;
        }
    }
    Ok(())
}
