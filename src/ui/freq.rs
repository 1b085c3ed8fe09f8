//! The frequency table: one line per value or range (label, count, share of the total and a
//! bar scaled to the largest count), a header with the column, the search it counts within and
//! the count's progress. Bars are characters, so they read the same with NO_COLOR.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use super::overlay::boxed;
use super::props_view::cell;
use crate::app::freq::{Bucket, FreqView};
use crate::app::record_view::group_count;

/// A bar of `share` (0–1) of `width` cells, in eighths.
fn bar(share: f64, width: usize) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let eighths = ((share.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize).min(width * 8);
    let part = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8];
    format!("{}{part}", "█".repeat(eighths / 8))
}

fn header(v: &FreqView, props: &[crate::model::Property]) -> String {
    let within =
        if v.base.is_empty() { "all records".to_owned() } else { format!("search: {}", v.base.summary_with(props)) };
    let total = v.total.map_or_else(|| "counting…".to_owned(), |t| format!("{} records", group_count(t)));
    let order = if v.by_count { "by count" } else { "by value" };
    let mut s = format!("{} ({}) · {within} · {total} · {order}", v.property.label, v.property.name);
    if v.kind == crate::app::freq::FreqKind::Text {
        s.push_str(" · the values seen in the loaded rows, each counted exactly");
    }
    if v.busy.is_some() && v.asked > 0 {
        #[allow(clippy::cast_precision_loss)]
        let share = v.done as f64 / v.asked as f64;
        s.push_str(&format!(" · counting {}/{} {}", v.done, v.asked, bar(share, 12)));
    } else if v.busy.is_some() {
        s.push_str(" · reading the range…");
    }
    s
}

fn line(b: &Bucket, v: &FreqView, max: usize, widths: (usize, usize), selected: bool) -> Line<'static> {
    let (label_w, bar_w) = widths;
    let mark = if selected { "› " } else { "  " };
    let (count, pct, drawn) = match (b.count, v.total) {
        // Other values: many values, so a share but no bar to compare with single ones.
        (Some(n), Some(t)) if t > 0 && b.filters.is_empty() => {
            #[allow(clippy::cast_precision_loss)]
            let share = n as f64 / t as f64;
            (group_count(n), format!("{:>5.1}%", share * 100.0), String::new())
        }
        (Some(n), Some(t)) if t > 0 => {
            #[allow(clippy::cast_precision_loss)]
            let (share, of_max) = (n as f64 / t as f64, if max == 0 { 0.0 } else { n as f64 / max as f64 });
            (group_count(n), format!("{:>5.1}%", share * 100.0), bar(of_max, bar_w))
        }
        (Some(n), _) => (group_count(n), String::new(), String::new()),
        (None, _) => ("…".to_owned(), String::new(), String::new()),
    };
    let text = format!("{mark}{} {count:>11} {pct:>6} ", cell(&b.label, label_w));
    Line::from(vec![Span::raw(text), Span::raw(drawn)])
}

/// `props`: the type's definitions (the search in the header by label).
pub fn render_freq(frame: &mut Frame<'_>, area: Rect, v: &FreqView, props: &[crate::model::Property], theme: &Theme) {
    let title = format!("Frequency · {} · {}", v.type_label, v.property.label);
    let inner = boxed(frame, area, area.width.saturating_sub(4).min(110), area.height.saturating_sub(2), &title);
    let [head, body, foot] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(header(v, props)).style(theme.dim()).wrap(Wrap { trim: true }), head);
    let rows = v.rows();
    let max = v.buckets.iter().filter(|b| !b.filters.is_empty()).filter_map(|b| b.count).max().unwrap_or(0);
    let width = usize::from(body.width);
    let label_w = v.buckets.iter().map(|b| b.label.chars().count()).max().unwrap_or(8).clamp(8, (width / 2).max(8));
    let bar_w = width.saturating_sub(2 + label_w + 1 + 11 + 1 + 6 + 1).max(4);
    let mut lines: Vec<Line<'static>> = rows
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let l = line(&v.buckets[*k], v, max, (label_w, bar_w), i == v.cursor);
            if i == v.cursor { l.style(theme.selected()) } else { l }
        })
        .collect();
    if let Some(e) = &v.error {
        lines.push(Line::styled(format!("Not counted: {e} — r counts again"), theme.error()));
    } else if rows.is_empty() && v.busy.is_none() {
        lines.push(Line::styled("no values to count", theme.dim()));
    }
    let start = u16::try_from(v.cursor.saturating_sub(usize::from(body.height.max(1)) - 1)).unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).scroll((start, 0)), body);
    let keys = "enter: narrow the table · s: order · r: recount · esc: close";
    frame.render_widget(Paragraph::new(keys).style(theme.dim()), foot);
}
