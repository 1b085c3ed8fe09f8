//! The object types pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::Theme;
use crate::app::state::{Loadable, TypesState};

pub fn render_types(frame: &mut Frame<'_>, area: Rect, state: &TypesState, focused: bool, theme: &Theme) {
    let block = theme.pane("Objects", focused);
    match &state.list {
        Loadable::Ready(types) => {
            // Each type's record count on the right, `…` until it is known.
            let room = usize::from(area.width.saturating_sub(4));
            let items: Vec<ListItem<'_>> = types
                .iter()
                .map(|t| {
                    let count = state
                        .counts
                        .get(&t.type_id)
                        .map_or_else(|| "…".to_owned(), |n| crate::app::record_view::group_count(*n));
                    let label = crate::app::table::columns::fit_text(
                        &t.label,
                        u16::try_from(room.saturating_sub(count.chars().count() + 1)).unwrap_or(0),
                    );
                    let pad = room.saturating_sub(label.chars().count() + count.chars().count());
                    ListItem::new(Line::from(vec![
                        Span::raw(label),
                        Span::raw(" ".repeat(pad)),
                        Span::styled(count, theme.dim()),
                    ]))
                })
                .collect();
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
