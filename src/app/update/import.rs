//! Importing from the table: ask for a file, read it, map its columns to properties and
//! choose the `idProperty` column, preview the first rows with validation, then upsert in
//! batches of 100 and show created vs updated vs failed.

use std::collections::BTreeMap;

use crate::action::Action;
use crate::app::command::Command;
use crate::app::edit::check_value;
use crate::app::import::ImportState;
use crate::app::modal::{ColumnPicker, Modal, Prompt, PromptKind};
use crate::app::msg::ImportMsg;
use crate::app::state::AppState;
use crate::keymap::KeyChord;

/// Rows shown (and checked) in the preview.
pub const PREVIEW: usize = 5;

/// `I`: ask for the file.
pub fn ask_path(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    if state.list.type_id.is_none() || state.properties.ready().is_none() {
        state.bar.toast("Open an object type (and let its properties load) first", true);
        return Vec::new();
    }
    state.modal = Modal::Prompt(Prompt::new(PromptKind::ImportPath));
    Vec::new()
}

/// The path is typed: read the file.
pub fn read(state: &mut AppState) -> Vec<Command> {
    let Modal::Prompt(p) = &mut state.modal else { return Vec::new() };
    let path = p.field.text().trim().to_owned();
    if path.is_empty() {
        p.error = Some("Type the path of a .csv, .json or .jsonl file".into());
        return Vec::new();
    }
    let req = state.req();
    state.reading.push(req);
    vec![Command::ReadImport { req, path }]
}

/// What a column can be mapped to: nothing, or a writable property — `(name, label)`.
#[must_use]
pub fn mapping_choices(props: &[crate::model::Property]) -> Vec<(String, String)> {
    std::iter::once((String::new(), "(skip this column)".to_owned()))
        .chain(props.iter().filter(|p| p.writable()).map(|p| (p.name.clone(), p.label.clone())))
        .collect()
}

/// Problems in the file, every row checked: `(row number from 1, why)`, row 0 for the
/// import as a whole. A row with several problems has them joined.
#[must_use]
pub fn row_issues(i: &ImportState, props: &[crate::model::Property], now: i64) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let id_property = i.id_property();
    if id_property.is_none() {
        out.push((
            0,
            "Choose the column records are matched on (space on a column mapped to a unique property)".into(),
        ));
    }
    let id_col = i.id_header.and_then(|k| i.headers.get(k));
    for (n, row) in i.rows.iter().enumerate() {
        let mut why: Vec<String> = Vec::new();
        if let (Some(col), Some(p)) = (id_col, id_property)
            && row.get(col).is_none_or(String::is_empty)
        {
            why.push(format!("no {p} value"));
        }
        for (h, m) in i.headers.iter().zip(&i.mapping) {
            let (Some(name), Some(v)) = (m, row.get(h)) else { continue };
            if let Some(p) = props.iter().find(|p| p.name == *name)
                && let Err(e) = check_value(p, v, now)
            {
                why.push(format!("{h}: {e}"));
            }
        }
        if !why.is_empty() {
            out.push((n + 1, why.join("; ")));
        }
    }
    out
}

/// Checks the file again after its mapping changed.
fn recheck(i: &mut ImportState, props: &[crate::model::Property], now: i64) {
    i.issues = row_issues(i, props, now);
    i.skip_offered = false;
}

fn import(state: &mut AppState) -> Option<&mut ImportState> {
    match &mut state.modal {
        Modal::Import(i) => Some(i),
        _ => None,
    }
}

/// A typed key (the property picker's filter).
pub fn type_key(i: &mut ImportState, k: KeyChord) {
    if let Some(p) = &mut i.picker {
        p.selected = if p.field.input(k) { 0 } else { p.selected };
    }
}

/// Keys on the import screen.
pub fn import_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let now = i64::try_from(state.bar.now_ms).unwrap_or(i64::MAX);
    let props = state.properties.ready().cloned().unwrap_or_default();
    let choices = mapping_choices(&props);
    let Some(i) = import(state) else { return Vec::new() };
    if let Some(mut p) = i.picker.take() {
        let shown = p.candidates(&choices);
        match a {
            Action::Up => p.selected = p.selected.saturating_sub(1),
            Action::Down => p.selected = (p.selected + 1).min(shown.len().saturating_sub(1)),
            Action::Open | Action::Toggle => {
                if let Some((name, _)) = shown.get(p.selected) {
                    i.mapping[i.cursor] = Some(name.clone()).filter(|n| !n.is_empty());
                    recheck(i, &props, now);
                }
                return Vec::new();
            }
            Action::Back => return Vec::new(),
            _ => {}
        }
        i.picker = Some(p);
        return Vec::new();
    }
    match a {
        Action::Back => state.modal = Modal::None,
        Action::Up => i.cursor = i.cursor.saturating_sub(1),
        Action::Down => i.cursor = (i.cursor + 1).min(i.headers.len().saturating_sub(1)),
        Action::Edit | Action::Open if i.report.is_none() => i.picker = Some(ColumnPicker::default()),
        Action::Toggle => {
            i.id_header = if i.id_header == Some(i.cursor) { None } else { Some(i.cursor) };
            recheck(i, &props, now);
        }
        Action::Run if i.report.is_none() && !i.saving => return run(state),
        _ => {}
    }
    Vec::new()
}

fn run(state: &mut AppState) -> Vec<Command> {
    let Some(i) = import(state) else { return Vec::new() };
    if let Some((_, why)) = i.issues.iter().find(|(n, _)| *n == 0) {
        i.error = Some(why.clone());
        return Vec::new();
    }
    let (Some(id_header), Some(id_property)) = (i.id_header, i.id_property().map(str::to_owned)) else {
        return Vec::new();
    };
    let bad = i.bad_rows();
    if bad.len() == i.rows.len() {
        i.error = Some("Every row has a problem: nothing to import (fix the mapping, or the file)".into());
        return Vec::new();
    }
    if !bad.is_empty() && !i.skip_offered {
        i.skip_offered = true;
        i.error = Some(format!(
            "{} of {} row(s) have problems and will be skipped — ctrl-s again imports the other {}; esc closes",
            bad.len(),
            i.rows.len(),
            i.rows.len() - bad.len()
        ));
        return Vec::new();
    }
    let id_col = i.headers[id_header].clone();
    let mut items = Vec::new();
    let report = crate::app::import::ImportReport {
        failed: i.issues.iter().filter(|(n, _)| *n > 0).map(|(n, why)| (*n, format!("skipped: {why}"))).collect(),
        ..Default::default()
    };
    for (n, row) in i.rows.iter().enumerate() {
        let Some(id) = row.get(&id_col).filter(|_| !bad.contains(&(n + 1))) else { continue };
        let props: BTreeMap<String, String> = i
            .headers
            .iter()
            .zip(&i.mapping)
            .enumerate()
            .filter(|(k, _)| *k != id_header)
            .filter_map(|(_, (h, m))| Some((m.clone()?, row.get(h)?.clone())))
            .collect();
        items.push((n, id.clone(), props));
    }
    i.saving = true;
    i.error = None;
    i.report = (!report.failed.is_empty()).then_some(report);
    let type_id = i.type_id.clone();
    let req = state.req();
    state.saving.push(req);
    state.bar.toast(format!("Importing {} row(s)…", items.len()), false);
    vec![Command::Upsert { req, type_id, id_property, items }]
}

/// Results: the file's rows, then the report.
pub fn import_result(state: &mut AppState, m: ImportMsg) -> Vec<Command> {
    let (ImportMsg::ImportRead { req, .. } | ImportMsg::Imported { req, .. }) = &m;
    let req = *req;
    if !state.finish(req) {
        return Vec::new();
    }
    match m {
        ImportMsg::ImportRead { path, rows, error, .. } => {
            if let Some(e) = error {
                if let Modal::Prompt(p) = &mut state.modal {
                    p.error = Some(e);
                }
                return Vec::new();
            }
            let (Some(type_id), Some(props)) = (state.list.type_id.clone(), state.properties.ready()) else {
                return Vec::new();
            };
            let now = i64::try_from(state.bar.now_ms).unwrap_or(i64::MAX);
            let mut i = ImportState::new(&type_id, &path, rows, props);
            recheck(&mut i, props, now);
            state.modal = Modal::Import(Box::new(i));
            Vec::new()
        }
        ImportMsg::Imported { report, .. } => {
            let Some(i) = import(state) else { return Vec::new() };
            i.saving = false;
            let mut all = i.report.take().unwrap_or_default();
            all.created += report.created;
            all.updated += report.updated;
            all.failed.extend(report.failed);
            all.failed.sort();
            let text =
                format!("Imported: {} created, {} updated, {} failed", all.created, all.updated, all.failed.len());
            i.report = Some(all);
            state.bar.toast(text, false);
            super::nav::reload_rows(state)
        }
    }
}
