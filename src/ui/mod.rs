//! `view`: draws the state. Pure: reads `&AppState`, never changes it.

mod board;
mod create;
mod detail;
mod edit;
mod everywhere;
mod freq;
pub mod help;
mod import;
mod log;
mod overlay;
mod prop_form;
mod props_view;
mod record_list;
mod search_builder;
mod status_bar;
pub mod theme;
mod types_pane;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph};

use crate::app::layout::{MIN_SIZE, panes, too_small};
use crate::app::state::{AppState, Focus, Modal};
use crate::keymap::Keymap;

pub use theme::Theme;

pub use crate::app::layout::NARROW;

/// Draws everything.
pub fn view(frame: &mut Frame<'_>, state: &AppState, keymap: &Keymap, theme: &Theme) {
    let area = frame.area();
    if too_small((area.width, area.height)) {
        let msg = format!(
            "Terminal too small: {}x{} (hubtui needs {}x{}). Enlarge it, or press q to quit.",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), area);
        return;
    }
    let p = panes((area.width, area.height), state.focus);
    let props = state.properties.ready().map(Vec::as_slice);
    let list_view = record_list::ListView {
        list: &state.list,
        type_label: state.table_type().map(|t| t.label.as_str()),
        properties: props,
        count: state.list.type_id.as_ref().and_then(|t| state.types.counts.get(t)).copied(),
        widths: state.list.type_id.as_ref().and_then(|t| state.prefs.widths.get(t)),
        back_to_counts: crate::app::update::narrowed_from_counts(state),
    };
    if let Some(r) = p.types {
        types_pane::render_types(frame, r, &state.types, state.focus == Focus::Types, theme);
    }
    if let Some(r) = p.list {
        record_list::render_list(frame, r, &list_view, state.focus == Focus::List, theme);
    }
    if let Some(r) = p.detail {
        let focused = state.focus == Focus::Detail;
        let staged = state
            .detail
            .current
            .as_ref()
            .and_then(|r| state.staged.records.get(&r.type_id)?.get(&r.id))
            .map(|r| &r.props);
        let view = detail::DetailView {
            d: &state.detail,
            props: state.detail_properties(),
            staged,
            order: crate::app::record_view::row_order(state),
            types: state.types.list.ready().map_or(&[][..], Vec::as_slice),
        };
        detail::render_detail(frame, r, &view, focused, theme);
    }
    status_bar::render_status(frame, p.status, state, keymap, theme);
    render_modal(frame, area, state, keymap, theme);
}

/// The overlay on top of the panes, if any, over the view it covers.
fn render_modal(frame: &mut Frame<'_>, area: Rect, state: &AppState, keymap: &Keymap, theme: &Theme) {
    if let Some(under) = state.under.last() {
        render_overlay(frame, area, under, state, keymap, theme);
    }
    render_overlay(frame, area, &state.modal, state, keymap, theme);
}

/// The context of the view help covers: its keys come first.
pub(crate) fn covered_context(state: &AppState) -> Option<crate::keymap::Context> {
    use crate::keymap::Context;
    match state.under.last()? {
        Modal::Board(_) => Some(Context::Board),
        Modal::Freq(_) => Some(Context::Freq),
        Modal::Props(v) if v.form.is_some() => Some(Context::PropForm),
        Modal::SchemaForm(_) => Some(Context::PropForm),
        Modal::Props(_) => Some(Context::Props),
        Modal::Log(_) => Some(Context::Log),
        _ => None,
    }
}

fn render_overlay(frame: &mut Frame<'_>, area: Rect, m: &Modal, state: &AppState, keymap: &Keymap, theme: &Theme) {
    match m {
        Modal::None => {}
        Modal::Help => {
            // As wide as the terminal (up to three columns of keys), above the status bar.
            let r = centered(area, area.width.min(help::HELP_MAX_WIDTH), area.height.saturating_sub(1));
            frame.render_widget(Clear, r);
            let at = (state.help_scroll, covered_context(state));
            help::render_help(frame, r, keymap, &state.about, at, theme);
        }
        Modal::Palette(pal) => overlay::render_palette(frame, area, pal, state.focus, keymap, theme),
        Modal::Prompt(pr) => overlay::render_prompt(frame, area, pr, theme),
        Modal::Columns(c) => {
            let choices = crate::app::update::column_choices(state);
            overlay::render_columns(frame, area, c, &choices, &definitions_note(state), theme);
        }
        Modal::Edit(e) => edit::render_editor(frame, area, e, theme),
        Modal::Import(i) => {
            let props = state.properties.ready().map_or(&[][..], Vec::as_slice);
            let r = Rect { height: area.height.saturating_sub(1), ..area };
            import::render_import(frame, r, i, props, theme);
        }
        Modal::Associate { step, .. } => {
            let types = type_choices(state);
            create::render_step(frame, area, step, &types, theme);
        }
        Modal::Create(f) => {
            let types = type_choices(state);
            let r = Rect { height: area.height.saturating_sub(1), ..area };
            create::render_form(frame, r, f, &types, theme);
        }
        Modal::Changes { cursor } => render_changes(frame, area, state, *cursor, theme),
        Modal::Confirm(c) => edit::render_confirm(frame, area, c, state.staged.count(), theme),
        Modal::Everywhere(e) => everywhere::render_everywhere(frame, area, e, theme),
        Modal::BulkProperty(c) => {
            let choices = crate::app::update::bulk_choices(state);
            overlay::render_picker(
                frame,
                area,
                c,
                &choices,
                ("Set which property on the selected records? enter picks", false, &definitions_note(state)),
                theme,
            );
        }
        Modal::Search(b) => render_search(frame, area, state, b, theme),
        Modal::Log(v) => log::render_log(frame, area, v, theme),
        Modal::Props(v) => props_view::render_props(frame, area, v, theme),
        Modal::SchemaForm(f) => prop_form::render_schema_form(frame, area, f, theme),
        Modal::Freq(v) => {
            freq::render_freq(frame, area, v, state.properties.ready().map_or(&[][..], Vec::as_slice), theme);
        }
        Modal::Board(v) => board::render_board(frame, area, v, state, theme),
    }
}

/// What a property picker with nothing to show says: the definitions are loading, did not
/// load (and how to read them again), or nothing matches the filter.
fn definitions_note(state: &AppState) -> String {
    match &state.properties {
        crate::app::state::Loadable::Loading { .. } => "loading the property definitions…".to_owned(),
        crate::app::state::Loadable::Failed { error, .. } => {
            format!("The property definitions did not load: {error}. esc, then r reads them again.")
        }
        _ => "no property matches the filter".to_owned(),
    }
}

/// The changeset overlay, with records and properties named as the user knows them.
fn render_changes(frame: &mut Frame<'_>, area: Rect, state: &AppState, cursor: usize, theme: &Theme) {
    let label = |t: &str, id: &str, p: &str| {
        format!(
            "{} · {}",
            crate::app::record_view::record_label(state, t, id),
            crate::app::record_view::property_label(state, t, p)
        )
    };
    // Values as the record view shows them: labels, grouped numbers, `—` for none.
    let shown = |t: &str, p: &str, value: &str| {
        if value.is_empty() {
            return "—".to_owned();
        }
        let def = state.definitions_of(t).and_then(|ps| ps.iter().find(|d| d.name == p));
        crate::app::record_view::display_value(def, value)
    };
    let v = edit::ChangesView {
        staged: &state.staged,
        cursor,
        saving: !state.saving.is_empty(),
        budget: state.bar.budget,
        label: &label,
        shown: &shown,
    };
    edit::render_changes(frame, area, &v, theme);
}

/// The search builder over the table and record view.
fn render_search(frame: &mut Frame<'_>, area: Rect, state: &AppState, b: &crate::app::search::Builder, theme: &Theme) {
    // The JSON and curl forms are built by update while they are shown.
    let request = b.json.clone().unwrap_or_else(|| Err(String::new()));
    let view = search_builder::BuilderView {
        builder: b,
        type_label: state.table_type().map_or("records", |t| t.label.as_str()),
        properties: state.properties.ready().map_or(&[], Vec::as_slice),
        request,
    };
    let r = crate::app::layout::builder_area((area.width, area.height), state.focus);
    search_builder::render_builder(frame, r, &view, theme);
}

/// `(type id, label)` of every object type.
fn type_choices(state: &AppState) -> Vec<(String, String)> {
    state
        .types
        .list
        .ready()
        .map(|ts| ts.iter().map(|t| (t.type_id.clone(), t.label.clone())).collect())
        .unwrap_or_default()
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
