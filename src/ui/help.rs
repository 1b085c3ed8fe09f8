//! The help overlay, generated from the keymap (never hand-written).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use crate::app::action::Action;
use crate::keymap::{Context, Keymap};

pub fn render_help(frame: &mut Frame<'_>, area: Rect, keymap: &Keymap, theme: &Theme) {
    let block = Block::default().borders(Borders::ALL).title(" Help — esc to close ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
    frame.render_widget(Paragraph::new(section(keymap, &[Context::Global, Context::Types], theme)), left);
    frame.render_widget(Paragraph::new(section(keymap, &[Context::List, Context::Detail], theme)), right);
}

fn section(keymap: &Keymap, contexts: &[Context], theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for ctx in contexts {
        lines.push(Line::from(Span::styled(ctx.name().to_owned(), theme.selected())));
        let mut by_action: Vec<(Action, Vec<String>)> = Vec::new();
        for (_, k, a) in keymap.all().filter(|(c, _, _)| c == ctx) {
            match by_action.iter_mut().find(|(x, _)| *x == a) {
                Some((_, keys)) => keys.push(k.to_string()),
                None => by_action.push((a, vec![k.to_string()])),
            }
        }
        by_action.sort();
        for (a, keys) in by_action {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys.join(", ")), theme.dim()),
                Span::raw(a.describe()),
            ]));
        }
    }
    lines
}
