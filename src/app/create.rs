//! The create form: fields generated from the property definitions (required first, marked),
//! the inline editor on one of them, and an optional association picked by searching the
//! target type and choosing one of the v4 labels.

use std::collections::BTreeMap;

use super::edit::EditField;
use super::picker::ColumnPicker;
use super::text::TextField;
use crate::model::Property;

/// One field of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    pub property: Property,
    pub value: String,
    pub required: bool,
}

/// The association the new record gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssociation {
    pub to_type: String,
    pub to_id: String,
    /// What the user saw for the target (its display properties).
    pub to_label: String,
    pub category: String,
    pub type_id: i64,
    pub label: String,
}

/// A label a v4 association can carry: `(category, typeId, label)`.
pub type AssocLabel = (String, i64, String);

/// Where adding an association is.
#[derive(Debug, Clone, PartialEq)]
pub enum AssocStep {
    /// Choosing the target object type.
    Type(ColumnPicker),
    /// Typing what to search the target type for.
    Query { to_type: String, field: TextField },
    /// Waiting for, then choosing among, the matches: `(id, label)`.
    Results { to_type: String, matches: Option<Vec<(String, String)>>, selected: usize },
    /// Waiting for, then choosing, the association label.
    Labels { to_type: String, to_id: String, to_label: String, labels: Option<Vec<AssocLabel>>, selected: usize },
}

/// The form for a new record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CreateForm {
    pub type_id: String,
    /// The type's label ("Cars").
    pub label: String,
    pub fields: Vec<FormField>,
    pub cursor: usize,
    pub editor: Option<Box<EditField>>,
    pub association: Option<NewAssociation>,
    pub step: Option<AssocStep>,
    /// Problems found before sending, by property.
    pub issues: BTreeMap<String, String>,
    /// The API's answer to the last attempt (the form stays for fixing).
    pub error: Option<String>,
    pub saving: bool,
    /// Rows added with `p` for a batch create (the form's values when added).
    pub batch: Vec<BTreeMap<String, String>>,
    /// Why batch rows failed: `(index into batch, reason)` — they stay for fixing.
    pub batch_failed: Vec<(usize, String)>,
}

impl CreateForm {
    /// A form for a type: writable, visible properties; required ones first.
    #[must_use]
    pub fn new(type_id: &str, props: &[Property], required: &[String], primary: &[String]) -> Self {
        let mut fields: Vec<FormField> = props
            .iter()
            .filter(|p| !p.hidden && p.writable() && p.name != "hs_unique_creation_key")
            .map(|p| FormField { property: p.clone(), value: String::new(), required: required.contains(&p.name) })
            .collect();
        fields.sort_by_key(|f| {
            let display = primary.iter().position(|c| *c == f.property.name).unwrap_or(usize::MAX);
            (!f.required, display, f.property.label.clone())
        });
        Self { type_id: type_id.to_owned(), fields, ..Self::default() }
    }
}

/// Which picker asked for matches or labels (its answer goes back there, whatever is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    /// The new-record form's association.
    Form,
    /// The Associations tab (or associating marked rows).
    Associations,
}
