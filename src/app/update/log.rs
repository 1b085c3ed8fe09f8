//! The write log view's keys and answers (the view's state is `app::log`).

use crate::action::Action;
use crate::app::command::Command;
use crate::app::log::{LogView, Row};
use crate::app::modal::Modal;
use crate::app::msg::LogMsg;
use crate::app::state::{AppState, Focus};

fn view(state: &mut AppState) -> Option<&mut LogView> {
    match &mut state.modal {
        Modal::Log(v) => Some(v),
        _ => None,
    }
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
    state.modal = Modal::Log(LogView::default());
    read(state)
}

/// Keys in the log.
pub fn action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    let rows = v.rows();
    match a {
        Action::Down => v.cursor = (v.cursor + 1).min(rows.len().saturating_sub(1)),
        Action::Up => v.cursor = v.cursor.saturating_sub(1),
        Action::Back | Action::WriteLog => state.modal = Modal::None,
        Action::Open => return open_row(state),
        Action::Undo => return undo(state),
        _ => {}
    }
    Vec::new()
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
    v.undoing = true;
    let req = state.req();
    state.saving.push(req);
    state.bar.toast(format!("Undoing {} — {}…", e.id, e.summary()), false);
    vec![Command::UndoEntry { req, entry: e.id }]
}

/// The log read; an undo done (the log is read again and the table reloaded).
pub fn result(state: &mut AppState, m: LogMsg) -> Vec<Command> {
    match m {
        LogMsg::Read { req, entries } => {
            if let Some(v) = view(state).filter(|v| v.reading == Some(req)) {
                v.reading = None;
                v.cursor = v.cursor.min(entries.len().saturating_sub(1));
                v.entries = Some(entries);
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
