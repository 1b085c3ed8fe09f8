//! The frequency table's keys and answers (its state is `app::freq`).

use crate::action::Action;
use crate::app::command::Command;
use crate::app::freq::{self, Bucket, FreqKind, FreqView};
use crate::app::modal::Modal;
use crate::app::msg::FreqMsg;
use crate::app::search::{FilterDraft, SearchDraft, SortDraft};
use crate::app::state::AppState;
use crate::model::SearchRequest;

use super::search_request::request_of;

fn view(state: &mut AppState) -> Option<&mut FreqView> {
    super::cover::find(state, |m| match m {
        Modal::Freq(v) => Some(v),
        _ => None,
    })
}

/// `f`: the frequency table of the column under the cell cursor, over the table's search.
pub fn open(state: &mut AppState) -> Vec<Command> {
    if state.list.archived {
        state.bar.toast("The recycle bin cannot be searched, so not counted: B goes back to the records", true);
        return Vec::new();
    }
    let (Some(type_id), Some(props)) = (state.list.type_id.clone(), state.properties.ready()) else {
        let why = match (&state.list.type_id, &state.properties) {
            (None, _) => "Open a type first: f counts the values of the column under the cursor".to_owned(),
            (_, crate::app::state::Loadable::Failed { error, .. }) => {
                format!("The property definitions did not load ({error}): r reads them again")
            }
            _ => "The property definitions are still loading — f again in a moment".to_owned(),
        };
        state.bar.toast(why, true);
        return Vec::new();
    };
    let col = state.list.column.min(state.list.columns.len().saturating_sub(1));
    let Some(name) = state.list.columns.get(col).cloned() else { return Vec::new() };
    let Some(property) = props.iter().find(|p| p.name == name).cloned() else {
        state.bar.toast(format!("{name} has no definition here: nothing to count"), true);
        return Vec::new();
    };
    let base = state.list.search.as_ref().map(|s| s.draft.clone()).unwrap_or_default();
    let label = crate::app::record_view::type_label(state, &type_id);
    let mut v = FreqView::new(&type_id, &label, property, base);
    if v.kind == FreqKind::Text {
        let values: Vec<String> = state.list.rows.iter().filter_map(|r| r.cells.get(col).cloned()).collect();
        v.buckets = freq::text_buckets(&v.property, &values);
    }
    state.modal = Modal::Freq(Box::new(v));
    begin(state)
}

/// Builds the buckets (reading the range first for numbers and dates) and counts them.
fn begin(state: &mut AppState) -> Vec<Command> {
    let req = state.req();
    let Some(v) = view(state) else { return Vec::new() };
    v.error = None;
    v.total = None;
    v.cursor = 0;
    match v.kind {
        FreqKind::Options => v.buckets = freq::option_buckets(&v.property),
        FreqKind::Text => {
            v.buckets.retain(|b| !b.filters.is_empty());
            v.buckets.iter_mut().for_each(|b| b.count = None);
        }
        FreqKind::Number | FreqKind::Date => {
            let (type_id, name, base) = (v.type_id.clone(), v.property.name.clone(), v.base.clone());
            v.busy = Some(req);
            v.buckets.clear();
            let ends = [false, true].map(|descending| {
                let mut d = base.clone();
                d.and(FilterDraft {
                    property: name.clone(),
                    operator: "HAS_PROPERTY".into(),
                    ..FilterDraft::default()
                });
                d.sort = Some(SortDraft { property: name.clone(), descending });
                one(state, &d, &name)
            });
            let [Ok(low), Ok(high)] = ends else { return failed(state, ends.into_iter().find_map(Result::err)) };
            state.reading.push(req);
            let requests = Box::new([low, high]);
            return vec![Command::FreqRange { req, type_id, property: name, requests }];
        }
    }
    count(state)
}

/// A `limit: 1` search for a draft, asking for `property` only.
fn one(state: &AppState, draft: &SearchDraft, property: &str) -> Result<SearchRequest, String> {
    let mut r = request_of(state, draft)?;
    r.limit = Some(1);
    r.properties = vec![property.to_owned()];
    Ok(r)
}

fn failed(state: &mut AppState, error: Option<String>) -> Vec<Command> {
    if let Some(v) = view(state) {
        v.busy = None;
        v.error = error;
    }
    Vec::new()
}

/// Counts the total, then every bucket (each ANDed with the base search).
fn count(state: &mut AppState) -> Vec<Command> {
    let req = state.req();
    let Some(v) = view(state) else { return Vec::new() };
    let (type_id, name, base) = (v.type_id.clone(), v.property.name.clone(), v.base.clone());
    let drafts: Vec<SearchDraft> =
        std::iter::once(base.clone()).chain(v.buckets.iter().map(|b| narrowed(&base, b))).collect();
    let asked = drafts.len();
    let requests: Result<Vec<SearchRequest>, String> = drafts.iter().map(|d| one(state, d, &name)).collect();
    let requests = match requests {
        Ok(r) => r,
        Err(e) => return failed(state, Some(format!("These counts cannot be asked for: {e}"))),
    };
    let Some(v) = view(state) else { return Vec::new() };
    v.busy = Some(req);
    (v.asked, v.done) = (asked, 0);
    state.reading.push(req);
    vec![Command::CountEach { req, type_id, requests }]
}

/// The base search with a bucket's filters ANDed into every group.
fn narrowed(base: &SearchDraft, b: &Bucket) -> SearchDraft {
    let mut d = base.clone();
    for f in &b.filters {
        d.and(f.clone());
    }
    d
}

/// The range, then each count as it comes, then the end.
pub fn result(state: &mut AppState, m: FreqMsg) -> Vec<Command> {
    match m {
        FreqMsg::Range { req, low, high, error } => {
            state.reading.retain(|r| *r != req);
            let Some(v) = view(state).filter(|v| v.busy == Some(req)) else { return Vec::new() };
            if error.is_some() {
                return failed(state, error);
            }
            v.buckets = buckets_between(v, low.as_deref(), high.as_deref());
            count(state)
        }
        FreqMsg::Counted { req, index, count } => {
            if let Some(v) = view(state).filter(|v| v.busy == Some(req)) {
                v.done = v.done.max(index + 1);
                keeping_cursor(v, |v| set_count(v, index, count));
            }
            Vec::new()
        }
        FreqMsg::Done { req, counts, error } => {
            state.reading.retain(|r| *r != req);
            if let Some(v) = view(state).filter(|v| v.busy == Some(req)) {
                keeping_cursor(v, |v| {
                    for (index, count) in counts.into_iter().enumerate() {
                        set_count(v, index, count);
                    }
                    v.add_other();
                });
                v.busy = None;
                v.error = error;
            }
            Vec::new()
        }
    }
}

/// Counts coming in re-sort the rows: the cursor stays on the value it was on.
fn keeping_cursor(v: &mut FreqView, change: impl FnOnce(&mut FreqView)) {
    let on = v.rows().get(v.cursor).copied();
    change(v);
    if let Some(at) = on.and_then(|b| v.rows().iter().position(|r| *r == b)) {
        v.cursor = at;
    }
}

/// Count `index` of a run: 0 the total, then the buckets in order.
fn set_count(v: &mut FreqView, index: usize, count: usize) {
    match index.checked_sub(1) {
        None => v.total = Some(count),
        Some(i) => {
            if let Some(b) = v.buckets.get_mut(i) {
                b.count = Some(count);
            }
        }
    }
}

/// Number or date buckets from the lowest and highest value found (none: no value at all).
fn buckets_between(v: &FreqView, low: Option<&str>, high: Option<&str>) -> Vec<Bucket> {
    let p = &v.property;
    let none = || freq::option_buckets(p).pop().into_iter().collect();
    let (Some(low), Some(high)) = (low, high) else { return none() };
    match v.kind {
        FreqKind::Number => match (low.parse::<f64>(), high.parse::<f64>()) {
            (Ok(a), Ok(b)) if a.is_finite() && b.is_finite() => freq::number_buckets(p, a.min(b), a.max(b)),
            _ => none(),
        },
        _ => match (freq::year_month(low), freq::year_month(high)) {
            (Some(a), Some(b)) => freq::date_buckets(p, a.min(b), a.max(b)),
            _ => none(),
        },
    }
}

/// Keys in the view.
pub fn action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    let n = v.rows().len();
    match a {
        Action::Up | Action::Down | Action::Top | Action::Bottom | Action::PageUp | Action::PageDown => {
            v.cursor = super::nav::step(v.cursor, n, a, 10);
        }
        Action::Sort => {
            v.by_count = !v.by_count;
            v.cursor = 0;
        }
        Action::Refresh => return begin(state),
        Action::Open => return narrow(state),
        Action::Back | Action::Frequency => state.modal = Modal::None,
        Action::Help => return super::cover::help(state),
        _ => {}
    }
    Vec::new()
}

/// Enter: the table narrowed to the value under the cursor (ANDed into its search); esc in
/// the table comes back here.
fn narrow(state: &mut AppState) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    let Some(b) = v.current().cloned() else { return Vec::new() };
    if b.filters.is_empty() {
        state.bar.toast(
            "(other values) is every value not listed: esc, then s opens the search builder to narrow by one",
            true,
        );
        return Vec::new();
    }
    let draft = narrowed(&v.base, &b);
    let back = v.clone();
    if let Err(e) = request_of(state, &draft) {
        state.bar.toast(e, true);
        return Vec::new();
    }
    state.modal = Modal::None;
    let cmds = super::search::start(state, draft.clone());
    state.freq_back = Some(Box::new((back, draft)));
    cmds
}

/// Whether esc in the table goes back to the frequency table it was narrowed from.
#[must_use]
pub fn can_go_back(state: &AppState) -> bool {
    state.freq_back.as_ref().is_some_and(|b| {
        state.list.search.as_ref().is_some_and(|s| s.draft == b.1)
            && state.list.type_id.as_deref() == Some(&b.0.type_id)
    })
}

/// Esc in a table narrowed from a frequency table: the search it had, and the table again.
pub fn go_back(state: &mut AppState) -> Vec<Command> {
    let Some(back) = state.freq_back.take() else { return Vec::new() };
    let (view, _) = *back;
    let cmds = if view.base == SearchDraft::default() {
        state.list.search = None;
        super::nav::reload_rows(state)
    } else {
        super::search::start(state, view.base.clone())
    };
    state.modal = Modal::Freq(Box::new(view));
    cmds
}
