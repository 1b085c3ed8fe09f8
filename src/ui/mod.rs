//! `view`: draws the state. Pure: reads `&AppState`, never changes it.

mod detail;
mod help;
mod record_list;
mod status_bar;
mod types_pane;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::layout::{MIN_SIZE, too_small};
use crate::app::state::{AppState, Focus, Modal};
use crate::keymap::Keymap;

/// Colours, or none when `NO_COLOR` is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// The border of a pane, highlighted when focused.
    #[must_use]
    pub fn pane(&self, title: &str, focused: bool) -> Block<'static> {
        let style = if focused && self.color {
            Style::default().fg(Color::Cyan)
        } else if focused {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        Block::default().borders(Borders::ALL).border_style(style).title(format!(" {title} "))
    }

    /// The selected row.
    #[must_use]
    pub fn selected(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Blue).fg(Color::White)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    /// Dim text (labels, hints).
    #[must_use]
    pub fn dim(&self) -> Style {
        if self.color { Style::default().fg(Color::DarkGray) } else { Style::default() }
    }

    /// Errors.
    #[must_use]
    pub fn error(&self) -> Style {
        if self.color { Style::default().fg(Color::Red) } else { Style::default().add_modifier(Modifier::BOLD) }
    }
}

/// Below this width only the focused pane is drawn.
pub const NARROW: u16 = 90;

/// Draws everything.
pub fn view(frame: &mut Frame<'_>, state: &AppState, keymap: &Keymap, theme: &Theme) {
    let area = frame.area();
    if too_small((area.width, area.height)) {
        let msg = format!(
            "Terminal too small: {}x{} (hubtui needs {}x{}). Enlarge it, or press q to quit.",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), area);
        return;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let props = state.properties.ready().map(Vec::as_slice);
    // A record reached through an association uses its own type's definitions.
    let detail_props = match &state.detail.current {
        Some((t, _)) if state.list.type_id.as_deref() != Some(t.as_str()) => {
            state.detail.properties.ready().map(Vec::as_slice)
        }
        _ => props,
    };
    let list_view = record_list::ListView {
        list: &state.list,
        type_label: state.selected_type().map(|t| t.label.as_str()),
        properties: props,
    };
    if main.width < NARROW {
        // Narrow terminals show the focused pane alone, full width.
        match state.focus {
            Focus::Types => types_pane::render_types(frame, main, &state.types, true, theme),
            Focus::List => record_list::render_list(frame, main, &list_view, true, theme),
            Focus::Detail => detail::render_detail(frame, main, &state.detail, detail_props, true, theme),
        }
    } else {
        // The focused side gets the room: the table while browsing, the record while reading it.
        let list_share = if state.focus == Focus::Detail { 35 } else { 55 };
        let [types, list, detail] =
            Layout::horizontal([Constraint::Length(20), Constraint::Percentage(list_share), Constraint::Min(20)])
                .areas(main);
        types_pane::render_types(frame, types, &state.types, state.focus == Focus::Types, theme);
        record_list::render_list(frame, list, &list_view, state.focus == Focus::List, theme);
        detail::render_detail(frame, detail, &state.detail, detail_props, state.focus == Focus::Detail, theme);
    }
    status_bar::render_status(frame, status, state, keymap, theme);
    if state.modal == Modal::Help {
        let r = centered(area, 100, area.height.saturating_sub(2));
        frame.render_widget(Clear, r);
        help::render_help(frame, r, keymap, theme);
    }
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
