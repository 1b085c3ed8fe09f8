//! Focus and the object types pane.

use crate::action::Action;
use crate::app::command::Command;
use crate::app::state::{AppState, DetailState, Focus, Loadable, RecordListState};

/// Moves focus to the next or previous pane.
pub fn cycle_focus(state: &mut AppState, forward: bool) {
    state.focus = match (state.focus, forward) {
        (Focus::Types, true) | (Focus::Detail, false) => Focus::List,
        (Focus::List, true) | (Focus::Types, false) => Focus::Detail,
        (Focus::Detail, true) | (Focus::List, false) => Focus::Types,
    };
}

/// Moves an index within `0..len` by an action; returns the new index.
#[must_use]
pub fn step(index: usize, len: usize, a: Action, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match a {
        Action::Up => index.saturating_sub(1),
        Action::Down => (index + 1).min(last),
        Action::PageUp => index.saturating_sub(page.max(1)),
        Action::PageDown => (index + page.max(1)).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => index.min(last),
    }
}

/// Keys in the types pane.
pub fn update_types(state: &mut AppState, a: Action) -> Vec<Command> {
    let len = state.types.list.ready().map_or(0, Vec::len);
    match a {
        Action::Open => open_type(state),
        Action::Refresh => {
            let req = state.req();
            state.types.list = Loadable::Loading { req };
            vec![Command::FetchTypes { req }]
        }
        Action::Back => Vec::new(),
        _ => {
            state.types.selected = step(state.types.selected, len, a, 10);
            Vec::new()
        }
    }
}

/// Opens the selected type: fresh table, its properties and first page requested.
pub fn open_type(state: &mut AppState) -> Vec<Command> {
    let Some(t) = state.selected_type().cloned() else { return Vec::new() };
    let props_req = state.req();
    state.properties = Loadable::Loading { req: props_req };
    state.list = RecordListState { type_id: Some(t.type_id.clone()), ..RecordListState::default() };
    state.detail = DetailState::default();
    state.focus = Focus::List;
    state.freq_back = None;
    state.under.clear();
    let mut cmds = vec![Command::FetchProperties { req: props_req, type_id: t.type_id }];
    cmds.extend(reload_rows(state));
    cmds
}

/// The table's columns for a type: the remembered choice, else its display properties.
#[must_use]
pub fn columns_for(state: &AppState, type_id: &str) -> Vec<String> {
    if let Some(c) = state.prefs.columns.get(type_id) {
        return c.clone();
    }
    state
        .types
        .list
        .ready()
        .and_then(|ts| ts.iter().find(|t| t.type_id == type_id))
        .map(|t| t.columns.clone())
        .unwrap_or_default()
}

/// Empties the table and requests its first page again (same type, current columns).
pub fn reload_rows(state: &mut AppState) -> Vec<Command> {
    let Some(type_id) = state.list.type_id.clone() else { return Vec::new() };
    let columns = columns_for(state, &type_id);
    let req = state.req();
    let mut search = state.list.search.take();
    if let Some(s) = &mut search {
        s.request.properties.clone_from(&columns);
        s.total = None;
        s.past_cap = false;
        s.capped = false;
    }
    let request = search.as_ref().map(|s| Box::new(s.request.clone()));
    let column = state.list.column.min(columns.len().saturating_sub(1));
    let archived = state.list.archived;
    state.list = RecordListState {
        type_id: Some(type_id.clone()),
        columns: columns.clone(),
        in_flight: Some(req),
        in_flight_target: Some(crate::app::table::paging::Target::Page(0)),
        search,
        column,
        archived,
        ..RecordListState::default()
    };
    let mut cmds = vec![Command::FetchPage {
        req,
        type_id: type_id.clone(),
        after: None,
        properties: columns,
        search: request,
        archived,
    }];
    if !archived {
        // The count may have moved (a write, a restore): read it again.
        cmds.push(count(state, type_id));
    }
    cmds
}

/// Asks for a type's record count (replacing any count read in flight for it).
pub fn count(state: &mut AppState, type_id: String) -> Command {
    let req = state.req();
    state.types.counting.insert(type_id.clone(), req);
    Command::FetchCount { req, type_id }
}
