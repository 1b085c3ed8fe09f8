//! Association rules shared by the v3, v4 and batch association endpoints: the live records a
//! path names, which type ids fit a direction, linking with labels and removing them, deleting
//! a type with its inverse when unused, paging a record's links by target, and the views
//! HubSpot returns (v4's one entry per target, the labels between two records).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::error::{EmuError, EmuResult};
use super::lookup::{self, object_type};
use super::store::assoc::{self, AssocType, Link};
use super::store::records::Record;
use super::store::{Catalog, TypeEntry};
use crate::api::types::AssociationSpec;

/// An association type as v4 lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeView {
    pub category: String,
    pub type_id: i64,
    pub label: Option<String>,
}

impl From<&AssocType> for TypeView {
    fn from(t: &AssocType) -> Self {
        Self { category: t.category.clone(), type_id: t.type_id, label: t.label.clone() }
    }
}

/// One associated record with every type linking to it (v4 `MultiAssociatedObjectWithLabel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Associated {
    pub to_object_id: i64,
    pub association_types: Vec<TypeView>,
}

/// A live record of the given type by id, or a 404 naming it.
pub fn live(conn: &Connection, t: &TypeEntry, id: &str) -> EmuResult<Record> {
    lookup::by_id(conn, id)?.filter(|r| r.type_no == t.def.no && !r.archived).ok_or_else(|| {
        EmuError::not_found(format!("No {} with id {id} exists (or it is archived)", t.def.singular))
            .with_context("id", vec![id.to_owned()])
    })
}

/// Both object types and both live records a per-record association path names.
pub fn pair<'a>(
    conn: &Connection,
    cat: &'a Catalog,
    from: (&str, &str),
    to: (&str, &str),
) -> EmuResult<(&'a TypeEntry, Record, &'a TypeEntry, Record)> {
    let from_t = object_type(cat, from.0)?;
    let to_t = object_type(cat, to.0)?;
    let from_rec = live(conn, from_t, from.1)?;
    let to_rec = live(conn, to_t, to.1)?;
    Ok((from_t, from_rec, to_t, to_rec))
}

/// The type a spec names, if it fits the direction; HubSpot's 400 otherwise.
pub fn fitting(conn: &Connection, from: &TypeEntry, to: &TypeEntry, spec: &AssociationSpec) -> EmuResult<AssocType> {
    assoc::find_type(conn, from.def.no, to.def.no, &spec.association_category, spec.association_type_id)?.ok_or_else(
        || {
            let valid: Vec<String> = assoc::types_between(conn, from.def.no, to.def.no)
                .unwrap_or_default()
                .iter()
                .map(|t| format!("{} {}", t.category, t.type_id))
                .collect();
            EmuError::validation(format!(
                "{} {} is not a valid association type from {} to {}; valid: [{}]",
                spec.association_category,
                spec.association_type_id,
                from.def.name,
                to.def.name,
                valid.join(", ")
            ))
        },
    )
}

/// A type by numeric id or v3 name, in either category, for the v3 per-object endpoints.
pub fn by_id_or_name(conn: &Connection, from: &TypeEntry, to: &TypeEntry, key: &str) -> EmuResult<AssocType> {
    let types = assoc::types_between(conn, from.def.no, to.def.no)?;
    let found = match key.parse::<i64>() {
        Ok(id) => types.into_iter().find(|t| t.type_id == id),
        Err(_) => types.into_iter().find(|t| t.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(key))),
    };
    found.ok_or_else(|| {
        EmuError::validation(format!("{key} is not an association type from {} to {}", from.def.name, to.def.name))
    })
}

/// The unlabeled type between two object types.
pub fn default_type(conn: &Connection, from: &TypeEntry, to: &TypeEntry) -> EmuResult<AssocType> {
    assoc::default_type(conn, from.def.no, to.def.no)?.ok_or_else(|| {
        EmuError::validation(format!(
            "{} and {} cannot be associated: no association is defined between them",
            from.def.name, to.def.name
        ))
    })
}

/// What a labelled association write asks for: the unlabeled type (always kept) and the type
/// each spec names, checked against the direction.
pub fn wanted_types(
    conn: &Connection,
    from: &TypeEntry,
    to: &TypeEntry,
    specs: &[AssociationSpec],
) -> EmuResult<Vec<AssocType>> {
    let mut wanted = vec![default_type(conn, from, to)?];
    for s in specs {
        wanted.push(fitting(conn, from, to, s)?);
    }
    Ok(wanted)
}

/// Links two records (and the inverse) with each of `types`.
pub fn link_all(
    conn: &Connection,
    from: (&TypeEntry, &Record),
    to: (&TypeEntry, &Record),
    types: &[AssocType],
) -> EmuResult<()> {
    for ty in types {
        assoc::link(conn, (from.1.id, from.0.def.no), (to.1.id, to.0.def.no), ty)?;
    }
    Ok(())
}

/// Removes the labels `specs` name from the links between two records; naming the unlabeled
/// type removes every association between them, labels included.
pub fn remove_labels(
    conn: &Connection,
    from: (&TypeEntry, &Record),
    to: (&TypeEntry, &Record),
    specs: &[AssociationSpec],
) -> EmuResult<()> {
    for s in specs {
        let ty = fitting(conn, from.0, to.0, s)?;
        if ty.label.is_none() {
            assoc::unlink_pair(conn, from.1.id, to.1.id)?;
        } else {
            assoc::unlink(conn, (from.1.id, from.0.def.no), (to.1.id, to.0.def.no), &ty)?;
        }
    }
    Ok(())
}

/// Deletes an association type and its inverse, refusing with `in_use` while any record uses
/// either of them.
pub fn undefine_unused(conn: &Connection, t: &AssocType, in_use: impl FnOnce() -> EmuError) -> EmuResult<()> {
    let inverse = t.inverse_type_id.and_then(|inv| {
        assoc::types_between(conn, t.to_type_no, t.from_type_no).ok()?.into_iter().find(|x| x.type_id == inv)
    });
    let used = assoc::type_in_use(conn, t)?
        || inverse.as_ref().map(|i| assoc::type_in_use(conn, i)).transpose()?.unwrap_or(false);
    if used {
        return Err(in_use());
    }
    assoc::undefine(conn, t)?;
    if let Some(i) = inverse {
        assoc::undefine(conn, &i)?;
    }
    Ok(())
}

/// Groups links by target into v4's shape (types ordered by id).
#[must_use]
pub fn group(types: &[AssocType], links: &[Link]) -> Vec<Associated> {
    let mut out: Vec<Associated> = Vec::new();
    for l in links {
        let view = types
            .iter()
            .find(|t| t.type_id == l.type_id && t.category == l.category)
            .map_or_else(|| TypeView { category: l.category.clone(), type_id: l.type_id, label: None }, TypeView::from);
        match out.last_mut() {
            Some(last) if last.to_object_id == l.to_id => last.association_types.push(view),
            _ => out.push(Associated { to_object_id: l.to_id, association_types: vec![view] }),
        }
    }
    out
}

/// One page of a record's links to one object type: every link of at most `limit` targets,
/// and the first target of the next page when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPage {
    pub links: Vec<Link>,
    pub next: Option<i64>,
}

/// Cuts links sorted by target (as `assoc::links_page` returns them for `limit + 1` targets)
/// to the first `limit` targets; the target after them is the next page's cursor.
#[must_use]
pub fn cut_page(mut links: Vec<Link>, limit: usize) -> LinkPage {
    let mut targets: Vec<i64> = links.iter().map(|l| l.to_id).collect();
    targets.dedup();
    let next = targets.get(limit).copied();
    if let Some(next) = next {
        links.retain(|l| l.to_id < next);
    }
    LinkPage { links, next }
}

/// The page of links from `from` to records of `to` starting at target id `after`.
pub fn links_page(conn: &Connection, from: &Record, to: &TypeEntry, after: i64, limit: usize) -> EmuResult<LinkPage> {
    Ok(cut_page(assoc::links_page(conn, from.id, to.def.no, after, limit + 1)?, limit))
}

/// The labels of the links between two records, as v4 reports them (unlabeled omitted).
#[must_use]
pub fn labels_of(types: &[AssocType], links: &[Link]) -> Vec<String> {
    links
        .iter()
        .filter_map(|l| types.iter().find(|t| t.type_id == l.type_id && t.category == l.category))
        .filter_map(|t| t.label.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(to_id: i64, type_id: i64) -> Link {
        Link { to_id, category: "HUBSPOT_DEFINED".into(), type_id }
    }

    #[test]
    fn a_page_holds_whole_targets_and_names_the_next_one() {
        let links = vec![link(3, 1), link(3, 2), link(5, 1), link(8, 1), link(8, 4)];
        let page = cut_page(links.clone(), 2);
        assert_eq!(page.links, links[..3]);
        assert_eq!(page.next, Some(8));
        let last = cut_page(links.clone(), 3);
        assert_eq!((last.links, last.next), (links, None));
        assert_eq!(cut_page(Vec::new(), 1), LinkPage { links: Vec::new(), next: None });
    }

    #[test]
    fn grouping_a_page_gives_one_entry_per_target() {
        let page = cut_page(vec![link(3, 1), link(3, 2), link(5, 1), link(8, 1)], 2);
        let grouped = group(&[], &page.links);
        assert_eq!(grouped.iter().map(|a| a.to_object_id).collect::<Vec<_>>(), [3, 5]);
        assert_eq!(grouped[0].association_types.len(), 2);
    }
}
