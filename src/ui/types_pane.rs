//! The object types pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::Theme;
use crate::app::state::{Loadable, TypesState};

pub fn render_types(frame: &mut Frame<'_>, area: Rect, state: &TypesState, focused: bool, theme: &Theme) {
    let block = theme.pane("Objects", focused);
    match &state.list {
        Loadable::Ready(types) => {
            let items: Vec<ListItem<'_>> = types.iter().map(|t| ListItem::new(Line::from(t.label.clone()))).collect();
            let list = List::new(items).block(block).highlight_style(theme.selected()).highlight_symbol("› ");
            let mut ls = ListState::default().with_selected(Some(state.selected));
            frame.render_stateful_widget(list, area, &mut ls);
        }
        Loadable::Failed { error, .. } => {
            frame.render_widget(
                Paragraph::new(format!("{error}\nr: retry"))
                    .style(theme.error())
                    .block(block)
                    .wrap(ratatui::widgets::Wrap { trim: true }),
                area,
            );
        }
        Loadable::Idle | Loadable::Loading { .. } => {
            frame.render_widget(Paragraph::new("loading…").style(theme.dim()).block(block), area)
        }
    }
}
