//! The record table's state: the loaded window of rows, how it pages, the search it shows,
//! the quick filter, the cell cursor and the marks.

use crate::app::command::Edge;
use crate::app::req::ReqId;
use crate::app::text::TextField;

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
    pub cursors: Vec<Option<crate::model::Cursor>>,
    /// HubSpot's cursor for the page after the window; `None` with `loaded_all` at the end.
    pub next_after: Option<crate::model::Cursor>,
    pub loaded_all: bool,
    /// Absolute index of the selected row.
    pub selected: usize,
    /// Absolute index of the first visible row.
    pub offset: usize,
    /// The one page request in flight, and what it will fill.
    pub in_flight: Option<ReqId>,
    pub in_flight_target: Option<Target>,
    /// The last page failed (shown as an error row; `r` retries).
    pub error: Option<String>,
    /// The `/` quick filter over the loaded rows.
    pub filter: Option<QuickFilter>,
    /// After a jump to the end the window pages by id through search (`base` is then any
    /// number, not a page multiple), and the record count is known.
    pub by_id: bool,
    pub total: Option<usize>,
    /// The search whose results the table shows (none: all records).
    pub search: Option<ActiveSearch>,
    /// The column the cell cursor is on (for `=` / `!`).
    pub column: usize,
    /// Selected records (space), for bulk edits and archiving.
    pub marked: std::collections::BTreeSet<String>,
    /// The row last marked with space (where `V` extends a range from).
    pub anchor: Option<usize>,
    /// Showing the recycle bin (archived records).
    pub archived: bool,
    /// Where moves pressed while pages load are heading (absolute row): the selection waits
    /// at the edge of the loaded rows and reaches it as pages arrive.
    pub target: Option<usize>,
    /// A row number being typed (digits, then `G` or `g` goes there).
    pub count: Option<usize>,
    /// Moves pressed while a jump to the end loads, applied from the last row when it lands.
    pub after_jump: isize,
    /// `*` marked everything shown (so the next `*` clears the marks).
    pub all_marked: bool,
}

/// A search shown in the record table.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveSearch {
    pub draft: crate::app::search::SearchDraft,
    pub request: crate::model::SearchRequest,
    /// In id order, so paging goes on past HubSpot's 10,000 cap.
    pub by_id: bool,
    pub total: Option<usize>,
    /// Paging went past the cap (continued by id).
    pub past_cap: bool,
    /// The cap stopped a sorted search with matches left.
    pub capped: bool,
    /// The recount in flight (after a write).
    pub counting: Option<ReqId>,
}

/// A filter over the loaded rows (case-insensitive, any cell or the id).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuickFilter {
    pub field: TextField,
    /// Keys go to the field while editing; Enter keeps the filter and returns to the rows.
    pub editing: bool,
}

impl QuickFilter {
    /// A key while an overlay's filter (the write log's, the Properties view's) is typed:
    /// Esc drops it, Enter keeps it (an empty one goes), arrows move the cursor over the
    /// `rows` shown.
    pub fn overlay_key(filter: &mut Option<Self>, cursor: &mut usize, rows: usize, a: crate::action::Action) {
        use crate::action::Action;
        match a {
            Action::Back => {
                *filter = None;
                *cursor = 0;
            }
            Action::Open => {
                if let Some(f) = filter.as_mut() {
                    f.editing = false;
                }
                if filter.as_ref().is_some_and(|f| f.field.text().trim().is_empty()) {
                    *filter = None;
                }
            }
            Action::Down => *cursor = (*cursor + 1).min(rows.saturating_sub(1)),
            Action::Up => *cursor = cursor.saturating_sub(1),
            _ => {}
        }
    }

    /// Whether a row passes.
    #[must_use]
    pub fn matches(&self, row: &RecordRow) -> bool {
        let q = self.field.text().trim().to_lowercase();
        q.is_empty() || row.id.contains(&q) || row.cells.iter().any(|c| c.to_lowercase().contains(&q))
    }
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

    /// Absolute indices of the loaded rows the quick filter lets through (all without one).
    #[must_use]
    pub fn shown(&self) -> Vec<usize> {
        match &self.filter {
            Some(f) => (self.base..self.end()).filter(|i| f.matches(&self.rows[i - self.base])).collect(),
            None => (self.base..self.end()).collect(),
        }
    }
}

/// What the table's request in flight will fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Page `n` (100 rows from row `n * 100`).
    Page(usize),
    /// A slice by id order.
    Slice(Edge),
}
