//! The record view: Properties (labels and formatted values, read-only marked), History
//! (newest first, with time, source and what changed), Associations and Activities.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs};

use super::Theme;
use crate::app::edit::Change;
use crate::app::record_view::{Diff, diff_words, display_value, folded_system, history_order, property_rows};
use crate::app::state::{DetailState, DetailTab, Loadable};
use crate::model::{Property, RecordRef, SimplePublicObject, ValueWithTimestamp};
use std::collections::BTreeMap;

/// What the record view draws.
pub struct DetailView<'a> {
    pub d: &'a DetailState,
    pub props: Option<&'a [Property]>,
    /// This record's staged changes.
    pub staged: Option<&'a BTreeMap<String, Change>>,
    /// How the Properties tab orders the record's rows.
    pub order: crate::app::record_view::RowOrder<'a>,
    /// The portal's object types (to name association groups).
    pub types: &'a [crate::app::state::TypeInfo],
}

fn properties_lines(rec: &SimplePublicObject, v: &DetailView<'_>, theme: &Theme) -> Vec<Line<'static>> {
    let props = v.props;
    let find = |n: &str| props.and_then(|ps| ps.iter().find(|p| p.name == n));
    let mut lines: Vec<Line<'static>> = property_rows(rec, props, &v.order)
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let ro = if r.read_only { " (read-only)" } else { "" };
            let p = find(r.name);
            // A textual marker too: a screen reader or a capture shows which row `e` edits.
            let mark = if i == v.d.cursor { "› " } else { "  " };
            let mut spans = vec![Span::raw(mark), Span::styled(format!("{}{ro}: ", r.shown_label()), theme.dim())];
            match v.staged.and_then(|s| s.get(r.name)) {
                Some(c) => {
                    let old = if c.old_unknown { r.value } else { c.old.as_str() };
                    spans.push(Span::styled(display_value(p, old), theme.error().add_modifier(Modifier::CROSSED_OUT)));
                    spans.push(Span::raw(" → "));
                    spans.push(Span::styled(format!("{} (staged)", display_value(p, &c.new)), theme.added()));
                    if let Some(e) = &c.error {
                        spans.push(Span::styled(format!("  ✗ {e}"), theme.error()));
                    }
                }
                None if r.value.is_empty() => spans.push(Span::styled("—", theme.dim())),
                None => spans.push(Span::raw(display_value(p, r.value))),
            }
            let line = Line::from(spans);
            if i == v.d.cursor { line.style(theme.selected()) } else { line }
        })
        .collect();
    let folded = folded_system(rec, props, &v.order);
    if folded > 0 {
        lines.push(Line::styled(
            format!("  … z shows {folded} read-only system properties (dates, ids, sources)"),
            theme.dim(),
        ));
    }
    lines
}

fn short_time(ts: &str) -> String {
    ts[..ts.len().min(19)].replace('T', " ")
}

/// What changed from the older version to this one.
fn change(p: Option<&Property>, newer: &str, older: &str, theme: &Theme) -> Vec<Span<'static>> {
    if newer == older {
        return vec![Span::styled("  (unchanged)", theme.dim())];
    }
    match p.map(|p| p.kind.as_str()) {
        Some("number") => match (newer.parse::<f64>(), older.parse::<f64>()) {
            (Ok(n), Ok(o)) => {
                let d = n - o;
                let sign = if d >= 0.0 { "+" } else { "" };
                vec![Span::styled(format!("  ({sign}{d})"), theme.dim())]
            }
            _ => vec![Span::styled(format!("  (was {older})"), theme.dim())],
        },
        Some("string") if !older.is_empty() && !newer.is_empty() => {
            let mut spans = vec![Span::styled("  diff: ", theme.dim())];
            for d in diff_words(older, newer) {
                spans.push(match d {
                    Diff::Same(s) => Span::raw(format!("{s} ")),
                    Diff::Removed(s) if theme.color => {
                        Span::styled(format!("{s} "), theme.error().add_modifier(Modifier::CROSSED_OUT))
                    }
                    Diff::Removed(s) => Span::raw(format!("[-{s}-] ")),
                    Diff::Added(s) if theme.color => Span::styled(format!("{s} "), theme.added()),
                    Diff::Added(s) => Span::raw(format!("{{+{s}+}} ")),
                });
            }
            spans
        }
        _ if older.is_empty() => vec![Span::styled("  (was empty)", theme.dim())],
        _ => vec![Span::styled(format!("  (was {})", display_value(p, older)), theme.dim())],
    }
}

/// A numeric property's versions as a sparkline, oldest first, with the lowest and highest
/// value: `▁▃▅█  21,400 … 30,000`. `None` under two numeric versions.
fn trend(entries: &[ValueWithTimestamp]) -> Option<String> {
    let values: Vec<f64> = entries.iter().rev().filter_map(|e| e.value.trim().parse::<f64>().ok()).collect();
    if values.len() < 2 {
        return None;
    }
    let (low, high) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(*v), h.max(*v)));
    let spark = sparkline(&values, low, high);
    let shown = |v: f64| crate::app::record_view::group_thousands(&crate::app::freq::number_text(v));
    Some(format!("{spark}  {} … {}", shown(low), shown(high)))
}

/// One of eight block heights per value, scaled from `low` to `high` (all equal: the middle).
fn sparkline(values: &[f64], low: f64, high: f64) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| {
            if high <= low {
                return LEVELS[3];
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let i = (((v - low) / (high - low)) * 7.0).round() as usize;
            LEVELS[i.min(7)]
        })
        .collect()
}

/// The History tab's lines and the line the cursor's version is on.
fn history_lines(
    rec: &SimplePublicObject,
    props: Option<&[Property]>,
    cursor: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, usize) {
    let order = history_order(rec, props);
    if order.is_empty() {
        return (vec![Line::from("no history")], 0);
    }
    let find = |n: &str| props.and_then(|ps| ps.iter().find(|p| p.name == n));
    let mut lines = Vec::new();
    let mut k = 0;
    let mut cursor_line = 0;
    for (name, entries) in order {
        let p = find(name);
        let n = entries.len();
        let title = format!(
            "{} — {n} version{}",
            crate::app::record_view::shown_label(props, name),
            if n == 1 { "" } else { "s" }
        );
        let mut head = vec![Span::styled(title, theme.heading())];
        if let Some(spark) = p.filter(|p| p.kind == "number").and_then(|_| trend(entries)) {
            head.push(Span::raw(format!("  {spark}")));
        }
        lines.push(Line::from(head));
        for (i, e) in entries.iter().enumerate() {
            let mark = if k == cursor { "› " } else { "  " };
            let mut spans = vec![
                Span::raw(mark),
                Span::styled(format!("{} {:<11} ", short_time(&e.timestamp), e.source_type), theme.dim()),
                Span::raw(display_value(p, &e.value)),
            ];
            if let Some(older) = entries.get(i + 1).map(|o: &ValueWithTimestamp| o.value.as_str()) {
                spans.extend(change(p, &e.value, older, theme));
            }
            if k == cursor {
                cursor_line = lines.len();
                if i > 0 {
                    spans.push(Span::styled("   v: set back to this", theme.dim()));
                }
                lines.push(Line::from(spans).style(theme.selected()));
            } else {
                lines.push(Line::from(spans));
            }
            k += 1;
        }
    }
    (lines, cursor_line)
}

fn association_lines(d: &DetailState, types: &[crate::app::state::TypeInfo], theme: &Theme) -> Vec<Line<'static>> {
    let rows = d.assoc_rows();
    if rows.is_empty() {
        return vec![Line::styled("no associations", theme.dim())];
    }
    let mut lines = Vec::new();
    let mut last_type = "";
    for (i, r) in rows.iter().enumerate() {
        if r.object_type != last_type {
            let n = rows.iter().filter(|x| x.object_type == r.object_type).count();
            let label = crate::app::record_view::find_type(types, &r.object_type)
                .map_or(r.object_type.as_str(), |t| t.label.as_str());
            lines.push(Line::from(Span::styled(format!("{label} ({n})"), theme.dim())));
            last_type = &r.object_type;
        }
        // The record's name first (its type is the heading), the id and association kind after.
        let name = d
            .titles
            .get(&RecordRef::new(&r.object_type, &r.id))
            .map(|t| t.split_once(": ").map_or(t.as_str(), |(_, n)| n).to_owned());
        let mark = if i == d.cursor { "› " } else { "  " };
        let mut spans = vec![Span::raw(format!("{mark}  "))];
        match name {
            Some(n) => {
                spans.push(Span::raw(n));
                spans.push(Span::styled(format!("  #{} · {}", r.id, kind_label(&r.kind)), theme.dim()));
            }
            None => {
                spans.push(Span::raw(format!("#{}", r.id)));
                spans.push(Span::styled(format!("  {}", kind_label(&r.kind)), theme.dim()));
            }
        }
        let line = Line::from(spans);
        lines.push(if i == d.cursor { line.style(theme.selected()) } else { line });
    }
    lines
}

/// An association's kind as words: `car_to_contact` → `car to contact`, a label as it is.
fn kind_label(kind: &str) -> String {
    kind.replace('_', " ")
}

fn activity_lines(d: &DetailState, theme: &Theme) -> Vec<Line<'static>> {
    let rows = match &d.activities {
        Loadable::Ready(rows) if rows.is_empty() => return vec![Line::styled("no activities", theme.dim())],
        Loadable::Ready(rows) => rows,
        Loadable::Failed { error, .. } => return vec![Line::styled(format!("{error} — r: retry"), theme.error())],
        _ => return vec![Line::styled("loading…", theme.dim())],
    };
    let pinned = d.pinned();
    rows.iter()
        .enumerate()
        .map(|(i, a)| {
            let mark = if pinned == Some(a.id.as_str()) { "[pinned] " } else { "" };
            let kind = a.object_type.trim_end_matches('s');
            let text = format!("{} {kind:<7} {mark}{}", short_time(&a.timestamp), a.title);
            if i == d.cursor {
                Line::styled(format!("› {text}"), theme.selected())
            } else {
                Line::from(format!("  {text}"))
            }
        })
        .collect()
}

fn title(d: &DetailState) -> String {
    let name = |k: &RecordRef| d.titles.get(k).cloned().unwrap_or_else(|| k.type_id.clone());
    // The record shown with its id; the trail by name only.
    let current = |k: &RecordRef| format!("{} #{}", name(k), k.id);
    match (&d.current, d.back.is_empty()) {
        (Some(k), true) => current(k),
        (Some(k), false) => {
            let trail: Vec<String> =
                d.back.iter().map(|b| crate::app::record_view::plain_text(&name(&b.record), 24)).collect();
            format!("{} › {}", trail.join(" › "), current(k))
        }
        (None, _) => "Record".to_owned(),
    }
}

pub fn render_detail(frame: &mut Frame<'_>, area: Rect, v: &DetailView<'_>, focused: bool, theme: &Theme) {
    let (d, props) = (v.d, v.props);
    let block = theme.pane(&title(d), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [tabs_area, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let selected = DetailTab::ALL.iter().position(|t| *t == d.tab).unwrap_or(0);
    frame.render_widget(
        Tabs::new(DetailTab::ALL.iter().map(|t| t.title())).select(selected).highlight_style(theme.selected()),
        tabs_area,
    );
    let mut history_at = 0;
    let lines = match &d.record {
        Loadable::Ready(rec) => match d.tab {
            DetailTab::Properties => properties_lines(rec, v, theme),
            DetailTab::History => {
                let (lines, at) = history_lines(rec, props, d.cursor, theme);
                history_at = at;
                lines
            }
            DetailTab::Associations => association_lines(d, v.types, theme),
            DetailTab::Activities => activity_lines(d, theme),
        },
        // The table row's values at once; the rest as it comes.
        Loadable::Loading { .. } => match (&d.preview, d.tab) {
            (Some((key, rec)), DetailTab::Properties) if d.current.as_ref() == Some(key) => {
                let mut lines = vec![Line::styled("loading the rest…", theme.dim())];
                lines.extend(properties_lines(rec, v, theme));
                lines
            }
            _ => vec![Line::styled("loading…", theme.dim())],
        },
        Loadable::Failed { error, .. } => vec![Line::styled(format!("{error} — r: retry"), theme.error())],
        Loadable::Idle => vec![Line::styled("enter on a record opens it here", theme.dim())],
    };
    // The Properties tab's filter: its own line above the rows.
    let mut lines = lines;
    let body = match (&d.filter, d.tab) {
        (Some(f), DetailTab::Properties) => {
            let [head, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(body);
            let how = if f.editing { "▏  enter keeps it · esc drops it" } else { "  (/ edits, esc drops)" };
            if lines.is_empty() {
                lines.push(Line::styled("no property matches the filter", theme.dim()));
            }
            let text = format!("/{}{how}", f.field.text());
            frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), head);
            rest
        }
        _ => body,
    };
    // History scrolls; the other tabs keep their cursor on screen.
    let height = usize::from(body.height.max(1));
    let scroll = match d.tab {
        DetailTab::History => history_at.saturating_sub(height.saturating_sub(2)),
        DetailTab::Associations => {
            let groups = d
                .assoc_rows()
                .iter()
                .take(d.cursor + 1)
                .map(|r| &r.object_type)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            (d.cursor + groups).saturating_sub(height - 1)
        }
        _ => d.cursor.saturating_sub(height - 1),
    };
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).style(Style::default()).scroll((scroll, 0)), body);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(value: &str) -> ValueWithTimestamp {
        ValueWithTimestamp {
            value: value.to_owned(),
            timestamp: "2024-01-15T09:00:00Z".to_owned(),
            source_type: "CRM_UI".to_owned(),
            source_id: None,
            source_label: None,
            updated_by_user_id: None,
        }
    }

    #[test]
    fn a_numbers_versions_make_a_sparkline_oldest_first() {
        // Newest first, as HubSpot lists them.
        let entries: Vec<ValueWithTimestamp> = ["30000", "25000", "", "21400"].iter().map(|v| version(v)).collect();
        assert_eq!(trend(&entries).as_deref(), Some("▁▄█  21,400 … 30,000"));
        assert_eq!(trend(&entries[..1]), None, "one version: no line");
        assert_eq!(sparkline(&[5.0, 5.0], 5.0, 5.0), "▄▄");
    }
}
