//! The property form's keys and answers (its state is `app::prop_form`): `n` / `e` / `X` in
//! the Properties view open it (or ask before archiving), keys move, type, cycle and
//! toggle, `ctrl-s` checks then saves; a refusal stays on the form, on the field it names;
//! a saved definition is used at once by the view and, read again, by the rest of the app.

use crate::action::Action;
use crate::app::command::Command;
use crate::app::modal::{Confirm, Modal};
use crate::app::prop_form::{PropForm, PropertyWrite, Row, Typing};
use crate::app::props_view::PropsView;
use crate::app::state::AppState;
use crate::app::text::TextField;
use crate::keymap::KeyChord;
use crate::model::Property;

/// The groups the form offers: the type's, else those its properties name.
fn groups_of(v: &PropsView) -> Vec<(String, String)> {
    if !v.groups.is_empty() {
        return v.groups.iter().map(|g| (g.name.clone(), g.label.clone())).collect();
    }
    let mut names: Vec<String> = v.properties.iter().map(|p| p.group_name.clone()).filter(|g| !g.is_empty()).collect();
    names.sort();
    names.dedup();
    names.into_iter().map(|n| (n.clone(), n)).collect()
}

/// Reads the groups once per view.
fn fetch_groups(state: &mut AppState) -> Vec<Command> {
    let req = state.req();
    let Some(v) = super::props::view(state) else { return Vec::new() };
    if v.groups.is_empty() { vec![Command::FetchGroups { req, type_id: v.type_id.clone() }] } else { Vec::new() }
}

/// `n`: a form for a new property.
pub fn open_new(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let Some(v) = super::props::view(state) else { return Vec::new() };
    v.form = Some(Box::new(PropForm::new(&v.type_id, groups_of(v))));
    fetch_groups(state)
}

/// `e`: the highlighted property in the form (HubSpot's read-only definitions refused).
pub fn open_edit(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let Some(v) = super::props::view(state) else { return Vec::new() };
    let Some(p) = v.current().cloned() else { return Vec::new() };
    if p.modification_metadata.read_only_definition {
        state.bar.toast(format!("{} is HubSpot's own: its definition cannot be changed", p.label), true);
        return Vec::new();
    }
    v.form = Some(Box::new(PropForm::edit(&v.type_id, &p, groups_of(v))));
    fetch_groups(state)
}

/// `X`: asks before archiving the highlighted property.
pub fn archive(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let Some(v) = super::props::view(state) else { return Vec::new() };
    let Some(p) = v.current().cloned() else { return Vec::new() };
    if p.hubspot_defined || !p.modification_metadata.archivable {
        state.bar.toast(format!("{} is HubSpot's own: it cannot be archived", p.label), true);
        return Vec::new();
    }
    let (type_id, label) = (v.type_id.clone(), v.label.clone());
    super::cover::cover(
        state,
        Modal::Confirm(Confirm::ArchiveProperty { type_id, name: p.name, label: p.label, of: label }),
    );
    Vec::new()
}

/// `y` on the archive question.
pub fn archive_confirmed(state: &mut AppState, type_id: String, name: String) -> Vec<Command> {
    super::cover::uncover(state);
    let req = state.req();
    state.bar.toast(format!("Archiving property {name}…"), false);
    vec![Command::WriteProperty { req, type_id, write: PropertyWrite::Archive { name } }]
}

/// A key typed into the field being edited.
pub fn type_key(f: &mut PropForm, k: KeyChord) {
    if let Some(t) = f.typing.as_mut() {
        t.field.input(k);
    }
}

/// Keys in the form.
pub fn action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Some(v) = super::props::view(state) else { return Vec::new() };
    let Some(f) = v.form.as_mut() else { return Vec::new() };
    if f.typing.is_some() {
        typing_action(f, a);
        return Vec::new();
    }
    let rows = f.rows().len();
    match a {
        Action::Up | Action::Down => f.cursor = super::nav::step(f.cursor, rows, a, 5),
        Action::Back => v.form = None,
        Action::Open | Action::Edit => open_row(f),
        Action::Left | Action::Right => cycle(f, a == Action::Right),
        Action::Toggle => toggle(f),
        Action::Create if f.has_options() => {
            f.cursor = f.rows().iter().position(|r| *r == Row::AddOption).unwrap_or(f.cursor);
            f.typing = Some(Typing { row: Row::AddOption, field: TextField::default() });
        }
        Action::MoveLeft | Action::MoveRight => {
            if let Row::Option(i) = f.row()
                && let Some(j) = f.move_option(i, a == Action::MoveLeft)
            {
                f.cursor = f.rows().iter().position(|r| *r == Row::Option(j)).unwrap_or(f.cursor);
            }
        }
        Action::Run => return save(state),
        Action::Help => return super::cover::help(state),
        _ => {}
    }
    Vec::new()
}

/// Enter on a row: type into a text row, the next choice, a flag flipped.
fn open_row(f: &mut PropForm) {
    let row = f.row();
    let text = match row {
        Row::Label => Some(f.label.clone()),
        Row::Name if f.editing.is_none() => Some(f.name.clone()),
        Row::Name => None,
        Row::Description => Some(f.description.clone()),
        Row::Option(i) => f.options.get(i).map(|o| o.label.clone()),
        Row::AddOption => Some(String::new()),
        Row::Kind | Row::Group => {
            cycle(f, true);
            None
        }
        Row::Unique | Row::Hidden | Row::FormField => {
            toggle(f);
            None
        }
    };
    if let Some(t) = text {
        f.typing = Some(Typing { row, field: TextField::with_text(&t) });
    }
}

/// The next (or previous) type/fieldType pair or group.
fn cycle(f: &mut PropForm, forward: bool) {
    let step = |i: usize, n: usize| {
        if n == 0 {
            0
        } else if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }
    };
    match f.row() {
        Row::Kind => {
            f.pair = step(f.pair, crate::app::prop_form::pairs().len());
            f.issues.remove("type");
            f.issues.remove("options");
        }
        Row::Group => {
            f.group = step(f.group, f.groups.len());
            f.issues.remove("groupName");
        }
        _ => {}
    }
}

fn toggle(f: &mut PropForm) {
    match f.row() {
        Row::Unique => f.unique = !f.unique,
        Row::Hidden => f.hidden = !f.hidden,
        Row::FormField => f.form_field = !f.form_field,
        Row::Option(i) => {
            if let Some(o) = f.options.get_mut(i) {
                o.hidden = !o.hidden;
            }
        }
        _ => {}
    }
}

/// Enter keeps what was typed (checked for the row), esc drops it.
fn typing_action(f: &mut PropForm, a: Action) {
    let Some(t) = f.typing.take() else { return };
    if a == Action::Back {
        return;
    }
    if a != Action::Open {
        f.typing = Some(t);
        return;
    }
    let text = t.field.text().to_owned();
    let outcome = match t.row {
        Row::Label => {
            f.set_label(&text);
            Ok(())
        }
        Row::Name => {
            f.name = text.trim().to_owned();
            f.name_typed = true;
            Ok(())
        }
        Row::Description => {
            text.trim().clone_into(&mut f.description);
            Ok(())
        }
        Row::Option(i) if text.trim().is_empty() => Err(format!("Option {} needs a label", i + 1)),
        Row::Option(i) => {
            if let Some(o) = f.options.get_mut(i) {
                text.trim().clone_into(&mut o.label);
            }
            Ok(())
        }
        Row::AddOption => f.add_option(&text),
        _ => Ok(()),
    };
    match outcome {
        Ok(()) => {
            f.issues.remove(t.row.word());
            f.error = None;
        }
        Err(why) => {
            f.issues.insert(t.row.word(), why);
            f.typing = Some(t);
        }
    }
}

/// `ctrl-s`: checks, then sends the create or the changes.
fn save(state: &mut AppState) -> Vec<Command> {
    let req = state.req();
    let Some(v) = super::props::view(state) else { return Vec::new() };
    let Some(f) = v.form.as_mut() else { return Vec::new() };
    if f.saving.is_some() {
        return Vec::new();
    }
    f.issues = f.check();
    f.error = None;
    if let Some(first) = f.issues.keys().next().copied() {
        f.cursor = f.rows().iter().position(|r| r.word() == first).unwrap_or(f.cursor);
        return Vec::new();
    }
    let write = match &f.editing {
        None => PropertyWrite::Create(Box::new(f.create_body())),
        Some(p) => match f.update_body() {
            Some(body) => PropertyWrite::Update { name: p.name.clone(), body: Box::new(body) },
            None => {
                v.form = None;
                state.bar.toast("Nothing changed: nothing written", false);
                return Vec::new();
            }
        },
    };
    f.saving = Some(req);
    vec![Command::WriteProperty { req, type_id: f.type_id.clone(), write }]
}

/// The type's groups arrived.
pub fn groups(state: &mut AppState, type_id: &str, groups: Vec<crate::model::property::PropertyGroup>) {
    let Some(v) = super::props::view(state).filter(|v| v.type_id == type_id) else { return };
    v.groups = groups;
    let offered = groups_of(v);
    if let Some(f) = v.form.as_mut() {
        let chosen = f.groups.get(f.group).map(|(n, _)| n.clone());
        f.groups = offered;
        if let Some(c) = &chosen
            && !f.groups.iter().any(|(n, _)| n == c)
        {
            f.groups.push((c.clone(), c.clone()));
        }
        f.group = chosen.and_then(|c| f.groups.iter().position(|(n, _)| *n == c)).unwrap_or(0);
    }
}

/// A write answered: the view shows the definition as saved (the form closes), or the
/// form keeps everything and shows the refusal on its field.
pub fn written(
    state: &mut AppState,
    req: crate::app::req::ReqId,
    name: &str,
    result: Result<Option<Box<Property>>, String>,
) -> Vec<Command> {
    let Some(v) = super::props::view(state) else { return Vec::new() };
    let from_form = v.form.as_ref().is_some_and(|f| f.saving == Some(req));
    let type_id = v.type_id.clone();
    let text = match result {
        Err(why) => {
            match v.form.as_mut().filter(|_| from_form) {
                Some(f) => {
                    f.saving = None;
                    f.refused(&why);
                }
                None => state.bar.toast(format!("Could not archive {name}: {why}"), true),
            }
            return Vec::new();
        }
        Ok(None) => {
            v.properties.retain(|p| p.name != name);
            v.cursor = v.cursor.min(v.rows().len().saturating_sub(1));
            format!("Archived property {name}")
        }
        Ok(Some(p)) => {
            let created = !v.properties.iter().any(|q| q.name == p.name);
            let label = p.label.clone();
            match v.properties.iter_mut().find(|q| q.name == p.name) {
                Some(q) => *q = Property { validation_rules: q.validation_rules.clone(), ..*p },
                None => v.properties.push(*p),
            }
            v.form = None;
            if let Some(i) = v.rows().iter().position(|q| q.name == name) {
                v.cursor = i;
            }
            if created { format!("Created property {label} ({name})") } else { format!("Saved property {label}") }
        }
    };
    state.bar.toast(text, false);
    // The record view, edit forms and search builder read the definitions again.
    if state.list.type_id.as_deref() == Some(type_id.as_str()) {
        return super::list::refresh_properties(state).into_iter().collect();
    }
    Vec::new()
}
