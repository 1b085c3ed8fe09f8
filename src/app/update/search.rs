//! The search builder: open it on the table's type, move over its rows, add / delete /
//! duplicate filters and groups, undo, run (validated first), save, and the one-key cell
//! filters from the table.

use super::search_edit::{edit_cell, toggle};
use super::search_request::{clamp_json_scroll, curl_command, request_of, revalidate};
use crate::action::Action;
use crate::app::command::Command;
use crate::app::modal::Modal;
use crate::app::search::{Builder, Cell, FilterDraft, GroupDraft, Row, SearchDraft};
use crate::app::state::{ActiveSearch, AppState, Focus};

/// Opens the builder on the type's draft (or a fresh one with an empty filter to fill in).
pub fn open_builder(state: &mut AppState) -> Vec<Command> {
    let Some(type_id) = state.list.type_id.clone() else {
        state.bar.toast("Open an object type first", true);
        return Vec::new();
    };
    let draft = state.searches.drafts.get(&type_id).cloned().unwrap_or_else(|| SearchDraft {
        groups: vec![GroupDraft { filters: vec![FilterDraft::default()] }],
        ..SearchDraft::default()
    });
    let mut b = Builder { type_id, draft, ..Builder::default() };
    b.go_to(Row::Filter(0, 0));
    state.modal = Modal::Search(Box::new(b));
    revalidate(state);
    Vec::new()
}

fn builder(state: &mut AppState) -> Option<&mut Builder> {
    match &mut state.modal {
        Modal::Search(b) => Some(b),
        _ => None,
    }
}

/// Keys in the builder (no editor open).
pub fn search_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let (size, focus) = (state.size, state.focus);
    if let Some(b) = builder(state)
        && b.show_json
        && json_view_action(b, a)
    {
        clamp_json_scroll(b, size, focus);
        return Vec::new();
    }
    let cmds = match a {
        Action::Back => {
            close(state);
            return Vec::new();
        }
        Action::Open => return edit_cell(state),
        Action::Toggle => toggle(state),
        Action::Run => return run(state),
        Action::Save => {
            if let Some(b) = builder(state) {
                b.editor = Some(crate::app::search::Editor::Text {
                    field: crate::app::text::TextField::default(),
                    target: crate::app::search::builder::TextTarget::SaveName,
                });
            }
            Vec::new()
        }
        Action::Copy | Action::CopyJson => return copy_request(state, a == Action::CopyJson),
        _ => {
            if let Some(b) = builder(state) {
                shape(b, a);
            }
            Vec::new()
        }
    };
    revalidate(state);
    cmds
}

/// Keys in the JSON / curl view: scrolling, and esc back to the builder. Other keys fall
/// through to the builder (true when handled here).
fn json_view_action(b: &mut Builder, a: Action) -> bool {
    match a {
        Action::Up => b.json_scroll = b.json_scroll.saturating_sub(1),
        Action::Down => b.json_scroll = b.json_scroll.saturating_add(1),
        Action::PageUp => b.json_scroll = b.json_scroll.saturating_sub(10),
        Action::PageDown => b.json_scroll = b.json_scroll.saturating_add(10),
        Action::Top => b.json_scroll = 0,
        Action::Back => b.show_json = false,
        Action::ShowJson | Action::Copy | Action::CopyJson | Action::Run | Action::Save => return false,
        _ => {
            // Any change to the draft shows the builder again.
            b.show_json = false;
            return false;
        }
    }
    true
}

/// Moving, and changes to the draft's shape.
fn shape(b: &mut Builder, a: Action) {
    let rows = b.rows().len();
    match a {
        Action::Up => b.cursor = b.cursor.saturating_sub(1),
        Action::Down => b.cursor = (b.cursor + 1).min(rows.saturating_sub(1)),
        Action::PageUp => b.cursor = b.cursor.saturating_sub(5),
        Action::PageDown => b.cursor = (b.cursor + 5).min(rows.saturating_sub(1)),
        Action::Top => b.cursor = 0,
        Action::Left => {
            b.cell = match b.cell {
                Cell::Value => Cell::Operator,
                _ => Cell::Property,
            }
        }
        Action::Right => {
            b.cell = match b.cell {
                Cell::Property => Cell::Operator,
                _ => Cell::Value,
            }
        }
        Action::ShowJson => {
            b.show_json = !b.show_json;
            b.json_scroll = 0;
        }
        Action::AddFilter => add_filter(b),
        Action::AddGroup => {
            b.checkpoint();
            b.draft.groups.push(GroupDraft { filters: vec![FilterDraft::default()] });
            b.go_to(Row::Filter(b.draft.groups.len() - 1, 0));
            b.cell = Cell::Property;
        }
        Action::Delete => delete(b),
        Action::Duplicate => duplicate(b),
        Action::Undo => {
            if let Some(d) = b.undo.pop() {
                b.draft = d;
                b.cursor = b.cursor.min(b.rows().len().saturating_sub(1));
            }
        }
        _ => {}
    }
}

fn add_filter(b: &mut Builder) {
    b.checkpoint();
    let (g, at) = match b.row() {
        Row::Filter(g, f) => (g, f + 1),
        Row::Group(g) => (g, b.draft.groups[g].filters.len()),
        Row::Query | Row::Sort => {
            if b.draft.groups.is_empty() {
                b.draft.groups.push(GroupDraft::default());
            }
            let g = b.draft.groups.len() - 1;
            (g, b.draft.groups[g].filters.len())
        }
    };
    b.draft.groups[g].filters.insert(at, FilterDraft::default());
    b.go_to(Row::Filter(g, at));
    b.cell = Cell::Property;
}

fn delete(b: &mut Builder) {
    b.checkpoint();
    match b.row() {
        Row::Query => b.draft.query.clear(),
        Row::Sort => b.draft.sort = None,
        Row::Group(g) => {
            b.draft.groups.remove(g);
        }
        Row::Filter(g, f) => {
            b.draft.groups[g].filters.remove(f);
            if b.draft.groups[g].filters.is_empty() {
                b.draft.groups.remove(g);
            }
        }
    }
    b.cursor = b.cursor.min(b.rows().len().saturating_sub(1));
}

fn duplicate(b: &mut Builder) {
    match b.row() {
        Row::Filter(g, f) => {
            b.checkpoint();
            let copy = b.draft.groups[g].filters[f].clone();
            b.draft.groups[g].filters.insert(f + 1, copy);
            b.go_to(Row::Filter(g, f + 1));
        }
        Row::Group(g) => {
            b.checkpoint();
            let copy = b.draft.groups[g].clone();
            b.draft.groups.insert(g + 1, copy);
            b.go_to(Row::Group(g + 1));
        }
        Row::Query | Row::Sort => {}
    }
}

/// Closes the builder, keeping its draft for next time.
fn close(state: &mut AppState) {
    if let Modal::Search(b) = std::mem::take(&mut state.modal) {
        state.searches.drafts.insert(b.type_id.clone(), b.draft);
    }
}

/// Runs the builder's search: the table shows its results; the draft is remembered.
fn run(state: &mut AppState) -> Vec<Command> {
    let Modal::Search(b) = &state.modal else { return Vec::new() };
    let draft = b.draft.clone();
    match request_of(state, &draft) {
        Err(e) => {
            revalidate(state);
            state.bar.toast(e, true);
            Vec::new()
        }
        Ok(_) => {
            close(state);
            start(state, draft)
        }
    }
}

/// Shows a valid draft's results in the table.
pub fn start(state: &mut AppState, draft: SearchDraft) -> Vec<Command> {
    let Some(type_id) = state.list.type_id.clone() else { return Vec::new() };
    let Ok(request) = request_of(state, &draft) else { return Vec::new() };
    let by_id = draft.sort.is_none();
    state.searches.drafts.insert(type_id.clone(), draft.clone());
    state.list.search = Some(ActiveSearch {
        draft: draft.clone(),
        request,
        by_id,
        total: None,
        past_cap: false,
        capped: false,
        counting: None,
    });
    state.focus = Focus::List;
    let mut cmds = super::nav::reload_rows(state);
    let saved = state.searches.saved.get(&type_id).cloned().unwrap_or_default();
    cmds.push(Command::SaveSearches { type_id, saved, last: Some(draft) });
    cmds
}

/// `=` / `!` on a table cell: AND "column EQ (NEQ) this value" into the search and run it.
pub fn filter_on_cell(state: &mut AppState, equal: bool) -> Vec<Command> {
    let (Some(_), Some(row)) = (state.list.type_id.as_ref(), state.list.selected_row().cloned()) else {
        return Vec::new();
    };
    let col = state.list.column.min(state.list.columns.len().saturating_sub(1));
    let Some(property) = state.list.columns.get(col).cloned() else { return Vec::new() };
    let value = row.cells.get(col).cloned().unwrap_or_default();
    let operator = match (value.is_empty(), equal) {
        (true, true) => "NOT_HAS_PROPERTY",
        (true, false) => "HAS_PROPERTY",
        (false, true) => "EQ",
        (false, false) => "NEQ",
    };
    // Narrow the search shown (or start one from all records).
    let mut draft = state.list.search.as_ref().map(|s| s.draft.clone()).unwrap_or_default();
    draft.and(FilterDraft { property, operator: operator.into(), value, ..FilterDraft::default() });
    if let Err(e) = request_of(state, &draft) {
        state.bar.toast(e, true);
        return Vec::new();
    }
    start(state, draft)
}

/// The table's records that have a value for `property` (from the Properties view): a new
/// search with one `HAS_PROPERTY` filter.
pub fn run_has_property(state: &mut AppState, property: &str) -> Vec<Command> {
    let mut draft = crate::app::search::SearchDraft::default();
    draft.and(FilterDraft { property: property.to_owned(), operator: "HAS_PROPERTY".into(), ..FilterDraft::default() });
    if let Err(e) = request_of(state, &draft) {
        state.bar.toast(e, true);
        return Vec::new();
    }
    start(state, draft)
}

/// `y` copies the request as JSON, `Y` as a curl command (the token stays a variable).
fn copy_request(state: &mut AppState, curl: bool) -> Vec<Command> {
    let Modal::Search(b) = &state.modal else { return Vec::new() };
    match request_of(state, &b.draft) {
        Err(e) => {
            state.bar.toast(e, true);
            Vec::new()
        }
        Ok(r) => {
            let (text, what) = if curl {
                (curl_command(&state.links.api_base, &b.type_id, &r), "curl command".to_owned())
            } else {
                (serde_json::to_string_pretty(&r).unwrap_or_default(), "search JSON".to_owned())
            };
            vec![Command::Copy { text, what }]
        }
    }
}
