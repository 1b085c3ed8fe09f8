//! The top-level `update`: routes each message to the sub-update of its area.

mod api;
mod detail;
mod list;
mod nav;

use super::action::Action;
use super::command::Command;
use super::msg::Msg;
use super::state::{AppState, Focus, Modal};

/// The first commands: load the object types.
#[must_use]
pub fn init(mut state: AppState) -> (AppState, Vec<Command>) {
    let req = state.req();
    state.types.list = super::state::Loadable::Loading { req };
    (state, vec![Command::FetchTypes { req }])
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
        Msg::Api(m) => api::update_api(&mut state, *m),
        Msg::Action(a) => action(&mut state, a),
    };
    (state, cmds)
}

fn action(state: &mut AppState, a: Action) -> Vec<Command> {
    if state.modal == Modal::Help {
        if matches!(a, Action::Back | Action::Help | Action::Quit) {
            state.modal = Modal::None;
        }
        return Vec::new();
    }
    match a {
        Action::Quit => {
            state.quit = true;
            Vec::new()
        }
        Action::Help => {
            state.modal = Modal::Help;
            Vec::new()
        }
        Action::NextPane | Action::PrevPane => {
            nav::cycle_focus(state, a == Action::NextPane);
            Vec::new()
        }
        _ => match state.focus {
            Focus::Types => nav::update_types(state, a),
            Focus::List => list::update_list(state, a),
            Focus::Detail => detail::update_detail(state, a),
        },
    }
}
