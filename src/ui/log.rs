//! The write log overlay: entries newest first (id, when, what, by), the open one's records
//! (old → new, and how each went), and the keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use super::overlay::boxed;
use crate::app::log::{LogView, Row};
use crate::writelog::{Outcome, RecordChange};

fn shown(v: Option<&String>) -> &str {
    match v.map(String::as_str) {
        None | Some("") => "—",
        Some(v) => v,
    }
}

fn record_line(r: &RecordChange) -> (String, Option<String>) {
    let changes: Vec<String> =
        r.after.iter().map(|(k, v)| format!("{k}: {} → {}", shown(r.before.get(k)), shown(Some(v)))).collect();
    let id = if r.id.is_empty() { "(new)" } else { r.id.as_str() };
    let created = if r.created { " (created)" } else { "" };
    let how = match &r.result {
        Outcome::Ok => None,
        Outcome::Pending => Some("no answer".to_owned()),
        Outcome::Failed { why } => Some(format!("✗ {why}")),
        Outcome::Held { theirs } => {
            let now: Vec<String> = theirs.iter().map(|(k, v)| format!("{k} is {} now", shown(Some(v)))).collect();
            Some(format!("held back: changed since — {}", now.join(", ")))
        }
    };
    (format!("{id}{created}  {}", changes.join(", ")), how)
}

pub fn render_log(frame: &mut Frame<'_>, area: Rect, v: &LogView, theme: &Theme) {
    let inner = boxed(frame, area, area.width.saturating_sub(4), area.height.saturating_sub(2), "Write log");
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let Some(entries) = &v.entries else {
        frame.render_widget(Paragraph::new("reading the log…").style(theme.dim()), head);
        return;
    };
    let summary = if entries.is_empty() {
        "No writes logged for this portal yet: every save, create, archive, merge, association and import is, with its values before and after.".to_owned()
    } else {
        let busy = if v.undoing { " · undoing…" } else { "" };
        format!(
            "{} write(s), newest first · enter shows an entry's records (enter on one opens it) · u undoes the entry (records changed since are held back) · / filters · esc closes{busy}",
            entries.len()
        )
    };
    let rows = v.rows();
    let summary = match &v.filter {
        Some(f) => {
            let shown = rows.iter().filter(|r| matches!(r, Row::Entry(_))).count();
            let cursor = if f.editing { "▏" } else { "" };
            let keys = if f.editing { "enter keeps it · esc drops it" } else { "/ edits it · esc drops it" };
            format!("/{}{cursor}  {shown} of {} write(s) · {keys}", f.field.text(), entries.len())
        }
        None => summary,
    };
    frame.render_widget(Paragraph::new(summary).wrap(Wrap { trim: true }).style(theme.dim()), head);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (n, row) in rows.into_iter().enumerate() {
        let mark = if n == v.cursor { "› " } else { "  " };
        let line = match row {
            Row::Entry(i) => {
                let e = &entries[i];
                let open = if v.open.as_deref() == Some(e.id.as_str()) { "▾" } else { "▸" };
                Line::from(vec![
                    Span::raw(format!("{mark}{open} ")),
                    Span::styled(format!("{}  ", e.id), theme.dim()),
                    Span::raw(format!("{}  ", crate::timefmt::iso_from_ms(e.at))),
                    Span::raw(e.summary_as(v.aliases.get(&e.type_id).and_then(|a| a.first()).unwrap_or(&e.type_id))),
                    Span::styled(format!("  by {}", e.by), theme.dim()),
                ])
            }
            Row::Record(i, r) => {
                let (text, how) = record_line(&entries[i].records[r]);
                let mut spans = vec![Span::raw(format!("{mark}      {text}"))];
                if let Some(h) = how {
                    spans.push(Span::styled(format!("   {h}"), theme.error()));
                }
                Line::from(spans)
            }
        };
        lines.push(if n == v.cursor { line.style(theme.selected()) } else { line });
    }
    let start = u16::try_from(v.cursor.saturating_sub(usize::from(body.height.max(1)) - 1)).unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).scroll((start, 0)), body);
}
