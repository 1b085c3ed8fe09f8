//! Editing: the inline editor stages a property change (validated by type first); the
//! changeset view lists what is staged and saves it; results come back record by record —
//! failures and conflicts stay staged with their reason. Quitting with staged changes asks.

use crate::model::RecordRef;
use std::collections::BTreeMap;

use crate::action::Action;
use crate::app::command::{Command, SaveItem};
use crate::app::edit::{EditField, check_value};
use crate::app::modal::{Confirm, Modal};
use crate::app::msg::EditMsg;
use crate::app::record_view::{display_value, property_rows};
use crate::app::state::{AppState, DetailTab, Focus, Loadable};
use crate::app::text::TextField;
use crate::keymap::KeyChord;

pub(super) fn journal(state: &AppState) -> Command {
    Command::SaveDrafts { staged: state.staged.clone() }
}

/// `e` on a property in the record view: opens its editor (refusing read-only ones).
pub fn open_editor(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    if !state.saving.is_empty() {
        state.bar.toast("A save is running — edit again when it has finished", true);
        return Vec::new();
    }
    if state.focus != Focus::Detail || state.detail.tab != DetailTab::Properties {
        state.bar.toast("Open a record's Properties tab to edit (e on a property)", true);
        return Vec::new();
    }
    let (Some(rec), Some(RecordRef { type_id, id })) = (state.detail.record.ready(), state.detail.current.clone())
    else {
        if matches!(state.detail.record, Loadable::Loading { .. }) {
            state.bar.toast("Still reading the record — e again once it shows", true);
        }
        return Vec::new();
    };
    let props = state.detail_properties();
    let Some(row) =
        property_rows(rec, props, &crate::app::record_view::row_order(state)).into_iter().nth(state.detail.cursor)
    else {
        return Vec::new();
    };
    let Some(p) = props.and_then(|ps| ps.iter().find(|p| p.name == row.name)).cloned() else {
        state.bar.toast(format!("{} has no definition here: cannot edit it", row.name), true);
        return Vec::new();
    };
    if !p.writable() {
        state.bar.toast(format!("{} is read-only (set by HubSpot)", p.label), true);
        return Vec::new();
    }
    let current = state.staged.value(&type_id, &id, &p.name).map_or(row.value.to_owned(), |c| c.new.clone());
    let seen_modified = rec
        .properties
        .get("hs_lastmodifieddate")
        .cloned()
        .flatten()
        .or_else(|| Some(rec.updated_at.clone()).filter(|u| !u.is_empty()));
    let mut e = EditField {
        type_id,
        id,
        old: row.value.to_owned(),
        field: TextField::with_text(&current),
        selected: 0,
        checked: current.split(';').filter(|v| !v.is_empty()).map(str::to_owned).collect(),
        error: None,
        seen_modified,
        property: p,
        ids: Vec::new(),
        then: None,
    };
    e.selected = e.property.options.iter().position(|o| o.value == current).unwrap_or(0);
    if e.is_pick() {
        // A pick list's field holds what the user types to find an option.
        e.field = TextField::default();
    }
    state.modal = Modal::Edit(Box::new(e));
    Vec::new()
}

/// A typed key into the editor's field.
pub fn type_key(e: &mut EditField, k: KeyChord) {
    if !e.is_pick() {
        if e.field.input(k) {
            e.error = None;
        }
        return;
    }
    // In a pick list typing jumps to the first option whose label (or value) has the text.
    if e.field.input(k) {
        let typed = e.field.text().to_lowercase();
        if let Some(i) = e
            .property
            .options
            .iter()
            .position(|o| o.label.to_lowercase().contains(&typed) || o.value.to_lowercase().contains(&typed))
        {
            e.selected = i;
        }
    }
}

/// What a key did in an inline editor.
pub enum EditorKey {
    /// Still editing (moved, checked, typed).
    Continue,
    Cancel,
    /// This value (as typed or picked) is to be checked and used.
    Commit(String),
}

/// A key in an inline editor (shared by the record view, bulk edits and the create form).
pub fn editor_key(e: &mut EditField, a: Action) -> EditorKey {
    let n = e.property.options.len();
    match a {
        Action::Up => e.selected = e.selected.saturating_sub(1),
        Action::Down => e.selected = (e.selected + 1).min(n.saturating_sub(1)),
        Action::Back if e.is_multi() => {
            let order: Vec<&str> = e.property.options.iter().map(|o| o.value.as_str()).collect();
            let mut checked = e.checked.clone();
            checked.sort_by_key(|v| order.iter().position(|o| o == v));
            return EditorKey::Commit(checked.join(";"));
        }
        Action::Back => return EditorKey::Cancel,
        Action::Open | Action::Toggle if e.is_multi() => {
            if let Some(v) = e.property.options.get(e.selected).map(|o| o.value.clone()) {
                match e.checked.iter().position(|c| *c == v) {
                    Some(i) => {
                        e.checked.remove(i);
                    }
                    None => e.checked.push(v),
                }
            }
        }
        Action::Open | Action::Toggle if e.is_pick() => {
            // Typed text that matches no option picks nothing (rather than the highlighted one).
            let typed = e.field.text().to_lowercase();
            let matches = |o: &crate::model::PropertyOption| {
                o.label.to_lowercase().contains(&typed) || o.value.to_lowercase().contains(&typed)
            };
            if !typed.is_empty() && !e.property.options.iter().any(matches) {
                e.error = Some(format!("No option matches \"{}\" — ctrl-u clears it", e.field.text()));
                return EditorKey::Continue;
            }
            return EditorKey::Commit(e.property.options.get(e.selected).map(|o| o.value.clone()).unwrap_or_default());
        }
        Action::Open => return EditorKey::Commit(e.field.text().to_owned()),
        _ => {}
    }
    EditorKey::Continue
}

/// Keys in the editor.
pub fn edit_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Modal::Edit(e) = &mut state.modal else { return Vec::new() };
    let value = match editor_key(e, a) {
        EditorKey::Continue => return Vec::new(),
        EditorKey::Cancel => {
            if let Some(fill) = &e.then {
                state.bar.toast(format!("Not moved: {}", fill.why), true);
            }
            super::cover::uncover(state);
            return Vec::new();
        }
        EditorKey::Commit(v) => v,
    };
    let now = i64::try_from(state.bar.now_ms).unwrap_or(i64::MAX);
    match check_value(&e.property, &value, now) {
        Err(why) => {
            e.error = Some(why);
            Vec::new()
        }
        Ok(v) if e.then.is_some() && v.is_empty() => {
            e.error = Some(format!("{} needs a value (esc: not moved)", e.property.label));
            Vec::new()
        }
        Ok(v) if e.then.is_some() => {
            let e = e.clone();
            super::cover::uncover(state);
            super::board::filled(state, *e, &v)
        }
        Ok(v) => {
            let e = e.clone();
            state.modal = Modal::None;
            if e.ids.is_empty() && v == e.old && state.staged.value(&e.type_id, &e.id, &e.property.name).is_none() {
                state.bar.toast(
                    format!("{} unchanged (it already is {})", e.property.label, display_value(Some(&e.property), &v)),
                    false,
                );
                return Vec::new();
            }
            let mut cmds = Vec::new();
            if e.ids.is_empty() {
                state.staged.stage(&e.type_id, &e.id, e.seen_modified.clone(), &e.property.name, &e.old, &v);
            } else {
                cmds.extend(stage_bulk(state, &e, &v));
                state.list.marked.clear();
            }
            let shown = |x: &str| display_value(Some(&e.property), x);
            let what = if e.ids.is_empty() { shown(&e.old) } else { format!("{} records", e.ids.len()) };
            state.bar.toast(format!("Staged {}: {what} → {} — C reviews, w saves", e.property.label, shown(&v)), false);
            cmds.push(journal(state));
            cmds
        }
    }
}

/// A bulk edit: each record's old value from the table when it shows that column, else read
/// afterwards (with the record's last-modified time, so the conflict guard covers it too).
fn stage_bulk(state: &mut AppState, e: &crate::app::edit::EditField, v: &str) -> Vec<Command> {
    let column = state.list.columns.iter().position(|c| *c == e.property.name);
    let mut unknown = Vec::new();
    for id in &e.ids {
        let already = state.staged.value(&e.type_id, id, &e.property.name).is_some();
        let row = state.list.rows.iter().find(|r| r.id == *id);
        match (already, column.and_then(|c| row.and_then(|r| r.cells.get(c)))) {
            (false, Some(old)) => state.staged.stage(&e.type_id, id, None, &e.property.name, &old.clone(), v),
            _ => {
                state.staged.stage_unknown(&e.type_id, id, &e.property.name, v);
                if state.staged.value(&e.type_id, id, &e.property.name).is_some_and(|c| c.old_unknown) {
                    unknown.push(id.clone());
                }
            }
        }
    }
    if unknown.is_empty() {
        return Vec::new();
    }
    vec![Command::FetchOldValues { type_id: e.type_id.clone(), property: e.property.name.clone(), ids: unknown }]
}

/// The old values of a bulk edit arrived.
pub fn old_values(state: &mut AppState, m: EditMsg) -> Vec<Command> {
    let EditMsg::OldValues { type_id, property, values, error } = m else { return Vec::new() };
    let count = |s: &crate::app::edit::Staged| {
        s.records.get(&type_id).map_or(0, |r| r.values().filter(|e| e.props.contains_key(&property)).count())
    };
    let before = count(&state.staged);
    for (id, old, modified) in values {
        state.staged.learn_old(&type_id, &id, &property, &old, modified);
    }
    let dropped = before - count(&state.staged);
    if dropped > 0 && error.is_none() {
        let label = crate::app::record_view::property_label(state, &type_id, &property);
        state.bar.toast(
            format!("{dropped} record(s) already had that {label}: {} change(s) staged", count(&state.staged)),
            false,
        );
    }
    if let Some(e) = error {
        state.bar.toast(format!("Could not read every current value of {property}: {e} (shown as not loaded)"), true);
    }
    vec![journal(state)]
}

/// Keys in the changeset view.
pub fn changes_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let rows = state.staged.rows();
    let Modal::Changes { cursor } = &mut state.modal else { return Vec::new() };
    match a {
        Action::Back | Action::Changes => super::cover::uncover(state),
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::Down => *cursor = (*cursor + 1).min(rows.len().saturating_sub(1)),
        Action::Delete => {
            if let Some((t, id, p)) = rows.get(*cursor)
                && let Some(rec) = state.staged.records.get_mut(t).and_then(|r| r.get_mut(id))
            {
                let took_theirs = rec.props.remove(p).is_some_and(|c| c.theirs.is_some());
                state.staged.prune();
                *cursor = (*cursor).min(rows.len().saturating_sub(2));
                let mut cmds = vec![journal(state)];
                // Theirs is now the value: the record view shows it.
                if took_theirs && state.detail.current.as_ref().is_some_and(|r| r.is(t, id)) {
                    cmds.extend(super::list::fetch_record(state, t.clone(), id.clone()));
                }
                return cmds;
            }
        }
        Action::Commit => return commit(state),
        _ => {}
    }
    Vec::new()
}

/// Opens the changeset view.
pub fn open_changes(state: &mut AppState) -> Vec<Command> {
    super::cover::cover(state, Modal::Changes { cursor: 0 });
    Vec::new()
}

/// Saves everything staged: one command per object type.
pub fn commit(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    if !state.saving.is_empty() {
        state.bar.toast("A save is already running", true);
        return Vec::new();
    }
    let mut cmds = Vec::new();
    let types: Vec<String> = state.staged.records.keys().cloned().collect();
    for type_id in types {
        let items: Vec<SaveItem> = state.staged.records[&type_id]
            .iter()
            .map(|(id, r)| SaveItem {
                id: id.clone(),
                properties: r.props.iter().map(|(p, c)| (p.clone(), c.new.clone())).collect(),
                old: r.props.iter().filter(|(_, c)| !c.old_unknown).map(|(p, c)| (p.clone(), c.old.clone())).collect(),
                seen_modified: r.seen_modified.clone(),
                force: r.force,
            })
            .collect();
        let req = state.req();
        state.saving.push(req);
        cmds.push(Command::SaveChanges { req, type_id, items });
    }
    if cmds.is_empty() {
        state.bar.toast("Nothing staged", false);
    } else {
        state.bar.toast(format!("Saving {} change(s)…", state.staged.count()), false);
    }
    cmds
}

/// The table shows the saved values of the rows it has loaded.
fn show_saved(l: &mut crate::app::state::RecordListState, type_id: &str, saved: &[crate::model::Record]) {
    if l.type_id.as_deref() != Some(type_id) {
        return;
    }
    for rec in saved {
        let Some(row) = l.rows.iter_mut().find(|r| r.id == rec.id) else { continue };
        for (cell, column) in row.cells.iter_mut().zip(&l.columns) {
            if let Some(v) = rec.properties.get(column) {
                *cell = v.clone().unwrap_or_default();
            }
        }
    }
}

/// A save's results: saved records leave the changeset; failures and conflicts stay.
pub fn saved(state: &mut AppState, m: EditMsg) -> Vec<Command> {
    match m {
        EditMsg::ChangesSaved { req, type_id, saved, failed, conflicts } => {
            state.saving.retain(|r| *r != req);
            show_saved(&mut state.list, &type_id, &saved);
            let recs = state.staged.records.entry(type_id.clone()).or_default();
            for r in &saved {
                recs.remove(&r.id);
            }
            for (id, why) in &failed {
                for c in recs.get_mut(id).into_iter().flat_map(|r| r.props.values_mut()) {
                    c.error = Some(why.clone());
                }
            }
            super::rules::learn(state, &type_id, &failed);
            let recs = state.staged.records.entry(type_id.clone()).or_default();
            for (id, modified, theirs) in &conflicts {
                if let Some(r) = recs.get_mut(id) {
                    r.seen_modified.clone_from(modified);
                    r.force = true;
                    for (p, c) in &mut r.props {
                        c.theirs = Some(theirs.get(p).cloned().unwrap_or_default());
                    }
                }
            }
            state.staged.prune();
            refresh_rows(state, &type_id, &saved);
            let mut text = format!("Saved {} record(s)", saved.len());
            if let Some(w) = super::warnings::note(&saved) {
                text.push_str(&format!(" ({w})"));
            }
            if !failed.is_empty() {
                text.push_str(&format!("; {} failed (kept staged — C shows why)", failed.len()));
            }
            if !conflicts.is_empty() {
                text.push_str(&format!(
                    "; {} changed by someone else — C shows theirs, w keeps yours, x takes theirs",
                    conflicts.len()
                ));
            }
            state.bar.toast(text, !failed.is_empty() || !conflicts.is_empty());
            let mut cmds = vec![journal(state)];
            if let Some(RecordRef { type_id: t, id }) = state.detail.current.clone()
                && t == type_id
                && saved.iter().any(|r| r.id == id)
            {
                cmds.extend(super::list::fetch_record(state, t, id));
            }
            cmds.extend(recount_matches(state, &type_id, !saved.is_empty()));
            cmds
        }
        EditMsg::ChangesFailed { req, type_id, error } => {
            state.saving.retain(|r| *r != req);
            for c in state
                .staged
                .records
                .get_mut(&type_id)
                .into_iter()
                .flat_map(|r| r.values_mut())
                .flat_map(|r| r.props.values_mut())
            {
                c.error = Some(error.clone());
            }
            state.bar.toast(format!("Nothing saved: {error} — your changes stay staged"), true);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// After a save into the search shown, how many it matches may have moved: count again.
fn recount_matches(state: &mut AppState, type_id: &str, wrote: bool) -> Vec<Command> {
    if !wrote || state.list.type_id.as_deref() != Some(type_id) || state.list.search.is_none() {
        return Vec::new();
    }
    let req = state.req();
    let Some(s) = state.list.search.as_mut() else { return Vec::new() };
    s.counting = Some(req);
    vec![Command::FetchMatches { req, type_id: type_id.to_owned(), search: Box::new(s.request.clone()) }]
}

/// Puts saved values into the table's rows.
fn refresh_rows(state: &mut AppState, type_id: &str, saved: &[crate::model::SimplePublicObject]) {
    if state.list.type_id.as_deref() != Some(type_id) {
        return;
    }
    let by_id: BTreeMap<&str, &crate::model::SimplePublicObject> = saved.iter().map(|r| (r.id.as_str(), r)).collect();
    let columns = state.list.columns.clone();
    for row in &mut state.list.rows {
        if let Some(r) = by_id.get(row.id.as_str()) {
            for (cell, col) in row.cells.iter_mut().zip(&columns) {
                if let Some(Some(v)) = r.properties.get(col) {
                    cell.clone_from(v);
                }
            }
        }
    }
}

/// `q` with changes staged asks first.
pub fn quit(state: &mut AppState) -> Vec<Command> {
    if state.staged.count() > 0 {
        super::cover::cover(state, Modal::Confirm(Confirm::QuitWithStaged));
    } else {
        state.quit = true;
    }
    Vec::new()
}

/// Answers to a confirmation: `y` does it, anything else cancels.
pub fn confirm_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Modal::Confirm(c) = std::mem::take(&mut state.modal) else { return Vec::new() };
    match (c, a) {
        (Confirm::QuitWithStaged, Action::Open) => state.quit = true,
        (Confirm::QuitWithStaged, _) => super::cover::uncover(state),
        (Confirm::ArchiveProperty { type_id, name, .. }, Action::Open) => {
            return super::prop_form::archive_confirmed(state, type_id, name);
        }
        (Confirm::ArchiveProperty { .. }, _) => super::cover::uncover(state),
        (Confirm::Merge { type_id, primary, other, .. }, Action::Open) => {
            let req = state.req();
            state.saving.push(req);
            state.bar.toast(format!("Merging {other} into {primary}…"), false);
            return vec![Command::Merge { req, type_id, primary, other }];
        }
        (Confirm::Dissociate { from, to, .. }, Action::Open) => {
            let req = state.req();
            state.saving.push(req);
            return vec![Command::Associate { req, from, to, assoc: None }];
        }
        (Confirm::Restore { type_id, id, .. }, Action::Open) => {
            let req = state.req();
            state.saving.push(req);
            return vec![Command::RestoreRecord { req, type_id, id }];
        }
        (Confirm::Undo { mut view, entry, what }, Action::Open) => {
            view.undoing = true;
            state.modal = Modal::Log(*view);
            let req = state.req();
            state.saving.push(req);
            state.bar.toast(format!("Undoing {entry} — {what}…"), false);
            return vec![Command::UndoEntry { req, entry }];
        }
        (Confirm::Undo { view, .. }, _) => state.modal = Modal::Log(*view),
        (Confirm::Archive { type_id, ids, .. }, Action::Open) => {
            let req = state.req();
            state.saving.push(req);
            state.bar.toast(format!("Archiving {} record(s)…", ids.len()), false);
            return vec![Command::ArchiveRecords { req, type_id, ids }];
        }
        _ => {}
    }
    Vec::new()
}

/// `v` on a past version in the History tab: stage "set this property back to this value".
pub fn revert(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let (Some(rec), Some(RecordRef { type_id, id })) = (state.detail.record.ready(), state.detail.current.clone())
    else {
        if matches!(state.detail.record, Loadable::Loading { .. }) {
            state.bar.toast("Still reading the record — e again once it shows", true);
        }
        return Vec::new();
    };
    let props = state.detail_properties();
    let Some((name, index, value)) = crate::app::record_view::history_entry(rec, props, state.detail.cursor) else {
        return Vec::new();
    };
    let Some(p) = props.and_then(|ps| ps.iter().find(|p| p.name == name)).cloned() else { return Vec::new() };
    if index == 0 {
        state.bar.toast("That is the current value — pick an older version", true);
        return Vec::new();
    }
    if !p.writable() {
        state.bar.toast(format!("{} is read-only (set by HubSpot)", p.label), true);
        return Vec::new();
    }
    let current = rec.properties.get(name).cloned().flatten().unwrap_or_default();
    let value = value.to_owned();
    let seen = rec.properties.get("hs_lastmodifieddate").cloned().flatten();
    state.staged.stage(&type_id, &id, seen, name, &current, &value);
    let shown = display_value(Some(&p), &value);
    state.bar.toast(format!("Staged {} back to {shown} — C reviews, w saves", p.label), false);
    vec![journal(state)]
}
