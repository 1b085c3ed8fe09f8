//! The table's cell cursor and its column: move it (`<` / `>`), sort by it (`S`: ascending,
//! descending, off — through the search API, ANDed with the search shown), widen or narrow
//! it (`+` / `-`), move it (`{` / `}`), copy its cell (`y`). Widths and order are remembered
//! per type with the column choice.

use crate::action::Action;
use crate::app::command::Command;
use crate::app::layout::list_rows;
use crate::app::record_view::{display_value, shown_label};
use crate::app::search::{SearchDraft, SortDraft};
use crate::app::state::AppState;
use crate::app::table::columns;

/// The column under the cell cursor: its index and property name.
fn current(state: &AppState) -> Option<(usize, String)> {
    let l = &state.list;
    let i = l.column.min(l.columns.len().checked_sub(1)?);
    Some((i, l.columns.get(i)?.clone()))
}

/// The column's label as the table shows it.
fn label(state: &AppState, name: &str) -> String {
    shown_label(state.properties.ready().map(Vec::as_slice), name)
}

/// `<` / `>`: the cell cursor to the previous or next column.
pub fn step(state: &mut AppState, a: Action) -> Vec<Command> {
    let l = &mut state.list;
    l.column = if a == Action::Left {
        l.column.saturating_sub(1)
    } else {
        (l.column + 1).min(l.columns.len().saturating_sub(1))
    };
    if let Some((_, c)) = current(state) {
        let text = format!("Column {} — S sorts, = / ! search for this cell, + / - resize", label(state, &c));
        state.bar.toast(text, false);
    }
    Vec::new()
}

/// The sort after `S` on `column`: ascending, then descending, then none.
fn next_sort(now: Option<&SortDraft>, column: &str) -> Option<SortDraft> {
    match now {
        Some(s) if s.property == column && !s.descending => {
            Some(SortDraft { property: column.into(), descending: true })
        }
        Some(s) if s.property == column => None,
        _ => Some(SortDraft { property: column.into(), descending: false }),
    }
}

/// `S`: cycles the sort on the cursor's column.
pub fn cycle_sort(state: &mut AppState) -> Vec<Command> {
    let Some((_, column)) = current(state) else {
        state.bar.toast("No column to sort by", true);
        return Vec::new();
    };
    let now = state.list.search.as_ref().and_then(|s| s.draft.sort.clone());
    sort_by(state, next_sort(now.as_ref(), &column))
}

/// Sorts the table (the search shown keeps its filters), or (`None`) drops the sort.
pub fn sort_by(state: &mut AppState, sort: Option<SortDraft>) -> Vec<Command> {
    if state.list.archived {
        state.bar.toast("The recycle bin is listed in HubSpot's order only (no search over it)", true);
        return Vec::new();
    }
    let mut draft: SearchDraft = state.list.search.as_ref().map(|s| s.draft.clone()).unwrap_or_default();
    draft.sort = sort;
    let what = match &draft.sort {
        Some(s) => format!("Sorted by {} {}", label(state, &s.property), if s.descending { "↓" } else { "↑" }),
        None => "Unsorted".to_owned(),
    };
    state.bar.toast(what, false);
    if draft.is_empty() && draft.sort.is_none() {
        // Nothing left of the search: the plain table again.
        state.list.search = None;
        if let Some(t) = &state.list.type_id {
            state.searches.drafts.remove(t);
        }
        return super::nav::reload_rows(state);
    }
    if let Err(e) = super::search_request::request_of(state, &draft) {
        state.bar.toast(e, true);
        return Vec::new();
    }
    super::search::start(state, draft)
}

/// The width the cursor's column has now (as the table draws it).
fn width_now(state: &AppState, i: usize, name: &str) -> u16 {
    let l = &state.list;
    let props = state.properties.ready().map(Vec::as_slice);
    if let Some(w) = l.type_id.as_ref().and_then(|t| state.prefs.widths.get(t)).and_then(|w| w.get(name)) {
        return *w;
    }
    let def = props.and_then(|ps| ps.iter().find(|p| p.name == name));
    let start = l.offset.saturating_sub(l.base).min(l.rows.len());
    let end = (start + list_rows(state.size)).min(l.rows.len());
    let content = l.rows[start..end]
        .iter()
        .map(|r| columns::text_width(&display_value(def, r.cells.get(i).map_or("", String::as_str))))
        .max()
        .unwrap_or(0)
        .min(columns::AUTO_MAX);
    // The header carries the cursor's `▸` and maybe a sort arrow.
    content.max(columns::text_width(&label(state, name)) + 3).max(columns::MIN_WIDTH)
}

/// `+` / `-`: the cursor's column two cells wider or narrower (remembered).
pub fn resize(state: &mut AppState, wider: bool) -> Vec<Command> {
    let (Some((i, name)), Some(type_id)) = (current(state), state.list.type_id.clone()) else { return Vec::new() };
    let now = width_now(state, i, &name);
    let new =
        if wider { now.saturating_add(2) } else { now.saturating_sub(2) }.clamp(columns::MIN_WIDTH, columns::MAX_WIDTH);
    state.prefs.widths.entry(type_id).or_default().insert(name.clone(), new);
    state.bar.toast(format!("{} is {new} wide", label(state, &name)), false);
    vec![Command::SaveWidths { widths: state.prefs.widths.clone() }]
}

/// `{` / `}`: the cursor's column one place left or right (the cursor goes with it; the
/// order is remembered as the type's column choice).
pub fn move_column(state: &mut AppState, left: bool) -> Vec<Command> {
    let (Some((i, name)), Some(type_id)) = (current(state), state.list.type_id.clone()) else { return Vec::new() };
    let l = &mut state.list;
    let j = if left { i.checked_sub(1) } else { (i + 1 < l.columns.len()).then_some(i + 1) };
    let Some(j) = j else { return Vec::new() };
    l.columns.swap(i, j);
    for r in &mut l.rows {
        if j < r.cells.len() && i < r.cells.len() {
            r.cells.swap(i, j);
        }
    }
    l.column = j;
    if let Some(s) = &mut l.search {
        s.request.properties.clone_from(&l.columns);
    }
    state.prefs.columns.insert(type_id, state.list.columns.clone());
    let side = if left { "left" } else { "right" };
    state.bar.toast(format!("Moved {} {side}", label(state, &name)), false);
    vec![Command::SaveColumns { columns: state.prefs.columns.clone() }]
}

/// What `y` copies in the table: the cell under the cursor, as shown (numbers ungrouped),
/// and how the toast names it (`VIN 1GC9DNGBXHU000000`); the id when there are no columns.
pub fn copy_target(state: &AppState) -> Option<(String, String)> {
    let row = state.list.selected_row()?;
    let Some((i, name)) = current(state) else { return Some((row.id.clone(), format!("id {}", row.id))) };
    let raw = row.cells.get(i).map_or("", String::as_str);
    let props = state.properties.ready().map(Vec::as_slice);
    let def = props.and_then(|ps| ps.iter().find(|p| p.name == name));
    let text = if def.is_some_and(|p| p.kind == "number") { raw.to_owned() } else { display_value(def, raw) };
    let shown = columns::fit_text(&text, 40);
    Some((text, format!("{} {shown}", label(state, &name))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s_cycles_ascending_descending_off() {
        let asc = next_sort(None, "price");
        assert_eq!(asc, Some(SortDraft { property: "price".into(), descending: false }));
        let desc = next_sort(asc.as_ref(), "price");
        assert_eq!(desc, Some(SortDraft { property: "price".into(), descending: true }));
        assert_eq!(next_sort(desc.as_ref(), "price"), None);
        // Another column starts over at ascending.
        assert_eq!(next_sort(desc.as_ref(), "year"), Some(SortDraft { property: "year".into(), descending: false }));
    }
}
