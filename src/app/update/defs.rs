//! Answers about what the portal defines: the object types (the first screen) and property
//! definitions (the table's type, or the type of a record followed from another).

use crate::app::command::Command;
use crate::app::msg::DefsMsg;
use crate::app::state::{AppState, Loadable};

/// A count that could not be read: the old one (if any) stays; the table's type says why.
fn count_failed(state: &mut AppState, type_id: &str, error: &str) {
    if state.list.type_id.as_deref() == Some(type_id) {
        state.bar.toast(format!("Could not count the records: {error}"), true);
    }
}

/// The counts held back for the first table's page, once no page is in flight.
#[must_use]
pub fn counts_after_first_page(state: &mut AppState) -> Vec<Command> {
    if state.list.in_flight.is_some() || state.types.counts_after_first_page.is_empty() {
        return Vec::new();
    }
    let ids = std::mem::take(&mut state.types.counts_after_first_page);
    let ids: Vec<String> = ids.into_iter().filter(|t| !state.types.counting.contains_key(t)).collect();
    ids.into_iter().map(|t| super::nav::count(state, t)).collect()
}

/// Object types and property definitions (the table's type, or a followed record's).
pub fn update(state: &mut AppState, m: DefsMsg) -> Vec<Command> {
    match m {
        DefsMsg::TypesLoaded { req, types } if state.types.list.awaits(req) => {
            let first_load = state.list.type_id.is_none();
            state.types.selected = state.types.selected.min(types.len().saturating_sub(1));
            let ids: Vec<String> = types.iter().map(|t| t.type_id.clone()).collect();
            state.types.list = Loadable::Ready(types);
            let mut cmds = if first_load { super::nav::open_type(state) } else { Vec::new() };
            let ids: Vec<String> = ids.into_iter().filter(|t| !state.types.counting.contains_key(t)).collect();
            if first_load && state.list.in_flight.is_some() {
                // Each type's count once the first table's page has answered.
                state.types.counts_after_first_page = ids;
            } else {
                for type_id in ids {
                    cmds.push(super::nav::count(state, type_id));
                }
            }
            cmds
        }
        DefsMsg::Counted { req, type_id, total } if state.types.counting.get(&type_id) == Some(&req) => {
            state.types.counting.remove(&type_id);
            match total {
                Ok(n) => {
                    state.types.counts.insert(type_id, n);
                }
                Err(e) => count_failed(state, &type_id, &e),
            }
            Vec::new()
        }
        DefsMsg::TypesFailed { req, error } if state.types.list.awaits(req) => {
            state.status = Some(error.clone());
            state.types.list = Loadable::Failed { error, req };
            Vec::new()
        }
        DefsMsg::PropertiesLoaded { req, properties } if state.properties.awaits(req) => {
            state.properties = Loadable::Ready(properties);
            // A board opened before the definitions came goes on.
            let mut cmds = super::board::definitions_ready(state);
            // A record of this type opened before the definitions came was read with the
            // table's columns only: read it again with every property.
            match state.detail.current.clone() {
                Some(r) if state.list.type_id.as_deref() == Some(r.type_id.as_str()) => {
                    cmds.extend(super::list::fetch_record(state, r.type_id, r.id));
                }
                _ => {}
            }
            cmds
        }
        DefsMsg::PropertiesLoaded { req, properties }
            if state
                .properties_refresh
                .as_ref()
                .is_some_and(|(r, t)| *r == req && state.list.type_id.as_ref() == Some(t)) =>
        {
            state.properties_refresh = None;
            if state.properties.ready().is_some() {
                state.properties = Loadable::Ready(properties);
            }
            Vec::new()
        }
        DefsMsg::PropertiesLoaded { req, properties } if state.detail.properties.awaits(req) => {
            state.detail.properties = Loadable::Ready(properties);
            super::list::send_deferred(state)
        }
        DefsMsg::PropertiesFailed { req, error } if state.properties.awaits(req) => {
            state.bar.toast(format!("Property definitions did not load: {error} — r reads them again"), true);
            super::board::definitions_failed(state, &error);
            state.properties = Loadable::Failed { error, req };
            Vec::new()
        }
        DefsMsg::PropertiesFailed { req, error } if state.detail.properties.awaits(req) => {
            state.detail.properties = Loadable::Failed { error, req };
            super::list::send_deferred(state)
        }
        // Stale: the user has moved on.
        _ => Vec::new(),
    }
}
