//! The record table: selection, scrolling, lazy paging (one request in flight).

use super::nav::step;
use crate::app::action::Action;
use crate::app::command::Command;
use crate::app::layout::list_rows;
use crate::app::state::{AppState, DetailState, Focus, Loadable};

/// Keeps the selection inside the rows and on screen.
pub fn keep_visible(state: &mut AppState) {
    let l = &mut state.list;
    l.selected = l.selected.min(l.rows.len().saturating_sub(1));
    let visible = list_rows(state.size);
    if l.selected < l.offset {
        l.offset = l.selected;
    } else if l.selected >= l.offset + visible {
        l.offset = l.selected + 1 - visible;
    }
}

/// Requests the next page when the selection is within a screen of the end, a cursor
/// exists, nothing is in flight and the last page did not fail.
pub fn maybe_fetch(state: &mut AppState) -> Vec<Command> {
    let near_end = state.list.rows.len().saturating_sub(state.list.selected) <= list_rows(state.size);
    let can = !state.list.loaded_all
        && state.list.in_flight.is_none()
        && state.list.error.is_none()
        && state.list.next_after.is_some();
    let (true, true, Some(type_id)) = (near_end, can, state.list.type_id.clone()) else { return Vec::new() };
    let req = state.req();
    state.list.in_flight = Some(req);
    vec![Command::FetchPage {
        req,
        type_id,
        after: state.list.next_after.clone(),
        properties: state.list.columns.clone(),
    }]
}

/// Keys in the record table.
pub fn update_list(state: &mut AppState, a: Action) -> Vec<Command> {
    match a {
        Action::Open => open_record(state),
        Action::Back => {
            state.focus = Focus::Types;
            Vec::new()
        }
        Action::Refresh => {
            // After a failed page, retry it; otherwise (or if nothing loaded yet) reload.
            if state.list.error.take().is_some() && !state.list.rows.is_empty() {
                maybe_fetch(state)
            } else {
                super::nav::open_type(state)
            }
        }
        _ => {
            let page = list_rows(state.size);
            state.list.selected = step(state.list.selected, state.list.rows.len(), a, page);
            keep_visible(state);
            maybe_fetch(state)
        }
    }
}

/// Opens the selected record in the record view.
pub fn open_record(state: &mut AppState) -> Vec<Command> {
    let (Some(row), Some(type_id)) = (state.list.rows.get(state.list.selected).cloned(), state.list.type_id.clone())
    else {
        return Vec::new();
    };
    state.detail = DetailState::default();
    state.focus = Focus::Detail;
    fetch_record(state, type_id, row.id)
}

/// Loads a record into the record view (keeping the tab and the back stack).
pub fn fetch_record(state: &mut AppState, type_id: String, id: String) -> Vec<Command> {
    let same_type = state.list.type_id.as_deref() == Some(type_id.as_str());
    let properties: Vec<String> = match state.properties.ready() {
        Some(p) if same_type => p.iter().filter(|p| !p.hidden).map(|p| p.name.clone()).collect(),
        _ if same_type => state.list.columns.clone(),
        // Another type's record (followed through an association): its default properties.
        _ => Vec::new(),
    };
    let associations: Vec<String> =
        state.types.list.ready().map(|ts| ts.iter().map(|t| t.type_id.clone()).collect()).unwrap_or_default();
    let req = state.req();
    state.detail.record = Loadable::Loading { req };
    state.detail.current = Some((type_id.clone(), id.clone()));
    state.detail.scroll = 0;
    state.detail.assoc_selected = 0;
    vec![Command::FetchRecord { req, type_id, id, properties, associations }]
}
