//! The record view: tabs, a cursor over rows, and following associations and activities
//! with a back stack.

use crate::action::Action;
use crate::app::command::Command;
use crate::app::record_view::property_rows;
use crate::app::state::{AppState, DetailTab, Focus, LeftAt, QuickFilter};
use crate::model::RecordRef;

fn next_tab(tab: DetailTab, forward: bool) -> DetailTab {
    let n = DetailTab::ALL.len();
    let i = DetailTab::ALL.iter().position(|t| *t == tab).unwrap_or(0);
    DetailTab::ALL[if forward { (i + 1) % n } else { (i + n - 1) % n }]
}

/// How many selectable rows the current tab has.
fn rows(state: &AppState) -> usize {
    let d = &state.detail;
    match d.tab {
        DetailTab::Properties => d.record.ready().map_or(0, |r| {
            property_rows(r, state.detail_properties(), &crate::app::record_view::row_order(state)).len()
        }),
        DetailTab::History => d.record.ready().map_or(0, |r| {
            crate::app::record_view::history_order(r, state.detail_properties()).iter().map(|(_, e)| e.len()).sum()
        }),
        DetailTab::Associations => d.assoc_rows().len(),
        DetailTab::Activities => d.activities.ready().map_or(0, Vec::len),
    }
}

/// The record an Enter on the current row opens: `(type, id)`.
fn target(state: &AppState) -> Option<RecordRef> {
    let d = &state.detail;
    let (t, id) = match d.tab {
        DetailTab::Associations => d.assoc_rows().get(d.cursor).map(|r| (r.object_type.clone(), r.id.clone()))?,
        DetailTab::Activities => d.activities.ready()?.get(d.cursor).map(|r| (r.object_type.clone(), r.id.clone()))?,
        _ => return None,
    };
    // Associations name types their own way (`p48213567_cars`, `contacts`): the record is
    // known by its type's id, as the table knows it.
    let types = state.types.list.ready().map_or(&[][..], Vec::as_slice);
    let type_id = crate::app::record_view::find_type(types, &t).map_or(t, |ty| ty.type_id.clone());
    Some(RecordRef::new(type_id, id))
}

/// A key while the Properties tab's filter is typed: esc drops it, enter keeps it, the arrows
/// move over the rows it lets through.
pub fn filter_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let n = rows(state);
    QuickFilter::overlay_key(&mut state.detail.filter, &mut state.detail.cursor, n, a);
    Vec::new()
}

/// A character typed into the Properties tab's filter: the cursor goes back to the first row.
pub fn filter_key(state: &mut AppState, k: crate::keymap::KeyChord) {
    if let Some(f) = state.detail.filter.as_mut().filter(|f| f.editing)
        && f.field.input(k)
    {
        state.detail.cursor = 0;
    }
}

/// Keys in the record view.
pub fn update_detail(state: &mut AppState, a: Action) -> Vec<Command> {
    match a {
        Action::Filter => {
            state.detail.tab = DetailTab::Properties;
            let field = state.detail.filter.take().map(|f| f.field).unwrap_or_default();
            state.detail.filter = Some(QuickFilter { field, editing: true });
            state.detail.cursor = 0;
        }
        Action::Back if state.detail.filter.is_some() && state.detail.tab == DetailTab::Properties => {
            state.detail.filter = None;
            state.detail.cursor = 0;
        }
        Action::Back => {
            if let Some(LeftAt { record: r, tab, cursor }) = state.detail.back.pop() {
                let cmds = super::list::fetch_record(state, r.type_id, r.id);
                // Back where the user left it: the same tab, the same row.
                state.detail.tab = tab;
                state.detail.cursor = cursor;
                return cmds;
            }
            state.focus = Focus::List;
            if let Some(board) = state.detail.from_board.take() {
                return super::board::show_again(state, board);
            }
        }
        Action::NextTab | Action::PrevTab => {
            state.detail.tab = next_tab(state.detail.tab, a == Action::NextTab);
            state.detail.cursor = 0;
            return ask_names(state);
        }
        Action::Open => {
            if let (Some(to), Some(current)) = (target(state), state.detail.current.clone()) {
                let (tab, cursor) = (state.detail.tab, state.detail.cursor);
                state.detail.back.push(LeftAt { record: current, tab, cursor });
                state.detail.tab = DetailTab::Properties;
                return super::list::fetch_record(state, to.type_id, to.id);
            }
        }
        Action::Pin => return pin(state),
        Action::Merge => return super::overlay::open_merge(state),
        Action::Note => return super::overlay::open_note(state),
        Action::Associate if state.detail.tab == DetailTab::Associations => {
            return super::assoc_pick::open_modal(state);
        }
        Action::Delete if state.detail.tab == DetailTab::Associations => {
            return super::assoc_pick::ask_dissociate(state);
        }
        Action::Revert => return super::edit::revert(state),
        Action::ShowSystem => {
            state.prefs.show_system = !state.prefs.show_system;
            let shown = if state.prefs.show_system { "shown" } else { "folded away" };
            state.bar.toast(format!("Read-only system properties {shown} (z)"), false);
            let len = rows(state);
            state.detail.cursor = state.detail.cursor.min(len.saturating_sub(1));
        }
        Action::Refresh => {
            if let Some(r) = state.detail.current.clone() {
                return super::list::fetch_record(state, r.type_id, r.id);
            }
        }
        _ => {
            let len = rows(state);
            state.detail.cursor = super::nav::step(state.detail.cursor, len, a, 10);
        }
    }
    Vec::new()
}

/// `P` on an activity: pin it on the record (or unpin it when it is the pinned one).
fn pin(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    if state.detail.tab != DetailTab::Activities {
        state.bar.toast("Pin from the Activities tab (] to get there)", true);
        return Vec::new();
    }
    let Some(RecordRef { type_id, id }) = state.detail.current.clone() else { return Vec::new() };
    let Some(activity) = state.detail.activities.ready().and_then(|a| a.get(state.detail.cursor)).cloned() else {
        state.bar.toast("No activity here to pin — only activities associated with the record can be", true);
        return Vec::new();
    };
    let unpin = state.detail.pinned() == Some(activity.id.as_str());
    let req = state.req();
    state.saving.push(req);
    state.detail.pinning = Some((req, unpin));
    let what = if unpin { "Unpinning" } else { "Pinning" };
    state.bar.toast(format!("{what} {} {}…", activity.object_type.trim_end_matches('s'), activity.id), false);
    vec![Command::Pin { req, type_id, id, engagement: (!unpin).then_some(activity.id) }]
}

/// On the Associations tab: read what the associated records not yet named are called, in
/// batches per type (one read in flight per record).
pub fn ask_names(state: &mut AppState) -> Vec<Command> {
    let d = &state.detail;
    let (DetailTab::Associations, Some(current)) = (d.tab, d.current.clone()) else { return Vec::new() };
    if d.names.as_ref().is_some_and(|(_, r)| *r == current) || d.record.ready().is_none() {
        return Vec::new();
    }
    let types = state.types.list.ready().map_or(&[][..], Vec::as_slice);
    let mut items: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for r in d.assoc_rows() {
        if d.titles.contains_key(&RecordRef::new(&r.object_type, &r.id)) {
            continue;
        }
        match items.iter_mut().find(|(t, _, _)| *t == r.object_type) {
            Some((_, _, ids)) => ids.push(r.id),
            None => {
                let props = crate::app::record_view::naming_properties(types, &r.object_type);
                if !props.is_empty() {
                    items.push((r.object_type, props, vec![r.id]));
                }
            }
        }
    }
    if items.is_empty() {
        return Vec::new();
    }
    let req = state.req();
    state.detail.names = Some((req, current));
    vec![Command::FetchNames { req, items }]
}
