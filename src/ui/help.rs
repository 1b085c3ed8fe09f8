//! The help overlay, generated from the keymap (never hand-written).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use crate::app::action::Action;
use crate::keymap::{Context, Keymap};

pub fn render_help(frame: &mut Frame<'_>, area: Rect, keymap: &Keymap, about: &str, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Help — esc to close ")
        .title_bottom(Line::styled(format!(" {about} "), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = Layout::horizontal([Constraint::Ratio(1, 3); 3]).split(inner);
    let groups: [&[Context]; 3] = [
        &[Context::Global, Context::Types],
        &[Context::List, Context::Palette, Context::Prompt],
        &[Context::Detail, Context::Columns],
    ];
    for (area, contexts) in cols.iter().zip(groups) {
        frame.render_widget(Paragraph::new(section(keymap, contexts, theme)), *area);
    }
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
                Span::styled(format!(" {:<11}", fit_keys(keys, 10)), theme.dim()),
                Span::raw(a.describe()),
            ]));
        }
    }
    lines
}

/// As many of the keys as fit in `width` characters, shortest first.
fn fit_keys(mut keys: Vec<String>, width: usize) -> String {
    keys.sort_by_key(String::len);
    let mut out = String::new();
    for k in keys {
        let extra = if out.is_empty() { k.len() } else { k.len() + 1 };
        if out.len() + extra > width {
            break;
        }
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(&k);
    }
    out
}
