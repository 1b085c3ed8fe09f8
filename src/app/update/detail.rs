//! The record view: tabs, scrolling, and following associations with a back stack.

use crate::app::action::Action;
use crate::app::command::Command;
use crate::app::state::{AppState, DetailTab, Focus};

fn next_tab(tab: DetailTab, forward: bool) -> DetailTab {
    const ORDER: [DetailTab; 3] = [DetailTab::Properties, DetailTab::History, DetailTab::Associations];
    let i = ORDER.iter().position(|t| *t == tab).unwrap_or(0);
    ORDER[if forward { (i + 1) % 3 } else { (i + 2) % 3 }]
}

/// Keys in the record view.
pub fn update_detail(state: &mut AppState, a: Action) -> Vec<Command> {
    let in_assoc = state.detail.tab == DetailTab::Associations;
    match a {
        Action::Back => {
            if let Some((t, id)) = state.detail.back.pop() {
                return super::list::fetch_record(state, t, id);
            }
            state.focus = Focus::List;
        }
        Action::NextTab | Action::PrevTab => {
            state.detail.tab = next_tab(state.detail.tab, a == Action::NextTab);
            state.detail.scroll = 0;
        }
        Action::Open if in_assoc => {
            let rows = state.detail.assoc_rows();
            if let (Some(row), Some(current)) = (rows.get(state.detail.assoc_selected), state.detail.current.clone()) {
                state.detail.back.push(current);
                state.detail.tab = DetailTab::Properties;
                return super::list::fetch_record(state, row.object_type.clone(), row.id.clone());
            }
        }
        Action::Refresh => {
            if let Some((t, id)) = state.detail.current.clone() {
                return super::list::fetch_record(state, t, id);
            }
        }
        _ if in_assoc => {
            let len = state.detail.assoc_rows().len();
            state.detail.assoc_selected = super::nav::step(state.detail.assoc_selected, len, a, 10);
        }
        Action::Up => state.detail.scroll = state.detail.scroll.saturating_sub(1),
        Action::Down => state.detail.scroll = state.detail.scroll.saturating_add(1).min(10_000),
        Action::PageUp => state.detail.scroll = state.detail.scroll.saturating_sub(10),
        Action::PageDown => state.detail.scroll = state.detail.scroll.saturating_add(10).min(10_000),
        Action::Top => state.detail.scroll = 0,
        _ => {}
    }
    Vec::new()
}
