//! Paging the record table: what the request in flight targets — a page by its number (with
//! the cursor HubSpot gave for it), or a slice by id order (after a jump to the end) — which
//! request the selection needs next, and where an answer goes in the window. Everything here
//! works on the table's own state and the request ids, nothing else.

pub use super::state::Target;
use super::state::{PAGE, RecordListState, RecordRow, WINDOW};
use crate::app::command::Command;
pub use crate::app::command::Edge;
use crate::app::state::ReqIds;
use crate::model::Cursor;

/// Keeps the selection inside the loaded window and on screen (`visible` rows tall).
pub fn keep_visible(l: &mut RecordListState, visible: usize) {
    l.selected = l.selected.clamp(l.base, l.end().saturating_sub(1).max(l.base));
    if l.selected < l.offset {
        l.offset = l.selected;
    } else if l.selected >= l.offset + visible {
        l.offset = l.selected + 1 - visible;
    }
}

/// Asks for page `page` (from the cursor that fetches it).
pub fn request_page(l: &mut RecordListState, ids: &mut ReqIds, page: usize, after: Option<Cursor>) -> Vec<Command> {
    let Some(type_id) = l.type_id.clone() else { return Vec::new() };
    let req = ids.issue();
    l.in_flight = Some(req);
    l.in_flight_target = Some(Target::Page(page));
    let search = l.search.as_ref().map(|s| Box::new(s.request.clone()));
    let archived = l.archived;
    vec![Command::FetchPage { req, type_id, after, properties: l.columns.clone(), search, archived }]
}

/// Asks for a slice by id order.
pub fn request_slice(l: &mut RecordListState, ids: &mut ReqIds, edge: Edge) -> Vec<Command> {
    let Some(type_id) = l.type_id.clone() else { return Vec::new() };
    let req = ids.issue();
    l.in_flight = Some(req);
    l.in_flight_target = Some(Target::Slice(edge.clone()));
    vec![Command::FetchSlice { req, type_id, properties: l.columns.clone(), edge }]
}

/// `G` far from the end: drop the window and load the last records directly (by id order
/// through search) instead of every page in between.
pub fn jump_to_end(l: &mut RecordListState, ids: &mut ReqIds) -> Vec<Command> {
    l.rows.clear();
    l.error = None;
    l.by_id = true;
    l.loaded_all = false;
    request_slice(l, ids, Edge::Last)
}

/// `g` after the window left the first page: start over from it.
pub fn jump_to_start(l: &mut RecordListState, ids: &mut ReqIds) -> Vec<Command> {
    l.rows.clear();
    l.base = 0;
    l.selected = 0;
    l.offset = 0;
    l.error = None;
    l.by_id = false;
    l.cursors.clear();
    // Not at the end any more: moves pressed while page 0 loads wait for it.
    l.loaded_all = false;
    l.next_after = None;
    request_page(l, ids, 0, None)
}

/// The next slice when paging by id: before the window's first row or after its last.
fn maybe_fetch_by_id(l: &mut RecordListState, ids: &mut ReqIds, margin: usize) -> Vec<Command> {
    if l.base > 0
        && l.selected < l.base + margin
        && let Some(first) = l.rows.first()
    {
        let edge = Edge::Before(first.id.clone());
        return request_slice(l, ids, edge);
    }
    if !l.loaded_all
        && l.end().saturating_sub(l.selected) <= margin
        && let Some(last) = l.rows.last()
    {
        let edge = Edge::After(last.id.clone());
        return request_slice(l, ids, edge);
    }
    Vec::new()
}

/// How many screens ahead the next page is asked for.
pub const PREFETCH_SCREENS: usize = 2;

/// Requests the page before the window when the selection nears its top, or the next page
/// when it nears the end (within [`PREFETCH_SCREENS`] screens of `visible` rows) — one
/// request at a time, none after a failure until `r`, none while a quick filter narrows the
/// loaded rows.
pub fn maybe_fetch(l: &mut RecordListState, ids: &mut ReqIds, visible: usize) -> Vec<Command> {
    // Asked for while the selection is still this many screens from the loaded edge, so a
    // steady scroll never reaches a row that is not there (at 250 ms a call).
    let margin = PREFETCH_SCREENS * visible.max(1);
    if l.in_flight.is_some() || l.error.is_some() || l.filter.is_some() {
        return Vec::new();
    }
    if l.by_id {
        return maybe_fetch_by_id(l, ids, margin);
    }
    if l.base > 0 && l.selected < l.base + margin {
        let page = l.base / PAGE - 1;
        let after = l.cursors.get(page).cloned().flatten();
        return request_page(l, ids, page, after);
    }
    if !l.loaded_all && l.next_after.is_some() && l.end().saturating_sub(l.selected) <= margin {
        let page = l.end() / PAGE;
        let after = l.next_after.clone();
        return request_page(l, ids, page, after);
    }
    Vec::new()
}

/// Puts a loaded page into the window (after it, before it, or as a fresh start) and trims
/// the window to [`WINDOW`] rows, away from the selection.
pub fn place_page(l: &mut RecordListState, page: usize, rows: Vec<RecordRow>, next_after: Option<Cursor>) {
    if l.cursors.len() <= page + 1 {
        l.cursors.resize(page + 2, None);
    }
    l.cursors[page + 1].clone_from(&next_after);
    let start = page * PAGE;
    if l.rows.is_empty() || start == l.end() {
        if l.rows.is_empty() {
            l.base = start;
        }
        l.rows.extend(rows);
        l.loaded_all = next_after.is_none();
        l.next_after = next_after;
        if l.rows.len() > WINDOW {
            l.rows.drain(..PAGE);
            l.base += PAGE;
        }
    } else if start + PAGE == l.base {
        l.rows.splice(0..0, rows);
        l.base = start;
        if l.rows.len() > WINDOW {
            l.rows.truncate(WINDOW);
            l.loaded_all = false;
            l.next_after = l.cursors.get(l.end() / PAGE).cloned().flatten();
        }
    }
}

/// Puts a slice (ascending by id) into the window: the last records (`total` is the type's
/// count then), or before / after it.
pub fn place_slice(l: &mut RecordListState, edge: &Edge, rows: Vec<RecordRow>, total: usize) {
    let n = rows.len();
    match edge {
        Edge::Last => {
            l.total = Some(total);
            l.base = total.saturating_sub(n);
            l.rows = rows;
            l.loaded_all = true;
            l.selected = l.end().saturating_sub(1);
        }
        Edge::After(_) => {
            l.rows.extend(rows);
            l.loaded_all = n < PAGE;
            if l.rows.len() > WINDOW {
                let excess = l.rows.len() - WINDOW;
                l.rows.drain(..excess);
                l.base += excess;
            }
        }
        Edge::Before(_) => {
            l.rows.splice(0..0, rows);
            if n > l.base || n < PAGE {
                // Reached the first record (or the count moved): the first row is record 0
                // and the rows already loaded move to where they really are.
                let old_base = l.base;
                let moved = |i: usize| (i + n).saturating_sub(old_base);
                l.selected = moved(l.selected);
                l.offset = moved(l.offset);
                l.base = 0;
            } else {
                l.base -= n;
            }
            if l.rows.len() > WINDOW {
                l.rows.truncate(WINDOW);
                l.loaded_all = false;
            }
        }
    }
}

/// Moves the selection as far towards the pending target as the loaded rows allow; the
/// target is done once reached (or once the end of the records shows it was past them).
pub fn reach_target(l: &mut RecordListState) {
    let last = l.end().saturating_sub(1).max(l.base);
    let want = l.target.unwrap_or(l.selected);
    l.selected = want.clamp(l.base, last);
    let reached = l.selected == want || (want > last && l.loaded_all) || (want < l.base && l.base == 0);
    if reached {
        l.target = None;
    }
}
