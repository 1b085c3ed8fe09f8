//! Getting things out: `y` copies a value (the table's cell, the record view's property), `Y` the record as JSON, `o` opens the
//! record in HubSpot (or shows its URL on the local CRM).

use crate::action::Action;
use crate::app::command::Command;
use crate::app::record_view::property_rows;
use crate::app::state::{AppState, DetailTab, Focus};
use crate::model::RecordRef;

/// The record under the keyboard.
fn focused_record(state: &AppState) -> Option<RecordRef> {
    match state.focus {
        Focus::Detail => state.detail.current.clone(),
        Focus::List => Some(RecordRef::new(state.list.type_id.clone()?, state.list.selected_row()?.id.clone())),
        Focus::Types => None,
    }
}

/// What `y` copies: the highlighted property's value in the record view, else the id.
fn copy_target(state: &AppState) -> Option<(String, String)> {
    if state.focus == Focus::Detail
        && state.detail.tab == DetailTab::Properties
        && let Some(rec) = state.detail.record.ready()
    {
        let rows = property_rows(rec, state.detail_properties(), &crate::app::record_view::row_order(state));
        if let Some(r) = rows.get(state.detail.cursor) {
            // The toast says what was copied: `Copied Dealership Northgate Audi`.
            let shown = crate::app::table::columns::fit_text(r.value, 40);
            return Some((r.value.to_owned(), format!("{} {shown}", r.shown_label())));
        }
    }
    if state.focus == Focus::List {
        return super::cells::copy_target(state);
    }
    let id = focused_record(state)?.id;
    Some((id.clone(), format!("id {id}")))
}

/// What `Y` copies: the loaded record, or the table row's cells.
fn json_target(state: &AppState) -> Option<String> {
    if state.focus == Focus::Detail {
        return serde_json::to_string_pretty(state.detail.record.ready()?).ok();
    }
    let row = state.list.selected_row()?;
    let props: serde_json::Map<String, serde_json::Value> =
        state.list.columns.iter().cloned().zip(row.cells.iter().map(|c| c.clone().into())).collect();
    serde_json::to_string_pretty(&serde_json::json!({ "id": row.id, "properties": props })).ok()
}

/// Copy and open.
pub fn update_share(state: &mut AppState, a: Action) -> Vec<Command> {
    let cmd = match a {
        Action::Copy => copy_target(state).map(|(text, what)| Command::Copy { text, what }),
        Action::CopyJson => json_target(state).map(|text| Command::Copy { text, what: "record JSON".into() }),
        Action::OpenWeb => match focused_record(state) {
            Some(RecordRef { type_id: t, id }) => match &state.links.web_base {
                Some(web) => Some(Command::OpenUrl { url: format!("{web}/record/{t}/{id}") }),
                None => {
                    let url = format!("{}/crm/v3/objects/{t}/{id}", state.links.api_base.trim_end_matches('/'));
                    state.bar.toast(format!("Local CRM — no web app; the record is at {url}"), false);
                    return Vec::new();
                }
            },
            None => None,
        },
        _ => None,
    };
    if cmd.is_none() {
        state.bar.toast("Nothing selected", true);
    }
    cmd.into_iter().collect()
}
