//! The mouse: the wheel scrolls the pane under the pointer, a click focuses a pane and
//! selects the row under it.

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::app::command::Command;
use crate::app::layout::panes;
use crate::app::msg::{Mouse, MouseKind};
use crate::app::state::{AppState, Focus, Modal};

fn pane_at(state: &AppState, col: u16, row: u16) -> Option<(Focus, Rect)> {
    let p = panes(state.size, state.focus);
    let at = Position { x: col, y: row };
    [(Focus::Types, p.types), (Focus::List, p.list), (Focus::Detail, p.detail)]
        .into_iter()
        .find_map(|(f, r)| r.filter(|r| r.contains(at)).map(|r| (f, r)))
}

/// Applies a mouse event (ignored under an overlay).
pub fn update_mouse(state: &mut AppState, m: Mouse) -> Vec<Command> {
    let (size, focus) = (state.size, state.focus);
    if let Modal::Search(b) = &mut state.modal
        && b.show_json
        && b.editor.is_none()
    {
        // The wheel scrolls the search request's JSON / curl view.
        match m.kind {
            MouseKind::ScrollUp => b.json_scroll = b.json_scroll.saturating_sub(3),
            MouseKind::ScrollDown => b.json_scroll = b.json_scroll.saturating_add(3),
            MouseKind::Click => {}
        }
        super::search_request::clamp_json_scroll(b, size, focus);
        return Vec::new();
    }
    if state.modal != Modal::None {
        return Vec::new();
    }
    let Some((pane, rect)) = pane_at(state, m.col, m.row) else { return Vec::new() };
    let previous = state.focus;
    state.focus = pane;
    let mut cmds = Vec::new();
    match m.kind {
        MouseKind::ScrollUp | MouseKind::ScrollDown => {
            let a = if m.kind == MouseKind::ScrollUp { Action::Up } else { Action::Down };
            for _ in 0..3 {
                cmds.extend(super::action(state, a));
            }
            state.focus = previous;
        }
        MouseKind::Click => cmds.extend(click(state, pane, rect, m.row)),
    }
    cmds
}

fn click(state: &mut AppState, pane: Focus, rect: Rect, row: u16) -> Vec<Command> {
    match pane {
        Focus::Types => {
            // Border, then one line per type.
            let i = usize::from(row.saturating_sub(rect.y + 1));
            if state.types.list.ready().is_some_and(|ts| i < ts.len()) {
                state.types.selected = i;
            }
            Vec::new()
        }
        Focus::List if state.list.filter.is_none() => {
            // Border and header, then rows from the offset.
            let Some(line) = row.checked_sub(rect.y + 2) else { return Vec::new() };
            let target = state.list.offset + usize::from(line);
            if target < state.list.end() {
                state.list.selected = target;
                super::list::keep_visible(state);
                return super::list::maybe_fetch(state);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}
