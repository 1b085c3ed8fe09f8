//! The search builder: "any of" groups of "all of" filter rows, the query and sort, live
//! validation (the offending row marked with its reason), the request as JSON and curl, and
//! the editor open on a cell.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::Theme;
use crate::app::search::builder::{TextTarget, choices};
use crate::app::search::ops::{Arity, arity};
use crate::app::search::{Builder, Cell, Editor, Issue, PickerKind, Row, Where};
use crate::model::Property;

/// What the builder draws besides its own state.
pub struct BuilderView<'a> {
    pub builder: &'a Builder,
    pub type_label: &'a str,
    pub properties: &'a [Property],
    /// The request JSON and curl command, or why there is none yet.
    pub request: Result<(String, String), String>,
}

fn label<'a>(props: &'a [Property], name: &'a str) -> &'a str {
    props.iter().find(|p| p.name == name).map_or(name, |p| p.label.as_str())
}

fn issues_at(b: &Builder, at: Where) -> Vec<&Issue> {
    b.issues.iter().filter(|i| i.at == at).collect()
}

fn value_text(b: &Builder, g: usize, f: usize, props: &[Property]) -> String {
    let fd = &b.draft.groups[g].filters[f];
    let p = props.iter().find(|p| p.name == fd.property);
    let show = |v: &str| crate::app::record_view::display_value(p, v);
    match arity(&fd.operator) {
        Arity::None => String::new(),
        Arity::One => show(&fd.value),
        Arity::Two => format!("{} and {}", fd.value, fd.high_value),
        Arity::Many => fd.values.iter().map(|v| show(v)).collect::<Vec<_>>().join(", "),
    }
}

fn row_lines(v: &BuilderView<'_>, row: Row, selected: bool, theme: &Theme) -> Vec<Line<'static>> {
    let b = v.builder;
    let props = v.properties;
    let mark = if selected { "› " } else { "  " };
    let (mut spans, at) = match row {
        Row::Query => {
            let q = if b.draft.query.is_empty() { "(none)".to_owned() } else { format!("\"{}\"", b.draft.query) };
            (vec![Span::styled("Query  ", theme.dim()), Span::raw(q)], Where::Query)
        }
        Row::Sort => {
            let s = b.draft.sort.as_ref().map_or_else(
                || "(by id — pages past 10,000)".to_owned(),
                |s| {
                    format!(
                        "{} {}",
                        label(props, &s.property),
                        if s.descending { "↓ descending" } else { "↑ ascending" }
                    )
                },
            );
            (vec![Span::styled("Sort   ", theme.dim()), Span::raw(s)], Where::Sort)
        }
        Row::Group(g) => {
            let head = if g == 0 { "Any of: group 1 — all of" } else { "or group — all of" };
            let head = if g == 0 { head.to_owned() } else { format!("or group {} — all of", g + 1) };
            (vec![Span::styled(head, theme.dim().add_modifier(Modifier::BOLD))], Where::Group(g))
        }
        Row::Filter(g, f) => {
            let fd = &b.draft.groups[g].filters[f];
            let cell_style =
                |c: Cell| if selected && b.cell == c { theme.selected() } else { ratatui::style::Style::default() };
            let prop =
                if fd.property.is_empty() { "(property)".to_owned() } else { label(props, &fd.property).to_owned() };
            let op = if fd.operator.is_empty() { "(operator)".to_owned() } else { fd.operator.clone() };
            let value = if arity(&fd.operator) == Arity::None { "—".to_owned() } else { value_text(b, g, f, props) };
            let value = if value.is_empty() { "(value)".to_owned() } else { value };
            (
                vec![
                    Span::raw("    "),
                    Span::styled(format!("{prop:<22}"), cell_style(Cell::Property)),
                    Span::raw(" "),
                    Span::styled(format!("{op:<13}"), cell_style(Cell::Operator)),
                    Span::raw(" "),
                    Span::styled(value, cell_style(Cell::Value)),
                ],
                Where::Filter(g, f),
            )
        }
    };
    let problems = issues_at(b, at);
    let mut first = vec![Span::raw(mark)];
    first.push(Span::styled(if problems.is_empty() { "  " } else { "! " }, theme.error()));
    first.append(&mut spans);
    let mut lines = vec![Line::from(first)];
    // The reason under the row it is about.
    lines.extend(problems.iter().map(|p| Line::styled(format!("        ✗ {}", p.reason), theme.error())));
    lines
}

/// The form's lines and the line the cursor's row starts on.
fn form_lines(v: &BuilderView<'_>, theme: &Theme) -> (Vec<Line<'static>>, usize) {
    let b = v.builder;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cursor_line = 0;
    for (i, r) in b.rows().into_iter().enumerate() {
        if i == b.cursor {
            cursor_line = lines.len();
        }
        lines.extend(row_lines(v, r, i == b.cursor, theme));
    }
    lines.push(Line::raw(""));
    for i in issues_at(b, Where::Groups) {
        lines.push(Line::styled(format!("✗ {}", i.reason), theme.error()));
    }
    let summary = if b.issues.is_empty() {
        Line::styled("✓ valid — ctrl-s runs it", theme.added())
    } else {
        Line::styled(format!("{} problem(s) — fix them before running", b.issues.len()), theme.error())
    };
    lines.push(summary);
    lines.push(Line::styled(
        "enter edit · ←/→ cell · a add filter · A add group · x delete · p duplicate · u undo",
        theme.dim(),
    ));
    lines.push(Line::styled(
        "space sort direction / true-false · J json & curl · S save · ctrl-s run · esc close",
        theme.dim(),
    ));
    (lines, cursor_line)
}

fn json_lines(v: &BuilderView<'_>, theme: &Theme) -> Vec<Line<'static>> {
    match &v.request {
        Ok((json, curl)) => {
            let mut lines = vec![Line::styled("Request body (y copies):", theme.dim())];
            lines.extend(json.lines().map(|l| Line::raw(l.to_owned())));
            lines.push(Line::raw(""));
            lines.push(Line::styled("curl (Y copies; the token stays $HUBSPOT_ACCESS_TOKEN):", theme.dim()));
            lines.extend(curl.lines().map(|l| Line::raw(l.to_owned())));
            lines
        }
        Err(e) => vec![Line::styled(e.clone(), theme.error())],
    }
}

/// Draws the builder over `area`.
pub fn render_builder(frame: &mut Frame<'_>, area: Rect, v: &BuilderView<'_>, theme: &Theme) {
    frame.render_widget(Clear, area);
    let title = format!(" Search {} — any of these groups, each with all of its filters ", v.type_label);
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let editor_h = match &v.builder.editor {
        Some(Editor::Pick(_)) => inner.height / 2,
        Some(Editor::Text { .. }) => 3,
        None => 0,
    };
    let [body, editor] = Layout::vertical([Constraint::Min(1), Constraint::Length(editor_h)]).areas(inner);
    if v.builder.show_json {
        let lines = json_lines(v, theme);
        // Rows the wrapped lines take, so the scroll stops at the end.
        let [text, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
        let width = usize::from(text.width.max(1));
        let texts: Vec<String> = lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect();
        let rows = crate::app::layout::wrapped_rows(texts.iter().map(String::as_str), width) + 1;
        let max = u16::try_from(rows.saturating_sub(usize::from(text.height))).unwrap_or(u16::MAX);
        // Update keeps the scroll within the text; the view only never draws past it.
        let scroll = v.builder.json_scroll.min(max);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)), text);
        let more = if scroll < max { " · more below" } else { "" };
        frame.render_widget(
            Paragraph::new(format!(
                "j/k ctrl-d/u scroll{more} · y copies JSON · Y copies curl · esc back to the builder"
            ))
            .style(theme.dim()),
            foot,
        );
    } else {
        let (lines, cursor_line) = form_lines(v, theme);
        let scroll = u16::try_from(cursor_line.saturating_sub(usize::from(body.height.max(1)) - 2)).unwrap_or(0);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    }
    match &v.builder.editor {
        Some(Editor::Text { field, target }) => {
            let kind = v.builder.filter().and_then(|f| v.properties.iter().find(|p| p.name == f.property));
            let kind = kind.map_or("string", |p| p.kind.as_str());
            render_text(frame, editor, field, (*target, kind), theme);
        }
        Some(Editor::Pick(p)) => {
            let list = choices(p, v.builder.filter(), v.properties);
            let what = match p.kind {
                Some(PickerKind::Property) => "property",
                Some(PickerKind::Operator) => "operator",
                Some(PickerKind::Option) => "option",
                Some(PickerKind::Options) => "options — enter toggles, esc applies",
                Some(PickerKind::SortProperty) => "sort by",
                None => "",
            };
            let block = Block::default().borders(Borders::TOP).title(format!(" Choose {what} (type to filter) "));
            let inner = block.inner(editor);
            frame.render_widget(block, editor);
            let [input, rows] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
            frame.render_widget(p.field.widget(), input);
            let height = usize::from(rows.height.max(1));
            let start = p.selected.saturating_sub(height - 1);
            let lines: Vec<Line<'static>> = list
                .iter()
                .enumerate()
                .skip(start)
                .take(height)
                .map(|(i, (value, shown))| {
                    let check = if p.kind == Some(PickerKind::Options) {
                        if p.checked.contains(value) { "[x] " } else { "[ ] " }
                    } else {
                        ""
                    };
                    let line = Line::raw(format!("{check}{shown}"));
                    if i == p.selected { line.style(theme.selected()) } else { line }
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), rows);
        }
        None => {}
    }
}

fn render_text(
    frame: &mut Frame<'_>,
    area: Rect,
    field: &crate::app::text::TextField,
    (target, kind): (TextTarget, &str),
    theme: &Theme,
) {
    // The hint follows the property's type.
    let example = match kind {
        "number" => "a number, e.g. 25000 or 2.5",
        "date" | "datetime" => "a date: 2026-01-31, -7d, +2w, today, now",
        "bool" => "true or false",
        _ => "text",
    };
    let what = match target {
        TextTarget::Query => "free text over the type's searchable properties".to_owned(),
        TextTarget::Value => format!("value — {example} — enter sets it"),
        TextTarget::HighValue => format!("upper value of BETWEEN — {example}"),
        TextTarget::Values => "values, comma-separated".to_owned(),
        TextTarget::SaveName => "save this search as".to_owned(),
    };
    let block = Block::default().borders(Borders::TOP).title(format!(" {what} ")).border_style(theme.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(field.widget(), inner);
}
