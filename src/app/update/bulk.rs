//! Working on many records: marking rows (space, all matching), a property set on every
//! marked record (staged like any edit), archiving (asks first, defaulting to no), the
//! recycle bin and — on the local CRM — restoring.

use crate::action::Action;
use crate::app::command::Command;
use crate::app::edit::EditField;
use crate::app::modal::{ColumnPicker, Confirm, Modal};
use crate::app::msg::BulkMsg;
use crate::app::state::{AppState, Focus};

/// Space: mark or unmark the selected row (the table then moves down).
pub fn toggle_mark(state: &mut AppState) {
    // On the last loaded row while more rows load, the cursor cannot move on: keys repeated
    // there only mark (they would otherwise flip the row on and off).
    let l = &state.list;
    let at_edge = l.selected + 1 >= l.end() && !l.loaded_all;
    if let Some(id) = l.selected_row().map(|r| r.id.clone())
        && (!state.list.marked.remove(&id) || at_edge)
    {
        state.list.marked.insert(id);
        state.list.anchor = Some(state.list.selected);
    }
    state.list.all_marked = false;
}

/// `V`: mark every loaded row between the last one marked and the cursor.
pub fn select_range(state: &mut AppState) -> Vec<Command> {
    let l = &mut state.list;
    let from = l.anchor.unwrap_or(l.selected).clamp(l.base, l.end().saturating_sub(1).max(l.base));
    let (a, b) = if from <= l.selected { (from, l.selected) } else { (l.selected, from) };
    for i in a..=b {
        if let Some(r) = l.rows.get(i - l.base) {
            l.marked.insert(r.id.clone());
        }
    }
    l.anchor = Some(l.selected);
    l.all_marked = false;
    Vec::new()
}

/// `A` with rows marked: pick one record to associate all of them to.
pub fn ask_associate_many(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let Some(type_id) = state.list.type_id.clone() else { return Vec::new() };
    let many: Vec<String> = state.list.marked.iter().cloned().collect();
    let step = crate::app::create::AssocStep::Type(ColumnPicker::default());
    state.modal = Modal::Associate { from: crate::model::RecordRef::new(type_id, ""), step, many };
    Vec::new()
}

/// `*`: mark every record the table shows — every match of a search, or every record of
/// the type (their ids fetched when not all are loaded); again to clear.
pub fn select_all(state: &mut AppState) -> Vec<Command> {
    if state.list.all_marked && !state.list.marked.is_empty() {
        state.list.marked.clear();
        state.list.all_marked = false;
        state.bar.toast("Marks cleared", false);
        return Vec::new();
    }
    let l = &state.list;
    let all_loaded = l.loaded_all && l.base == 0;
    let Some(type_id) = l.type_id.clone() else { return Vec::new() };
    let label = state.table_type().map_or_else(|| type_id.clone(), |t| t.label.clone());
    if l.filter.is_some() {
        // The quick filter narrows what `*` means: the loaded rows it lets through.
        let shown: Vec<String> = l.shown().into_iter().map(|i| l.rows[i - l.base].id.clone()).collect();
        state.list.all_marked = true;
        state.bar.toast(format!("Marked the {} rows the filter shows (of the loaded ones)", shown.len()), false);
        state.list.marked = shown.into_iter().collect();
        return Vec::new();
    }
    if all_loaded {
        state.list.all_marked = true;
        state.list.marked = state.list.rows.iter().map(|r| r.id.clone()).collect();
        state.bar.toast(format!("Marked all {} {label} shown", state.list.marked.len()), false);
        return Vec::new();
    }
    if l.archived {
        state.list.all_marked = true;
        state.list.marked = state.list.rows.iter().map(|r| r.id.clone()).collect();
        state.bar.toast(format!("Marked the {} loaded rows of the recycle bin", state.list.marked.len()), false);
        return Vec::new();
    }
    let (search, what) = match &l.search {
        Some(s) => (
            s.request.clone(),
            format!("all {} matches", s.total.map_or_else(|| "the".into(), crate::app::record_view::group_count)),
        ),
        None => (crate::model::SearchRequest::default(), format!("every {label} record")),
    };
    let req = state.req();
    state.reading.push(req);
    state.bar.toast(format!("Marking {what}…"), false);
    vec![Command::FetchAllIds { req, type_id, search: Box::new(search) }]
}

/// The records an action applies to: the marked ones, else the one under the cursor.
fn targets(state: &AppState) -> Vec<String> {
    if state.focus == Focus::Detail {
        return state.detail.current.iter().map(|r| r.id.clone()).collect();
    }
    if state.list.marked.is_empty() {
        state.list.selected_row().map(|r| vec![r.id.clone()]).unwrap_or_default()
    } else {
        state.list.marked.iter().cloned().collect()
    }
}

/// `X`: asks to archive the marked records (or the current one).
pub fn ask_archive(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let type_id = match state.focus {
        Focus::Detail => state.detail.current.as_ref().map(|r| r.type_id.clone()),
        _ => state.list.type_id.clone(),
    };
    let ids = targets(state);
    let (Some(type_id), false) = (type_id, ids.is_empty()) else { return Vec::new() };
    let label = state.table_type().map_or_else(|| type_id.clone(), |t| t.label.clone());
    let names = ids.iter().take(3).map(|id| record_name(state, &type_id, id)).collect();
    state.modal = Modal::Confirm(Confirm::Archive { type_id, label, ids, names });
    Vec::new()
}

/// How a record is named in a question: `1007 (Model 7 · Ford)` from the table's row or the
/// record view's title, else its id.
fn record_name(state: &AppState, type_id: &str, id: &str) -> String {
    if let Some(t) = state.detail.titles.get(&crate::model::RecordRef::new(type_id, id)) {
        let name = t.split_once(": ").map_or(t.as_str(), |(_, n)| n);
        return format!("{id} ({name})");
    }
    let row = (state.list.type_id.as_deref() == Some(type_id)).then(|| state.list.rows.iter().find(|r| r.id == id));
    match row.flatten() {
        Some(r) => {
            let cells: Vec<&str> =
                r.cells.iter().map(String::as_str).filter(|c| !c.trim().is_empty()).take(2).collect();
            if cells.is_empty() { id.to_owned() } else { format!("{id} ({})", cells.join(" · ")) }
        }
        None => id.to_owned(),
    }
}

/// `B`: the recycle bin (archived records) of the type, or back to the live ones.
pub fn toggle_bin(state: &mut AppState) -> Vec<Command> {
    state.list.archived = !state.list.archived;
    state.detail = crate::app::state::DetailState::default();
    state.list.search = None;
    state.list.marked.clear();
    super::nav::reload_rows(state)
}

/// `U` in the recycle bin: restore the selected record (the local CRM only).
pub fn restore(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    if !state.list.archived {
        state.bar.toast("Restore works in the recycle bin (B)", true);
        return Vec::new();
    }
    if state.links.api_base.contains("hubapi.com") {
        state.bar.toast("HubSpot's API cannot restore records; use the web app's recycle bin (o)", true);
        return Vec::new();
    }
    let (Some(type_id), Some(id)) = (state.list.type_id.clone(), state.list.selected_row().map(|r| r.id.clone()))
    else {
        return Vec::new();
    };
    let name = record_name(state, &type_id, &id);
    state.modal = Modal::Confirm(Confirm::Restore { type_id, id, name });
    Vec::new()
}

/// `e` with rows marked: choose the property to set on all of them.
pub fn ask_bulk_property(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    // Still loading: the picker opens now and fills in when they come (typing is kept).
    state.modal = Modal::BulkProperty(ColumnPicker::default());
    Vec::new()
}

/// `(name, label)` of what a bulk edit can set: writable and not unique (one value on many
/// records would collide). The picker draws and picks from this one list.
#[must_use]
pub fn choices(state: &AppState) -> Vec<(String, String)> {
    state
        .properties
        .ready()
        .map(|ps| {
            ps.iter()
                .filter(|p| !p.hidden && p.writable() && !p.has_unique_value)
                .map(|p| (p.name.clone(), p.label.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Keys in the property picker of a bulk edit.
pub fn bulk_property_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let choices = choices(state);
    let Modal::BulkProperty(c) = &mut state.modal else { return Vec::new() };
    let shown = c.candidates(&choices);
    match a {
        Action::Back => state.modal = Modal::None,
        Action::Up => c.selected = c.selected.saturating_sub(1),
        Action::Down => c.selected = (c.selected + 1).min(shown.len().saturating_sub(1)),
        Action::Open | Action::Toggle => {
            let name = shown.get(c.selected).map(|(n, _)| n.clone());
            let prop = name.and_then(|n| state.properties.ready()?.iter().find(|p| p.name == n).cloned());
            let (Some(property), Some(type_id)) = (prop, state.list.type_id.clone()) else { return Vec::new() };
            let ids: Vec<String> = state.list.marked.iter().cloned().collect();
            state.modal = Modal::Edit(Box::new(EditField { ids, ..EditField::blank(type_id, property) }));
        }
        _ => {}
    }
    Vec::new()
}

/// Results of archiving, restoring and "select all matching".
pub fn bulk_result(state: &mut AppState, m: BulkMsg) -> Vec<Command> {
    match m {
        BulkMsg::Archived { req, type_id, count, error } => {
            state.saving.retain(|r| *r != req);
            match error {
                None => state.bar.toast(format!("Archived {count} record(s) — B shows the recycle bin"), false),
                Some(e) => state.bar.toast(format!("Archived {count}; then: {e}"), true),
            }
            state.list.marked.clear();
            if state.detail.current.as_ref().is_some_and(|r| r.type_id == type_id) {
                state.detail = crate::app::state::DetailState::default();
                state.focus = Focus::List;
            }
            super::nav::reload_rows(state)
        }
        BulkMsg::Restored { req, id, error } => {
            state.saving.retain(|r| *r != req);
            match error {
                None => {
                    state.bar.toast(format!("Restored {id}"), false);
                    // The record view showed it from the bin (or an error about it): start over.
                    if state.detail.current.as_ref().is_some_and(|r| r.id == id) {
                        state.detail = crate::app::state::DetailState::default();
                        state.focus = Focus::List;
                    }
                    state.status = None;
                    let mut cmds = super::nav::reload_rows(state);
                    // A reload of the bin does not count the live records: one came back.
                    if let (true, Some(t)) = (state.list.archived, state.list.type_id.clone()) {
                        cmds.push(super::nav::count(state, t));
                    }
                    cmds
                }
                Some(e) => {
                    state.bar.toast(format!("Not restored: {e}"), true);
                    Vec::new()
                }
            }
        }
        BulkMsg::AssociatedMany { req, error } if state.saving.contains(&req) => {
            // From the table: nothing shown needs reloading.
            state.saving.retain(|r| *r != req);
            match error {
                Some(e) => state.bar.toast(format!("Associations unchanged: {e}"), true),
                None => state.bar.toast("Associated", false),
            }
            Vec::new()
        }
        BulkMsg::Exported { req, path, count, note, error, exists } => {
            super::export::exported(state, req, (path, count), note, error, exists)
        }
        BulkMsg::AllIds { req, ids, error } => {
            if !state.finish(req) {
                return Vec::new();
            }
            match error {
                None => {
                    let what =
                        if state.list.search.is_some() { "matching records" } else { "records (all of the type)" };
                    state
                        .bar
                        .toast(format!("Marked {} {what}", crate::app::record_view::group_count(ids.len())), false);
                    state.list.marked = ids.into_iter().collect();
                    state.list.all_marked = true;
                }
                Some(e) => state.bar.toast(format!("Could not select all: {e}"), true),
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}
