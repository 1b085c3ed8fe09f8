//! The Properties view: one line per definition (label, name, type, group, fill rate with a
//! bar, flags), a header saying the order, the filter and the count's progress, and the
//! definition under the cursor shown whole when opened.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use super::overlay::boxed;
use crate::app::props_view::PropsView;
use crate::model::Property;

/// `s` cut to `w` characters (with `…`), padded to `w`.
pub(super) fn cell(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n > w {
        format!("{}…", s.chars().take(w.saturating_sub(1)).collect::<String>())
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// `▕████░░░░░░▏` for a share 0–1.
fn bar(rate: f64, width: usize) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let full = ((rate.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(full), "░".repeat(width - full))
}

fn fill_text(v: &PropsView, p: &Property) -> String {
    match (v.fill.counts.get(&p.name), v.rate(&p.name)) {
        (Some(n), Some(rate)) => {
            format!("{} {:>9} {:>4.0}%", bar(rate, 10), crate::app::record_view::group_count(*n), rate * 100.0)
        }
        (Some(n), None) => format!("{:>9}", crate::app::record_view::group_count(*n)),
        (None, _) if v.counting.is_some() => "counting…".to_owned(),
        (None, _) => "—".to_owned(),
    }
}

fn header(v: &PropsView, shown: usize) -> String {
    let mut s = format!("{} of {} properties · {}", shown, v.properties.len(), v.sort.word());
    if let Some(total) = v.fill.total {
        s.push_str(&format!(" · {} records", crate::app::record_view::group_count(total)));
    }
    if v.counting.is_some() {
        let done = v.fill.counts.len();
        let width = 20;
        #[allow(clippy::cast_precision_loss)]
        let rate = if v.to_count == 0 { 0.0 } else { done as f64 / v.to_count as f64 };
        s.push_str(&format!(" · counting fill rates {done}/{} {}", v.to_count, bar(rate, width)));
    } else if let Some(at) = v.fill.at {
        s.push_str(&format!(" · fill counted {} (r recounts)", crate::timefmt::iso_from_ms(at)));
    }
    match &v.filter {
        Some(f) if f.editing => format!("/{}▏  enter keeps it · esc drops it\n{s}", f.field.text()),
        Some(f) => format!("/{}  (/ edits, esc drops)\n{s}", f.field.text()),
        None => format!(
            "{s}\nenter: the definition whole · s: sort by fill rate · /: filter · n: new · e: edit · X: archive · esc: close"
        ),
    }
}

fn detail_lines(v: &PropsView, p: &Property) -> Vec<Line<'static>> {
    let mut lines =
        vec![Line::from(format!("{} ({}) — {} / {}, group {}", p.label, p.name, p.kind, p.field_type, p.group_name))];
    if !p.description.is_empty() {
        lines.push(Line::from(p.description.clone()));
    }
    let flags = PropsView::flags(p);
    if !flags.is_empty() {
        lines.push(Line::from(format!("flags: {flags}")));
    }
    if !p.options.is_empty() {
        let opts: Vec<String> = p
            .options
            .iter()
            .map(|o| {
                let hidden = if o.hidden { " (hidden)" } else { "" };
                if o.label == o.value {
                    format!("{}{hidden}", o.value)
                } else {
                    format!("{} = {}{hidden}", o.value, o.label)
                }
            })
            .collect();
        lines.push(Line::from(format!("options ({}): {}", opts.len(), opts.join(", "))));
    }
    for r in &p.validation_rules {
        lines.push(Line::from(format!("rule: {} {}", r.rule_type, r.rule_arguments.join(" "))));
    }
    let has = v.fill.counts.get(&p.name).map_or_else(
        || "the records".to_owned(),
        |n| format!("the {} records", crate::app::record_view::group_count(*n)),
    );
    lines.push(Line::from(format!("enter: {has} that have a value, in the table · esc: back to the list")));
    lines
}

pub fn render_props(frame: &mut Frame<'_>, area: Rect, v: &PropsView, theme: &Theme) {
    let title = format!("Properties of {}", v.label);
    let inner = boxed(frame, area, area.width.saturating_sub(4), area.height.saturating_sub(2), &title);
    let rows = v.rows();
    let open = v.open.as_ref().and_then(|name| rows.iter().find(|p| &p.name == name)).copied();
    let detail_height = if open.is_some() { 8 } else { 0 };
    let [head, columns, body, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(detail_height),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(header(v, rows.len())).style(theme.dim()), head);
    let names = format!(
        "  {}{}{} {} {} flags",
        cell("label", 26),
        cell("internal name", 26),
        cell("type / field type", 21),
        cell("group", 17),
        cell("records with a value", 27)
    );
    frame.render_widget(Paragraph::new(names).style(theme.dim()), columns);
    let width = usize::from(body.width);
    let fixed = 2 + 26 + 26 + 22 + 18 + 28;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, p) in rows.iter().enumerate() {
        let mark = if i == v.cursor { "› " } else { "  " };
        let kind = format!("{}/{}", p.kind, p.field_type);
        let flags = PropsView::flags(p);
        let line = Line::from(vec![
            Span::raw(format!("{mark}{}{}", cell(&p.label, 25), " ")),
            Span::styled(format!("{} ", cell(&p.name, 25)), theme.dim()),
            Span::raw(format!("{} {} ", cell(&kind, 21), cell(&p.group_name, 17))),
            Span::raw(format!("{} ", cell(&fill_text(v, p), 27))),
            Span::styled(cell(&flags, width.saturating_sub(fixed)), theme.dim()),
        ]);
        lines.push(if i == v.cursor { line.style(theme.selected()) } else { line });
    }
    if rows.is_empty() {
        lines.push(Line::styled("no property matches the filter", theme.dim()));
    }
    let start = u16::try_from(v.cursor.saturating_sub(usize::from(body.height.max(1)) - 1)).unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).scroll((start, 0)), body);
    if let Some(p) = open {
        frame.render_widget(Paragraph::new(detail_lines(v, p)).wrap(Wrap { trim: true }), detail);
    }
    if let Some(f) = &v.form {
        super::prop_form::render_form(frame, area, f, &v.label, theme);
    }
}
