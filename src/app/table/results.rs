//! The table's answers: pages and slices go into the window (if they are the one request in
//! flight — anything else is stale and dropped), then the next request the selection needs.

use super::paging::{Edge, Target, keep_visible, maybe_fetch, place_page, place_slice, reach_target};
use super::state::{RecordListState, RecordRow};
use crate::app::command::Command;
use crate::app::msg::TableMsg;
use crate::app::state::ReqIds;
use crate::model::SimplePublicObject;

/// What an answer did besides the table: the status line to show (`Some(None)` clears it).
#[derive(Debug, Default)]
pub struct Reply {
    pub cmds: Vec<Command>,
    pub status: Option<Option<String>>,
}

/// A record as a table row of these columns.
#[must_use]
pub fn row(columns: &[String], r: &SimplePublicObject) -> RecordRow {
    RecordRow {
        id: r.id.clone(),
        cells: columns.iter().map(|c| r.properties.get(c).cloned().flatten().unwrap_or_default()).collect(),
    }
}

/// Applies one of the table's answers; `visible` is how many rows the screen shows.
pub fn update(l: &mut RecordListState, ids: &mut ReqIds, visible: usize, m: TableMsg) -> Reply {
    match m {
        TableMsg::PageLoaded { req, records, next_after, search } if l.in_flight == Some(req) => {
            l.in_flight = None;
            if let (Some(info), Some(active)) = (search, l.search.as_mut()) {
                active.total = Some(info.total);
                active.past_cap |= info.past_cap;
                active.capped = info.capped;
            }
            let rows = records.iter().map(|r| row(&l.columns, r)).collect();
            let Some(Target::Page(page)) = l.in_flight_target.take() else {
                return Reply { cmds: Vec::new(), status: Some(None) };
            };
            place_page(l, page, rows, next_after);
            Reply { cmds: settle(l, ids, visible), status: Some(None) }
        }
        TableMsg::SliceLoaded { req, records, total } if l.in_flight == Some(req) => {
            l.in_flight = None;
            let rows = records.iter().map(|r| row(&l.columns, r)).collect();
            if let Some(Target::Slice(edge)) = l.in_flight_target.take() {
                place_slice(l, &edge, rows, total);
                if edge == Edge::Last && l.after_jump != 0 {
                    // Moves pressed while the jump loaded count from the last row.
                    let last = isize::try_from(l.end().saturating_sub(1)).unwrap_or(isize::MAX);
                    l.target = Some(usize::try_from((last + l.after_jump).max(0)).unwrap_or(0));
                    l.after_jump = 0;
                }
            }
            Reply { cmds: settle(l, ids, visible), status: None }
        }
        TableMsg::Matches { req, total } if l.search.as_ref().is_some_and(|s| s.counting == Some(req)) => {
            if let Some(s) = l.search.as_mut() {
                s.counting = None;
                if let Ok(n) = total {
                    s.total = Some(n);
                }
            }
            Reply::default()
        }
        TableMsg::PageFailed { req, error } if l.in_flight == Some(req) => {
            l.in_flight = None;
            l.target = None;
            l.error = Some(error.clone());
            Reply { cmds: Vec::new(), status: Some(Some(error)) }
        }
        // Stale: the user has moved on.
        _ => Reply::default(),
    }
}

/// After rows arrived: the selection moves on towards its target, stays on screen, and the
/// next page is asked for if it is needed.
fn settle(l: &mut RecordListState, ids: &mut ReqIds, visible: usize) -> Vec<Command> {
    reach_target(l);
    keep_visible(l, visible);
    maybe_fetch(l, ids, visible)
}
