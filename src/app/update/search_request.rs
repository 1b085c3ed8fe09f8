//! The search builder's derived data: the type's properties, live validation, the request
//! the draft makes (and its JSON / curl for the JSON view, built while it shows) — computed in
//! `update` whenever the draft changes, so the view only draws.

use crate::app::modal::Modal;
use crate::app::search::{Builder, SearchDraft, to_request, validate};
use crate::app::state::AppState;

/// The table type's property definitions (empty while loading).
pub fn props(state: &AppState) -> &[crate::model::Property] {
    state.properties.ready().map_or(&[], Vec::as_slice)
}

/// Re-checks the draft after a change (live validation).
pub fn revalidate(state: &mut AppState) {
    let now = i64::try_from(state.bar.now_ms).unwrap_or(i64::MAX);
    let (issues, json) = match &state.modal {
        Modal::Search(b) => {
            // The JSON and curl forms are built only while they are shown.
            let json = b.show_json.then(|| {
                request_of(state, &b.draft).map(|r| {
                    let json = serde_json::to_string_pretty(&r).unwrap_or_default();
                    (json, curl_command(&state.links.api_base, &b.type_id, &r))
                })
            });
            (validate(&b.draft, props(state), now), json)
        }
        _ => return,
    };
    let size = state.size;
    let focus = state.focus;
    if let Modal::Search(b) = &mut state.modal {
        b.issues = issues;
        b.json = json;
        clamp_json_scroll(b, size, focus);
    }
}

/// Keeps the JSON view's scroll within its text (as the view wraps it).
pub(crate) fn clamp_json_scroll(b: &mut Builder, size: (u16, u16), focus: crate::app::state::Focus) {
    let (width, height) = crate::app::layout::json_view_size(size, focus);
    let rows = match &b.json {
        Some(Ok((json, curl))) => {
            // The view's lines: a heading, the JSON, a blank, a heading, the curl command.
            let headings = ["Request body (y copies):", "", "curl (Y copies; the token stays $HUBSPOT_ACCESS_TOKEN):"];
            crate::app::layout::wrapped_rows(headings.into_iter().chain(json.lines()).chain(curl.lines()), width)
        }
        _ => 1,
    };
    // One row of slack: the view's word wrap may break a line once more than ours.
    let max = u16::try_from((rows + 1).saturating_sub(height)).unwrap_or(u16::MAX);
    b.json_scroll = b.json_scroll.min(max);
}

/// The request the builder's draft makes (for JSON, curl and running), or why not.
pub fn request_of(state: &AppState, draft: &SearchDraft) -> Result<crate::model::SearchRequest, String> {
    let now = i64::try_from(state.bar.now_ms).unwrap_or(i64::MAX);
    let mut r = to_request(draft, props(state), now, state.list.columns.clone()).map_err(|issues| {
        let n = issues.len();
        format!("{n} problem{} — fix the highlighted rows first", if n == 1 { "" } else { "s" })
    })?;
    if r.sorts.is_empty() {
        // Id order lets paging go on past HubSpot's 10,000 cap.
        r = r.sorted_by_id(crate::model::Direction::Ascending);
    }
    Ok(r)
}

/// The curl command for a search request; the token is `$HUBSPOT_ACCESS_TOKEN`, never its value.
#[must_use]
pub fn curl_command(api_base: &str, type_id: &str, r: &crate::model::SearchRequest) -> String {
    let body = serde_json::to_string(r).unwrap_or_default().replace('\'', "'\\''");
    format!(
        "curl -sS -X POST '{}/crm/v3/objects/{type_id}/search' \\\n  -H \"Authorization: Bearer $HUBSPOT_ACCESS_TOKEN\" \\\n  -H 'Content-Type: application/json' \\\n  -d '{body}'",
        api_base.trim_end_matches('/')
    )
}
