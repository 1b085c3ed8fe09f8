//! `F`: search every object type for a text — a prompt, then one search per type (the client
//! paces them to HubSpot's search limit), then an overlay of matches grouped by type where
//! enter opens the record.

use crate::action::Action;
use crate::app::command::Command;
use crate::app::everywhere::{Everywhere, Found, Group};
use crate::app::modal::{Modal, Prompt, PromptKind};
use crate::app::msg::EverywhereMsg;
use crate::app::state::{AppState, DetailState, Focus, Loadable};

/// How many matches each type lists (its count says how many there are).
pub const PER_TYPE: usize = 10;

/// `F`: asks what to look for.
pub fn ask(state: &mut AppState) -> Vec<Command> {
    if state.types.list.ready().is_none_or(Vec::is_empty) {
        state.bar.toast("The object types are still loading", true);
        return Vec::new();
    }
    state.modal = Modal::Prompt(Prompt::new(PromptKind::SearchAll));
    Vec::new()
}

/// Enter in the prompt: one search per type.
pub fn submit(state: &mut AppState) -> Vec<Command> {
    let Modal::Prompt(p) = &mut state.modal else { return Vec::new() };
    let query = p.field.text().trim().to_owned();
    if query.is_empty() {
        p.error = Some("Type something to look for (a name, an email, a VIN…)".into());
        return Vec::new();
    }
    let types = state.types.list.ready().cloned().unwrap_or_default();
    let mut groups = Vec::new();
    let mut cmds = Vec::new();
    for t in types {
        let req = state.req();
        state.reading.push(req);
        let mut properties = t.columns.clone();
        if properties.is_empty() {
            properties = crate::app::record_view::naming_properties(&[], &t.type_id);
        }
        cmds.push(Command::SearchType { req, type_id: t.type_id.clone(), query: query.clone(), properties });
        groups.push(Group { type_id: t.type_id, label: t.label, found: Loadable::Loading { req } });
    }
    state.modal = Modal::Everywhere(Box::new(Everywhere { query, groups, selected: 0 }));
    cmds
}

/// A type answered: its matches take their place in the overlay.
pub fn result(state: &mut AppState, m: EverywhereMsg) -> Vec<Command> {
    let EverywhereMsg::Found { req, total, records, error } = m;
    if !state.finish(req) {
        return Vec::new();
    }
    let types = state.types.list.ready().cloned().unwrap_or_default();
    let Modal::Everywhere(e) = &mut state.modal else { return Vec::new() };
    let Some(g) = e.awaiting(req) else { return Vec::new() };
    g.found = match error {
        Some(error) => Loadable::Failed { error, req },
        None => {
            let records = records
                .iter()
                .map(|r| {
                    let title = crate::app::record_view::record_title(&types, &g.type_id, r);
                    let name = title.split_once(": ").map_or(title.as_str(), |(_, n)| n).to_owned();
                    (r.id.clone(), name)
                })
                .collect();
            Loadable::Ready(Found { total, records })
        }
    };
    Vec::new()
}

/// Keys in the overlay: move, open the match, close.
pub fn action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Modal::Everywhere(e) = &mut state.modal else { return Vec::new() };
    let n = e.rows().len();
    match a {
        Action::Back => state.modal = Modal::None,
        Action::Up => e.selected = e.selected.saturating_sub(1),
        Action::Down => e.selected = (e.selected + 1).min(n.saturating_sub(1)),
        Action::Open | Action::Toggle => {
            let Some((t, id)) = e.rows().get(e.selected).map(|(t, id)| ((*t).to_owned(), (*id).to_owned())) else {
                return Vec::new();
            };
            state.modal = Modal::None;
            state.detail = DetailState::default();
            state.focus = Focus::Detail;
            return super::list::fetch_record(state, t, id);
        }
        _ => {}
    }
    Vec::new()
}
