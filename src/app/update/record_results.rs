//! The record view's answers: its record (and go-to lookups that found nothing), its
//! activities, and the writes made from it (merge, associations, pins).

use crate::app::command::Command;
use crate::app::msg::RecordMsg;
use crate::app::state::{AppState, Loadable};
use crate::model::SimplePublicObject;

/// The activity types shown in the Activities tab (association map keys).
pub const ACTIVITY_TYPES: [&str; 5] = ["notes", "meetings", "tasks", "calls", "emails"];

/// The record's associated activities, by type.
fn activity_ids(r: &SimplePublicObject) -> Vec<(String, Vec<String>)> {
    let Some(map) = &r.associations else { return Vec::new() };
    ACTIVITY_TYPES
        .iter()
        .filter_map(|t| {
            let mut ids: Vec<String> = map.get(*t)?.results.iter().map(|a| a.id.clone()).collect();
            ids.dedup();
            (!ids.is_empty()).then(|| ((*t).to_owned(), ids))
        })
        .collect()
}

/// A write to the record shown finished: say how, and reload it when it worked.
fn written(
    state: &mut AppState,
    req: crate::app::state::ReqId,
    error: Option<String>,
    ok: &str,
    failed: &str,
) -> Vec<Command> {
    state.saving.retain(|r| *r != req);
    if let Some(e) = error {
        state.bar.toast(format!("{failed}: {e}"), true);
        return Vec::new();
    }
    state.bar.toast(ok, false);
    match state.detail.current.clone() {
        Some(r) => super::list::fetch_record(state, r.type_id, r.id),
        None => Vec::new(),
    }
}

/// The record view's record and its activities (and go-to lookups that found nothing).
pub fn update(state: &mut AppState, m: RecordMsg) -> Vec<Command> {
    match m {
        m @ (RecordMsg::Merged { .. } | RecordMsg::Associated { .. } | RecordMsg::Pinned { .. }) => writes(state, m),
        RecordMsg::MergeTarget { req, record, error, not_found } => {
            super::overlay::merge_target(state, req, record, (error, not_found))
        }
        RecordMsg::NamesLoaded { req, records, error } => named(state, req, records, error),
        RecordMsg::RecordLoaded { req, record } if state.detail.record.awaits(req) => {
            // The last error was about an earlier read; this one worked.
            state.status = None;
            state.go_to_undo = None;
            // Reached by a unique value: from now on it is known by its id.
            if let Some(current) = &mut state.detail.current {
                current.id.clone_from(&record.id);
            }
            if let Some(current) = state.detail.current.clone() {
                let types = state.types.list.ready().map_or(&[][..], Vec::as_slice);
                let title = crate::app::record_view::record_title(types, &current.type_id, &record);
                state.detail.titles.insert(current, title);
            }
            let items = activity_ids(&record);
            state.detail.preview = None;
            if let Some(key) = state.detail.current.clone()
                && state.list.type_id.as_deref() == Some(key.type_id.as_str())
                && !state.list.archived
                && state.properties.ready().is_some()
            {
                state.record_cache.put(key, record.clone());
            }
            state.detail.record = Loadable::Ready(record);
            // On the Associations tab already (back, a reload): name what is new there.
            let mut cmds = super::detail::ask_names(state);
            if items.is_empty() {
                state.detail.activities = Loadable::Ready(Vec::new());
                return cmds;
            }
            let req = state.req();
            state.detail.activities = Loadable::Loading { req };
            cmds.push(Command::FetchActivities { req, items });
            cmds
        }
        RecordMsg::ActivitiesLoaded { req, mut activities } if state.detail.activities.awaits(req) => {
            activities.sort_by(|a, b| b.timestamp.cmp(&a.timestamp).then_with(|| b.id.cmp(&a.id)));
            state.detail.activities = Loadable::Ready(activities);
            Vec::new()
        }
        RecordMsg::ActivitiesFailed { req, error } if state.detail.activities.awaits(req) => {
            state.detail.activities = Loadable::Failed { error, req };
            Vec::new()
        }
        RecordMsg::RecordFailed { req, not_found: true, .. }
            if state.detail.record.awaits(req) && !state.detail.go_to_fallbacks.is_empty() =>
        {
            super::overlay::next_go_to(state).unwrap_or_default()
        }
        RecordMsg::RecordFailed { req, error, not_found: true }
            if state.detail.record.awaits(req) && state.detail.go_to_by.is_some() =>
        {
            // A go-to that found nothing: back where the user was, the prompt saying what
            // was looked for.
            let error = state.detail.go_to_by.take().unwrap_or(error);
            if state.go_to_undo.is_some() {
                super::overlay::go_to_failed(state, error);
            } else {
                state.status = Some(error.clone());
                state.detail.record = Loadable::Failed { error, req };
            }
            Vec::new()
        }
        RecordMsg::RecordFailed { req, error, .. } if state.detail.record.awaits(req) => {
            state.status = Some(error.clone());
            state.detail.record = Loadable::Failed { error, req };
            Vec::new()
        }
        // Stale: the user has moved on.
        _ => Vec::new(),
    }
}

/// Associated records' names arrived (for the read in flight): they name the rows and the
/// breadcrumbs.
fn named(
    state: &mut AppState,
    req: crate::app::state::ReqId,
    records: Vec<(crate::model::RecordRef, SimplePublicObject)>,
    error: Option<String>,
) -> Vec<Command> {
    if state.detail.names.as_ref().is_none_or(|(r, _)| *r != req) {
        return Vec::new();
    }
    state.detail.names = None;
    let types = state.types.list.ready().map_or(&[][..], Vec::as_slice);
    for (at, rec) in records {
        let title = crate::app::record_view::record_title(types, &at.type_id, &rec);
        state.detail.titles.insert(at, title);
    }
    if let Some(e) = error {
        state.bar.toast(format!("Some associated records could not be named: {e}"), true);
    }
    Vec::new()
}

/// Writes from the record view: merge, associations, pins.
fn writes(state: &mut AppState, m: RecordMsg) -> Vec<Command> {
    match m {
        RecordMsg::Merged { req, record, error } if state.saving.contains(&req) => {
            state.saving.retain(|r| *r != req);
            match (record, error) {
                (Some(r), _) => {
                    state.bar.toast(format!("Merged into {} — the other id now opens it", r.id), false);
                    match state.detail.current.clone() {
                        Some(current) => {
                            // One record fewer: the count is read again.
                            let mut cmds = vec![super::nav::count(state, current.type_id.clone())];
                            cmds.extend(super::list::fetch_record(state, current.type_id, r.id));
                            cmds
                        }
                        None => Vec::new(),
                    }
                }
                (None, e) => {
                    state.bar.toast(format!("Not merged: {}", e.unwrap_or_default()), true);
                    Vec::new()
                }
            }
        }
        RecordMsg::Associated { req, error } if state.saving.contains(&req) => {
            written(state, req, error, "Associations updated", "Associations unchanged")
        }
        RecordMsg::Pinned { req, error } if state.saving.contains(&req) => {
            let (ok, failed) = match state.detail.pinning.take() {
                Some((r, true)) if r == req => ("Unpinned the activity", "Not unpinned"),
                Some((r, false)) if r == req => ("Pinned the activity", "Not pinned"),
                // A note written with N: created, then pinned.
                _ => ("Note created and pinned", "Note not pinned"),
            };
            written(state, req, error, ok, failed)
        }
        // Stale: the user has moved on.
        _ => Vec::new(),
    }
}
