//! The status bar: where we are connected, requests in flight, the last error, key hints
//! generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::action::Action;
use crate::app::state::{AppState, Focus};
use crate::keymap::{Context, Keymap};

/// The key to show for an action: plain keys before modified ones, named keys (enter, esc)
/// before letters.
fn hint(keymap: &Keymap, ctx: Context, a: Action) -> Option<String> {
    let mut keys = keymap.keys_for(ctx, a);
    keys.sort_by_key(|k| (k.ctrl || k.alt, matches!(k.key, crate::keymap::Key::Char(c) if c.is_alphabetic())));
    let name = match a {
        Action::Open => "open",
        Action::Back => "back",
        Action::NextPane => "next pane",
        Action::Help => "help",
        Action::Quit => "quit",
        other => other.describe(),
    };
    keys.first().map(|k| format!("{k} {name}"))
}

pub fn render_status(frame: &mut Frame<'_>, area: Rect, state: &AppState, keymap: &Keymap, theme: &Theme) {
    let ctx = match state.focus {
        Focus::Types => Context::Types,
        Focus::List => Context::List,
        Focus::Detail => Context::Detail,
    };
    let busy = state.list.in_flight.is_some();
    let mut spans = vec![
        Span::styled(format!(" {} ", state.portal), theme.selected()),
        Span::raw(if busy { " ⟳ " } else { "   " }),
    ];
    if let Some(s) = &state.status {
        spans.push(Span::styled(format!("{s}  "), theme.error()));
    }
    let hints: Vec<String> = [Action::Open, Action::Back, Action::NextPane, Action::Help, Action::Quit]
        .iter()
        .filter_map(|a| hint(keymap, ctx, *a))
        .collect();
    spans.push(Span::styled(hints.join(" · "), theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
