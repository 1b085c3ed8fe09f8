//! The record table: only the visible rows are built each frame.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::Theme;
use crate::app::layout::list_rows;
use crate::app::record_view::display_value;
use crate::app::state::RecordListState;
use crate::model::Property;

/// What the table needs.
pub struct ListView<'a> {
    pub list: &'a RecordListState,
    pub type_label: Option<&'a str>,
    pub properties: Option<&'a [Property]>,
}

fn label(props: Option<&[Property]>, name: &str) -> String {
    crate::app::record_view::shown_label(props, name)
}

pub fn render_list(frame: &mut Frame<'_>, area: Rect, v: &ListView<'_>, focused: bool, theme: &Theme) {
    let l = v.list;
    let title = title(v);
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
    let visible = list_rows((area.width, area.height + 1)).min(l.rows.len());
    if l.filter.is_some() {
        render_filtered(frame, area, v, block, visible, theme);
        return;
    }
    // Window-relative indices of the visible rows.
    let start = l.offset.saturating_sub(l.base).min(l.rows.len().saturating_sub(1));
    let end = (start + visible).min(l.rows.len());
    let defs = column_defs(v);
    let mut rows: Vec<Row<'_>> =
        l.rows[start..end].iter().map(|r| table_row(r, &defs, l.marked.contains(&r.id))).collect();
    if end == l.rows.len() {
        if let Some(e) = &l.error {
            rows.push(Row::new(vec![Cell::from(Line::from(format!("error: {e} — r: retry")))]).style(theme.error()));
        } else if l.in_flight.is_some() {
            rows.push(Row::new(vec![Cell::from("loading more…")]).style(theme.dim()));
        }
    }
    let selected = l.selected.saturating_sub(l.base).saturating_sub(start);
    render_table(frame, area, v, rows, block, selected, theme);
}

/// The table's title: type, count (or the search and its matches), position.
fn title(v: &ListView<'_>) -> String {
    let l = v.list;
    let at = if l.rows.is_empty() { String::new() } else { format!(" — row {}", group(l.selected + 1)) };
    let label = v.type_label.unwrap_or("Records");
    let label = if l.archived { format!("{label} — recycle bin (U restores, B back)") } else { label.to_owned() };
    let label = if l.marked.is_empty() { label } else { format!("{label} · {} selected", group(l.marked.len())) };
    if let Some(s) = &l.search {
        let matches = match s.total {
            Some(1) => "1 match".to_owned(),
            Some(t) => format!("{} matches", group(t)),
            None => "searching…".to_owned(),
        };
        let note = if s.capped {
            " · HubSpot stops sorted searches at 10,000 (no sort pages past it)"
        } else if s.past_cap {
            " · past 10,000: continuing by id"
        } else {
            ""
        };
        return format!("{label} · {matches}{at}{note} · {} · esc: all", s.draft.summary());
    }
    let count = match l.total {
        Some(t) => group(t),
        None if l.loaded_all => group(l.end()),
        None => format!("{}+", group(l.end())),
    };
    format!("{label} ({count}){at}")
}

/// `1234567` → `1,234,567`.
fn group(n: usize) -> String {
    crate::app::record_view::group_thousands(&n.to_string())
}

/// A row with display values (enumeration labels, grouped numbers) — built only for the
/// visible rows.
fn table_row<'a>(r: &'a crate::app::state::RecordRow, defs: &[Option<&Property>], marked: bool) -> Row<'a> {
    let cells = r.cells.iter().zip(defs).map(|(c, p)| Cell::from(display_value(*p, c)));
    let id = if marked { Cell::from(format!("●{}", r.id)) } else { Cell::from(r.id.as_str()) };
    Row::new(std::iter::once(id).chain(cells))
}

/// The definition of each column, in column order.
fn column_defs<'a>(v: &ListView<'a>) -> Vec<Option<&'a Property>> {
    v.list.columns.iter().map(|c| v.properties.and_then(|ps| ps.iter().find(|p| p.name == *c))).collect()
}

fn render_table(
    frame: &mut Frame<'_>,
    area: Rect,
    v: &ListView<'_>,
    rows: Vec<Row<'_>>,
    block: Block<'_>,
    selected: usize,
    theme: &Theme,
) {
    let columns = &v.list.columns;
    // The column `=` / `!` search on (picked with < and >) is marked.
    let head = |(i, c): (usize, &String)| {
        let text = label(v.properties, c);
        if i == v.list.column && v.list.column_picked {
            Cell::from(format!("▸{text}")).style(theme.heading())
        } else {
            Cell::from(text)
        }
    };
    let header =
        Row::new(std::iter::once(Cell::from("ID")).chain(columns.iter().enumerate().map(head))).style(theme.dim());
    let widths: Vec<Constraint> =
        std::iter::once(Constraint::Length(11)).chain(columns.iter().map(|_| Constraint::Fill(1))).collect();
    let table = Table::new(rows, widths).header(header).block(block).row_highlight_style(theme.selected());
    let mut ts = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut ts);
}

/// The rows the quick filter lets through, a screen at a time around the selection, and the
/// filter itself on the bottom border.
fn render_filtered(
    frame: &mut Frame<'_>,
    area: Rect,
    v: &ListView<'_>,
    block: Block<'_>,
    visible: usize,
    theme: &Theme,
) {
    let l = v.list;
    let Some(f) = &l.filter else { return };
    let shown = l.shown();
    let pos = shown.iter().position(|i| *i == l.selected).unwrap_or(0);
    let visible = visible.max(1);
    let start = pos / visible * visible;
    let defs = column_defs(v);
    let rows: Vec<Row<'_>> = shown
        .iter()
        .skip(start)
        .take(visible)
        .map(|i| {
            let r = &l.rows[i - l.base];
            table_row(r, &defs, l.marked.contains(&r.id))
        })
        .collect();
    render_table(frame, area, v, rows, block, pos - start, theme);
    let y = area.y + area.height.saturating_sub(1);
    let note = format!(" {} of {} loaded rows ", shown.len(), l.rows.len());
    let width = area.width.saturating_sub(4);
    let text_w = u16::try_from(f.field.text().chars().count() + 2).unwrap_or(width).clamp(8, width / 2);
    let slash = Rect { x: area.x + 2, y, width: 1, height: 1 };
    let field = Rect { x: area.x + 3, y, width: text_w, height: 1 };
    let count = Rect { x: field.x + text_w, y, width: width.saturating_sub(text_w + 1), height: 1 };
    frame.render_widget(Paragraph::new("/"), slash);
    if f.editing {
        frame.render_widget(f.field.widget(), field);
    } else {
        frame.render_widget(Paragraph::new(f.field.text().to_owned()), field);
    }
    frame.render_widget(Paragraph::new(note).style(theme.dim()), count);
}
