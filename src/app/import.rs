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
                props
                    .iter()
                    .find(|p| p.name.eq_ignore_ascii_case(h) || p.label.eq_ignore_ascii_case(h))
                    .map(|p| p.name.clone())
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
