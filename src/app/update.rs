//! The top-level `update`: routes each message to the sub-update of its area.

mod assoc_pick;
mod board;
mod bulk;
mod cells;
mod columns;
mod cover;
mod create;
mod defs;
mod detail;
mod edit;
mod everywhere;
mod export;
mod freq;
mod import;
mod list;
mod log;
mod mouse;
mod nav;
mod overlay;
mod paths;
mod prop_form;
mod props;
mod record_results;
mod rules;
mod schema_form;
mod search;
mod search_edit;
mod search_request;
mod share;
mod warnings;

use super::command::Command;
use super::msg::{EditMsg, Msg, PickMsg};
use super::state::{AppState, Focus, Modal};
use crate::action::Action;

pub use bulk::choices as bulk_choices;
pub use columns::choices as column_choices;
pub use everywhere::PER_TYPE as EVERYWHERE_PER_TYPE;
pub use freq::can_go_back as narrowed_from_counts;
pub use import::{PREVIEW as IMPORT_PREVIEW, mapping_choices as import_choices, row_issues as import_issues};
pub use search_request::{curl_command, request_of as search_request};

/// The first commands: load the object types.
#[must_use]
pub fn init(mut state: AppState) -> (AppState, Vec<Command>) {
    let req = state.req();
    state.types.list = super::state::Loadable::Loading { req };
    let mut cmds = vec![Command::FetchTypes { req }];
    if state.links.api_base.contains("hubapi.com") {
        cmds.push(Command::FetchAccount);
    }
    (state, cmds)
}

/// Applies one message. Pure: no I/O, no clock, no randomness.
#[must_use]
pub fn update(mut state: AppState, msg: Msg) -> (AppState, Vec<Command>) {
    let cmds = match msg {
        Msg::Resize { width, height } => {
            state.size = (width, height);
            list::keep_visible(&mut state);
            Vec::new()
        }
        Msg::Tick { now_ms } => {
            state.bar.tick(now_ms);
            Vec::new()
        }
        Msg::Budget(b) => {
            state.bar.budget = Some(b);
            Vec::new()
        }
        Msg::Waiting(w) => {
            state.bar.waiting = w;
            Vec::new()
        }
        Msg::Replica(r) => {
            state.bar.replica = Some(r);
            Vec::new()
        }
        Msg::Progress { done, total } => {
            // Only while a write runs (a late one after its result is dropped).
            let running = !state.saving.is_empty() || !state.reading.is_empty();
            state.bar.progress = (running && done < total).then_some((done, total));
            Vec::new()
        }
        Msg::Action(a) => {
            state.bar.warning = None;
            if a == Action::Refresh {
                // `r` reads afresh: records opened before are read again too.
                state.record_cache.clear();
            }
            action(&mut state, a)
        }
        Msg::Key(k) => overlay::type_key(&mut state, k),
        Msg::Mouse(m) => mouse::update_mouse(&mut state, m),
        m => result(&mut state, m),
    };
    if cmds.iter().any(Command::writes) {
        state.record_cache.clear();
    }
    (state, cmds)
}

/// Hands a command's answer to the area that asked for it.
fn result(state: &mut AppState, m: Msg) -> Vec<Command> {
    if m.ends_progress() {
        state.bar.progress = None;
    }
    if m.answers_write() {
        state.record_cache.clear();
    }
    match m {
        Msg::Defs(m) => defs::update(state, m),
        Msg::Table(m) => {
            let visible = super::layout::list_rows(state.size);
            let reply = super::table::results::update(&mut state.list, &mut state.ids, visible, m);
            if let Some(status) = reply.status {
                state.status = status;
            }
            let mut cmds = reply.cmds;
            cmds.extend(defs::counts_after_first_page(state));
            cmds
        }
        Msg::Record(m) => record_results::update(state, m),
        Msg::Edit(m @ EditMsg::OldValues { .. }) => edit::old_values(state, m),
        Msg::Edit(m) => {
            let mut cmds = edit::saved(state, m);
            cmds.extend(board::after_write(state));
            cmds
        }
        Msg::Bulk(m) => bulk::bulk_result(state, m),
        Msg::Create(m) => create::form_result(state, m),
        Msg::Import(m) => import::import_result(state, m),
        Msg::Everywhere(m) => everywhere::result(state, m),
        Msg::Log(m) => log::result(state, m),
        Msg::Props(m) => props::result(state, m),
        Msg::Freq(m) => freq::result(state, m),
        Msg::Board(m) => board::result(state, m),
        Msg::PathsFound { req, typed, names } => paths::found(state, req, &typed, &names),
        // Matches and labels go back to the picker that asked for them.
        Msg::Pick(m) => {
            let (PickMsg::RecordsFound { req, .. } | PickMsg::LabelsLoaded { req, .. }) = &m;
            let asker = assoc_pick::asker(state, *req);
            state.pick_reads.retain(|(r, _)| r != req);
            match asker {
                Some(assoc_pick::Asker::Associations) => assoc_pick::modal_result(state, &m),
                Some(assoc_pick::Asker::Form) => create::form_pick(state, &m),
                None => Vec::new(),
            }
        }
        Msg::AccountLoaded { web_base } => {
            state.links.web_base = Some(web_base);
            Vec::new()
        }
        Msg::Notice { text, error } => {
            if !text.is_empty() {
                state.bar.toast(text, error);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// With a read-only profile, says why writes are off and returns true (every write key
/// asks this first).
pub(crate) fn refuse_write(state: &mut AppState) -> bool {
    let Some(why) = &state.read_only else { return false };
    state.bar.toast(format!("Read-only: {why}"), true);
    true
}

/// An action while help is open: scroll it (within its length at this size) or close it.
fn help_action(state: &mut AppState, a: Action) -> Vec<Command> {
    match a {
        Action::Back | Action::Help | Action::Quit => cover::uncover(state),
        Action::Down | Action::PageDown | Action::Bottom => {
            let step = match a {
                Action::Down => 1,
                Action::PageDown => 10,
                _ => u16::MAX,
            };
            let end = crate::ui::help::max_scroll(state.size, &state.about, crate::ui::covered_context(state));
            state.help_scroll = state.help_scroll.saturating_add(step).min(end);
        }
        Action::Up => state.help_scroll = state.help_scroll.saturating_sub(1),
        Action::PageUp => state.help_scroll = state.help_scroll.saturating_sub(10),
        Action::Top => state.help_scroll = 0,
        _ => {}
    }
    Vec::new()
}

/// Applies a bindable action (from a key, the palette or the mouse).
pub(crate) fn action(state: &mut AppState, a: Action) -> Vec<Command> {
    match &state.modal {
        Modal::Help => return help_action(state, a),
        Modal::Palette(_) => return overlay::palette_action(state, a),
        Modal::Prompt(_) => return overlay::prompt_action(state, a),
        Modal::Columns(_) => return columns::columns_action(state, a),
        Modal::Edit(_) => return edit::edit_action(state, a),
        Modal::BulkProperty(_) => return bulk::bulk_property_action(state, a),
        Modal::Create(_) => return create::form_action(state, a),
        Modal::Import(_) => return import::import_action(state, a),
        Modal::Associate { .. } => return assoc_pick::modal_action(state, a),
        Modal::Changes { .. } => return edit::changes_action(state, a),
        Modal::Confirm(_) => return edit::confirm_action(state, a),
        Modal::Everywhere(_) => return everywhere::action(state, a),
        Modal::Log(_) => return log::action(state, a),
        Modal::Props(_) => return props::action(state, a),
        Modal::SchemaForm(_) => return schema_form::action(state, a),
        Modal::Freq(_) => return freq::action(state, a),
        Modal::Board(_) => return board::action(state, a),
        Modal::Search(b) if b.editor.is_some() => return search_edit::editor_action(state, a),
        Modal::Search(_) => return search::search_action(state, a),
        Modal::None => {}
    }
    if state.focus == Focus::List && state.list.filter.as_ref().is_some_and(|f| f.editing) {
        return list::filter_action(state, a);
    }
    if state.focus == Focus::Detail && state.detail.filter.as_ref().is_some_and(|f| f.editing) {
        return detail::filter_action(state, a);
    }
    match a {
        Action::Quit => edit::quit(state),
        Action::Changes => edit::open_changes(state),
        Action::Edit if state.focus == Focus::List && !state.list.marked.is_empty() => bulk::ask_bulk_property(state),
        Action::Edit => edit::open_editor(state),
        Action::Archive if state.focus != Focus::Types => bulk::ask_archive(state),
        Action::NewObject => schema_form::open(state),
        Action::Create => create::open_form(state),
        Action::Import => import::ask_path(state),
        Action::Commit => edit::commit(state),
        Action::Help => cover::help(state),
        Action::Palette => {
            overlay::open_palette(state);
            Vec::new()
        }
        Action::GoTo => overlay::open_go_to(state),
        Action::SearchAll => everywhere::ask(state),
        Action::WriteLog => log::open(state),
        Action::Properties => props::open(state),
        // Also from the palette with another pane focused: both are about the table.
        Action::Board => board::open(state),
        Action::Frequency => freq::open(state),
        Action::NextPane | Action::PrevPane => {
            nav::cycle_focus(state, a == Action::NextPane);
            Vec::new()
        }
        Action::Copy | Action::CopyJson | Action::OpenWeb => share::update_share(state, a),
        _ => match state.focus {
            Focus::Types => nav::update_types(state, a),
            Focus::List => list::update_list(state, a),
            Focus::Detail => detail::update_detail(state, a),
        },
    }
}
