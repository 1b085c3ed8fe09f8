//! The board's keys and answers (its state is `app::board`).

use crate::action::Action;
use crate::app::board::{self, BoardView, PAGE};
use crate::app::command::Command;
use crate::app::modal::Modal;
use crate::app::msg::BoardMsg;
use crate::app::search::FilterDraft;
use crate::app::state::{AppState, Focus};
use crate::model::id::WireId;

use super::search_request::request_of;

fn view(state: &mut AppState) -> Option<&mut BoardView> {
    super::cover::find(state, |m| match m {
        Modal::Board(v) => Some(v),
        _ => None,
    })
}

/// `b`: the board of the table's type (its first pipeline), within the table's search. Opened
/// before the type's definitions are in, it says so and goes on when they come.
pub fn open(state: &mut AppState) -> Vec<Command> {
    if state.list.archived {
        state.bar.toast("The recycle bin has no board: B goes back to the records", true);
        return Vec::new();
    }
    let Some(type_id) = state.list.type_id.clone() else {
        state.bar.toast("Open a type first: b shows its pipeline board", true);
        return Vec::new();
    };
    let (pipeline, stage) = board::stage_properties(&type_id);
    let v = BoardView {
        type_id: type_id.clone(),
        type_label: crate::app::record_view::type_label(state, &type_id),
        pipeline_property: pipeline.to_owned(),
        stage_property: stage.to_owned(),
        amount_property: None,
        card_properties: Vec::new(),
        base: state.list.search.as_ref().map(|s| s.draft.clone()).unwrap_or_default(),
        pipelines: Vec::new(),
        pipeline: 0,
        columns: Vec::new(),
        col: 0,
        row: 0,
        marked: std::collections::BTreeSet::new(),
        needs: Vec::new(),
        picking: None,
        filled: std::collections::BTreeSet::new(),
        to_end: false,
        loading: None,
        error: None,
    };
    state.modal = Modal::Board(Box::new(v));
    if let crate::app::state::Loadable::Failed { error, .. } = &state.properties {
        let why = format!("The property definitions did not load: {error} — esc, then r reads them again");
        if let Some(v) = view(state) {
            v.error = Some(why);
        }
        return Vec::new();
    }
    definitions_ready(state)
}

/// With the type's definitions: what the cards show, what the columns sum, what stages
/// require — then the pipelines. Nothing while they are still loading (they call again).
pub fn definitions_ready(state: &mut AppState) -> Vec<Command> {
    let Some(props) = state.properties.ready().cloned() else { return Vec::new() };
    let columns = state.list.columns.clone();
    let req = state.req();
    let Some(v) = view(state).filter(|v| v.pipelines.is_empty() && v.loading.is_none() && v.error.is_none()) else {
        return Vec::new();
    };
    let (pipeline, stage) = (v.pipeline_property.clone(), v.stage_property.clone());
    if !props.iter().any(|p| p.name == stage) {
        let label = v.type_label.clone();
        state.modal = Modal::None;
        state.bar.toast(format!("{label} have no pipeline (no {stage} property): no board"), true);
        return Vec::new();
    }
    v.amount_property = board::amount_property(&v.type_id, &props);
    v.needs = needs_of(&props, &stage);
    let mut card: Vec<String> = columns.into_iter().filter(|c| *c != pipeline && *c != stage).collect();
    // Who owns it and when it closes, as HubSpot's cards show, when the table has room left.
    for extra in ["hubspot_owner_id", "closedate"] {
        if props.iter().any(|p| p.name == extra) && !card.iter().any(|c| c == extra) {
            card.push(extra.to_owned());
        }
    }
    card.truncate(4);
    v.card_properties = card;
    v.loading = Some(req);
    let type_id = v.type_id.clone();
    state.reading.push(req);
    vec![Command::FetchPipelines { req, type_id }]
}

/// The definitions a waiting board needs did not load: it says why (`r` reads them again).
pub fn definitions_failed(state: &mut AppState, error: &str) {
    if let Some(v) = view(state).filter(|v| v.pipelines.is_empty() && v.loading.is_none()) {
        v.error = Some(format!("The property definitions did not load: {error} — r reads them again"));
    }
}

/// Every column read afresh (first page and sum); the cursor stays on its stage.
fn load_all(state: &mut AppState) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    let (p, col, row) = (v.pipeline, v.col, v.row);
    v.set_pipeline(p);
    v.col = col.min(v.columns.len().saturating_sub(1));
    v.row = row;
    let n = v.columns.len();
    (0..n).flat_map(|i| load(state, i, true)).collect()
}

/// The next page of column `i` (and its sum when `sum`).
fn load(state: &mut AppState, i: usize, sum: bool) -> Vec<Command> {
    let (page_req, sum_req) = (state.req(), state.req());
    let Some(v) = view(state) else { return Vec::new() };
    let (Some(p), Some(c)) = (v.pipelines.get(v.pipeline), v.columns.get(i)) else { return Vec::new() };
    let mut draft = v.base.clone();
    for (property, value) in [(&v.pipeline_property, &p.id), (&v.stage_property, &c.stage.id)] {
        draft.and(FilterDraft {
            property: property.clone(),
            operator: "EQ".into(),
            value: value.clone(),
            ..FilterDraft::default()
        });
    }
    let mut properties = v.card_properties.clone();
    properties.extend([v.stage_property.clone(), "hs_lastmodifieddate".into()]);
    properties.extend(v.needs.iter().map(|p| p.name.clone()));
    properties.extend(v.amount_property.clone());
    let (type_id, after, amount) = (v.type_id.clone(), c.after.clone(), v.amount_property.clone());
    let mut request = match request_of(state, &draft) {
        Ok(r) => r,
        Err(e) => {
            if let Some(v) = view(state) {
                v.error = Some(format!("This board cannot be asked for: {e}"));
            }
            return Vec::new();
        }
    };
    let mut cmds = Vec::new();
    if let (true, Some(property)) = (sum, amount) {
        cmds.push(Command::SumStage {
            req: sum_req,
            type_id: type_id.clone(),
            col: i,
            request: Box::new(request.clone()),
            property,
        });
    }
    // Going to the end (`G`): the search's largest pages.
    let page = if view(state).is_some_and(|v| v.to_end && v.col == i) { 200 } else { PAGE };
    request.limit = Some(i64::try_from(page).unwrap_or(20));
    request.properties = properties;
    request.after = after.map(WireId);
    cmds.push(Command::FetchStage { req: page_req, type_id, col: i, request: Box::new(request) });
    let Some(v) = view(state) else { return Vec::new() };
    if let Some(c) = v.columns.get_mut(i) {
        c.loading = Some(page_req);
        c.error = None;
        if sum {
            c.summing = Some(sum_req);
        }
    }
    cmds
}

/// The pipelines, then each column's page and sum.
pub fn result(state: &mut AppState, m: BoardMsg) -> Vec<Command> {
    match m {
        BoardMsg::Pipelines { req, result } => {
            state.reading.retain(|r| *r != req);
            let Some(v) = view(state).filter(|v| v.loading == Some(req)) else { return Vec::new() };
            v.loading = None;
            match result {
                Ok(ps) if ps.is_empty() => v.error = Some(format!("{} have no pipelines on this portal", v.type_label)),
                Ok(ps) => {
                    v.pipelines = ps;
                    return load_all(state);
                }
                Err(e) => v.error = Some(format!("The pipelines did not load: {e} — r tries again")),
            }
        }
        BoardMsg::Stage { req, col, result } => {
            let Some(c) = view(state).and_then(|v| v.columns.get_mut(col)).filter(|c| c.loading == Some(req)) else {
                return Vec::new();
            };
            c.loading = None;
            match result {
                Ok(page) => {
                    c.total = Some(page.total);
                    c.after = page.after;
                    c.cards.extend(page.cards);
                }
                Err(e) => c.error = Some(e),
            }
            // A column read again may hold fewer cards than the cursor was on; `G` reads on
            // to the end, then goes there.
            if let Some(v) = view(state).filter(|v| v.col == col) {
                let n = v.columns[col].cards.len();
                if v.to_end && v.columns[col].after.is_some() && v.columns[col].error.is_none() {
                    return load(state, col, false);
                }
                if v.to_end {
                    v.to_end = false;
                    v.row = n.saturating_sub(1);
                }
                v.row = v.row.min(n.saturating_sub(1));
            }
        }
        BoardMsg::Sum { req, col, result } => {
            if let Some(c) = view(state).and_then(|v| v.columns.get_mut(col)).filter(|c| c.summing == Some(req)) {
                c.summing = None;
                match result {
                    Ok(s) => c.sum = Some(s),
                    Err(e) => c.error = c.error.take().or(Some(format!("sum: {e}"))),
                }
            }
        }
    }
    Vec::new()
}

/// The properties some stage requires (the table type's definitions, rules learned since
/// included).
fn needs_of(props: &[crate::model::Property], stage: &str) -> Vec<crate::model::Property> {
    props
        .iter()
        .filter(|p| p.required_when.iter().any(|r| r.controlling_property == stage) && p.writable())
        .cloned()
        .collect()
}

/// A rule was learned: the open board asks for it from now on.
pub fn refresh_needs(state: &mut AppState) {
    let props = state.properties.ready().cloned().unwrap_or_default();
    if let Some(v) = view(state) {
        v.needs = needs_of(&props, &v.stage_property);
    }
}

/// After a save: the board shows what the portal has now.
pub fn after_write(state: &mut AppState) -> Vec<Command> {
    if view(state).is_some() { load_all(state) } else { Vec::new() }
}

/// Keys on the board.
pub fn action(state: &mut AppState, a: Action) -> Vec<Command> {
    let defined = state.properties.ready().is_some();
    let Some(v) = view(state) else { return Vec::new() };
    if v.picking.is_some() {
        return pick_action(state, a);
    }
    let cards = v.columns.get(v.col).map_or(0, |c| c.cards.len());
    match a {
        Action::Left | Action::Right => {
            v.to_end = false;
            let n = v.columns.len();
            v.col = if a == Action::Left { v.col.saturating_sub(1) } else { (v.col + 1).min(n.saturating_sub(1)) };
            let cards = v.columns.get(v.col).map_or(0, |c| c.cards.len());
            v.row = v.row.min(cards.saturating_sub(1));
        }
        Action::Bottom if v.columns.get(v.col).is_some_and(|c| c.after.is_some()) => {
            v.to_end = true;
            v.row = cards.saturating_sub(1);
            let (col, busy) = (v.col, v.columns.get(v.col).is_some_and(|c| c.loading.is_some()));
            state.bar.toast("Reading the rest of the stage…", false);
            return if busy { Vec::new() } else { load(state, col, false) };
        }
        Action::Up | Action::Down | Action::Top | Action::Bottom | Action::PageUp | Action::PageDown => {
            v.row = super::nav::step(v.row, cards, a, 5);
            return more(state);
        }
        Action::Toggle => {
            if let Some(id) = v.current().map(|c| c.id.clone())
                && !v.marked.remove(&id)
            {
                v.marked.insert(id);
            }
            v.row = (v.row + 1).min(cards.saturating_sub(1));
        }
        Action::MoveLeft | Action::MoveRight => {
            return move_cards(state, Target::Step { forward: a == Action::MoveRight });
        }
        Action::Edit if v.columns.is_empty() => state.bar.toast("No stages to move to yet", true),
        Action::Edit if v.marked.is_empty() && v.current().is_none() => {
            state.bar.toast("No card here to move: j / k choose one, space marks several", true);
        }
        Action::Edit => v.picking = Some(v.col),
        Action::NextTab | Action::PrevTab if v.pipelines.len() < 2 => {
            let name = v.pipelines.first().map_or_else(String::new, |p| format!(": {}", p.label));
            let text = format!("{} have one pipeline{name} — nothing to switch to", v.type_label);
            state.bar.toast(text, false);
        }
        Action::NextTab | Action::PrevTab => {
            let n = v.pipelines.len().max(1);
            let p = if a == Action::NextTab { (v.pipeline + 1) % n } else { (v.pipeline + n - 1) % n };
            v.set_pipeline(p);
            return load_all(state);
        }
        Action::Refresh if !defined => {
            v.error = None;
            return super::list::refresh_properties(state).into_iter().collect();
        }
        Action::Refresh if v.pipelines.is_empty() => {
            let type_id = v.type_id.clone();
            let req = state.req();
            if let Some(v) = view(state) {
                (v.loading, v.error) = (Some(req), None);
            }
            state.reading.push(req);
            return vec![Command::FetchPipelines { req, type_id }];
        }
        Action::Refresh => return load_all(state),
        Action::Commit => return super::edit::commit(state),
        Action::Quit => return super::edit::quit(state),
        Action::Changes => return super::edit::open_changes(state),
        Action::Open => return open_card(state),
        Action::Back | Action::Board => state.modal = Modal::None,
        Action::Help => return super::cover::help(state),
        _ => {}
    }
    Vec::new()
}

/// Near the end of a column's cards: its next page.
fn more(state: &mut AppState) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    let col = v.col;
    let Some(c) = v.columns.get(col) else { return Vec::new() };
    if c.after.is_some() && c.loading.is_none() && v.row + 3 >= c.cards.len() {
        load(state, col, false)
    } else {
        Vec::new()
    }
}

/// Where a move goes: one stage back or on from where each card is, or a stage picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Step { forward: bool },
    Stage(usize),
}

/// `H` / `L` (or a stage picked with `m`): every marked card (in any column; else the one
/// under the cursor) staged into the stage — one back / on from where it is counting a move
/// already staged, so `L` `L` goes two.
fn move_cards(state: &mut AppState, target: Target) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    let staged = state.staged.clone();
    let Some(v) = view(state) else { return Vec::new() };
    let mut cards: Vec<_> =
        v.columns.iter().flat_map(|c| &c.cards).filter(|c| v.marked.contains(&c.id)).cloned().collect();
    if cards.is_empty() {
        cards.extend(v.current().cloned());
    }
    if cards.is_empty() {
        let why = if v.columns.get(v.col).is_some_and(|c| c.loading.is_some()) { "still loading" } else { "no cards" };
        state.bar.toast(format!("No card to move here ({why}): j / k choose one, space marks several"), true);
        return Vec::new();
    }
    let (type_id, property) = (v.type_id.clone(), v.stage_property.clone());
    let mut moves = Vec::new();
    let mut stuck = 0;
    for c in &cards {
        let old = v.stage_of(c).unwrap_or_default();
        let now = staged.value(&type_id, &c.id, &property).map_or(old.clone(), |ch| ch.new.clone());
        let at = v.columns.iter().position(|col| col.stage.id == now);
        let to = match target {
            Target::Step { forward: true } => at.and_then(|i| i.checked_add(1)),
            Target::Step { forward: false } => at.and_then(|i| i.checked_sub(1)),
            Target::Stage(i) => Some(i).filter(|i| Some(*i) != at),
        };
        match to.and_then(|i| v.columns.get(i)) {
            Some(t) => {
                let modified = c.properties.get("hs_lastmodifieddate").cloned().flatten();
                moves.push(board::Move { id: c.id.clone(), old, modified, to: t.stage.clone() });
            }
            None => stuck += 1,
        }
    }
    let (end, how) = match target {
        Target::Step { forward: true } => ("in the last stage".to_owned(), "one stage on".to_owned()),
        Target::Step { forward: false } => ("in the first stage".to_owned(), "one stage back".to_owned()),
        Target::Stage(i) => {
            let label = v.columns.get(i).map_or_else(String::new, |c| c.stage.label.clone());
            (format!("in {label}"), format!("→ {label}"))
        }
    };
    let toast = match (moves.as_slice(), stuck) {
        ([], _) => {
            state.bar.toast(format!("Already {end}"), true);
            return Vec::new();
        }
        ([m], 0) => format!("Staged: 1 card → {} — w saves", m.to.label),
        (m, 0) => format!("Staged: {} cards {how} — w saves", m.len()),
        (m, n) => format!("Staged: {} card(s) {how}; {n} already {end} — w saves", m.len()),
    };
    stage_moves(state, moves, toast)
}

/// Keys in the stage picker (`m`): move, pick, close.
fn pick_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    let (Some(at), n) = (v.picking, v.columns.len()) else { return Vec::new() };
    match a {
        Action::Up | Action::Down | Action::Top | Action::Bottom | Action::PageUp | Action::PageDown => {
            v.picking = Some(super::nav::step(at, n, a, 5));
        }
        Action::Open => {
            v.picking = None;
            return move_cards(state, Target::Stage(at));
        }
        Action::Back | Action::Edit | Action::Quit => v.picking = None,
        Action::Help => return super::cover::help(state),
        _ => {}
    }
    Vec::new()
}

/// Stages the moves — unless a stage requires a property some of the cards lack (the
/// portal's conditional rules): then the editor asks for it first, named in its title.
fn stage_moves(state: &mut AppState, moves: Vec<board::Move>, toast: String) -> Vec<Command> {
    let staged = state.staged.clone();
    let Some(v) = view(state) else { return Vec::new() };
    let (type_id, stage_property) = (v.type_id.clone(), v.stage_property.clone());
    let has = |id: &str, name: &str| {
        let staged = staged.value(&type_id, id, name).map(|c| c.new.clone());
        let shown = v.card(id).and_then(|c| c.properties.get(name).cloned().flatten());
        staged.or(shown).is_some_and(|x| !x.trim().is_empty())
    };
    let need = moves.iter().find_map(|m| v.need_for(&m.to.id, |n| has(&m.id, n)).map(|p| (p.clone(), m.to.clone())));
    if let Some((property, stage)) = need {
        let lacking: Vec<_> = moves
            .iter()
            .filter(|m| m.to == stage && !has(&m.id, &property.name))
            .map(|m| (m.id.clone(), m.modified.clone()))
            .collect();
        let cards = if lacking.len() == 1 { "the card".to_owned() } else { format!("{} cards", lacking.len()) };
        let why = format!("{} needs {} — for {cards}", stage.label, property.label);
        state.bar.toast(format!("{why}: type it, enter stages it with the move (esc: not moved)"), true);
        let fill = board::Fill { moves, lacking, why, toast };
        let e = crate::app::edit::EditField::asking(type_id, property, fill);
        super::cover::cover(state, Modal::Edit(Box::new(e)));
        return Vec::new();
    }
    v.marked.clear();
    // A value the board asked for goes when its card leaves the stage that needed it.
    let needs = v.needs.clone();
    let mut dropped = 0;
    for m in &moves {
        state.staged.stage(&type_id, &m.id, m.modified.clone(), &stage_property, &m.old, &m.to.id);
        for p in &needs {
            let needed =
                p.required_when.iter().any(|r| r.controlling_property == stage_property && r.values.contains(&m.to.id));
            let Some(v) = view(state) else { break };
            if !needed && v.filled.remove(&(m.id.clone(), p.name.clone())) {
                if let Some(rec) = state.staged.records.get_mut(&type_id).and_then(|r| r.get_mut(&m.id)) {
                    rec.props.remove(&p.name);
                }
                dropped += 1;
            }
        }
    }
    state.staged.prune();
    let toast = match moves.as_slice() {
        [m] if m.to.id == m.old => format!("Back in {}: the move is unstaged", m.to.label),
        _ => toast,
    };
    let toast = if dropped > 0 {
        format!("{toast} (and the {dropped} value(s) asked for the old stage dropped)")
    } else {
        toast
    };
    state.bar.toast(toast, false);
    vec![super::edit::journal(state)]
}

/// The editor's value for a stage's required property: on every card that lacked it, then
/// the moves (which may ask for the next property).
pub fn filled(state: &mut AppState, e: crate::app::edit::EditField, value: &str) -> Vec<Command> {
    let Some(fill) = e.then else { return Vec::new() };
    for (id, modified) in &fill.lacking {
        state.staged.stage(&e.type_id, id, modified.clone(), &e.property.name, "", value);
        if let Some(v) = view(state) {
            v.filled.insert((id.clone(), e.property.name.clone()));
        }
    }
    stage_moves(state, fill.moves, fill.toast)
}

/// Enter: the card's record in the record view.
fn open_card(state: &mut AppState) -> Vec<Command> {
    let Some(v) = view(state) else { return Vec::new() };
    let Some((type_id, id)) = v.current().map(|c| (v.type_id.clone(), c.id.clone())) else { return Vec::new() };
    let Modal::Board(board) = std::mem::take(&mut state.modal) else { return Vec::new() };
    state.detail = crate::app::state::DetailState { from_board: Some(board), ..Default::default() };
    state.focus = Focus::Detail;
    super::list::fetch_record(state, type_id, id)
}

/// Esc in a record opened from the board: the board again, read afresh (the record may have
/// been edited there), its cursor where it was.
pub fn show_again(state: &mut AppState, board: Box<BoardView>) -> Vec<Command> {
    state.modal = Modal::Board(board);
    load_all(state)
}
