//! API results: stale ones (a request id nobody waits for) are dropped.

use super::list::{keep_visible, maybe_fetch, place_page, place_slice};
use crate::app::command::Command;
use crate::app::msg::ApiMsg;
use crate::app::state::{AppState, Loadable, RecordRow};
use crate::model::SimplePublicObject;

fn row(columns: &[String], r: &SimplePublicObject) -> RecordRow {
    RecordRow {
        id: r.id.clone(),
        cells: columns.iter().map(|c| r.properties.get(c).cloned().flatten().unwrap_or_default()).collect(),
    }
}

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
        Some((t, id)) => super::list::fetch_record(state, t, id),
        None => Vec::new(),
    }
}

/// Applies a result: each kind goes to the part of the app that asked for it.
pub fn update_api(state: &mut AppState, m: ApiMsg) -> Vec<Command> {
    if matches!(
        m,
        ApiMsg::ChangesSaved { .. }
            | ApiMsg::ChangesFailed { .. }
            | ApiMsg::Imported { .. }
            | ApiMsg::Archived { .. }
            | ApiMsg::CreatedMany { .. }
    ) {
        state.bar.progress = None;
    }
    match m {
        m @ (ApiMsg::TypesLoaded { .. }
        | ApiMsg::TypesFailed { .. }
        | ApiMsg::PropertiesLoaded { .. }
        | ApiMsg::PropertiesFailed { .. }) => definitions(state, m),
        m @ (ApiMsg::PageLoaded { .. } | ApiMsg::SliceLoaded { .. } | ApiMsg::PageFailed { .. }) => table(state, m),
        m @ (ApiMsg::RecordLoaded { .. }
        | ApiMsg::RecordFailed { .. }
        | ApiMsg::ActivitiesLoaded { .. }
        | ApiMsg::ActivitiesFailed { .. }) => record(state, m),
        m @ (ApiMsg::Merged { .. }
        | ApiMsg::AssociatedMany { .. }
        | ApiMsg::Associated { .. }
        | ApiMsg::Pinned { .. }) => record_writes(state, m),
        m @ (ApiMsg::ChangesSaved { .. } | ApiMsg::ChangesFailed { .. }) => super::edit::saved(state, m),
        m @ ApiMsg::OldValues { .. } => super::edit::old_values(state, m),
        m @ (ApiMsg::ImportRead { .. } | ApiMsg::Imported { .. }) => super::import::import_result(state, m),
        m @ (ApiMsg::Created { .. } | ApiMsg::CreatedMany { .. } | ApiMsg::CreateFailed { .. }) => {
            super::create::form_result(state, m)
        }
        // Matches and labels go back to the picker that asked for them.
        m @ (ApiMsg::RecordsFound { req, .. } | ApiMsg::LabelsLoaded { req, .. }) => {
            let asker = super::assoc_pick::asker(state, req);
            state.pick_reads.retain(|(r, _)| *r != req);
            match asker {
                Some(super::assoc_pick::Asker::Associations) => super::assoc_pick::modal_result(state, &m),
                Some(super::assoc_pick::Asker::Form) => super::create::form_result(state, m),
                None => Vec::new(),
            }
        }
        m @ (ApiMsg::Archived { .. } | ApiMsg::Restored { .. } | ApiMsg::AllIds { .. }) => {
            super::bulk::bulk_result(state, m)
        }
        ApiMsg::AccountLoaded { web_base } => {
            state.links.web_base = Some(web_base);
            Vec::new()
        }
        ApiMsg::Notice { text, error } => {
            if !text.is_empty() {
                state.bar.toast(text, error);
            }
            Vec::new()
        }
    }
}

/// Object types and property definitions (the table's type, or a followed record's).
fn definitions(state: &mut AppState, m: ApiMsg) -> Vec<Command> {
    match m {
        ApiMsg::TypesLoaded { req, types } if state.types.list.awaits(req) => {
            let first_load = state.list.type_id.is_none();
            state.types.selected = state.types.selected.min(types.len().saturating_sub(1));
            state.types.list = Loadable::Ready(types);
            if first_load { super::nav::open_type(state) } else { Vec::new() }
        }
        ApiMsg::TypesFailed { req, error } if state.types.list.awaits(req) => {
            state.status = Some(error.clone());
            state.types.list = Loadable::Failed { error, req };
            Vec::new()
        }
        ApiMsg::PropertiesLoaded { req, properties } if state.properties.awaits(req) => {
            state.properties = Loadable::Ready(properties);
            // A record of this type opened before the definitions came was read with the
            // table's columns only: read it again with every property.
            match state.detail.current.clone() {
                Some((t, id)) if state.list.type_id.as_deref() == Some(t.as_str()) => {
                    super::list::fetch_record(state, t, id)
                }
                _ => Vec::new(),
            }
        }
        ApiMsg::PropertiesLoaded { req, properties } if state.detail.properties.awaits(req) => {
            state.detail.properties = Loadable::Ready(properties);
            super::list::send_deferred(state)
        }
        ApiMsg::PropertiesFailed { req, error } if state.properties.awaits(req) => {
            state.properties = Loadable::Failed { error, req };
            Vec::new()
        }
        ApiMsg::PropertiesFailed { req, error } if state.detail.properties.awaits(req) => {
            state.detail.properties = Loadable::Failed { error, req };
            super::list::send_deferred(state)
        }
        // Stale: the user has moved on.
        _ => Vec::new(),
    }
}

/// Pages and slices of the record table.
fn table(state: &mut AppState, m: ApiMsg) -> Vec<Command> {
    match m {
        ApiMsg::PageLoaded { req, records, next_after, search } if state.list.in_flight == Some(req) => {
            state.list.in_flight = None;
            state.status = None;
            if let (Some(info), Some(active)) = (search, state.list.search.as_mut()) {
                active.total = Some(info.total);
                active.past_cap |= info.past_cap;
                active.capped = info.capped;
            }
            let columns = state.list.columns.clone();
            let rows = records.iter().map(|r| row(&columns, r)).collect();
            let Some(crate::app::paging::Target::Page(page)) = state.list.in_flight_target.take() else {
                return Vec::new();
            };
            place_page(&mut state.list, page, rows, next_after);
            super::list::reach_target(&mut state.list);
            keep_visible(state);
            maybe_fetch(state)
        }
        ApiMsg::SliceLoaded { req, records, total } if state.list.in_flight == Some(req) => {
            state.list.in_flight = None;
            let columns = state.list.columns.clone();
            let rows = records.iter().map(|r| row(&columns, r)).collect();
            if let Some(crate::app::paging::Target::Slice(edge)) = state.list.in_flight_target.take() {
                place_slice(&mut state.list, &edge, rows, total);
                if edge == crate::app::command::Edge::Last && state.list.after_jump != 0 {
                    let l = &mut state.list;
                    let last = isize::try_from(l.end().saturating_sub(1)).unwrap_or(isize::MAX);
                    l.target = Some(usize::try_from((last + l.after_jump).max(0)).unwrap_or(0));
                    l.after_jump = 0;
                }
            }
            super::list::reach_target(&mut state.list);
            keep_visible(state);
            maybe_fetch(state)
        }
        ApiMsg::PageFailed { req, error } if state.list.in_flight == Some(req) => {
            state.list.in_flight = None;
            state.list.target = None;
            state.status = Some(error.clone());
            state.list.error = Some(error);
            Vec::new()
        }
        // Stale: the user has moved on.
        _ => Vec::new(),
    }
}

/// The record view's record and its activities (and go-to lookups that found nothing).
fn record(state: &mut AppState, m: ApiMsg) -> Vec<Command> {
    match m {
        ApiMsg::RecordLoaded { req, record } if state.detail.record.awaits(req) => {
            // The last error was about an earlier read; this one worked.
            state.status = None;
            state.go_to_undo = None;
            // Reached by a unique value: from now on it is known by its id.
            if let Some((_, id)) = &mut state.detail.current {
                id.clone_from(&record.id);
            }
            if let Some((t, id)) = state.detail.current.clone() {
                let types = state.types.list.ready().map_or(&[][..], Vec::as_slice);
                let title = crate::app::record_view::record_title(types, &t, &record);
                state.detail.titles.insert((t, id), title);
            }
            let items = activity_ids(&record);
            state.detail.record = Loadable::Ready(record);
            if items.is_empty() {
                state.detail.activities = Loadable::Ready(Vec::new());
                return Vec::new();
            }
            let req = state.req();
            state.detail.activities = Loadable::Loading { req };
            vec![Command::FetchActivities { req, items }]
        }
        ApiMsg::ActivitiesLoaded { req, mut activities } if state.detail.activities.awaits(req) => {
            activities.sort_by(|a, b| b.timestamp.cmp(&a.timestamp).then_with(|| b.id.cmp(&a.id)));
            state.detail.activities = Loadable::Ready(activities);
            Vec::new()
        }
        ApiMsg::ActivitiesFailed { req, error } if state.detail.activities.awaits(req) => {
            state.detail.activities = Loadable::Failed { error, req };
            Vec::new()
        }
        ApiMsg::RecordFailed { req, not_found: true, .. }
            if state.detail.record.awaits(req) && !state.detail.go_to_fallbacks.is_empty() =>
        {
            super::overlay::next_go_to(state).unwrap_or_default()
        }
        ApiMsg::RecordFailed { req, error, not_found: true }
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
        ApiMsg::RecordFailed { req, error, .. } if state.detail.record.awaits(req) => {
            state.status = Some(error.clone());
            state.detail.record = Loadable::Failed { error, req };
            Vec::new()
        }
        // Stale: the user has moved on.
        _ => Vec::new(),
    }
}

/// Writes from the record view: merge, associations, pins.
fn record_writes(state: &mut AppState, m: ApiMsg) -> Vec<Command> {
    match m {
        ApiMsg::Merged { req, record, error } if state.saving.contains(&req) => {
            state.saving.retain(|r| *r != req);
            match (record, error) {
                (Some(r), _) => {
                    state.bar.toast(format!("Merged into {} — the other id now opens it", r.id), false);
                    match state.detail.current.clone() {
                        Some((t, _)) => super::list::fetch_record(state, t, r.id),
                        None => Vec::new(),
                    }
                }
                (None, e) => {
                    state.bar.toast(format!("Not merged: {}", e.unwrap_or_default()), true);
                    Vec::new()
                }
            }
        }
        ApiMsg::AssociatedMany { req, error } if state.saving.contains(&req) => {
            // From the table: nothing shown needs reloading.
            state.saving.retain(|r| *r != req);
            match error {
                Some(e) => state.bar.toast(format!("Associations unchanged: {e}"), true),
                None => state.bar.toast("Associated", false),
            }
            Vec::new()
        }
        ApiMsg::Associated { req, error } if state.saving.contains(&req) => {
            written(state, req, error, "Associations updated", "Associations unchanged")
        }
        ApiMsg::Pinned { req, error } if state.saving.contains(&req) => {
            written(state, req, error, "Pinned activity updated", "Not pinned")
        }
        // Stale: the user has moved on.
        _ => Vec::new(),
    }
}
