//! Staged edits: changes to records' properties kept (and journalled) until committed, each
//! with the value it replaces, the record's last-modified time when it was read (for the
//! concurrent-edit guard) and, after a failed save, the reason.

pub mod conflict;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::text::TextField;
use crate::model::Property;
use crate::model::validation::Verdict;

/// One property's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub old: String,
    pub new: String,
    /// Why the last save refused it (kept staged to fix and retry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Someone else changed the record since it was read: their value now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<String>,
    /// The value replaced is not known yet (a bulk edit of records not loaded): it is read
    /// before the changeset is trusted, and shown as "not loaded" until then.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub old_unknown: bool,
}

impl Change {
    /// The old value as the changeset shows it.
    #[must_use]
    pub fn old_shown(&self) -> &str {
        if self.old_unknown { "(not loaded)" } else { &self.old }
    }
}

/// A record's staged changes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RecordEdits {
    /// `hs_lastmodifieddate` as the user saw it.
    #[serde(default)]
    pub seen_modified: Option<String>,
    /// Set after a conflict: the next commit writes ours over theirs.
    #[serde(default)]
    pub force: bool,
    pub props: BTreeMap<String, Change>,
}

/// Every staged change, by `(object type, record id)`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Staged {
    pub records: BTreeMap<String, BTreeMap<String, RecordEdits>>,
}

impl Staged {
    /// How many property changes are staged.
    #[must_use]
    pub fn count(&self) -> usize {
        self.records.values().flat_map(BTreeMap::values).map(|r| r.props.len()).sum()
    }

    /// Stages `property = new` on a record (dropping it when it returns to the old value).
    pub fn stage(
        &mut self,
        type_id: &str,
        id: &str,
        seen_modified: Option<String>,
        property: &str,
        old: &str,
        new: &str,
    ) {
        let rec = self.records.entry(type_id.to_owned()).or_default().entry(id.to_owned()).or_default();
        if rec.seen_modified.is_none() {
            rec.seen_modified = seen_modified;
        }
        let old = rec.props.get(property).map_or_else(|| old.to_owned(), |c| c.old.clone());
        if old == new {
            rec.props.remove(property);
        } else {
            rec.props.insert(
                property.to_owned(),
                Change { old, new: new.to_owned(), error: None, theirs: None, old_unknown: false },
            );
        }
        self.prune();
    }

    /// Stages `property = new` on a record whose current value is not known (it is read
    /// afterwards with [`Staged::learn_old`]). A change already staged keeps its old value.
    pub fn stage_unknown(&mut self, type_id: &str, id: &str, property: &str, new: &str) {
        let rec = self.records.entry(type_id.to_owned()).or_default().entry(id.to_owned()).or_default();
        match rec.props.get_mut(property) {
            Some(c) => {
                c.new = new.to_owned();
                c.error = None;
            }
            None => {
                rec.props.insert(
                    property.to_owned(),
                    Change { old: String::new(), new: new.to_owned(), error: None, theirs: None, old_unknown: true },
                );
            }
        }
    }

    /// The value a change replaces, read after it was staged (and the record's last-modified
    /// time, for the conflict guard). A change that turns out to set the value it already has
    /// is dropped.
    pub fn learn_old(&mut self, type_id: &str, id: &str, property: &str, old: &str, modified: Option<String>) {
        let Some(rec) = self.records.get_mut(type_id).and_then(|r| r.get_mut(id)) else { return };
        let Some(c) = rec.props.get_mut(property).filter(|c| c.old_unknown) else { return };
        c.old = old.to_owned();
        c.old_unknown = false;
        if rec.seen_modified.is_none() {
            rec.seen_modified = modified;
        }
        if rec.props.get(property).is_some_and(|c| c.old == c.new) {
            rec.props.remove(property);
        }
        self.prune();
    }

    /// Drops records and types with nothing staged.
    pub fn prune(&mut self) {
        for recs in self.records.values_mut() {
            recs.retain(|_, r| !r.props.is_empty());
        }
        self.records.retain(|_, r| !r.is_empty());
    }

    /// The staged value of a property, if any.
    #[must_use]
    pub fn value(&self, type_id: &str, id: &str, property: &str) -> Option<&Change> {
        self.records.get(type_id)?.get(id)?.props.get(property)
    }

    /// Flattened `(type, id, property)` rows, for the changeset view.
    #[must_use]
    pub fn rows(&self) -> Vec<(String, String, String)> {
        self.records
            .iter()
            .flat_map(|(t, recs)| {
                recs.iter().flat_map(move |(id, r)| r.props.keys().map(move |p| (t.clone(), id.clone(), p.clone())))
            })
            .collect()
    }
}

/// The inline editor on one property.
#[derive(Debug, Clone, PartialEq)]
pub struct EditField {
    pub type_id: String,
    pub id: String,
    pub property: Property,
    /// The value before editing (as stored).
    pub old: String,
    pub field: TextField,
    /// For enumerations: the highlighted option and (checkboxes) the checked values.
    pub selected: usize,
    pub checked: Vec<String>,
    /// Why the typed value is refused.
    pub error: Option<String>,
    pub seen_modified: Option<String>,
    /// For a bulk edit: every record the value goes to (`id` is then empty).
    pub ids: Vec<String>,
    /// Board moves waiting for this value (a stage that requires the property).
    pub then: Option<Box<crate::app::board::Fill>>,
}

impl EditField {
    /// The editor asking for a property a board move needs (`fill` waits for its value).
    #[must_use]
    pub fn asking(type_id: String, property: Property, fill: crate::app::board::Fill) -> Self {
        Self { then: Some(Box::new(fill)), ..Self::blank(type_id, property) }
    }

    /// An empty editor on `property`, for no record yet (a bulk edit or a board's question
    /// fills in whom it is for).
    #[must_use]
    pub fn blank(type_id: String, property: Property) -> Self {
        Self {
            type_id,
            id: String::new(),
            property,
            old: String::new(),
            field: TextField::default(),
            selected: 0,
            checked: Vec::new(),
            error: None,
            seen_modified: None,
            ids: Vec::new(),
            then: None,
        }
    }

    /// Whether this is a pick from options (single or several).
    #[must_use]
    pub fn is_pick(&self) -> bool {
        self.property.kind == "enumeration" && !self.property.options.is_empty()
    }

    /// Whether several options can be checked (`checkbox` field type).
    #[must_use]
    pub fn is_multi(&self) -> bool {
        self.is_pick() && self.property.field_type == "checkbox"
    }
}

/// The stored form of a typed value for a property, or why HubSpot would refuse it: the
/// value's type, then the property's validation rules (2026-09 refuses a write that breaks
/// one). A value a rule normalizes (spaces trimmed) is sent normalized, so every API version
/// stores the same. Only spaces is refused, not taken as clearing the value.
pub fn check_value(p: &Property, raw: &str, now_ms: i64) -> Result<String, String> {
    if !raw.is_empty() && raw.trim().is_empty() {
        return Err(format!("Only spaces: clear the field (ctrl-u) to remove {}'s value", p.label));
    }
    let stored = check_type(p, raw, now_ms)?;
    match crate::model::validation::check(&p.validation_rules, &p.kind, &p.label, &stored) {
        Verdict::Refused { reason, .. } => Err(reason),
        Verdict::Pass => Ok(stored),
        Verdict::Normalized(n) => Ok(n),
    }
}

fn check_type(p: &Property, raw: &str, now_ms: i64) -> Result<String, String> {
    let v = raw.trim();
    if v.is_empty() {
        // Clearing a value is allowed (HubSpot stores an empty string).
        return Ok(String::new());
    }
    match p.kind.as_str() {
        "number" | "bool" | "boolean" => super::search::ops::convert(&p.kind, v, now_ms),
        "date" => super::search::ops::convert("date", v, now_ms)
            .map(|ms| ms.parse::<i64>().map(crate::timefmt::date_from_ms).unwrap_or(ms)),
        "datetime" => super::search::ops::convert("datetime", v, now_ms)
            .map(|ms| ms.parse::<i64>().map(crate::timefmt::iso_from_ms).unwrap_or(ms)),
        "enumeration" if !p.options.is_empty() => {
            let bad: Vec<&str> = v.split(';').filter(|x| !p.options.iter().any(|o| o.value == *x)).collect();
            if bad.is_empty() {
                Ok(v.to_owned())
            } else {
                Err(format!("{:?} is not an option of {}", bad.join(";"), p.label))
            }
        }
        _ => Ok(raw.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_keeps_the_first_old_value_and_drops_no_ops() {
        let mut s = Staged::default();
        s.stage("2-1", "7", Some("t0".into()), "price", "100", "200");
        s.stage("2-1", "7", Some("t1".into()), "price", "200", "300");
        let c = s.value("2-1", "7", "price").unwrap();
        assert_eq!((c.old.as_str(), c.new.as_str()), ("100", "300"));
        assert_eq!(s.records["2-1"]["7"].seen_modified.as_deref(), Some("t0"));
        s.stage("2-1", "7", None, "price", "300", "100");
        assert_eq!(s.count(), 0);
        assert!(s.records.is_empty());
    }
}
