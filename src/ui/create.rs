//! The create form: fields (required first, marked `*`), the association to add, problems on
//! their fields, the API's answer; the editor or association step on top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::Theme;
use crate::app::create::{AssocStep, CreateForm};
use crate::app::record_view::display_value;

/// Draws the form over `area`.
pub fn render_form(frame: &mut Frame<'_>, area: Rect, f: &CreateForm, types: &[(String, String)], theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(format!(" New record: {} ", f.label));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let foot_h = u16::try_from(2 + f.batch_failed.len()).unwrap_or(8).min(8);
    let [head, body, foot] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1), Constraint::Length(foot_h)]).areas(inner);
    let assoc = match &f.association {
        Some(a) => {
            let to = types.iter().find(|(id, _)| *id == a.to_type).map_or(a.to_type.as_str(), |(_, l)| l.as_str());
            format!("Associated to {to}: {} ({}) — x removes", a.to_label, a.label)
        }
        None => "No association — A adds one".to_owned(),
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                "enter edits a field · A associates · ctrl-s creates · esc closes (required fields are marked *)",
                theme.dim(),
            ),
            Line::raw(assoc),
        ]),
        head,
    );
    let height = usize::from(body.height.max(1));
    let start = f.cursor.saturating_sub(height - 1);
    let lines = field_lines(f, start, height, theme);
    frame.render_widget(Paragraph::new(lines), body);
    let mut status_lines = Vec::new();
    if !f.batch.is_empty() {
        status_lines.push(Line::styled(
            format!("Batch: {} row(s) added (p adds this form as another) — ctrl-s creates them all", f.batch.len()),
            theme.added(),
        ));
    }
    for (i, why) in &f.batch_failed {
        status_lines.push(Line::styled(format!("  batch row {}: ✗ {why}", i + 1), theme.error()));
    }
    let status = match (&f.error, f.saving) {
        (_, true) => Line::styled("creating…", theme.dim()),
        (Some(e), false) => Line::styled(format!("✗ {e} — fix and ctrl-s again"), theme.error()),
        (None, false) => Line::raw(""),
    };
    status_lines.push(status);
    frame.render_widget(Paragraph::new(status_lines).wrap(Wrap { trim: true }), foot);
    if let Some(e) = &f.editor {
        super::edit::render_editor(frame, area, e, theme);
    } else if let Some(step) = &f.step {
        render_step(frame, area, step, types, theme);
    }
}

/// Draws a step of picking an association target.
pub fn render_step(frame: &mut Frame<'_>, area: Rect, step: &AssocStep, types: &[(String, String)], theme: &Theme) {
    let w = 70.min(area.width);
    let h = 16.min(area.height);
    let r = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 3, width: w, height: h };
    frame.render_widget(Clear, r);
    let title = match step {
        AssocStep::Type(_) => " Associate to which object type? ",
        AssocStep::Query { .. } => " Search it for (enter; empty lists the first ones) ",
        AssocStep::Results { .. } => " Which record? ",
        AssocStep::Labels { .. } => " Which association label? ",
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let pick = |items: Vec<String>, selected: usize| -> Vec<Line<'static>> {
        items
            .into_iter()
            .enumerate()
            .map(|(i, s)| if i == selected { Line::styled(s, theme.selected()) } else { Line::raw(s) })
            .collect()
    };
    match step {
        AssocStep::Type(p) => {
            let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
            frame.render_widget(p.field.widget(), input);
            let items = p.candidates(types).into_iter().map(|(id, l)| format!("{l}  ({id})")).collect();
            frame.render_widget(Paragraph::new(pick(items, p.selected)), list);
        }
        AssocStep::Query { field, .. } => frame.render_widget(field.widget(), inner),
        AssocStep::Results { matches: None, .. } | AssocStep::Labels { labels: None, .. } => {
            frame.render_widget(Paragraph::new("loading…").style(theme.dim()), inner);
        }
        AssocStep::Results { matches: Some(m), selected, .. } => {
            let items = if m.is_empty() {
                vec!["no matches — esc".to_owned()]
            } else {
                m.iter().map(|(_, l)| l.clone()).collect()
            };
            frame.render_widget(Paragraph::new(pick(items, *selected)), inner);
        }
        AssocStep::Labels { labels: Some(l), .. } if l.is_empty() => {
            frame.render_widget(
                Paragraph::new("These two types have no association labels: they cannot be associated. esc goes back to pick another type.")
                    .wrap(Wrap { trim: true })
                    .style(theme.error()),
                inner,
            );
        }
        AssocStep::Labels { labels: Some(l), selected, .. } => {
            let items = l.iter().map(|(c, id, label)| format!("{label}  ({c} {id})")).collect();
            frame.render_widget(Paragraph::new(pick(items, *selected)), inner);
        }
    }
}

/// The form's fields from `start`, `height` of them; same-label fields show their names.
fn field_lines(f: &CreateForm, start: usize, height: usize, theme: &Theme) -> Vec<Line<'static>> {
    // Fields labelled alike (two "Owner"s) show their names too.
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for field in &f.fields {
        *seen.entry(field.property.label.to_lowercase()).or_default() += 1;
    }
    let label = |p: &crate::model::Property| {
        if seen.get(&p.label.to_lowercase()).copied().unwrap_or(0) > 1 {
            format!("{} ({})", p.label, p.name)
        } else {
            p.label.clone()
        }
    };
    f.fields
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, field)| {
            let star = if field.required { "*" } else { " " };
            let mut spans = vec![
                Span::raw(if i == f.cursor { "› " } else { "  " }),
                Span::styled(format!("{star}{:<28}", label(&field.property)), theme.dim()),
                Span::raw(display_value(Some(&field.property), &field.value)),
            ];
            if let Some(why) = f.issues.get(&field.property.name) {
                spans.push(Span::styled(format!("   ✗ {why}"), theme.error()));
            }
            let line = Line::from(spans);
            if i == f.cursor { line.style(theme.selected()) } else { line }
        })
        .collect()
}
