//! The custom-object form's keys and answer (its state is `app::schema_form`). It uses the
//! property form's keys: enter edits a row, h/l choose a property's type, space makes it
//! required, a adds a property, K/J reorder, ctrl-s creates, esc closes.

use crate::action::Action;
use crate::app::command::Command;
use crate::app::modal::Modal;
use crate::app::prop_form::{Row, Typing, pairs};
use crate::app::schema_form::{SchemaForm, SchemaRow};
use crate::app::state::AppState;
use crate::app::text::TextField;
use crate::keymap::KeyChord;

fn form(state: &mut AppState) -> Option<&mut SchemaForm> {
    match &mut state.modal {
        Modal::SchemaForm(f) => Some(f),
        _ => None,
    }
}

/// Opens the form (read-only profiles refuse).
pub fn open(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    state.modal = Modal::SchemaForm(Box::new(SchemaForm::new()));
    Vec::new()
}

/// A key typed into the row being edited.
pub fn type_key(f: &mut SchemaForm, k: KeyChord) {
    if let Some((_, t)) = f.typing.as_mut() {
        t.field.input(k);
    }
}

/// Keys in the form.
pub fn action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Some(f) = form(state) else { return Vec::new() };
    if f.typing.is_some() {
        typing_action(f, a);
        return Vec::new();
    }
    let rows = f.rows().len();
    match (a, f.row()) {
        (Action::Up | Action::Down, _) => f.cursor = super::nav::step(f.cursor, rows, a, 5),
        (Action::Back, _) => state.modal = Modal::None,
        (Action::Open | Action::Edit, row) => start_typing(f, row),
        (Action::Create, _) => {
            f.cursor = rows - 1;
            start_typing(f, SchemaRow::AddProperty);
        }
        (Action::Left | Action::Right, SchemaRow::Property(i)) => {
            let n = pairs().len();
            if let Some(p) = f.properties.get_mut(i) {
                p.pair = if a == Action::Right { (p.pair + 1) % n } else { (p.pair + n - 1) % n };
            }
            f.issues.remove("properties");
        }
        (Action::Toggle, SchemaRow::Property(i)) => {
            if let Some(p) = f.properties.get_mut(i) {
                p.required = !p.required;
            }
        }
        (Action::MoveLeft | Action::MoveRight, SchemaRow::Property(i)) => {
            let j = if a == Action::MoveLeft { i.checked_sub(1) } else { Some(i + 1) };
            if let Some(j) = j.filter(|j| *j < f.properties.len()) {
                f.properties.swap(i, j);
                f.cursor = f.rows().iter().position(|r| *r == SchemaRow::Property(j)).unwrap_or(f.cursor);
            }
        }
        (Action::Run, _) => return save(state),
        (Action::Help, _) => return super::cover::help(state),
        _ => {}
    }
    Vec::new()
}

fn start_typing(f: &mut SchemaForm, row: SchemaRow) {
    let text = match row {
        SchemaRow::Singular => f.singular.clone(),
        SchemaRow::Plural => f.plural.clone(),
        SchemaRow::Name => f.name.clone(),
        SchemaRow::Description => f.description.clone(),
        SchemaRow::Property(i) => f.properties.get(i).map(|p| p.label.clone()).unwrap_or_default(),
        SchemaRow::AddProperty => String::new(),
    };
    f.typing = Some((row, Typing { row: Row::Label, field: TextField::with_text(&text) }));
}

fn typing_action(f: &mut SchemaForm, a: Action) {
    let Some((row, t)) = f.typing.take() else { return };
    match a {
        Action::Back => return,
        Action::Open => {}
        _ => {
            f.typing = Some((row, t));
            return;
        }
    }
    let text = t.field.text().trim().to_owned();
    let outcome = match row {
        SchemaRow::Singular => {
            f.set_singular(&text);
            Ok(())
        }
        SchemaRow::Plural => {
            f.plural = text;
            Ok(())
        }
        SchemaRow::Name => {
            f.name = text;
            f.name_typed = true;
            Ok(())
        }
        SchemaRow::Description => {
            f.description = text;
            Ok(())
        }
        SchemaRow::Property(_) if crate::model::internal_name(&text).is_empty() => {
            Err("A property needs a label with a letter or digit".to_owned())
        }
        SchemaRow::Property(i) => {
            if let Some(p) = f.properties.get_mut(i) {
                p.label = text;
            }
            Ok(())
        }
        SchemaRow::AddProperty => f.add_property(&text),
    };
    match outcome {
        Ok(()) => {
            f.issues.remove(row.word());
        }
        Err(why) => {
            f.issues.insert(row.word(), why);
            f.typing = Some((row, t));
        }
    }
}

fn save(state: &mut AppState) -> Vec<Command> {
    let req = state.req();
    let Some(f) = form(state) else { return Vec::new() };
    if f.saving.is_some() {
        return Vec::new();
    }
    f.issues = f.check();
    f.error = None;
    if let Some(first) = f.issues.keys().next().copied() {
        f.cursor = f.rows().iter().position(|r| r.word() == first).unwrap_or(f.cursor);
        return Vec::new();
    }
    f.saving = Some(req);
    vec![Command::CreateSchema { req, egg: Box::new(f.egg()) }]
}

/// The answer: the Objects pane is read again (the new type in it), or the form shows why.
pub fn created(
    state: &mut AppState,
    req: crate::app::req::ReqId,
    result: Result<(String, String), String>,
) -> Vec<Command> {
    let Some(f) = form(state).filter(|f| f.saving == Some(req)) else { return Vec::new() };
    f.saving = None;
    match result {
        Err(why) => {
            let m = why.to_lowercase();
            let field = if m.contains("label") {
                Some("singular")
            } else if m.contains("name") && !m.contains("propert") {
                Some("name")
            } else if m.contains("propert") {
                Some("properties")
            } else {
                None
            };
            match field {
                Some(w) => {
                    f.issues.insert(w, why);
                    f.cursor = f.rows().iter().position(|r| r.word() == w).unwrap_or(f.cursor);
                }
                None => f.error = Some(why),
            }
            Vec::new()
        }
        Ok((plural, type_id)) => {
            state.modal = Modal::None;
            state.bar.toast(
                format!("Created the custom object {plural} ({type_id}): open it in Objects, n adds records"),
                false,
            );
            let req = state.req();
            state.types.list = crate::app::state::Loadable::Loading { req };
            vec![Command::FetchTypes { req }]
        }
    }
}
