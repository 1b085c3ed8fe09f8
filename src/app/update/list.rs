//! The record table's keys: selection, scrolling, row numbers, the quick filter over loaded
//! rows, opening a record. The paging they cause is `app::table::paging`.

use super::nav::step;
use crate::action::Action;
use crate::app::command::{Command, Edge};
use crate::app::layout::list_rows;
use crate::app::state::{AppState, DeferredRead, DetailState, Focus, Loadable, QuickFilter};
use crate::app::table::paging::{self, Target};
use crate::model::RecordRef;

/// Keeps the selection inside the loaded window and on screen.
pub fn keep_visible(state: &mut AppState) {
    paging::keep_visible(&mut state.list, list_rows(state.size));
}

/// The page or slice the selection needs next, if any.
pub fn maybe_fetch(state: &mut AppState) -> Vec<Command> {
    paging::maybe_fetch(&mut state.list, &mut state.ids, list_rows(state.size))
}

/// Moves the selection; `g` jumps to the first row, reloading it if it left the window.
fn move_selection(state: &mut AppState, a: Action) -> Vec<Command> {
    let page = list_rows(state.size);
    if state.list.filter.is_some() {
        let shown = state.list.shown();
        let pos = shown.iter().position(|i| *i >= state.list.selected).unwrap_or(0);
        if let Some(i) = shown.get(step(pos, shown.len(), a, page)) {
            state.list.selected = *i;
        }
        keep_visible(state);
        return Vec::new();
    }
    let plain = state.list.search.is_none() && !state.list.archived;
    if matches!(a, Action::Top | Action::Bottom) {
        // A jump wins over moves still waiting for pages.
        state.list.target = None;
        state.list.after_jump = 0;
    }
    if state.list.in_flight_target == Some(Target::Slice(Edge::Last)) && state.list.rows.is_empty() {
        // Landing on the last row: moves pressed meanwhile count from there.
        let page = isize::try_from(page.max(1)).unwrap_or(isize::MAX);
        let l = &mut state.list;
        l.after_jump += match a {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -page,
            Action::PageDown => page,
            _ => 0,
        };
        return Vec::new();
    }
    if a == Action::Bottom && !state.list.loaded_all && plain {
        return paging::jump_to_end(&mut state.list, &mut state.ids);
    }
    let l = &mut state.list;
    if a == Action::Top && (l.base > 0 || l.by_id) {
        return paging::jump_to_start(l, &mut state.ids);
    }
    if a == Action::Bottom && !l.loaded_all {
        // A search's last match: head there page by page (its count is known).
        if let Some(total) = l.search.as_ref().and_then(|s| s.total).or(l.total) {
            l.target = Some(total.saturating_sub(1));
        }
    } else {
        let from = l.target.unwrap_or(l.selected);
        l.target = None;
        let want = match a {
            Action::Down => from + 1,
            Action::PageDown => from + page.max(1),
            Action::Up => from.saturating_sub(1),
            Action::PageUp => from.saturating_sub(page.max(1)),
            _ => step(l.selected, l.end(), a, page),
        };
        let beyond = (want >= l.end() && !l.loaded_all) || want < l.base;
        l.target = beyond.then_some(want);
        l.selected = want;
    }
    paging::reach_target(l);
    keep_visible(state);
    maybe_fetch(state)
}

/// `N G` / `N g`: row N (from 1), reached as pages arrive; it wins over moves still waiting.
fn go_to_row(state: &mut AppState, n: usize) -> Vec<Command> {
    let l = &mut state.list;
    let mut row = n.saturating_sub(1);
    if let Some(total) = l.search.as_ref().and_then(|s| s.total).or(l.total) {
        row = row.min(total.saturating_sub(1));
    }
    l.target = Some(row);
    paging::reach_target(l);
    keep_visible(state);
    maybe_fetch(state)
}

/// Keys in the record table.
pub fn update_list(state: &mut AppState, a: Action) -> Vec<Command> {
    // A typed row number applies to the next key only.
    if let Some(n) = state.list.count.take()
        && matches!(a, Action::Bottom | Action::Top)
        && state.list.filter.is_none()
    {
        return go_to_row(state, n);
    }
    match a {
        Action::Open => open_record(state),
        Action::Back if state.list.filter.is_some() => {
            state.list.filter = None;
            keep_visible(state);
            maybe_fetch(state)
        }
        Action::Back if super::freq::can_go_back(state) => super::freq::go_back(state),
        Action::Back if state.list.search.is_some() => {
            // Leave the search: all records again (the draft stays for `s` — unless it was
            // only a column sort, which esc undoes).
            if let (Some(s), Some(t)) = (state.list.search.take(), state.list.type_id.clone())
                && s.draft.is_empty()
            {
                state.searches.drafts.remove(&t);
            }
            super::nav::reload_rows(state)
        }
        Action::Search => super::search::open_builder(state),
        Action::Toggle => {
            super::bulk::toggle_mark(state);
            move_selection(state, Action::Down)
        }
        Action::SelectAll => super::bulk::select_all(state),
        Action::SelectRange => super::bulk::select_range(state),
        Action::Associate if !state.list.marked.is_empty() => super::bulk::ask_associate_many(state),
        Action::RecycleBin => super::bulk::toggle_bin(state),
        Action::Restore => super::bulk::restore(state),
        Action::FilterEq | Action::FilterNeq => super::search::filter_on_cell(state, a == Action::FilterEq),
        Action::Left | Action::Right => super::cells::step(state, a),
        Action::Sort => super::cells::cycle_sort(state),
        Action::Export => super::export::ask_path(state),
        Action::Wider | Action::Narrower => super::cells::resize(state, a == Action::Wider),
        Action::MoveLeft | Action::MoveRight => super::cells::move_column(state, a == Action::MoveLeft),
        Action::Back => {
            state.focus = Focus::Types;
            Vec::new()
        }
        Action::Filter => {
            let field = state.list.filter.take().map(|f| f.field).unwrap_or_default();
            state.list.filter = Some(QuickFilter { field, editing: true });
            Vec::new()
        }
        Action::Columns => super::columns::open_columns(state),
        Action::Refresh => {
            // After a failed page, retry it; otherwise (or if nothing loaded yet) reload —
            // the definitions too (an admin may have changed a label or a validation rule).
            if state.list.error.take().is_some() && !state.list.rows.is_empty() {
                maybe_fetch(state)
            } else {
                let mut cmds = super::nav::reload_rows(state);
                cmds.extend(refresh_properties(state));
                cmds
            }
        }
        _ => move_selection(state, a),
    }
}

/// Keys while typing the quick filter: Enter keeps it, Esc drops it, arrows move.
pub fn filter_action(state: &mut AppState, a: Action) -> Vec<Command> {
    match a {
        Action::Back => {
            state.list.filter = None;
            keep_visible(state);
            maybe_fetch(state)
        }
        Action::Open => {
            if let Some(f) = &mut state.list.filter {
                f.editing = false;
                if f.field.text().trim().is_empty() {
                    state.list.filter = None;
                }
            }
            Vec::new()
        }
        Action::Up | Action::Down => move_selection(state, a),
        _ => Vec::new(),
    }
}

/// After the filter text changed: keep the selection on a row that still shows.
pub fn after_filter_change(state: &mut AppState) {
    let shown = state.list.shown();
    if !shown.contains(&state.list.selected)
        && let Some(first) = shown.iter().find(|i| **i >= state.list.selected).or(shown.first())
    {
        state.list.selected = *first;
    }
    keep_visible(state);
}

/// Reads the table type's definitions again: quietly behind the ones shown, or in their
/// place after they failed.
pub(super) fn refresh_properties(state: &mut AppState) -> Option<Command> {
    let type_id = state.list.type_id.clone()?;
    if matches!(state.properties, Loadable::Loading { .. }) {
        return None;
    }
    let req = state.req();
    match &state.properties {
        Loadable::Ready(_) => state.properties_refresh = Some((req, type_id.clone())),
        _ => state.properties = Loadable::Loading { req },
    }
    Some(Command::FetchProperties { req, type_id })
}

/// Opens the selected record in the record view.
pub fn open_record(state: &mut AppState) -> Vec<Command> {
    let (Some(row), Some(type_id)) = (state.list.selected_row().cloned(), state.list.type_id.clone()) else {
        return Vec::new();
    };
    if state.list.filter.as_ref().is_some_and(|f| !f.matches(&row)) {
        return Vec::new();
    }
    state.detail = DetailState::default();
    state.focus = Focus::Detail;
    fetch_record(state, type_id, row.id)
}

/// Loads a record into the record view (keeping the tab and the back stack).
pub fn fetch_record(state: &mut AppState, type_id: String, id: String) -> Vec<Command> {
    fetch_record_by(state, type_id, id, None)
}

/// The names a record view reads: every visible property, and the pinned activity.
fn readable(props: &[crate::model::Property]) -> Vec<String> {
    let mut names: Vec<String> = props.iter().filter(|p| !p.hidden).map(|p| p.name.clone()).collect();
    if !names.is_empty() {
        // The pinned activity, for the Activities tab.
        names.push("hs_pinned_engagement_id".into());
    }
    names
}

/// Loads a record by id, or by a value of the unique property `id_property`.
pub fn fetch_record_by(state: &mut AppState, type_id: String, id: String, id_property: Option<String>) -> Vec<Command> {
    let same_type = state.list.type_id.as_deref() == Some(type_id.as_str());
    let known_other = (!same_type && state.detail.properties_type.as_deref() == Some(type_id.as_str()))
        .then(|| state.detail.properties.ready().map(|p| readable(p)))
        .flatten();
    let properties: Vec<String> = match (state.properties.ready(), &known_other) {
        (Some(p), _) if same_type => readable(p),
        _ if same_type => {
            let mut cols = state.list.columns.clone();
            cols.push("hs_pinned_engagement_id".into());
            cols
        }
        (_, Some(p)) => p.clone(),
        _ => Vec::new(),
    };
    let associations: Vec<String> =
        state.types.list.ready().map(|ts| ts.iter().map(|t| t.type_id.clone()).collect()).unwrap_or_default();
    let req = state.req();
    state.detail.record = Loadable::Loading { req };
    state.detail.activities = Loadable::Idle;
    // Reading the record shown again (after a save, a pin) keeps the cursor where it was.
    let same_record = state.detail.current.as_ref().is_some_and(|r| r.is(&type_id, &id));
    state.detail.current = Some(RecordRef::new(&type_id, &id));
    // Until the record is read, the title names its type.
    let label = crate::app::record_view::type_label(state, &type_id);
    state.detail.titles.entry(RecordRef::new(&type_id, &id)).or_insert(label);
    if !same_record {
        state.detail.cursor = 0;
    }
    state.detail.deferred = None;
    state.detail.go_to_fallbacks.clear();
    state.detail.go_to_by = None;
    state.detail.preview = None;
    let cacheable = same_type && id_property.is_none() && !state.list.archived && state.properties.ready().is_some();
    if cacheable {
        let key = RecordRef::new(&type_id, &id);
        if let Some(hit) = state.record_cache.get(&key).cloned() {
            state.detail.preview = Some((key, hit.clone()));
            let msg =
                Box::new(crate::app::msg::Msg::Record(crate::app::msg::RecordMsg::RecordLoaded { req, record: hit }));
            return vec![Command::Deliver { msg }];
        }
        state.detail.preview = state.list.rows.iter().find(|r| r.id == id).map(|row| {
            let values = state.list.columns.iter().cloned().zip(row.cells.iter().map(|c| Some(c.clone()))).collect();
            (key, crate::model::SimplePublicObject::with_properties(&id, values))
        });
    }
    if !same_type && known_other.is_none() {
        // Another type's record (followed through an association or an activity): read it
        // once its definitions are in, with every property (its labels come with them).
        let props_req = state.req();
        state.detail.properties = Loadable::Loading { req: props_req };
        state.detail.properties_type = Some(type_id.clone());
        state.detail.deferred = Some(DeferredRead { req, type_id: type_id.clone(), id, id_property, associations });
        return vec![Command::FetchProperties { req: props_req, type_id }];
    }
    let archived = same_type && state.list.archived;
    vec![Command::FetchRecord { req, type_id, id, id_property, properties, associations, archived }]
}

/// The deferred read of another type's record, now that its definitions answered (`None`:
/// they failed, so it reads the type's default properties).
pub fn send_deferred(state: &mut AppState) -> Vec<Command> {
    let Some(d) = state.detail.deferred.take() else { return Vec::new() };
    if !state.detail.record.awaits(d.req) {
        return Vec::new();
    }
    let properties = state.detail.properties.ready().map(|p| readable(p)).unwrap_or_default();
    vec![Command::FetchRecord {
        req: d.req,
        type_id: d.type_id,
        id: d.id,
        id_property: d.id_property,
        properties,
        associations: d.associations,
        archived: false,
    }]
}
