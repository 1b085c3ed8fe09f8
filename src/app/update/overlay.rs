//! Text-field overlays: the command palette, the go-to prompt, and typing into whichever
//! field has the keyboard.

use crate::action::Action;
use crate::app::command::Command;
use crate::app::modal::{Modal, Palette, PaletteItem, Prompt, PromptKind};
use crate::app::state::{AppState, DetailState, Focus, GoToUndo};
use crate::app::text::TextField;
use crate::keymap::KeyChord;
use crate::model::RecordRef;

/// A typed key: into the field that has the keyboard.
pub fn type_key(state: &mut AppState, k: KeyChord) -> Vec<Command> {
    match &mut state.modal {
        Modal::Palette(p) => {
            if p.field.input(k) {
                p.selected = 0;
            }
        }
        Modal::Prompt(p) => {
            if p.field.input(k) {
                p.error = None;
                p.hint = None;
            }
        }
        Modal::Columns(c) => {
            if c.field.input(k) {
                c.selected = 0;
            }
        }
        Modal::Search(b) => super::search_edit::type_key(b, k),
        Modal::Edit(e) => super::edit::type_key(e, k),
        Modal::BulkProperty(c) => {
            if c.field.input(k) {
                c.selected = 0;
            }
        }
        Modal::Create(f) => super::create::type_key(f, k),
        Modal::Import(i) => super::import::type_key(i, k),
        Modal::Associate { step, .. } => match step {
            crate::app::create::AssocStep::Query { field, .. } => {
                field.input(k);
            }
            crate::app::create::AssocStep::Type(p) => p.selected = if p.field.input(k) { 0 } else { p.selected },
            _ => {}
        },
        // The matches of every type: j / k move as in the other lists.
        Modal::Everywhere(_) if matches!(k.key, crate::keymap::Key::Char('j' | 'k')) && !k.ctrl && !k.alt => {
            let a = if k.key == crate::keymap::Key::Char('j') { Action::Down } else { Action::Up };
            return super::everywhere::action(state, a);
        }
        Modal::Log(_) => super::log::filter_key(state, k),
        Modal::Props(_) => super::props::filter_key(state, k),
        Modal::SchemaForm(f) => super::schema_form::type_key(f, k),
        Modal::Changes { .. } | Modal::Confirm(_) | Modal::Everywhere(_) | Modal::Freq(_) | Modal::Board(_) => {}
        Modal::None | Modal::Help => {
            if let Some(f) = state.list.filter.as_mut().filter(|f| f.editing) {
                if f.field.input(k) {
                    super::list::after_filter_change(state);
                }
            } else if state.focus == Focus::Detail {
                super::detail::filter_key(state, k);
            } else if let (Focus::List, crate::keymap::Key::Char(c)) = (state.focus, k.key)
                && let Some(d) = c.to_digit(10)
            {
                let n = state.list.count.unwrap_or(0).saturating_mul(10).saturating_add(d as usize);
                state.list.count = Some(n.min(999_999_999));
            }
        }
    }
    Vec::new()
}

/// Keys in the palette: move, run the highlighted action, or close.
pub fn palette_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Modal::Palette(p) = &mut state.modal else { return Vec::new() };
    let matches = p.matches();
    match a {
        Action::Back => state.modal = Modal::None,
        Action::Up => p.selected = p.selected.saturating_sub(1),
        Action::Down => p.selected = (p.selected + 1).min(matches.len().saturating_sub(1)),
        Action::Open => {
            let chosen = matches.get(p.selected).cloned();
            state.modal = Modal::None;
            match chosen {
                Some(PaletteItem::Action(a)) => return super::action(state, a),
                Some(PaletteItem::Search(name)) => {
                    let draft = state
                        .list
                        .type_id
                        .as_ref()
                        .and_then(|t| state.searches.saved.get(t))
                        .and_then(|s| s.get(&name))
                        .cloned();
                    if let Some(d) = draft {
                        return super::search::start(state, d);
                    }
                }
                Some(PaletteItem::Sort { property, descending, .. }) => {
                    let sort = crate::app::search::SortDraft { property, descending };
                    return super::cells::sort_by(state, Some(sort));
                }
                Some(PaletteItem::Unsort) => return super::cells::sort_by(state, None),
                None => {}
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Opens the palette with the table type's saved searches among the actions.
pub fn open_palette(state: &mut AppState) {
    let searches = state
        .list
        .type_id
        .as_ref()
        .and_then(|t| state.searches.saved.get(t))
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    let props = state.properties.ready().map(Vec::as_slice);
    let sorts = if state.list.type_id.is_some() && !state.list.archived {
        state.list.columns.iter().map(|c| (c.clone(), crate::app::record_view::shown_label(props, c))).collect()
    } else {
        Vec::new()
    };
    let sorted = state.list.search.as_ref().is_some_and(|s| s.draft.sort.is_some());
    state.modal = Modal::Palette(Palette { searches, sorts, sorted, ..Palette::default() });
}

/// The object type go-to looks in: the record view's, else the table's.
fn go_to_type(state: &AppState) -> Option<String> {
    match state.focus {
        Focus::Detail => {
            state.detail.current.as_ref().map(|r| r.type_id.clone()).or_else(|| state.list.type_id.clone())
        }
        _ => state.list.type_id.clone(),
    }
}

/// Opens the go-to prompt.
pub fn open_go_to(state: &mut AppState) -> Vec<Command> {
    if go_to_type(state).is_none() {
        state.bar.toast("Open an object type first", true);
        return Vec::new();
    }
    let unique = go_to_type(state).map(|t| unique_properties(state, &t)).unwrap_or_default();
    let question = match unique.as_slice() {
        [] => "Go to record — its id".to_owned(),
        [u, ..] => format!("Go to record — an id, a {} value, or property=value (e.g. {u}=…)", unique.join(" / ")),
    };
    state.modal = Modal::Prompt(Prompt { question: Some(question), ..Prompt::new(PromptKind::GoTo) });
    Vec::new()
}

/// Keys in a prompt: submit or cancel.
pub fn prompt_action(state: &mut AppState, a: Action) -> Vec<Command> {
    let Modal::Prompt(p) = &state.modal else { return Vec::new() };
    match a {
        Action::Back => {
            state.modal = Modal::None;
            Vec::new()
        }
        // A note takes several lines: enter starts a new one, ctrl-s creates it.
        Action::Open if p.kind == PromptKind::NoteBody => {
            if let Modal::Prompt(p) = &mut state.modal {
                p.field.newline();
            }
            Vec::new()
        }
        Action::Run if p.kind == PromptKind::NoteBody => submit_note(state),
        Action::Complete if p.kind == PromptKind::ImportPath || p.kind == PromptKind::ExportPath => {
            super::paths::complete_prompt(state)
        }
        Action::Open | Action::Run => match p.kind {
            PromptKind::GoTo => submit_go_to(state),
            PromptKind::MergeWith => submit_merge(state),
            PromptKind::ImportPath => super::import::read(state),
            PromptKind::ExportPath => super::export::submit(state),
            PromptKind::SearchAll => super::everywhere::submit(state),
            PromptKind::NoteBody => submit_note(state),
        },
        _ => Vec::new(),
    }
}

/// The user-facing unique properties of a type (the ones `idProperty` accepts), if known:
/// not the record id, not the creation key every type has.
fn unique_properties(state: &AppState, type_id: &str) -> Vec<String> {
    let props = state.definitions_of(type_id);
    // A contact's email is unique too (HubSpot's idProperty takes it), though not flagged so.
    let contacts = matches!(type_id, "0-1" | "contacts");
    props
        .map(|ps| {
            ps.iter()
                .filter(|p| {
                    (p.has_unique_value || (contacts && p.name == "email"))
                        && !matches!(p.name.as_str(), "hs_object_id" | "hs_unique_creation_key")
                })
                .map(|p| p.name.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The unique property `name` means: exact, else the one that matches ignoring case.
fn unique_named(name: &str, unique: &[String]) -> Result<String, String> {
    if let Some(u) = unique.iter().find(|u| *u == name) {
        return Ok(u.clone());
    }
    let folded: Vec<&String> = unique.iter().filter(|u| u.eq_ignore_ascii_case(name)).collect();
    match folded.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            let known = if unique.is_empty() { "none".to_owned() } else { unique.join(", ") };
            Err(format!("{name} is not a unique property of this type (unique: {known})"))
        }
        many => Err(format!(
            "{name} could be {}: type the name exactly",
            many.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" or ")
        )),
    }
}

/// Reads the answer into the record to open and the ways to look it up, in order (`None`: by
/// id): an id (then, if none has it, a unique property's value), `property=value` for a unique
/// property (names match ignoring case), or a bare value of any user-facing unique property.
fn parse_go_to(text: &str, unique: &[String]) -> Result<(String, Vec<Option<String>>), String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Type a record id, or property=value for a unique property".into());
    }
    if let Some((prop, value)) = text.split_once('=') {
        let (prop, value) = (prop.trim(), value.trim());
        if prop.eq_ignore_ascii_case("hs_object_id") || prop.eq_ignore_ascii_case("id") {
            return parse_go_to(value, &[]);
        }
        let prop = unique_named(prop, unique)?;
        if value.is_empty() {
            return Err(format!("Type a value after {prop}="));
        }
        return Ok((value.to_owned(), vec![Some(prop)]));
    }
    let by_value = unique.iter().cloned().map(Some);
    if text.chars().all(|c| c.is_ascii_digit()) {
        return Ok((text.to_owned(), std::iter::once(None).chain(by_value).collect()));
    }
    if unique.is_empty() {
        return Err(format!("{text:?} is not a record id, and this type has no unique property to look it up by"));
    }
    Ok((text.to_owned(), by_value.collect()))
}

fn submit_go_to(state: &mut AppState) -> Vec<Command> {
    let Some(type_id) = go_to_type(state) else { return Vec::new() };
    let unique = unique_properties(state, &type_id);
    let Modal::Prompt(p) = &mut state.modal else { return Vec::new() };
    match parse_go_to(p.field.text(), &unique) {
        Err(e) => {
            p.error = Some(e);
            Vec::new()
        }
        Ok((id, mut ways)) => {
            let text = p.field.text().to_owned();
            state.modal = Modal::None;
            state.go_to_undo = Some(Box::new(GoToUndo { detail: state.detail.clone(), focus: state.focus, text }));
            let keep = std::mem::take(&mut state.detail.properties);
            let keep_type = state.detail.properties_type.take();
            state.detail = DetailState::default();
            (state.detail.properties, state.detail.properties_type) = (keep, keep_type);
            state.focus = Focus::Detail;
            let label = state.table_type().map_or_else(|| type_id.clone(), |t| t.label.clone());
            let names: Vec<String> = ways.iter().map(|w| w.clone().unwrap_or_else(|| "id".into())).collect();
            let looked_for = format!("Not found: no {label} record has {} {id}", names.join(" or "));
            let first = if ways.is_empty() { None } else { ways.remove(0) };
            let cmds = super::list::fetch_record_by(state, type_id, id.clone(), first);
            state.detail.go_to_fallbacks = ways.into_iter().map(|w| (id.clone(), w)).collect();
            state.detail.go_to_by = Some(looked_for);
            cmds
        }
    }
}

/// Nothing has the go-to's value: back to what was shown, the prompt open again with the
/// text and the reason.
pub fn go_to_failed(state: &mut AppState, why: String) {
    let Some(undo) = state.go_to_undo.take() else { return };
    let GoToUndo { detail, focus, text } = *undo;
    state.detail = detail;
    state.focus = focus;
    let mut p = Prompt::new(PromptKind::GoTo);
    p.field = TextField::with_text(&text);
    p.error = Some(why);
    state.modal = Modal::Prompt(p);
}

/// A go-to lookup found nothing: try the next way of reading the answer, if any.
pub fn next_go_to(state: &mut AppState) -> Option<Vec<Command>> {
    if state.detail.go_to_fallbacks.is_empty() {
        return None;
    }
    let (id, way) = state.detail.go_to_fallbacks.remove(0);
    let type_id = state.detail.current.clone()?.type_id;
    let rest = std::mem::take(&mut state.detail.go_to_fallbacks);
    let by = state.detail.go_to_by.take();
    let cmds = super::list::fetch_record_by(state, type_id, id, way);
    state.detail.go_to_fallbacks = rest;
    state.detail.go_to_by = by;
    Some(cmds)
}

/// `N` in the Activities tab: ask for a note's text (it is created on the record and pinned).
pub fn open_note(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    if state.detail.current.is_none() {
        return Vec::new();
    }
    let mut p = Prompt::new(PromptKind::NoteBody);
    p.field = TextField::multiline();
    state.modal = Modal::Prompt(p);
    Vec::new()
}

/// A note's body as HubSpot keeps it: one line as it is, several as HTML paragraphs (its
/// notes are rich text, so a bare newline would run the lines together).
fn note_html(body: &str) -> String {
    if !body.contains('\n') {
        return body.to_owned();
    }
    let escape = |l: &str| l.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    body.lines().map(|l| format!("<p>{}</p>", escape(l.trim_end()))).collect()
}

fn submit_note(state: &mut AppState) -> Vec<Command> {
    let Some(on) = state.detail.current.clone() else { return Vec::new() };
    let Modal::Prompt(p) = &mut state.modal else { return Vec::new() };
    let body = p.field.all_text().trim().to_owned();
    if body.is_empty() {
        p.error = Some("Write the note first".into());
        return Vec::new();
    }
    state.modal = Modal::None;
    let req = state.req();
    state.saving.push(req);
    state.bar.toast("Creating the note and pinning it…", false);
    vec![Command::CreateNote { req, on, body: note_html(&body) }]
}

/// `M` in the record view: ask which record to merge into this one.
pub fn open_merge(state: &mut AppState) -> Vec<Command> {
    if super::refuse_write(state) {
        return Vec::new();
    }
    if state.focus != Focus::Detail || state.detail.current.is_none() {
        state.bar.toast("Open the record that should stay, then M", true);
        return Vec::new();
    }
    state.modal = Modal::Prompt(Prompt::new(PromptKind::MergeWith));
    Vec::new()
}

fn submit_merge(state: &mut AppState) -> Vec<Command> {
    let Some(RecordRef { type_id, id: primary }) = state.detail.current.clone() else { return Vec::new() };
    let Modal::Prompt(p) = &mut state.modal else { return Vec::new() };
    let other = p.field.text().trim().to_owned();
    if other.is_empty() || !other.chars().all(|c| c.is_ascii_digit()) {
        p.error = Some("Type the id of the record to merge into this one".into());
        return Vec::new();
    }
    if other == primary {
        p.error = Some("A record cannot be merged into itself".into());
        return Vec::new();
    }
    // Read the other record first: the question names it, and a wrong id is said here.
    let req = state.req();
    if let Modal::Prompt(p) = &mut state.modal {
        p.completing = Some(req);
        p.error = None;
    }
    state.reading.push(req);
    let types = state.types.list.ready().map_or(&[][..], Vec::as_slice);
    let properties = crate::app::record_view::naming_properties(types, &type_id);
    vec![Command::CheckMergeTarget { req, type_id, id: other, properties }]
}

/// The record named for a merge was read: ask (naming both), or say why not on the prompt.
pub fn merge_target(
    state: &mut AppState,
    req: crate::app::state::ReqId,
    record: Option<crate::model::SimplePublicObject>,
    (error, not_found): (Option<String>, bool),
) -> Vec<Command> {
    if !state.finish(req) {
        return Vec::new();
    }
    let Some(RecordRef { type_id, id: primary }) = state.detail.current.clone() else { return Vec::new() };
    let Modal::Prompt(p) = &mut state.modal else { return Vec::new() };
    if p.completing != Some(req) {
        return Vec::new();
    }
    p.completing = None;
    let other = p.field.text().trim().to_owned();
    let Some(rec) = record else {
        let label = crate::app::record_view::type_label(state, &type_id);
        let why = if not_found { format!("No {label} record has id {other}") } else { error.unwrap_or_default() };
        if let Modal::Prompt(p) = &mut state.modal {
            p.error = Some(why);
        }
        return Vec::new();
    };
    let types = state.types.list.ready().map_or(&[][..], Vec::as_slice);
    let other_name = format!("{} #{other}", crate::app::record_view::record_title(types, &type_id, &rec));
    let names = (crate::app::record_view::record_label(state, &type_id, &primary), other_name);
    state.modal = Modal::Confirm(crate::app::modal::Confirm::Merge { type_id, primary, other, names });
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::parse_go_to;

    #[test]
    fn go_to_reads_ids_unique_values_and_refuses_the_rest() {
        let vin = vec!["vin".to_owned()];
        assert_eq!(parse_go_to(" 123 ", &vin), Ok(("123".into(), vec![None, Some("vin".into())])));
        assert_eq!(parse_go_to("1HGBH41", &vin), Ok(("1HGBH41".into(), vec![Some("vin".into())])));
        assert_eq!(parse_go_to("vin=ABC", &vin), Ok(("ABC".into(), vec![Some("vin".into())])));
        assert!(parse_go_to("make=BMW", &vin).unwrap_err().contains("not a unique property"));
        assert!(parse_go_to("abc", &[]).unwrap_err().contains("no unique property"));
        assert!(parse_go_to("", &vin).is_err());
    }

    /// Issue 12.4: `vin=…` failed on a property named `VIN`, and a bare value failed whenever
    /// the type had a second unique property.
    #[test]
    fn go_to_matches_names_ignoring_case_and_tries_every_unique_property() {
        let two = vec!["VIN".to_owned(), "plate".to_owned()];
        assert_eq!(parse_go_to("vin=ABC", &two), Ok(("ABC".into(), vec![Some("VIN".into())])));
        assert_eq!(parse_go_to("PLATE = x1", &two), Ok(("x1".into(), vec![Some("plate".into())])));
        assert_eq!(parse_go_to("ABC", &two), Ok(("ABC".into(), vec![Some("VIN".into()), Some("plate".into())])));
        let clash = vec!["Code".to_owned(), "code".to_owned()];
        assert_eq!(parse_go_to("code=1", &clash), Ok(("1".into(), vec![Some("code".into())])));
        assert!(parse_go_to("CODE=1", &clash).unwrap_err().contains("exactly"));
    }
}
