//! `AppState` and its sub-states, one per pane.

use crate::api::types::{Property, SimplePublicObject};

/// A request's id; results carrying another id are stale and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ReqId(pub u64);

/// Something loaded from the API.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Loadable<T> {
    #[default]
    Idle,
    Loading {
        req: ReqId,
    },
    Ready(T),
    Failed {
        error: String,
        req: ReqId,
    },
}

impl<T> Loadable<T> {
    /// The value, when ready.
    pub fn ready(&self) -> Option<&T> {
        match self {
            Self::Ready(t) => Some(t),
            _ => None,
        }
    }

    /// Whether `req` is the request this is waiting for.
    pub fn awaits(&self, req: ReqId) -> bool {
        matches!(self, Self::Loading { req: r } if *r == req)
    }
}

/// An object type in the left pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeInfo {
    /// `2-3465404`, `0-1`, ...
    pub type_id: String,
    pub label: String,
    pub custom: bool,
    /// Columns of the record table: the primary display property, then secondary ones.
    pub columns: Vec<String>,
}

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Types,
    List,
    Detail,
}

/// What covers the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Modal {
    #[default]
    None,
    Help,
}

/// The object types pane.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TypesState {
    pub list: Loadable<Vec<TypeInfo>>,
    pub selected: usize,
}

/// One row of the record table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    pub id: String,
    pub cells: Vec<String>,
}

/// Rows per page requested from the API.
pub const PAGE: usize = 100;

/// Rows kept in memory: a window of pages around the selection, so scrolling through a
/// million records keeps memory flat.
pub const WINDOW: usize = 10 * PAGE;

/// The record table of the selected type, paged lazily through a window of rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecordListState {
    pub type_id: Option<String>,
    pub columns: Vec<String>,
    /// The loaded window; `rows[0]` is absolute row `base`.
    pub rows: Vec<RecordRow>,
    /// Absolute index of the first loaded row (a multiple of [`PAGE`]).
    pub base: usize,
    /// The cursor that fetches page `p` (`cursors[0]` is `None`), remembered so pages that
    /// left the window can be fetched again.
    pub cursors: Vec<Option<String>>,
    /// HubSpot's cursor for the page after the window; `None` with `loaded_all` at the end.
    pub next_after: Option<String>,
    pub loaded_all: bool,
    /// Absolute index of the selected row.
    pub selected: usize,
    /// Absolute index of the first visible row.
    pub offset: usize,
    /// The one page request in flight, and which page it asks for.
    pub in_flight: Option<ReqId>,
    pub in_flight_page: usize,
    /// The last page failed (shown as an error row; `r` retries).
    pub error: Option<String>,
}

impl RecordListState {
    /// Absolute index one past the last loaded row.
    #[must_use]
    pub fn end(&self) -> usize {
        self.base + self.rows.len()
    }

    /// The selected row, if loaded.
    #[must_use]
    pub fn selected_row(&self) -> Option<&RecordRow> {
        self.rows.get(self.selected.checked_sub(self.base)?)
    }
}

/// The record view's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DetailTab {
    #[default]
    Properties,
    History,
    Associations,
}

/// One associated record, flattened for selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssocRow {
    /// The association map's key (`contacts`, `p48213567_cars`), usable as an object type.
    pub object_type: String,
    pub id: String,
    /// The v3 association type name (`car_to_contact`, `contact_to_company_unlabeled`).
    pub kind: String,
}

/// The record view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DetailState {
    pub record: Loadable<SimplePublicObject>,
    /// The record shown: its object type and id.
    pub current: Option<(String, String)>,
    pub tab: DetailTab,
    pub scroll: usize,
    /// Selected row of the Associations tab.
    pub assoc_selected: usize,
    /// Records left by following associations (Back returns to them), like breadcrumbs.
    pub back: Vec<(String, String)>,
    /// Property definitions of the shown record's type when it is not the table's type.
    pub properties: Loadable<Vec<Property>>,
}

impl DetailState {
    /// The loaded record's associations, flattened in a stable order.
    #[must_use]
    pub fn assoc_rows(&self) -> Vec<AssocRow> {
        let Some(rec) = self.record.ready() else { return Vec::new() };
        let Some(map) = &rec.associations else { return Vec::new() };
        let mut out = Vec::new();
        for (key, coll) in map {
            let mut seen: Vec<&str> = Vec::new();
            for a in &coll.results {
                // v3 repeats an id once per label: show each record once.
                if seen.contains(&a.id.as_str()) {
                    continue;
                }
                seen.push(&a.id);
                out.push(AssocRow { object_type: key.clone(), id: a.id.clone(), kind: a.kind.clone() });
            }
        }
        out
    }
}

/// Everything the app knows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    /// Which portal or local CRM this is (status bar).
    pub portal: String,
    pub focus: Focus,
    pub modal: Modal,
    pub types: TypesState,
    pub list: RecordListState,
    /// Property definitions of the selected type (labels, types).
    pub properties: Loadable<Vec<Property>>,
    pub detail: DetailState,
    /// Terminal size.
    pub size: (u16, u16),
    /// The last error or notice for the status bar.
    pub status: Option<String>,
    pub next_req: u64,
    pub quit: bool,
}

impl AppState {
    /// A fresh state for a portal.
    #[must_use]
    pub fn new(portal: impl Into<String>, size: (u16, u16)) -> Self {
        Self { portal: portal.into(), size, ..Self::default() }
    }

    /// A new request id (ids only grow).
    pub fn req(&mut self) -> ReqId {
        self.next_req += 1;
        ReqId(self.next_req)
    }

    /// The selected type, if loaded.
    #[must_use]
    pub fn selected_type(&self) -> Option<&TypeInfo> {
        self.types.list.ready()?.get(self.types.selected)
    }
}
