//! The help overlay, generated from the keymap (never hand-written).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Theme;
use crate::app::action::Action;
use crate::keymap::{Context, Keymap};

/// Rows of three columns of contexts; the whole scrolls with j/k.
const PAGES: [[&[Context]; 3]; 2] = [
    [&[Context::Global, Context::Types], &[Context::List], &[Context::Detail]],
    [&[Context::Search], &[Context::Picker, Context::Palette], &[Context::Prompt]],
];

pub fn render_help(frame: &mut Frame<'_>, area: Rect, keymap: &Keymap, about: &str, scroll: u16, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Help — j/k scroll, esc closes ")
        .title_bottom(Line::styled(format!(" {about} "), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width / 3);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for page in PAGES {
        let cols: Vec<Vec<Line<'static>>> = page.iter().map(|ctxs| section(keymap, ctxs, theme)).collect();
        let height = cols.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..height {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for col in &cols {
                let cell = col.get(i).cloned().unwrap_or_default();
                let used: usize = cell.spans.iter().map(|s| s.content.chars().count()).sum();
                let mut cell_spans = cell.spans;
                // Cut or pad each column to its width.
                let mut left = width;
                for s in &mut cell_spans {
                    let n = s.content.chars().count();
                    if n > left {
                        s.content = s.content.chars().take(left).collect::<String>().into();
                    }
                    left = left.saturating_sub(n);
                }
                spans.extend(cell_spans);
                spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
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
