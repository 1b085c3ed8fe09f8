//! The create form: open it on the table's type, edit fields with the inline editor, add an
//! association (type → search → record → label), check everything, then create; a failure
//! keeps the form as it was.

use std::collections::BTreeMap;

use crate::action::Action;
use crate::app::command::Command;
use crate::app::create::{AssocStep, CreateForm};
use crate::app::edit::{EditField, check_value};
use crate::app::modal::{ColumnPicker, Modal};
use crate::app::msg::{CreateMsg, PickMsg};
use crate::app::state::AppState;
use crate::app::text::TextField;
use crate::keymap::KeyChord;

fn form(state: &mut AppState) -> Option<&mut CreateForm> {
    match &mut state.modal {
        Modal::Create(f) => Some(f),
        _ => None,
    }
}

/// `n`: a form for a new record of the table's type.
pub fn open_form(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let (Some(t), Some(props)) = (state.table_type().cloned(), state.properties.ready()) else {
        state.bar.toast("Open an object type (and let its properties load) first", true);
        return Vec::new();
    };
    let mut f = CreateForm::new(&t.type_id, props, &t.required, &t.columns);
    f.label.clone_from(&t.label);
    state.modal = Modal::Create(Box::new(f));
    Vec::new()
}

/// Keys typed into the form's editor or association query.
pub fn type_key(f: &mut CreateForm, k: KeyChord) {
    if let Some(e) = &mut f.editor {
        super::edit::type_key(e, k);
    } else {
        match &mut f.step {
            Some(AssocStep::Query { field, .. }) => {
                field.input(k);
            }
            // A new filter text starts the type list over.
            Some(AssocStep::Type(p)) => p.selected = if p.field.input(k) { 0 } else { p.selected },
            _ => {}
        }
    }
}

/// Keys in the form.
pub fn form_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let now = i64::try_from(state.bar.now_ms).unwrap_or(i64::MAX);
    let Some(f) = form(state) else { return Vec::new() };
    if f.editor.is_some() {
        editor_action(f, a, now);
        return Vec::new();
    }
    if f.step.is_some() {
        return step_action(state, a);
    }
    match a {
        Action::Back => state.modal = Modal::None,
        Action::Up => f.cursor = f.cursor.saturating_sub(1),
        Action::Down => f.cursor = (f.cursor + 1).min(f.fields.len().saturating_sub(1)),
        Action::Edit | Action::Open => {
            if let Some(field) = f.fields.get(f.cursor) {
                let p = field.property.clone();
                let mut e = EditField {
                    type_id: f.type_id.clone(),
                    id: String::new(),
                    old: String::new(),
                    field: TextField::with_text(&field.value),
                    selected: p.options.iter().position(|o| o.value == field.value).unwrap_or(0),
                    checked: field.value.split(';').filter(|v| !v.is_empty()).map(str::to_owned).collect(),
                    error: None,
                    seen_modified: None,
                    ids: Vec::new(),
                    then: None,
                    property: p,
                };
                e.old.clone_from(&field.value);
                if e.is_pick() {
                    e.field = TextField::default();
                }
                f.editor = Some(Box::new(e));
            }
        }
        Action::Delete => f.association = None,
        Action::Associate => f.step = Some(AssocStep::Type(ColumnPicker::default())),
        Action::Run => return submit(state),
        Action::Duplicate => add_row(state),
        _ => {}
    }
    Vec::new()
}

/// The inline editor inside the form: Enter (or a pick) writes the field.
fn editor_action(f: &mut CreateForm, a: Action, now: i64) {
    let Some(e) = f.editor.as_mut() else { return };
    let value = match super::edit::editor_key(e, a) {
        super::edit::EditorKey::Continue => return,
        super::edit::EditorKey::Cancel => {
            f.editor = None;
            return;
        }
        super::edit::EditorKey::Commit(v) => v,
    };
    match check_value(&e.property, &value, now) {
        Err(why) => e.error = Some(why),
        Ok(v) => {
            let name = e.property.name.clone();
            if let Some(field) = f.fields.iter_mut().find(|x| x.property.name == name) {
                field.value = v;
            }
            f.issues.remove(&name);
            f.editor = None;
        }
    }
}

/// Adding an association to the form, step by step.
fn step_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let ctx = super::assoc_pick::Context::of(state);
    let Some(f) = form(state) else { return Vec::new() };
    let Some(step) = f.step.take() else { return Vec::new() };
    let from = f.type_id.clone();
    let (next, effect) = super::assoc_pick::advance(step, a, &ctx, &from);
    f.step = next;
    match effect {
        super::assoc_pick::Effect::Chosen(assoc) => {
            f.association = Some(assoc);
            f.step = None;
            Vec::new()
        }
        other => super::assoc_pick::command(state, other, super::assoc_pick::Asker::Form),
    }
}

/// The form's values checked (required fields, values by type), or `None` with the
/// problems marked on their fields.
fn checked_row(f: &mut CreateForm, now: i64) -> Option<BTreeMap<String, String>> {
    f.issues.clear();
    let mut properties = BTreeMap::new();
    for field in &f.fields {
        let name = field.property.name.clone();
        if field.value.trim().is_empty() {
            if field.required {
                f.issues.insert(name, format!("{} is required", field.property.label));
            }
            continue;
        }
        match check_value(&field.property, &field.value, now) {
            Ok(v) => {
                properties.insert(name, v);
            }
            Err(why) => {
                f.issues.insert(name, why);
            }
        }
    }
    if !f.issues.is_empty() {
        return None;
    }
    if properties.is_empty() {
        f.error = Some("Fill in at least one field".into());
        return None;
    }
    Some(properties)
}

/// `p`: the form's values become a batch row; the form keeps them to change what differs.
fn add_row(state: &mut AppState) {
    let now = i64::try_from(state.bar.now_ms).unwrap_or(i64::MAX);
    let Some(f) = form(state) else { return };
    match checked_row(f, now) {
        Some(row) => {
            f.batch.push(row);
            let n = f.batch.len();
            state
                .bar
                .toast(format!("Row {n} added to the batch — change what differs, p again, ctrl-s creates all"), false);
        }
        None => state.bar.toast("Fix the marked fields first", true),
    }
}

/// Creates the record — or, with batch rows, every row (the form's own values last).
fn submit(state: &mut AppState) -> Vec<Command> {
    let now = i64::try_from(state.bar.now_ms).unwrap_or(i64::MAX);
    let Some(f) = form(state) else { return Vec::new() };
    if f.saving {
        return Vec::new();
    }
    if !f.batch.is_empty() {
        if f.fields.iter().any(|x| !x.value.trim().is_empty()) {
            match checked_row(f, now) {
                // The form's own values are the last row (unless already added).
                Some(row) if !f.batch.contains(&row) => f.batch.push(row),
                Some(_) => {}
                None => {
                    state.bar.toast("Fix the marked fields (or clear them) before creating the batch", true);
                    return Vec::new();
                }
            }
        }
        f.saving = true;
        f.batch_failed.clear();
        let rows = f.batch.clone();
        let (type_id, association) = (f.type_id.clone(), f.association.clone());
        let req = state.req();
        state.saving.push(req);
        return vec![Command::CreateRecords { req, type_id, rows, association }];
    }
    let Some(properties) = checked_row(f, now) else {
        let n = f.issues.len();
        if n > 0 {
            state.bar.toast(format!("{n} field(s) to fix before creating"), true);
        }
        return Vec::new();
    };
    f.saving = true;
    f.error = None;
    let (type_id, association) = (f.type_id.clone(), f.association.clone());
    let req = state.req();
    state.saving.push(req);
    vec![Command::CreateRecord { req, type_id, properties, association }]
}

/// Results of the form's writes.
pub fn form_result(state: &mut AppState, m: CreateMsg) -> Vec<Command> {
    let (CreateMsg::Created { req, .. } | CreateMsg::CreatedMany { req, .. } | CreateMsg::CreateFailed { req, .. }) =
        &m;
    if !state.finish(*req) {
        return Vec::new();
    }
    match m {
        CreateMsg::Created { record, .. } => {
            let Some(f) = form(state) else { return Vec::new() };
            let type_id = f.type_id.clone();
            state.modal = Modal::None;
            let note =
                super::warnings::note(std::slice::from_ref(&record)).map(|w| format!(" ({w})")).unwrap_or_default();
            state.bar.toast(format!("Created {}{note}", record.id), false);
            state.detail = crate::app::state::DetailState::default();
            state.focus = crate::app::state::Focus::Detail;
            show_created(state, &type_id, &record);
            // One more record of the type: its count is read again.
            let mut cmds = vec![super::nav::count(state, type_id.clone())];
            cmds.extend(super::list::fetch_record(state, type_id, record.id));
            cmds
        }
        CreateMsg::CreatedMany { created, failed, .. } => {
            let Some(f) = form(state) else { return Vec::new() };
            f.saving = false;
            let rows = std::mem::take(&mut f.batch);
            let n_rows = rows.len();
            // Keep the rows that failed (renumbered), with their reasons.
            f.batch_failed = failed.iter().enumerate().map(|(k, (_, why))| (k, why.clone())).collect();
            f.batch = failed.iter().filter_map(|(i, _)| rows.get(*i).cloned()).collect();
            if failed.is_empty() {
                state.modal = Modal::None;
            }
            let text = format!("Created {} of {n_rows} records; {} failed", created.len(), failed.len());
            state.bar.toast(text, !failed.is_empty());
            super::nav::reload_rows(state)
        }
        CreateMsg::CreateFailed { error, fields, .. } => {
            if let Some(f) = form(state) {
                f.saving = false;
                f.error = Some(error);
                mark_refused(f, &fields);
            }
            Vec::new()
        }
    }
}

/// A table of every record of the type in id order, all loaded: the new record (the highest
/// id) goes at its end, selected. Other tables (a search, a sort, a partly loaded list) show
/// it when read again.
fn show_created(state: &mut AppState, type_id: &str, record: &crate::model::SimplePublicObject) {
    let l = &mut state.list;
    let plain = l.search.is_none() && !l.archived && !l.by_id && l.in_flight.is_none();
    if l.type_id.as_deref() != Some(type_id) || !plain || !l.loaded_all || l.rows.iter().any(|r| r.id == record.id) {
        return;
    }
    l.rows.push(crate::app::table::results::row(&l.columns, record));
    l.selected = l.base + l.rows.len() - 1;
    l.total = l.total.map(|n| n + 1);
}

/// Puts the server's reasons on the fields it named (a required field the form did not
/// know of becomes required), and moves the cursor to the first of them.
fn mark_refused(f: &mut CreateForm, fields: &[(String, String)]) {
    let mut first = None;
    for (name, why) in fields {
        let Some(i) = f.fields.iter().position(|x| x.property.name == *name) else { continue };
        let field = &mut f.fields[i];
        if field.value.trim().is_empty() {
            field.required = true;
        }
        f.issues.insert(name.clone(), why.clone());
        first = first.or(Some(i));
    }
    if let Some(i) = first {
        f.cursor = i;
    }
}

/// Association matches or labels for the form's picker.
pub fn form_pick(state: &mut AppState, m: &PickMsg) -> Vec<Command> {
    let (PickMsg::RecordsFound { req, .. } | PickMsg::LabelsLoaded { req, .. }) = m;
    if !state.finish(*req) {
        return Vec::new();
    }
    if let Some(f) = form(state)
        && let Some(e) = super::assoc_pick::fill(&mut f.step, m)
    {
        f.error = Some(e);
    }
    Vec::new()
}
