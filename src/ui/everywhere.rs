//! The search over every object type: each type's heading with its match count (or
//! "searching…", or why it failed), its first matches under it, the selected one marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::Theme;
use crate::app::everywhere::Everywhere;
use crate::app::state::Loadable;

pub fn render_everywhere(frame: &mut Frame<'_>, area: Rect, e: &Everywhere, theme: &Theme) {
    let width = area.width.saturating_sub(4).clamp(20, 100);
    let height = area.height.saturating_sub(4).max(5);
    let r = Rect { x: area.x + (area.width - width) / 2, y: area.y + 2, width, height };
    frame.render_widget(Clear, r);
    let pending = e.pending();
    let status = if pending > 0 { format!(" — {pending} type(s) searching…") } else { String::new() };
    let title = format!("Every type: \"{}\"{status} — enter opens, esc closes", e.query);
    let block = theme.pane(&title, true);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut row = 0;
    let mut selected_line = 0;
    for g in &e.groups {
        match &g.found {
            Loadable::Ready(f) if f.total == 0 => continue,
            Loadable::Ready(f) => {
                let more =
                    if f.total > f.records.len() { format!(", first {}", f.records.len()) } else { String::new() };
                lines.push(Line::styled(
                    format!("{} — {} match(es){more}", g.label, crate::app::record_view::group_count(f.total)),
                    theme.heading(),
                ));
                for (id, title) in &f.records {
                    let mark = if row == e.selected { "› " } else { "  " };
                    if row == e.selected {
                        selected_line = lines.len();
                    }
                    let line = Line::from(vec![
                        Span::raw(format!("{mark}{title}")),
                        Span::styled(format!("  #{id}"), theme.dim()),
                    ]);
                    lines.push(if row == e.selected { line.style(theme.selected()) } else { line });
                    row += 1;
                }
            }
            Loadable::Failed { error, .. } => {
                lines.push(Line::styled(format!("{} — not searched: {error}", g.label), theme.error()));
            }
            _ => lines.push(Line::styled(format!("{} — searching…", g.label), theme.dim())),
        }
    }
    if lines.is_empty() || (pending == 0 && row == 0) {
        lines.push(Line::styled("nothing matches in any type", theme.dim()));
    }
    let scroll = selected_line.saturating_sub(usize::from(inner.height.saturating_sub(1)));
    frame.render_widget(Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)), inner);
}
