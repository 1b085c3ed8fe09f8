//! The write log view's keys and answers (the view's state is `app::log`).

use crate::action::Action;
use crate::app::command::Command;
use crate::app::log::{LogView, Row};
use crate::app::modal::{Confirm, Modal};
use crate::app::msg::LogMsg;
use crate::app::state::{AppState, Focus};
use crate::app::table::state::QuickFilter;

fn view(state: &mut AppState) -> Option<&mut LogView> {
    super::cover::find(state, |m| match m {
        Modal::Log(v) => Some(v),
        _ => None,
    })
}

fn read(state: &mut AppState) -> Vec<Command> {
    let req = state.req();
    if let Some(v) = view(state) {
        v.reading = Some(req);
    }
    vec![Command::ReadLog { req }]
}

/// `L`: the log, read afresh.
pub fn open(state: &mut AppState) -> Vec<Command> {
    let aliases = state
        .types
        .list
        .ready()
        .into_iter()
        .flatten()
        .map(|t| (t.type_id.clone(), std::iter::once(t.label.clone()).chain(t.aliases.iter().cloned()).collect()))
        .collect();
    state.modal = Modal::Log(LogView { aliases, ..LogView::default() });
    read(state)
}

/// Keys in the log.
pub fn action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    if v.filter.as_ref().is_some_and(|f| f.editing) {
        let rows = v.rows().len();
        QuickFilter::overlay_key(&mut v.filter, &mut v.cursor, rows, a);
        return Vec::new();
    }
    let rows = v.rows();
    match a {
        Action::Down => v.cursor = (v.cursor + 1).min(rows.len().saturating_sub(1)),
        Action::Up => v.cursor = v.cursor.saturating_sub(1),
        Action::Filter => {
            let field = v.filter.take().map(|f| f.field).unwrap_or_default();
            v.filter = Some(QuickFilter { field, editing: true });
        }
        // Esc drops a kept filter first, then closes.
        Action::Back if v.filter.is_some() => {
            v.filter = None;
            v.cursor = 0;
        }
        Action::Back | Action::WriteLog => state.modal = Modal::None,
        Action::Help => return super::cover::help(state),
        Action::Refresh => return read(state),
        Action::Open => return open_row(state),
        Action::Undo => return undo(state),
        _ => {}
    }
    Vec::new()
}

/// A key typed into the filter: the entries shown change, the cursor goes to the first.
pub fn filter_key(state: &mut AppState, k: crate::keymap::KeyChord) {
    if let Some(v) = view(state)
        && let Some(f) = v.filter.as_mut().filter(|f| f.editing)
        && f.field.input(k)
    {
        v.cursor = 0;
    }
}

/// Enter: an entry opens (or closes) into its records; a record opens in the record view.
fn open_row(state: &mut AppState) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    let Some(row) = v.rows().get(v.cursor).copied() else { return Vec::new() };
    let Some(entries) = v.entries.as_ref() else { return Vec::new() };
    match row {
        Row::Entry(i) => {
            let id = entries[i].id.clone();
            v.open = if v.open.as_deref() == Some(id.as_str()) { None } else { Some(id) };
            // The cursor stays on the entry (the one closed above it moved the rows).
            v.cursor = v.rows().iter().position(|r| *r == Row::Entry(i)).unwrap_or(0);
            Vec::new()
        }
        Row::Record(i, r) => {
            let (type_id, id) = (entries[i].type_id.clone(), entries[i].records[r].id.clone());
            if id.is_empty() {
                state.bar.toast("That record was never created (its write failed)", true);
                return Vec::new();
            }
            state.modal = Modal::None;
            state.focus = Focus::Detail;
            super::list::fetch_record(state, type_id, id)
        }
    }
}

/// `u`: undo the entry under the cursor (unless it cannot be undone).
fn undo(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let Some(v) = view(state) else { return Vec::new() };
    if v.undoing {
        return Vec::new();
    }
    let Some(e) = v.entry().cloned() else { return Vec::new() };
    if let Some(why) = crate::writelog::undo::refusal(&e) {
        state.bar.toast(format!("{} can't be undone: {why}", e.id), true);
        return Vec::new();
    }
    // Asked first, naming what it undoes; the log comes back either way.
    let what = e.summary_as(v.aliases.get(&e.type_id).and_then(|a| a.first()).unwrap_or(&e.type_id));
    let view = Box::new(v.clone());
    state.modal = Modal::Confirm(Confirm::Undo { view, entry: e.id, what });
    Vec::new()
}

/// The log read; an undo done (the log is read again and the table reloaded).
pub fn result(state: &mut AppState, m: LogMsg) -> Vec<Command> {
    match m {
        LogMsg::Read { req, entries, at } => {
            if let Some(v) = view(state).filter(|v| v.reading == Some(req)) {
                v.reading = None;
                v.read_at = at;
                // The cursor stays on the entry it was on (an undo adds one above it).
                let on = v.entry().map(|e| e.id.clone());
                v.entries = Some(entries);
                let rows = v.rows();
                let entries = v.entries.as_deref().unwrap_or_default();
                v.cursor = on
                    .and_then(|id| rows.iter().position(|r| matches!(r, Row::Entry(i) if entries[*i].id == id)))
                    .unwrap_or(0);
            }
            Vec::new()
        }
        LogMsg::Undone { req, text, error } => {
            state.saving.retain(|r| *r != req);
            state.bar.toast(text, error);
            let mut cmds = Vec::new();
            if let Some(v) = view(state) {
                v.undoing = false;
                cmds.extend(read(state));
            }
            cmds.extend(super::nav::reload_rows(state));
            cmds
        }
    }
}
