//! The record view: tabs and scrolling.

use crate::app::action::Action;
use crate::app::command::Command;
use crate::app::state::{AppState, DetailTab, Focus};

/// Keys in the record view.
pub fn update_detail(state: &mut AppState, a: Action) -> Vec<Command> {
    let d = &mut state.detail;
    match a {
        Action::Back => state.focus = Focus::List,
        Action::NextTab | Action::PrevTab => {
            d.tab = match d.tab {
                DetailTab::Properties => DetailTab::History,
                DetailTab::History => DetailTab::Properties,
            };
            d.scroll = 0;
        }
        Action::Up => d.scroll = d.scroll.saturating_sub(1),
        Action::Down => d.scroll = d.scroll.saturating_add(1).min(10_000),
        Action::PageUp => d.scroll = d.scroll.saturating_sub(10),
        Action::PageDown => d.scroll = d.scroll.saturating_add(10).min(10_000),
        Action::Top => d.scroll = 0,
        Action::Refresh => return super::list::open_record(state),
        _ => {}
    }
    Vec::new()
}
