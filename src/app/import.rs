//! Importing a file: its rows, a mapping from its columns to properties, which column holds
//! the unique property records are matched on (`idProperty`), a validated preview, and the
//! report of the upsert.

use std::collections::BTreeMap;

use super::picker::ColumnPicker;
use crate::model::Property;

/// How an import went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    /// `(row number from 1, why)`.
    pub failed: Vec<(usize, String)>,
}

/// The import screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportState {
    pub type_id: String,
    pub path: String,
    pub headers: Vec<String>,
    pub rows: Vec<BTreeMap<String, String>>,
    /// Per header: the property it goes to (`None`: skipped).
    pub mapping: Vec<Option<String>>,
    /// The header holding the unique value records are matched on.
    pub id_header: Option<usize>,
    pub cursor: usize,
    pub picker: Option<ColumnPicker>,
    pub saving: bool,
    pub report: Option<ImportReport>,
    pub error: Option<String>,
    /// Problems found in the file, every row checked: `(row number from 1, why)`; row 0 is
    /// a problem with the whole import (no column to match records on). Kept up to date by
    /// `update` whenever the mapping changes.
    pub issues: Vec<(usize, String)>,
    /// The user was told that rows with problems will be skipped (the next ctrl-s imports
    /// the rest).
    pub skip_offered: bool,
}

impl ImportState {
    /// A screen for rows read from `path`, columns mapped to properties by name or label and
    /// the id column guessed from the unique properties.
    #[must_use]
    pub fn new(type_id: &str, path: &str, rows: Vec<BTreeMap<String, String>>, props: &[Property]) -> Self {
        let mut headers: Vec<String> = Vec::new();
        for r in &rows {
            for k in r.keys() {
                if !headers.contains(k) {
                    headers.push(k.clone());
                }
            }
        }
        let mapping: Vec<Option<String>> = headers
            .iter()
            .map(|h| {
                // An internal name wins over a label (an export's `owner` column is the
                // property named `owner`, not another one labelled "Owner").
                let named = props
                    .iter()
                    .find(|p| p.name == *h)
                    .or_else(|| props.iter().find(|p| p.name.eq_ignore_ascii_case(h)));
                named.or_else(|| props.iter().find(|p| p.label.eq_ignore_ascii_case(h))).map(|p| p.name.clone())
            })
            .collect();
        let id_header = mapping.iter().position(|m| {
            m.as_ref().is_some_and(|n| props.iter().any(|p| p.name == *n && p.has_unique_value && n != "hs_object_id"))
        });
        Self {
            type_id: type_id.to_owned(),
            path: path.to_owned(),
            headers,
            rows,
            mapping,
            id_header,
            ..Self::default()
        }
    }

    /// The rows with a problem (they are skipped by the import).
    #[must_use]
    pub fn bad_rows(&self) -> std::collections::BTreeSet<usize> {
        self.issues.iter().map(|(n, _)| *n).filter(|n| *n > 0).collect()
    }

    /// The property records are matched on.
    #[must_use]
    pub fn id_property(&self) -> Option<&str> {
        self.mapping.get(self.id_header?)?.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(name: &str, label: &str) -> Property {
        serde_json::from_value(serde_json::json!({
            "name": name, "label": label, "type": "string", "fieldType": "text", "groupName": "g"
        }))
        .unwrap()
    }

    /// A walkthrough found an export's `owner` column mapped to `hubspot_owner_id` (also
    /// labelled "Owner"), so re-importing the app's own export failed every row.
    #[test]
    fn a_columns_internal_name_wins_over_another_propertys_label() {
        let props = [prop("hubspot_owner_id", "Owner"), prop("owner", "Owner"), prop("make", "Make")];
        let rows =
            vec![BTreeMap::from([("owner".to_owned(), "Ada".to_owned()), ("Make".to_owned(), "Kia".to_owned())])];
        let i = ImportState::new("2-1", "cars.csv", rows, &props);
        let mapped: Vec<(&str, Option<&str>)> =
            i.headers.iter().map(String::as_str).zip(i.mapping.iter().map(Option::as_deref)).collect();
        assert!(mapped.contains(&("owner", Some("owner"))), "{mapped:?}");
        assert!(mapped.contains(&("Make", Some("make"))), "a label still maps: {mapped:?}");
    }
}
