//! The property form, drawn over the Properties view: one line per field (the one edited
//! shows what is typed), the options of an enumeration below, each field's problem under
//! it, and the keys at the foot.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use super::overlay::boxed;
use crate::app::prop_form::{PropForm, Row};
use crate::app::schema_form::{ASSOCIATED, SchemaForm, SchemaRow};

fn check(on: bool) -> &'static str {
    if on { "[x]" } else { "[ ]" }
}

/// The row's name and value, as text.
fn row_text(f: &PropForm, row: Row) -> (String, String) {
    let (kind, field) = f.kind();
    let group =
        f.groups.get(f.group).map_or_else(String::new, |(n, l)| if n == l { n.clone() } else { format!("{l} ({n})") });
    match row {
        Row::Label => ("Label".into(), f.label.clone()),
        Row::Name if f.editing.is_some() => ("Internal name".into(), format!("{}   (fixed once created)", f.name)),
        Row::Name if f.name_typed => ("Internal name".into(), f.name.clone()),
        Row::Name => ("Internal name".into(), format!("{}   (follows the label)", f.name)),
        Row::Kind => ("Type".into(), format!("‹ {kind} / {field} ›")),
        Row::Group => ("Group".into(), format!("‹ {group} ›")),
        Row::Description => ("Description".into(), f.description.clone()),
        Row::Unique => ("Unique values".into(), format!("{}   (only when created)", check(f.unique))),
        Row::Hidden => ("Hidden".into(), check(f.hidden).into()),
        Row::FormField => ("In forms".into(), check(f.form_field).into()),
        Row::Option(i) => {
            let o = f.options.get(i);
            let text = o.map_or_else(String::new, |o| {
                format!("{}  = {}{}", o.label, o.value, if o.hidden { "   (hidden)" } else { "" })
            });
            (format!("  option {}", i + 1), text)
        }
        Row::AddOption => ("  + option".into(), "a or enter: add one".into()),
    }
}

fn lines(f: &PropForm, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let rows = f.rows();
    for (i, row) in rows.iter().enumerate() {
        if matches!(row, Row::Option(0)) || (*row == Row::AddOption && f.options.is_empty()) {
            out.push(Line::styled("Options (the stored value never changes; K / J reorder, space hides)", theme.dim()));
        }
        let (name, mut value) = row_text(f, *row);
        if let Some(t) = f.typing.as_ref().filter(|t| t.row == *row) {
            value = format!("{}▏  enter keeps · esc drops", t.field.text());
        }
        let mark = if i == f.cursor { "› " } else { "  " };
        let line = Line::from(vec![Span::raw(format!("{mark}{name:<16}")), Span::raw(value)]);
        out.push(if i == f.cursor { line.style(theme.selected()) } else { line });
        // The options' problem shows once, on the row that adds one.
        if let Some(issue) = f.issues.get(row.word()).filter(|_| !matches!(row, Row::Option(_))) {
            out.push(Line::styled(format!("    ⚠ {issue}"), theme.error()));
        }
    }
    out
}

pub fn render_form(frame: &mut Frame<'_>, area: Rect, f: &PropForm, type_label: &str, theme: &Theme) {
    let title = match &f.editing {
        Some(p) => format!("Edit property {} of {type_label}", p.label),
        None => format!("New property of {type_label}"),
    };
    let body = lines(f, theme);
    let height = u16::try_from(body.len() + 5).unwrap_or(20).min(area.height);
    let inner = boxed(frame, area, area.width.saturating_sub(8).min(96), height, &title);
    let [list, status, keys] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1), Constraint::Length(2)]).areas(inner);
    let cursor_line =
        body.iter().position(|l| l.spans.first().is_some_and(|s| s.content.starts_with('›'))).unwrap_or(0);
    let start = u16::try_from(cursor_line.saturating_sub(usize::from(list.height.max(1)) - 1)).unwrap_or(0);
    frame.render_widget(Paragraph::new(body).scroll((start, 0)), list);
    let state = match (&f.saving, &f.error) {
        (Some(_), _) => Line::styled("saving…", theme.dim()),
        (None, Some(e)) => Line::styled(format!("HubSpot refused: {e}"), theme.error()),
        (None, None) if !f.issues.is_empty() => Line::styled("Fix the fields marked ⚠, then ctrl-s", theme.error()),
        (None, None) => Line::raw(""),
    };
    frame.render_widget(Paragraph::new(state), status);
    let help = "j/k: move · enter: edit / choose / flip · h/l: previous / next choice · space: flip, hide an option · a: add option · K/J: move option · ctrl-s: save · esc: close";
    frame.render_widget(Paragraph::new(help).style(theme.dim()).wrap(Wrap { trim: true }), keys);
}

/// The custom-object form.
pub fn render_schema_form(frame: &mut Frame<'_>, area: Rect, f: &SchemaForm, theme: &Theme) {
    let mut body: Vec<Line<'static>> = Vec::new();
    for (i, row) in f.rows().iter().enumerate() {
        if matches!(row, SchemaRow::Property(0)) || (*row == SchemaRow::AddProperty && f.properties.is_empty()) {
            body.push(Line::styled(
                "First properties (the first names each record; space: required; h/l: type; K/J: order)",
                theme.dim(),
            ));
        }
        let (name, mut value) = match row {
            SchemaRow::Singular => ("Singular label".to_owned(), f.singular.clone()),
            SchemaRow::Plural => ("Plural label".to_owned(), f.plural.clone()),
            SchemaRow::Name if f.name_typed => ("Internal name".to_owned(), f.name.clone()),
            SchemaRow::Name => ("Internal name".to_owned(), format!("{}   (follows the singular label)", f.name)),
            SchemaRow::Description => ("Description".to_owned(), f.description.clone()),
            SchemaRow::Property(j) => {
                let p = &f.properties[*j];
                let (kind, field) = crate::app::prop_form::pairs().get(p.pair).copied().unwrap_or(("string", "text"));
                let mut tags = Vec::new();
                if *j == 0 {
                    tags.push("primary");
                }
                if p.required {
                    tags.push("required");
                }
                let tags = if tags.is_empty() { String::new() } else { format!("   {}", tags.join(", ")) };
                (format!("  property {}", j + 1), format!("{} ({}) ‹ {kind} / {field} ›{tags}", p.label, p.name()))
            }
            SchemaRow::AddProperty => ("  + property".to_owned(), "a or enter: add one".to_owned()),
        };
        if let Some((_, t)) = f.typing.as_ref().filter(|(r, _)| r == row) {
            value = format!("{}▏  enter keeps · esc drops", t.field.text());
        }
        let mark = if i == f.cursor { "› " } else { "  " };
        let line = Line::from(vec![Span::raw(format!("{mark}{name:<16}")), Span::raw(value)]);
        body.push(if i == f.cursor { line.style(theme.selected()) } else { line });
        if let Some(issue) = f.issues.get(row.word()).filter(|_| !matches!(row, SchemaRow::Property(_))) {
            body.push(Line::styled(format!("    ⚠ {issue}"), theme.error()));
        }
    }
    let with: Vec<&str> = ASSOCIATED.iter().map(|(_, l)| *l).collect();
    body.push(Line::styled(format!("Its records can be associated with {}.", with.join(", ")), theme.dim()));
    let height = u16::try_from(body.len() + 5).unwrap_or(20).min(area.height);
    let inner = boxed(frame, area, area.width.saturating_sub(8).min(100), height, "New custom object type");
    let [list, status, keys] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1), Constraint::Length(2)]).areas(inner);
    frame.render_widget(Paragraph::new(body), list);
    let state = match (&f.saving, &f.error) {
        (Some(_), _) => Line::styled("creating…", theme.dim()),
        (None, Some(e)) => Line::styled(format!("HubSpot refused: {e}"), theme.error()),
        (None, None) if !f.issues.is_empty() => Line::styled("Fix the fields marked ⚠, then ctrl-s", theme.error()),
        (None, None) => Line::raw(""),
    };
    frame.render_widget(Paragraph::new(state), status);
    let help = "j/k: move · enter: edit · a: add property · space: required · h/l: type · K/J: order · ctrl-s: create · esc: close";
    frame.render_widget(Paragraph::new(help).style(theme.dim()).wrap(Wrap { trim: true }), keys);
}
