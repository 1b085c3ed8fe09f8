//! Editing a builder cell: pickers for properties, operators and enumeration options (fuzzy,
//! multi-pick for IN / NOT_IN), text fields for values, the query and a name to save under.

use crate::action::Action;
use crate::app::command::Command;
use crate::app::modal::Modal;
use crate::app::search::builder::{TextTarget, choices};
use crate::app::search::ops::{Arity, arity, operators_for};
use crate::app::search::{Builder, Cell, Editor, Picker, PickerKind, Row, SortDraft};
use crate::app::text::TextField;
use crate::keymap::KeyChord;

fn kind_of<'a>(props: &'a [crate::model::Property], name: &str) -> Option<&'a crate::model::Property> {
    props.iter().find(|p| p.name == name)
}

fn picker(kind: PickerKind, checked: Vec<String>) -> Editor {
    Editor::Pick(Picker { kind: Some(kind), checked, ..Picker::default() })
}

fn text_editor(target: TextTarget, value: &str) -> Editor {
    Editor::Text { field: TextField::with_text(value), target }
}

/// The editor for the value cell of a filter, by operator and property type.
fn value_editor(b: &Builder, props: &[crate::model::Property]) -> Option<Editor> {
    let f = b.filter()?;
    let p = kind_of(props, &f.property);
    let enumeration = p.is_some_and(|p| p.kind == "enumeration" && !p.options.is_empty());
    match arity(&f.operator) {
        Arity::None => None,
        Arity::Many if enumeration => Some(picker(PickerKind::Options, f.values.clone())),
        Arity::Many => Some(text_editor(TextTarget::Values, &f.values.join(", "))),
        Arity::One if enumeration => Some(picker(PickerKind::Option, Vec::new())),
        Arity::Two | Arity::One => Some(text_editor(TextTarget::Value, &f.value)),
    }
}

/// Enter on a cell: open its editor.
pub fn edit_cell(state: &mut AppState) -> Vec<Command> {
    let props = super::search_request::props(state).to_vec();
    let Modal::Search(b) = &mut state.modal else { return Vec::new() };
    let editor = match b.row() {
        Row::Query => Some(text_editor(TextTarget::Query, &b.draft.query)),
        Row::Sort => Some(picker(PickerKind::SortProperty, Vec::new())),
        Row::Group(_) => None,
        Row::Filter(..) => match b.cell {
            Cell::Property => Some(picker(PickerKind::Property, Vec::new())),
            Cell::Operator if b.filter().is_some_and(|f| f.property.is_empty()) => {
                Some(picker(PickerKind::Property, Vec::new()))
            }
            Cell::Operator => Some(picker(PickerKind::Operator, Vec::new())),
            Cell::Value => {
                let bool_prop = b.filter().and_then(|f| kind_of(&props, &f.property)).is_some_and(|p| p.kind == "bool");
                if bool_prop {
                    toggle_bool(b);
                    None
                } else {
                    value_editor(b, &props)
                }
            }
        },
    };
    b.editor = editor;
    Vec::new()
}

fn toggle_bool(b: &mut Builder) {
    b.checkpoint();
    if let Some(f) = b.filter_mut() {
        f.value = if f.value == "true" { "false".into() } else { "true".into() };
    }
}

/// Space: flip the sort direction, or a bool value.
pub fn toggle(state: &mut AppState) -> Vec<Command> {
    let props = super::search_request::props(state).to_vec();
    let Modal::Search(b) = &mut state.modal else { return Vec::new() };
    match b.row() {
        Row::Sort => {
            b.checkpoint();
            if let Some(s) = &mut b.draft.sort {
                s.descending = !s.descending;
            }
        }
        Row::Filter(..) if b.filter().and_then(|f| kind_of(&props, &f.property)).is_some_and(|p| p.kind == "bool") => {
            toggle_bool(b);
        }
        _ => {}
    }
    Vec::new()
}

/// A typed key into the open editor.
pub fn type_key(b: &mut Builder, k: KeyChord) {
    let (field, selected) = match &mut b.editor {
        Some(Editor::Text { field, .. }) => (field, None),
        Some(Editor::Pick(p)) => (&mut p.field, Some(&mut p.selected)),
        None => return,
    };
    // A new filter text starts the picker's selection over.
    if field.input(k)
        && let Some(s) = selected
    {
        *s = 0;
    }
}

/// Keys while an editor is open.
pub fn editor_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let props = super::search_request::props(state).to_vec();
    let Modal::Search(b) = &mut state.modal else { return Vec::new() };
    let mut save = None;
    match b.editor.take() {
        Some(Editor::Text { field, target }) => match a {
            Action::Back => {}
            Action::Open => save = commit_text(b, target, field.text()),
            _ => b.editor = Some(Editor::Text { field, target }),
        },
        Some(Editor::Pick(mut p)) => {
            let list = choices(&p, b.filter(), &props);
            match a {
                Action::Up => p.selected = p.selected.saturating_sub(1),
                Action::Down => p.selected = (p.selected + 1).min(list.len().saturating_sub(1)),
                Action::Back if p.kind == Some(PickerKind::Options) => {
                    b.checkpoint();
                    if let Some(f) = b.filter_mut() {
                        f.values = p.checked;
                    }
                    return after_change(state);
                }
                Action::Back => return after_change(state),
                Action::Open | Action::Toggle => {
                    if let Some((value, _)) = list.get(p.selected) {
                        if p.kind == Some(PickerKind::Options) {
                            match p.checked.iter().position(|v| v == value) {
                                Some(i) => {
                                    p.checked.remove(i);
                                }
                                None => p.checked.push(value.clone()),
                            }
                        } else {
                            commit_pick(b, p.kind, value, &props);
                            return after_change(state);
                        }
                    }
                }
                _ => {}
            }
            b.editor = Some(Editor::Pick(p));
        }
        None => {}
    }
    let mut cmds = after_change(state);
    if let Some(name) = save {
        cmds.extend(save_named(state, name));
    }
    cmds
}

fn after_change(state: &mut AppState) -> Vec<Command> {
    super::search_request::revalidate(state);
    Vec::new()
}

/// Applies a picked value, then opens the next editor of the row (property → operator →
/// value) so a filter is composed in one go.
fn commit_pick(b: &mut Builder, kind: Option<PickerKind>, value: &str, props: &[crate::model::Property]) {
    b.checkpoint();
    match kind {
        Some(PickerKind::SortProperty) => {
            let descending = b.draft.sort.as_ref().is_some_and(|s| s.descending);
            b.draft.sort = Some(SortDraft { property: value.to_owned(), descending });
        }
        Some(PickerKind::Property) => {
            let allowed = operators_for(kind_of(props, value).map_or("string", |p| p.kind.as_str()));
            if let Some(f) = b.filter_mut() {
                f.property = value.to_owned();
                if !allowed.contains(&f.operator.as_str()) {
                    f.operator.clear();
                }
                f.value.clear();
                f.high_value.clear();
                f.values.clear();
            }
            b.cell = Cell::Operator;
            b.editor = Some(picker(PickerKind::Operator, Vec::new()));
        }
        Some(PickerKind::Operator) => {
            let before = b.filter().map(|f| arity(&f.operator));
            if let Some(f) = b.filter_mut() {
                f.operator = value.to_owned();
                if before != Some(arity(value)) {
                    f.value.clear();
                    f.high_value.clear();
                    f.values.clear();
                }
            }
            b.cell = Cell::Value;
            let bool_prop = b.filter().and_then(|f| kind_of(props, &f.property)).is_some_and(|p| p.kind == "bool");
            if bool_prop {
                if let Some(f) = b.filter_mut().filter(|f| f.value.is_empty() && arity(&f.operator) == Arity::One) {
                    f.value = "true".into();
                }
            } else {
                b.editor = value_editor(b, props);
            }
        }
        Some(PickerKind::Option) => {
            if let Some(f) = b.filter_mut() {
                f.value = value.to_owned();
            }
        }
        Some(PickerKind::Options) | None => {}
    }
}

/// Applies typed text; BETWEEN's first value leads on to its second. Returns a name to save.
fn commit_text(b: &mut Builder, target: TextTarget, text: &str) -> Option<String> {
    if target == TextTarget::SaveName {
        let name = text.trim();
        return (!name.is_empty()).then(|| name.to_owned());
    }
    b.checkpoint();
    match target {
        TextTarget::Query => b.draft.query = text.to_owned(),
        TextTarget::Value => {
            let between = b.filter().is_some_and(|f| f.operator == "BETWEEN");
            if let Some(f) = b.filter_mut() {
                f.value = text.trim().to_owned();
            }
            if between {
                let high = b.filter().map(|f| f.high_value.clone()).unwrap_or_default();
                b.editor = Some(text_editor(TextTarget::HighValue, &high));
            }
        }
        TextTarget::HighValue => {
            if let Some(f) = b.filter_mut() {
                f.high_value = text.trim().to_owned();
            }
        }
        TextTarget::Values => {
            if let Some(f) = b.filter_mut() {
                f.values = text.split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect();
            }
        }
        TextTarget::SaveName => {}
    }
    None
}

/// Saves the builder's draft under a name (for the palette).
fn save_named(state: &mut AppState, name: String) -> Vec<Command> {
    let Modal::Search(b) = &state.modal else { return Vec::new() };
    let (type_id, draft) = (b.type_id.clone(), b.draft.clone());
    let saved = state.searches.saved.entry(type_id.clone()).or_default();
    saved.insert(name.clone(), draft.clone());
    let saved = saved.clone();
    state.bar.toast(format!("Saved search {name:?} — find it with : (palette)"), false);
    let last = state.searches.drafts.get(&type_id).cloned();
    vec![Command::SaveSearches { type_id, saved, last }]
}

use crate::app::state::AppState;
