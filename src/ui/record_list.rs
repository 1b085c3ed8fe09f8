//! The record table: only the visible rows are built each frame; columns fit their content
//! (`app::table::columns`), the cell cursor is marked by colour and by `›` / `▸`.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use super::Theme;
use crate::app::layout::list_rows;
use crate::app::record_view::display_value;
use crate::app::state::{RecordListState, RecordRow};
use crate::app::table::columns;
use crate::model::Property;

/// What the table needs.
pub struct ListView<'a> {
    pub list: &'a RecordListState,
    pub type_label: Option<&'a str>,
    pub properties: Option<&'a [Property]>,
    /// The type's record count, once read.
    pub count: Option<usize>,
    /// Column widths the user set for this type.
    pub widths: Option<&'a std::collections::BTreeMap<String, u16>>,
    /// Narrowed from a frequency table: esc goes back to its counts.
    pub back_to_counts: bool,
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
    let shown: Vec<&RecordRow> = l.rows[start..end].iter().collect();
    let tail = if end < l.rows.len() {
        None
    } else if let Some(e) = &l.error {
        Some(Row::new(vec![Cell::from(Line::from(format!("error: {e} — r: retry")))]).style(theme.error()))
    } else {
        l.in_flight.is_some().then(|| Row::new(vec![Cell::from("loading more…")]).style(theme.dim()))
    };
    let selected = l.selected.saturating_sub(l.base).saturating_sub(start);
    render_table(frame, area, v, Shown { rows: &shown, tail, selected }, block, theme);
}

/// The table's title: type, count (or the search and its matches), sort, position.
fn title(v: &ListView<'_>) -> String {
    let l = v.list;
    let at = if l.rows.is_empty() {
        String::new()
    } else {
        format!(" — row {}", crate::app::record_view::group_count(l.selected + 1))
    };
    let name = v.type_label.unwrap_or("Records");
    let name = if l.archived { format!("{name} — recycle bin (U restores, B back)") } else { name.to_owned() };
    let marked = if l.marked.is_empty() {
        String::new()
    } else {
        format!(" · {} selected", crate::app::record_view::group_count(l.marked.len()))
    };
    let sorted = sort_of(l)
        .map(|(p, desc)| format!(" · sorted by {} {}", label(v.properties, p), if desc { "↓" } else { "↑" }))
        .unwrap_or_default();
    if let Some(s) = l.search.as_ref().filter(|s| !s.draft.is_empty()) {
        let matches = match s.total {
            Some(1) => "1 match".to_owned(),
            Some(t) => format!("{} matches", crate::app::record_view::group_count(t)),
            None => "searching…".to_owned(),
        };
        return format!(
            "{name} · {matches}{marked}{at}{}{sorted} · {} · esc: {}",
            cap_note(l),
            s.draft.summary_with(v.properties.unwrap_or(&[])),
            if v.back_to_counts { "the counts" } else { "all" }
        );
    }
    let count = match (&l.search, v.count, l.total) {
        (Some(s), _, _) if s.total.is_some() => s.total.map(crate::app::record_view::group_count).unwrap_or_default(),
        (_, Some(n), _) if !l.archived => crate::app::record_view::group_count(n),
        (_, _, Some(t)) => crate::app::record_view::group_count(t),
        _ if l.loaded_all => crate::app::record_view::group_count(l.end()),
        _ => format!("{}+", crate::app::record_view::group_count(l.end())),
    };
    let esc = if l.search.is_some() { " · esc: unsorted" } else { "" };
    format!("{name} · {count}{marked}{at}{}{sorted}{esc}", cap_note(l))
}

/// What the title says when HubSpot's 10,000-result cap stops (or was passed by) the view.
fn cap_note(l: &RecordListState) -> &'static str {
    match &l.search {
        Some(s) if s.capped => " · stops at 10,000 (HubSpot's cap on sorted searches)",
        Some(s) if s.past_cap => " · past 10,000: continuing by id",
        _ => "",
    }
}

/// The column the table is sorted by, and whether descending.
fn sort_of(l: &RecordListState) -> Option<(&str, bool)> {
    l.search.as_ref()?.draft.sort.as_ref().map(|s| (s.property.as_str(), s.descending))
}

/// The rows a frame draws: only the visible ones, the selected one among them, and a last
/// line saying more is loading (or failed).
struct Shown<'a, 'b> {
    rows: &'b [&'a RecordRow],
    tail: Option<Row<'a>>,
    selected: usize,
}

/// The definition of each column, in column order.
fn column_defs<'a>(v: &ListView<'a>) -> Vec<Option<&'a Property>> {
    v.list.columns.iter().map(|c| v.properties.and_then(|ps| ps.iter().find(|p| p.name == *c))).collect()
}

/// A cell's text cut to its column (with `…`), numbers and dates on the right.
fn cell<'a>(text: &str, width: u16, right: bool) -> Cell<'a> {
    let line = Line::from(columns::fit_text(text, width));
    Cell::from(if right { line.alignment(Alignment::Right) } else { line })
}

/// Each column's header: its label, `▸` on the cell cursor's column, an arrow when sorted.
fn headers(v: &ListView<'_>) -> Vec<String> {
    let sort = sort_of(v.list);
    v.list
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cursor = if i == v.list.column { "▸" } else { "" };
            let arrow = match sort {
                Some((p, desc)) if p == c => {
                    if desc {
                        " ↓"
                    } else {
                        " ↑"
                    }
                }
                _ => "",
            };
            format!("{cursor}{}{arrow}", label(v.properties, c))
        })
        .collect()
}

fn render_table(
    frame: &mut Frame<'_>,
    area: Rect,
    v: &ListView<'_>,
    shown: Shown<'_, '_>,
    block: Block<'_>,
    theme: &Theme,
) {
    let l = v.list;
    let defs = column_defs(v);
    let heads = headers(v);
    let set: Vec<Option<u16>> = l.columns.iter().map(|c| v.widths.and_then(|w| w.get(c).copied())).collect();
    let widths = columns::widths(&heads, &defs, shown.rows.iter().map(|r| r.cells.as_slice()), &set);
    let id_w = shown
        .rows
        .iter()
        .map(|r| columns::text_width(&r.id) + u16::from(l.marked.contains(&r.id)))
        .max()
        .unwrap_or(4)
        .max(4);
    // Borders, the row marker and the id column take their room first.
    let room = area.width.saturating_sub(2 + MARKER_WIDTH + id_w + columns::GAP);
    let range = columns::visible(&widths, room, l.column);
    let right: Vec<bool> = defs.iter().map(|d| columns::right_aligned(*d)).collect();
    // Columns scrolled off either side are marked in the id column's header.
    let id_head = match (range.start > 0, range.end < heads.len()) {
        (true, true) => "‹ ID ›",
        (true, false) => "‹ ID",
        (false, true) => "ID ›",
        (false, false) => "ID",
    };
    let header = Row::new(std::iter::once(Cell::from(id_head)).chain(range.clone().map(|i| {
        cell(&heads[i], widths[i], right[i]).style(if i == l.column { theme.heading() } else { Style::default() })
    })))
    .style(theme.dim());
    let mut rows: Vec<Row<'_>> = shown
        .rows
        .iter()
        .map(|r| {
            let id = if l.marked.contains(&r.id) { format!("●{}", r.id) } else { r.id.clone() };
            let cells = range.clone().map(|i| {
                let raw = r.cells.get(i).map_or("", String::as_str);
                cell(&display_value(defs[i], raw), widths[i], right[i])
            });
            Row::new(std::iter::once(Cell::from(id)).chain(cells))
        })
        .collect();
    rows.extend(shown.tail);
    let constraints: Vec<Constraint> =
        std::iter::once(Constraint::Length(id_w)).chain(range.clone().map(|i| Constraint::Length(widths[i]))).collect();
    let table = Table::new(rows, constraints)
        .header(header)
        .block(block)
        .column_spacing(columns::GAP)
        .row_highlight_style(theme.selected())
        .cell_highlight_style(theme.cursor())
        .highlight_symbol("› ")
        .highlight_spacing(HighlightSpacing::Always);
    let column = (l.column >= range.start && l.column < range.end).then(|| l.column - range.start + 1);
    let mut ts = TableState::default().with_selected(Some(shown.selected)).with_selected_column(column);
    frame.render_stateful_widget(table, area, &mut ts);
}

/// The selected row's marker (`› `).
const MARKER_WIDTH: u16 = 2;

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
    let rows: Vec<&RecordRow> = shown.iter().skip(start).take(visible).map(|i| &l.rows[i - l.base]).collect();
    render_table(frame, area, v, Shown { rows: &rows, tail: None, selected: pos - start }, block, theme);
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
