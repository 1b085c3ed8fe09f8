//! The Properties view's keys and answers (its state is `app::props_view`).

use crate::action::Action;
use crate::app::command::Command;
use crate::app::modal::Modal;
use crate::app::msg::PropsMsg;
use crate::app::props_view::PropsView;
use crate::app::state::{AppState, Focus};
use crate::app::table::state::QuickFilter;

pub(super) fn view(state: &mut AppState) -> Option<&mut PropsView> {
    super::cover::find(state, |m| match m {
        Modal::Props(v) => Some(v),
        _ => None,
    })
}

/// `D`: the Properties view of the table's type, with the fill rates counted this session
/// (counted now when there are none yet).
pub fn open(state: &mut AppState) -> Vec<Command> {
    let (Some(type_id), Some(props)) = (state.list.type_id.clone(), state.properties.ready()) else {
        state.bar.toast("Open a type first: its properties are listed here once its table is shown", true);
        return Vec::new();
    };
    let label = crate::app::record_view::type_label(state, &type_id);
    let mut v = PropsView { type_id: type_id.clone(), label, properties: props.clone(), ..PropsView::default() };
    let known = state.fill_rates.get(&type_id).cloned();
    let fresh = known.is_none();
    v.fill = known.unwrap_or_default();
    state.modal = Modal::Props(Box::new(v));
    if fresh { count(state) } else { Vec::new() }
}

/// Counts every property's fill afresh.
fn count(state: &mut AppState) -> Vec<Command> {
    let req = state.req();
    let Some(v) = view(state) else { return Vec::new() };
    if v.counting.is_some() {
        return Vec::new();
    }
    let names: Vec<String> = v.properties.iter().map(|p| p.name.clone()).collect();
    v.counting = Some(req);
    v.to_count = names.len();
    v.fill = crate::app::props_view::FillRates::default();
    let type_id = v.type_id.clone();
    state.reading.push(req);
    vec![Command::CountFilled { req, type_id, names }]
}

/// Keys in the view.
pub fn action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    if v.form.is_some() {
        return super::prop_form::action(state, a);
    }
    if v.filter.as_ref().is_some_and(|f| f.editing) {
        let rows = v.rows().len();
        QuickFilter::overlay_key(&mut v.filter, &mut v.cursor, rows, a);
        return Vec::new();
    }
    let n = v.rows().len();
    match a {
        Action::Up | Action::Down | Action::Top | Action::Bottom | Action::PageUp | Action::PageDown => {
            v.cursor = super::nav::step(v.cursor, n, a, 10);
        }
        Action::Sort => {
            let on = v.current().map(|p| p.name.clone());
            v.sort = v.sort.next();
            v.cursor = on.and_then(|name| v.rows().iter().position(|p| p.name == name)).unwrap_or(0);
        }
        Action::Filter => {
            let field = v.filter.take().map(|f| f.field).unwrap_or_default();
            v.filter = Some(QuickFilter { field, editing: true });
        }
        Action::Refresh => return count(state),
        Action::Open => return open_row(state),
        Action::Back if v.open.is_some() => v.open = None,
        Action::Back if v.filter.is_some() => {
            v.filter = None;
            v.cursor = 0;
        }
        Action::Back | Action::Properties => state.modal = Modal::None,
        Action::Help => return super::cover::help(state),
        Action::Create => return super::prop_form::open_new(state),
        Action::Edit => return super::prop_form::open_edit(state),
        Action::Archive => return super::prop_form::archive(state),
        _ => {}
    }
    Vec::new()
}

/// A key typed into the filter (or the property form's field).
pub fn filter_key(state: &mut AppState, k: crate::keymap::KeyChord) {
    if let Some(f) = view(state).and_then(|v| v.form.as_mut()) {
        super::prop_form::type_key(f, k);
    } else if let Some(v) = view(state)
        && let Some(f) = v.filter.as_mut().filter(|f| f.editing)
        && f.field.input(k)
    {
        v.cursor = 0;
        v.open = None;
    }
}

/// Enter: the definition whole; on the one shown, the table searches the records that have
/// a value for it.
fn open_row(state: &mut AppState) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    let Some(name) = v.current().map(|p| p.name.clone()) else { return Vec::new() };
    if v.open.as_deref() != Some(name.as_str()) {
        v.open = Some(name);
        return Vec::new();
    }
    state.modal = Modal::None;
    state.focus = Focus::List;
    super::search::run_has_property(state, &name)
}

/// Counts as they come, and the count's end.
pub fn result(state: &mut AppState, m: PropsMsg) -> Vec<Command> {
    match m {
        PropsMsg::SchemaCreated { req, result } => return super::schema_form::created(state, req, result),
        PropsMsg::Groups { type_id, groups, .. } => super::prop_form::groups(state, &type_id, groups),
        PropsMsg::Written { req, name, result } => return super::prop_form::written(state, req, &name, result),
        PropsMsg::Filled { req, name, count, total } => {
            if let Some(v) = view(state).filter(|v| v.counting == Some(req)) {
                v.fill.counts.insert(name, count);
                v.fill.total = total.or(v.fill.total);
            }
        }
        PropsMsg::Counted { req, counts, total, at, error } => {
            state.reading.retain(|r| *r != req);
            let mut kept = None;
            if let Some(v) = view(state).filter(|v| v.counting == Some(req)) {
                v.counting = None;
                v.fill.counts = counts.into_iter().collect();
                v.fill.total = total;
                v.fill.at = Some(at);
                v.fill.error.clone_from(&error);
                kept = Some((v.type_id.clone(), v.fill.clone()));
            }
            if let Some((type_id, fill)) = kept {
                state.fill_rates.insert(type_id, fill);
            }
            if let Some(e) = error {
                state.bar.toast(format!("Some fill rates could not be counted: {e}"), true);
            }
        }
    }
    Vec::new()
}
