//! What can cover the panes: help, the command palette, a prompt, the column picker.

use super::fuzzy;
pub use super::picker::ColumnPicker;
use super::text::TextField;
use crate::action::Action;

/// The overlay, if any.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Modal {
    #[default]
    None,
    Help,
    Palette(Palette),
    Prompt(Prompt),
    Columns(ColumnPicker),
    Search(Box<super::search::Builder>),
    /// Importing a file.
    Import(Box<super::import::ImportState>),
    /// The form for a new record.
    Create(Box<super::create::CreateForm>),
    /// Adding an association to the record shown — or, with `many`, to every marked record:
    /// the record (only its type, with `many`) and the step.
    Associate {
        from: crate::model::RecordRef,
        step: super::create::AssocStep,
        many: Vec<String>,
    },
    /// Choosing the property to set on every selected record.
    BulkProperty(ColumnPicker),
    /// Matches of a search over every object type.
    Everywhere(Box<super::everywhere::Everywhere>),
    /// The inline editor on a property.
    Edit(Box<super::edit::EditField>),
    /// The staged changes, with a cursor.
    Changes {
        cursor: usize,
    },
    /// A question that defaults to "no".
    Confirm(Confirm),
    /// The write log.
    Log(super::log::LogView),
    /// The Properties view of the table's type.
    Props(Box<super::props_view::PropsView>),
    /// The form for a new custom object type.
    SchemaForm(Box<super::schema_form::SchemaForm>),
    /// The frequency table of a column (`f`).
    Freq(Box<super::freq::FreqView>),
    /// The pipeline board (`b`).
    Board(Box<super::board::BoardView>),
}

/// What a confirmation is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    /// Undo a logged write (`what`: its summary); the log view comes back either way.
    Undo { view: Box<super::log::LogView>, entry: String, what: String },
    /// Quit while changes are staged (they stay journalled).
    QuitWithStaged,
    /// Remove every association between a record and another (`names`: how both are called).
    Dissociate { from: crate::model::RecordRef, to: crate::model::RecordRef, names: (String, String) },
    /// Merge `other` into `primary` (same type; `primary` stays; `names`: how both are called).
    Merge { type_id: String, primary: String, other: String, names: (String, String) },
    /// Archive these records of a type (`names`: how the first few are called).
    Archive { type_id: String, label: String, ids: Vec<String>, names: Vec<String> },
    /// Archive a property definition (`of`: the type's label), over the Properties view.
    ArchiveProperty { type_id: String, name: String, label: String, of: String },
    /// Restore a record from the recycle bin (the local CRM).
    Restore { type_id: String, id: String, name: String },
}

/// The `:` palette: fuzzy search over every action and the type's saved searches.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Palette {
    pub field: TextField,
    /// Index into [`Palette::matches`].
    pub selected: usize,
    /// Names of the table type's saved searches.
    pub searches: Vec<String>,
    /// The table's columns `(name, label)`, each offered as a sort.
    pub sorts: Vec<(String, String)>,
    /// The table is sorted (so "no sort" is offered).
    pub sorted: bool,
}

/// Something the palette can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteItem {
    Action(Action),
    /// A saved search, by name.
    Search(String),
    /// Sort the table by a column `(name, label)`.
    Sort {
        property: String,
        label: String,
        descending: bool,
    },
    /// Drop the table's sort.
    Unsort,
}

impl PaletteItem {
    /// What the palette shows and matches.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Self::Action(a) => palette_name(*a),
            Self::Search(n) => format!("search: {n}"),
            Self::Sort { label, descending, .. } => {
                format!("sort by {label} {}", if *descending { "descending" } else { "ascending" })
            }
            Self::Unsort => "sort: none (the order records come in)".to_owned(),
        }
    }
}

impl Palette {
    /// The items matching the typed text, best first.
    #[must_use]
    pub fn matches(&self) -> Vec<PaletteItem> {
        let items: Vec<PaletteItem> = self
            .searches
            .iter()
            .map(|n| PaletteItem::Search(n.clone()))
            .chain(self.sorts.iter().flat_map(|(property, label)| {
                [false, true].map(|descending| PaletteItem::Sort {
                    property: property.clone(),
                    label: label.clone(),
                    descending,
                })
            }))
            .chain(self.sorted.then_some(PaletteItem::Unsort))
            .chain(Action::ALL.iter().filter(|a| **a != Action::Palette).map(|a| PaletteItem::Action(*a)))
            .collect();
        let names: Vec<String> = items.iter().map(PaletteItem::name).collect();
        fuzzy::rank(self.field.text(), names.iter().map(String::as_str)).into_iter().map(|i| items[i].clone()).collect()
    }
}

/// What the palette shows and matches for an action: its description and keymap name.
#[must_use]
pub fn palette_name(a: Action) -> String {
    let key = serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    format!("{} ({key})", a.describe())
}

/// What a prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// A record id, or `property=value` / a value of the type's unique property.
    GoTo,
    /// The id of a record to merge into the one shown (which stays).
    MergeWith,
    /// The path of a file to import.
    ImportPath,
    /// The path of a file to export the records shown to.
    ExportPath,
    /// A text to look for in every object type.
    SearchAll,
    /// The text of a note to create on the record and pin.
    NoteBody,
}

/// A one-line question.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub field: TextField,
    /// Why the last answer was refused.
    pub error: Option<String>,
    /// The question, when it depends on the type (go-to names its unique properties).
    pub question: Option<String>,
    /// What tab found for a path (the files it could be), shown under the field.
    pub hint: Option<String>,
    /// The read in flight for this prompt (a path's completion, a merge target's check).
    pub completing: Option<super::req::ReqId>,
}

impl Prompt {
    /// An empty prompt of this kind.
    #[must_use]
    pub fn new(kind: PromptKind) -> Self {
        Self { kind, field: TextField::default(), error: None, question: None, hint: None, completing: None }
    }
}
