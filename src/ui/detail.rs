//! The record view: Properties (labels and formatted values, read-only marked) and History
//! (newest first, with time and source).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs};

use super::Theme;
use crate::api::types::{Property, SimplePublicObject};
use crate::app::state::{DetailState, DetailTab, Loadable};

/// The display form of a stored value: enumeration labels instead of internal values.
#[must_use]
pub fn display_value(prop: Option<&Property>, value: &str) -> String {
    match prop {
        Some(p) if p.kind == "enumeration" && !p.options.is_empty() => value
            .split(';')
            .map(|v| p.options.iter().find(|o| o.value == v).map_or(v, |o| o.label.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
        _ => value.to_owned(),
    }
}

fn properties_lines(rec: &SimplePublicObject, props: Option<&[Property]>, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(vec![Span::styled("ID ", theme.dim()), Span::raw(rec.id.clone())])];
    let find = |n: &str| props.and_then(|ps| ps.iter().find(|p| p.name == n));
    let mut entries: Vec<(&String, &Option<String>)> =
        rec.properties.iter().filter(|(_, v)| v.as_deref().is_some_and(|v| !v.is_empty())).collect();
    entries.sort_by_key(|(n, _)| {
        (find(n).map(|p| p.group_name.clone()), find(n).map_or_else(|| (*n).clone(), |p| p.label.clone()))
    });
    for (name, value) in entries {
        let p = find(name);
        let label = p.map_or(name.as_str(), |p| p.label.as_str()).to_owned();
        let ro = if p.is_some_and(Property::read_only_value) { " (read-only)" } else { "" };
        lines.push(Line::from(vec![
            Span::styled(format!("{label}{ro}: "), theme.dim()),
            Span::raw(display_value(p, value.as_deref().unwrap_or(""))),
        ]));
    }
    lines
}

fn history_lines(rec: &SimplePublicObject, props: Option<&[Property]>, theme: &Theme) -> Vec<Line<'static>> {
    let Some(hist) = &rec.properties_with_history else { return vec![Line::from("no history")] };
    let find = |n: &str| props.and_then(|ps| ps.iter().find(|p| p.name == n));
    let mut lines = Vec::new();
    for (name, entries) in hist.iter().filter(|(_, e)| !e.is_empty()) {
        let p = find(name);
        lines.push(Line::from(Span::styled(p.map_or(name.clone(), |p| p.label.clone()), theme.selected())));
        for e in entries {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {} {:<11} ", &e.timestamp[..e.timestamp.len().min(19)].replace('T', " "), e.source_type),
                    theme.dim(),
                ),
                Span::raw(display_value(p, &e.value)),
            ]));
        }
    }
    lines
}

fn association_lines(d: &DetailState, theme: &Theme) -> Vec<Line<'static>> {
    let rows = d.assoc_rows();
    if rows.is_empty() {
        return vec![Line::styled("no associations", theme.dim())];
    }
    let mut lines = Vec::new();
    let mut last_type = "";
    for (i, r) in rows.iter().enumerate() {
        if r.object_type != last_type {
            let n = rows.iter().filter(|x| x.object_type == r.object_type).count();
            lines.push(Line::from(Span::styled(format!("{} ({n})", r.object_type), theme.dim())));
            last_type = &r.object_type;
        }
        let text = format!("  {}  {}", r.id, r.kind);
        lines.push(if i == d.assoc_selected { Line::styled(text, theme.selected()) } else { Line::from(text) });
    }
    lines.push(Line::styled("enter: open · esc: back", theme.dim()));
    lines
}

pub fn render_detail(
    frame: &mut Frame<'_>,
    area: Rect,
    d: &DetailState,
    props: Option<&[Property]>,
    focused: bool,
    theme: &Theme,
) {
    let title = match (&d.current, d.back.is_empty()) {
        (Some((t, id)), true) => format!("Record {t} {id}"),
        (Some((t, id)), false) => {
            let trail: Vec<String> = d.back.iter().map(|(bt, bid)| format!("{bt} {bid}")).collect();
            format!("{} › {t} {id}", trail.join(" › "))
        }
        (None, _) => "Record".to_owned(),
    };
    let block = theme.pane(&title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [tabs_area, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let selected = match d.tab {
        DetailTab::Properties => 0,
        DetailTab::History => 1,
        DetailTab::Associations => 2,
    };
    frame.render_widget(
        Tabs::new(vec!["Properties", "History", "Associations"]).select(selected).highlight_style(theme.selected()),
        tabs_area,
    );
    let lines = match &d.record {
        Loadable::Ready(rec) => match d.tab {
            DetailTab::Properties => properties_lines(rec, props, theme),
            DetailTab::History => history_lines(rec, props, theme),
            DetailTab::Associations => association_lines(d, theme),
        },
        Loadable::Loading { .. } => vec![Line::styled("loading…", theme.dim())],
        Loadable::Failed { error, .. } => vec![Line::styled(format!("{error} — r: retry"), theme.error())],
        Loadable::Idle => vec![Line::styled("enter on a record opens it here", theme.dim())],
    };
    let scroll = u16::try_from(d.scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
}
