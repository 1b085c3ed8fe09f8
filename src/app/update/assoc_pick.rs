//! Picking an association target, shared by the create form and the Associations tab:
//! object type → search → record → v4 label. `advance` is a pure step; the caller keeps the
//! step in its own state and runs the effect.

use std::collections::BTreeMap;

use crate::action::Action;
use crate::app::command::Command;
pub use crate::app::create::Asker;
use crate::app::create::{AssocStep, NewAssociation};
use crate::app::msg::PickMsg;
use crate::app::state::AppState;
use crate::app::text::TextField;

/// What the steps need to know about the portal.
pub struct Context {
    /// `(type id, label)` of every type.
    pub types: Vec<(String, String)>,
    /// Display columns per type (what a match is labelled with).
    pub columns: BTreeMap<String, Vec<String>>,
}

impl Context {
    /// From the loaded types.
    #[must_use]
    pub fn of(state: &AppState) -> Self {
        let ts = state.types.list.ready().map(Vec::as_slice).unwrap_or_default();
        Self {
            types: ts.iter().map(|t| (t.type_id.clone(), t.label.clone())).collect(),
            columns: ts.iter().map(|t| (t.type_id.clone(), t.columns.clone())).collect(),
        }
    }
}

/// What a step asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Search `to_type` for `query`.
    Find {
        to_type: String,
        query: String,
        properties: Vec<String>,
    },
    /// Load the labels from `from` to `to`.
    Labels {
        from: String,
        to: String,
    },
    /// The association is chosen.
    Chosen(NewAssociation),
}

/// One key in the steps; `Back` leaves them (`None` step).
#[must_use]
pub fn advance(step: AssocStep, a: Action, ctx: &Context, from: &str) -> (Option<AssocStep>, Effect) {
    if a == Action::Back {
        return (None, Effect::None);
    }
    let choose = matches!(a, Action::Open | Action::Toggle);
    let moved = |selected: usize, len: usize| match a {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(len.saturating_sub(1)),
        _ => selected,
    };
    match step {
        AssocStep::Type(mut p) => {
            let shown = p.candidates(&ctx.types);
            if choose && let Some((t, _)) = shown.get(p.selected) {
                return (Some(AssocStep::Query { to_type: t.clone(), field: TextField::default() }), Effect::None);
            }
            p.selected = moved(p.selected, shown.len());
            (Some(AssocStep::Type(p)), Effect::None)
        }
        AssocStep::Query { to_type, field } if a == Action::Open => {
            let query = field.text().trim().to_owned();
            let properties = ctx.columns.get(&to_type).cloned().unwrap_or_default();
            let next = AssocStep::Results { to_type: to_type.clone(), matches: None, selected: 0 };
            (Some(next), Effect::Find { to_type, query, properties })
        }
        AssocStep::Results { to_type, matches: Some(m), selected } => {
            if choose && let Some((id, label)) = m.get(selected) {
                let next = AssocStep::Labels {
                    to_type: to_type.clone(),
                    to_id: id.clone(),
                    to_label: label.clone(),
                    labels: None,
                    selected: 0,
                };
                return (Some(next), Effect::Labels { from: from.to_owned(), to: to_type });
            }
            let selected = moved(selected, m.len());
            (Some(AssocStep::Results { to_type, matches: Some(m), selected }), Effect::None)
        }
        AssocStep::Labels { to_type, to_id, to_label, labels: Some(l), selected } => {
            if choose && let Some((category, type_id, label)) = l.get(selected).cloned() {
                let chosen = NewAssociation { to_type, to_id, to_label, category, type_id, label };
                return (None, Effect::Chosen(chosen));
            }
            let selected = moved(selected, l.len());
            (Some(AssocStep::Labels { to_type, to_id, to_label, labels: Some(l), selected }), Effect::None)
        }
        other => (Some(other), Effect::None),
    }
}

/// The command an effect needs (a read, tracked in `reading` so its answer is not stale, and
/// in `pick_reads` with the picker that asked).
pub fn command(state: &mut AppState, e: Effect, asker: Asker) -> Vec<Command> {
    let req = state.req();
    let cmd = match e {
        Effect::Find { to_type, query, properties } => {
            Command::FindRecords { req, type_id: to_type, query, properties }
        }
        Effect::Labels { from, to } => Command::FetchLabels { req, from, to },
        Effect::None | Effect::Chosen(_) => return Vec::new(),
    };
    state.reading.push(req);
    state.pick_reads.retain(|(_, a)| *a != asker);
    state.pick_reads.push((req, asker));
    vec![cmd]
}

/// The picker that asked for the matches or labels `req` answers.
pub fn asker(state: &AppState, req: crate::app::state::ReqId) -> Option<Asker> {
    state.pick_reads.iter().find(|(r, _)| *r == req).map(|(_, a)| *a)
}

/// Puts search matches or labels into a step waiting for them (an error ends the steps).
pub fn fill(step: &mut Option<AssocStep>, m: &PickMsg) -> Option<String> {
    match (step.as_mut(), m) {
        (Some(AssocStep::Results { matches: slot, .. }), PickMsg::RecordsFound { matches, error, .. }) => match error {
            None => *slot = Some(matches.clone()),
            Some(e) => {
                *step = None;
                return Some(e.clone());
            }
        },
        (Some(AssocStep::Labels { labels: slot, .. }), PickMsg::LabelsLoaded { labels, error, .. }) => match error {
            None => *slot = Some(labels.clone()),
            Some(e) => {
                *step = None;
                return Some(e.clone());
            }
        },
        _ => {}
    }
    None
}

/// `A` in the Associations tab: start picking a target for the record shown.
pub fn open_modal(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let Some(from) = state.detail.current.clone() else { return Vec::new() };
    let step = AssocStep::Type(crate::app::modal::ColumnPicker::default());
    state.modal = crate::app::modal::Modal::Associate { from, step, many: Vec::new() };
    Vec::new()
}

/// `x` on an association: ask before removing it.
pub fn ask_dissociate(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let rows = state.detail.assoc_rows();
    let (Some(from), Some(row)) = (state.detail.current.clone(), rows.get(state.detail.cursor)) else {
        return Vec::new();
    };
    let to = crate::model::RecordRef::new(&row.object_type, &row.id);
    let names = (
        crate::app::record_view::record_label(state, &from.type_id, &from.id),
        crate::app::record_view::record_label(state, &to.type_id, &to.id),
    );
    state.modal = crate::app::modal::Modal::Confirm(crate::app::modal::Confirm::Dissociate { from, to, names });
    Vec::new()
}

/// Keys while picking a target from the Associations tab.
pub fn modal_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let ctx = Context::of(state);
    let crate::app::modal::Modal::Associate { from, step, many } = std::mem::take(&mut state.modal) else {
        return Vec::new();
    };
    let (next, effect) = advance(step, a, &ctx, &from.type_id);
    if let Some(step) = next {
        state.modal = crate::app::modal::Modal::Associate { from: from.clone(), step, many: many.clone() };
    }
    match effect {
        Effect::Chosen(c) if !many.is_empty() => {
            let req = state.req();
            state.saving.push(req);
            state.bar.toast(format!("Associating {} records to {} {}…", many.len(), c.to_type, c.to_id), false);
            state.list.marked.clear();
            let (to, assoc) = (crate::model::RecordRef::new(c.to_type, c.to_id), (c.category, c.type_id));
            vec![Command::AssociateMany { req, from_type: from.type_id, ids: many, to, assoc }]
        }
        Effect::Chosen(c) => {
            let req = state.req();
            state.saving.push(req);
            state.bar.toast(format!("Associating {} {} as {}…", c.to_type, c.to_id, c.label), false);
            let to = crate::model::RecordRef::new(c.to_type, c.to_id);
            vec![Command::Associate { req, from, to, assoc: Some((c.category, c.type_id)) }]
        }
        other => command(state, other, Asker::Associations),
    }
}

/// Matches or labels for the Associations tab's picker.
pub fn modal_result(state: &mut AppState, m: &PickMsg) -> Vec<Command> {
    let (PickMsg::RecordsFound { req, .. } | PickMsg::LabelsLoaded { req, .. }) = m;
    if !state.finish(*req) {
        return Vec::new();
    }
    let crate::app::modal::Modal::Associate { from, step, many } = std::mem::take(&mut state.modal) else {
        return Vec::new();
    };
    let mut slot = Some(step);
    if let Some(e) = fill(&mut slot, m) {
        state.bar.toast(e, true);
    }
    if let Some(step) = slot {
        state.modal = crate::app::modal::Modal::Associate { from, step, many };
    }
    Vec::new()
}
