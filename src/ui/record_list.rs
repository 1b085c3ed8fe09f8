//! The record table: only the visible rows are built each frame.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::Theme;
use crate::api::types::Property;
use crate::app::layout::list_rows;
use crate::app::state::RecordListState;

/// What the table needs.
pub struct ListView<'a> {
    pub list: &'a RecordListState,
    pub type_label: Option<&'a str>,
    pub properties: Option<&'a [Property]>,
}

fn label<'a>(props: Option<&'a [Property]>, name: &'a str) -> &'a str {
    props.and_then(|ps| ps.iter().find(|p| p.name == name)).map_or(name, |p| p.label.as_str())
}

pub fn render_list(frame: &mut Frame<'_>, area: Rect, v: &ListView<'_>, focused: bool, theme: &Theme) {
    let l = v.list;
    let more = if l.loaded_all { String::new() } else { "+".into() };
    let title = format!("{} ({}{more})", v.type_label.unwrap_or("Records"), l.end());
    let block = theme.pane(&title, focused);
    if l.rows.is_empty() {
        let text = match (&l.error, l.in_flight) {
            (Some(e), _) => format!("{e}\nr: retry"),
            (None, Some(_)) => "loading…".to_owned(),
            (None, None) if l.type_id.is_some() => "no records".to_owned(),
            _ => "choose an object type".to_owned(),
        };
        let style = if l.error.is_some() { theme.error() } else { theme.dim() };
        frame.render_widget(Paragraph::new(text).style(style).block(block), area);
        return;
    }
    // Window-relative indices of the visible rows.
    let visible = list_rows((area.width, area.height + 1)).min(l.rows.len());
    let start = l.offset.saturating_sub(l.base).min(l.rows.len().saturating_sub(1));
    let end = (start + visible).min(l.rows.len());
    let header = Row::new(
        std::iter::once(Cell::from("ID"))
            .chain(l.columns.iter().map(|c| Cell::from(label(v.properties, c).to_owned()))),
    )
    .style(theme.dim());
    let mut rows: Vec<Row<'_>> = l.rows[start..end]
        .iter()
        .map(|r| {
            Row::new(std::iter::once(Cell::from(r.id.clone())).chain(r.cells.iter().map(|c| Cell::from(c.clone()))))
        })
        .collect();
    if end == l.rows.len() {
        if let Some(e) = &l.error {
            rows.push(Row::new(vec![Cell::from(Line::from(format!("error: {e} — r: retry")))]).style(theme.error()));
        } else if l.in_flight.is_some() {
            rows.push(Row::new(vec![Cell::from("loading more…")]).style(theme.dim()));
        }
    }
    let widths: Vec<Constraint> =
        std::iter::once(Constraint::Length(11)).chain(l.columns.iter().map(|_| Constraint::Fill(1))).collect();
    let table = Table::new(rows, widths).header(header).block(block).row_highlight_style(theme.selected());
    let selected = l.selected.saturating_sub(l.base).saturating_sub(start);
    let mut ts = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut ts);
}
