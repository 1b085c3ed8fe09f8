//! The import screen: column → property mapping (the id column marked), a preview of the
//! first rows with their problems, and the report after the upsert.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::Theme;
use crate::app::import::ImportState;
use crate::model::Property;

/// Draws the import screen over `area`.
pub fn render_import(frame: &mut Frame<'_>, area: Rect, i: &ImportState, props: &[Property], theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(format!(" Import {} — {} row(s) ", i.path, i.rows.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [head, map, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Percentage(45), Constraint::Min(3)]).areas(inner);
    frame.render_widget(
        Paragraph::new("enter maps the column to a property · space marks the column records are matched on (idProperty) · ctrl-s imports · esc closes")
            .style(theme.dim()),
        head,
    );
    // As the table labels it: `Owner (owner)` where two properties share a label.
    let label = |n: &str| crate::app::record_view::shown_label(Some(props), n);
    let lines: Vec<Line<'static>> = i
        .headers
        .iter()
        .zip(&i.mapping)
        .enumerate()
        .map(|(k, (h, m))| {
            let target = m.as_deref().map_or_else(|| "(skipped)".to_owned(), label);
            let id = if i.id_header == Some(k) { "  [matched on this: idProperty]" } else { "" };
            let line = Line::from(vec![
                Span::raw(if k == i.cursor { "› " } else { "  " }),
                Span::raw(format!("{h:<24} → ")),
                Span::styled(target, if m.is_some() { theme.added() } else { theme.dim() }),
                Span::styled(id.to_owned(), theme.error()),
            ]);
            if k == i.cursor { line.style(theme.selected()) } else { line }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), map);
    let out = bottom_lines(i, theme);
    frame.render_widget(Paragraph::new(out).wrap(Wrap { trim: false }), bottom);
    if let Some(p) = &i.picker {
        let choices = crate::app::update::import_choices(props);
        super::overlay::render_picker(
            frame,
            area,
            p,
            &choices,
            ("Map to which property? enter picks", false, "no property matches the filter"),
            theme,
        );
    }
}

/// Under the mapping: the report after an import, or the preview with its problems.
fn bottom_lines(i: &ImportState, theme: &Theme) -> Vec<Line<'static>> {
    let issues = &i.issues;
    let mut out: Vec<Line<'static>> = Vec::new();
    match &i.report {
        Some(r) if !i.saving => {
            out.push(Line::styled(
                format!("Done: {} created, {} updated, {} failed", r.created, r.updated, r.failed.len()),
                theme.added(),
            ));
            out.extend(r.failed.iter().map(|(n, why)| Line::styled(format!("  row {n}: {why}"), theme.error())));
        }
        _ if i.saving => out.push(Line::styled("importing…", theme.dim())),
        _ => {
            out.push(Line::styled("Preview (first rows):", theme.dim()));
            for row in i.rows.iter().take(crate::app::update::IMPORT_PREVIEW) {
                let cells: Vec<String> = i
                    .headers
                    .iter()
                    .zip(&i.mapping)
                    .filter(|(_, m)| m.is_some())
                    .map(|(h, _)| row.get(h).cloned().unwrap_or_default())
                    .collect();
                out.push(Line::raw(format!("  {}", cells.join(" · "))));
            }
            let bad = i.bad_rows().len();
            if issues.is_empty() {
                out.push(Line::styled(
                    format!("✓ all {} row(s) are valid — ctrl-s imports them", i.rows.len()),
                    theme.added(),
                ));
            } else if bad > 0 {
                out.push(Line::styled(
                    format!(
                        "{bad} of {} row(s) have problems and will be skipped (each listed in the report); ctrl-s imports the other {}",
                        i.rows.len(),
                        i.rows.len() - bad
                    ),
                    theme.error(),
                ));
            }
            let shown = 8;
            for (n, why) in issues.iter().take(shown) {
                let at = if *n == 0 { String::new() } else { format!("row {n}: ") };
                out.push(Line::styled(format!("✗ {at}{why}"), theme.error()));
            }
            if issues.len() > shown {
                out.push(Line::styled(format!("  … and {} more", issues.len() - shown), theme.error()));
            }
        }
    }
    if let Some(e) = &i.error {
        out.push(Line::styled(format!("✗ {e}"), theme.error()));
    }
    out
}
