//! The builder pane's state: the draft, a cursor over its rows, the cell being edited, an
//! undo stack, and the editor open on a cell (a text field or a picker).

use super::draft::{FilterDraft, SearchDraft};
use super::ops::operators_for;
use super::validate::Issue;
use crate::app::fuzzy;
use crate::app::text::TextField;
use crate::model::Property;

/// A row of the builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Query,
    Sort,
    /// A group's header ("any of" block).
    Group(usize),
    Filter(usize, usize),
}

/// The part of a filter row the cursor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cell {
    #[default]
    Property,
    Operator,
    Value,
}

/// What a text editor writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextTarget {
    Query,
    Value,
    HighValue,
    /// Comma-separated values for IN / NOT_IN.
    Values,
    /// The name to save the search under.
    SaveName,
}

/// What a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    Property,
    Operator,
    /// One enumeration option (EQ / NEQ).
    Option,
    /// Several enumeration options (IN / NOT_IN): enter toggles, esc applies.
    Options,
    SortProperty,
}

/// A fuzzy list to choose from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Picker {
    pub kind: Option<PickerKind>,
    pub field: TextField,
    pub selected: usize,
    /// Checked values (multi-pick).
    pub checked: Vec<String>,
}

/// The editor open on a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Editor {
    Text { field: TextField, target: TextTarget },
    Pick(Picker),
}

/// The search builder for one object type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Builder {
    pub type_id: String,
    pub draft: SearchDraft,
    pub cursor: usize,
    pub cell: Cell,
    pub undo: Vec<SearchDraft>,
    pub editor: Option<Editor>,
    /// Show the request as JSON and curl instead of the form.
    pub show_json: bool,
    /// How far the JSON / curl view is scrolled (screen rows, kept within the text).
    pub json_scroll: u16,
    /// While the JSON view shows: the request as JSON and as curl, or why there is none.
    pub json: Option<Result<(String, String), String>>,
    /// Live validation of the draft.
    pub issues: Vec<Issue>,
}

impl Builder {
    /// The rows, in order.
    #[must_use]
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Query, Row::Sort];
        for (g, group) in self.draft.groups.iter().enumerate() {
            rows.push(Row::Group(g));
            rows.extend((0..group.filters.len()).map(|f| Row::Filter(g, f)));
        }
        rows
    }

    /// The row under the cursor.
    #[must_use]
    pub fn row(&self) -> Row {
        self.rows().get(self.cursor).copied().unwrap_or(Row::Query)
    }

    /// The filter under the cursor.
    #[must_use]
    pub fn filter(&self) -> Option<&FilterDraft> {
        match self.row() {
            Row::Filter(g, f) => self.draft.groups.get(g)?.filters.get(f),
            _ => None,
        }
    }

    /// The filter under the cursor, to change.
    pub fn filter_mut(&mut self) -> Option<&mut FilterDraft> {
        match self.row() {
            Row::Filter(g, f) => self.draft.groups.get_mut(g)?.filters.get_mut(f),
            _ => None,
        }
    }

    /// Remembers the draft before a change (for `u`).
    pub fn checkpoint(&mut self) {
        self.undo.push(self.draft.clone());
        if self.undo.len() > 100 {
            self.undo.remove(0);
        }
    }

    /// Puts the cursor on a row.
    pub fn go_to(&mut self, row: Row) {
        if let Some(i) = self.rows().iter().position(|r| *r == row) {
            self.cursor = i;
        }
    }
}

/// `(value, label)` choices of a picker, best match first.
#[must_use]
pub fn choices(p: &Picker, filter: Option<&FilterDraft>, props: &[Property]) -> Vec<(String, String)> {
    let all: Vec<(String, String)> = match p.kind {
        Some(PickerKind::Property | PickerKind::SortProperty) => props
            .iter()
            .filter(|p| !p.hidden)
            .map(|p| (p.name.clone(), format!("{}  {} · {}", p.label, p.name, p.kind)))
            .collect(),
        Some(PickerKind::Operator) => {
            let kind =
                filter.and_then(|f| props.iter().find(|p| p.name == f.property)).map_or("string", |p| p.kind.as_str());
            operators_for(kind).iter().map(|o| ((*o).to_owned(), (*o).to_owned())).collect()
        }
        Some(PickerKind::Option | PickerKind::Options) => filter
            .and_then(|f| props.iter().find(|p| p.name == f.property))
            .map(|p| p.options.iter().map(|o| (o.value.clone(), format!("{}  ({})", o.label, o.value))).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let keys: Vec<&str> = all.iter().map(|(_, l)| l.as_str()).collect();
    fuzzy::rank(p.field.text(), keys.into_iter()).into_iter().map(|i| all[i].clone()).collect()
}
