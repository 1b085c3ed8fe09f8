//! The column picker: choose the record table's columns from the property definitions;
//! the choice is remembered per object type.

use crate::action::Action;
use crate::app::command::Command;
use crate::app::modal::{ColumnPicker, Modal};
use crate::app::state::AppState;

/// `(name, label)` of the table type's visible properties.
#[must_use]
pub fn choices(state: &AppState) -> Vec<(String, String)> {
    state
        .properties
        .ready()
        .map(|ps| ps.iter().filter(|p| !p.hidden).map(|p| (p.name.clone(), p.label.clone())).collect())
        .unwrap_or_default()
}

/// Opens the picker on the table's current columns.
pub fn open_columns(state: &mut AppState) -> Vec<Command> {
    // Still loading: the picker opens now on the current columns and fills in when they come.
    state.modal = Modal::Columns(ColumnPicker { chosen: state.list.columns.clone(), ..ColumnPicker::default() });
    Vec::new()
}

/// Keys in the picker: move, toggle, done (applies and remembers).
pub fn columns_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let props = choices(state);
    let Modal::Columns(c) = &mut state.modal else { return Vec::new() };
    let shown = c.candidates(&props).len();
    match a {
        Action::Up => c.selected = c.selected.saturating_sub(1),
        Action::Down => c.selected = (c.selected + 1).min(shown.saturating_sub(1)),
        Action::Toggle | Action::Open => {
            if let Some((name, _)) = c.candidates(&props).get(c.selected).map(|p| (*p).clone()) {
                if let Some(i) = c.chosen.iter().position(|n| *n == name) {
                    c.chosen.remove(i);
                } else {
                    c.chosen.push(name);
                }
            }
        }
        Action::Back => {
            let chosen = std::mem::take(&mut c.chosen);
            state.modal = Modal::None;
            return apply(state, chosen);
        }
        _ => {}
    }
    Vec::new()
}

/// Uses the chosen columns (the type's defaults when none), reloads the table, remembers them.
fn apply(state: &mut AppState, chosen: Vec<String>) -> Vec<Command> {
    let Some(type_id) = state.list.type_id.clone() else { return Vec::new() };
    if chosen == state.list.columns {
        return Vec::new();
    }
    if chosen.is_empty() {
        state.prefs.columns.remove(&type_id);
    } else {
        state.prefs.columns.insert(type_id, chosen);
    }
    let mut cmds = super::nav::reload_rows(state);
    cmds.push(Command::SaveColumns { columns: state.prefs.columns.clone() });
    cmds
}
