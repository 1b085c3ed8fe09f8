//! `E` in the table: export the records shown — every record of the type, the recycle bin,
//! or every match of the search shown (past HubSpot's 10,000 cap when in id order) — with
//! the visible columns, to a CSV, JSON or JSON-lines file named in a prompt.

use crate::app::command::Command;
use crate::app::modal::{Modal, Prompt, PromptKind};
use crate::app::state::AppState;
use crate::app::text::TextField;
use crate::export::Format;

/// A file name for today's export of a type: `cars-2026-12-01.csv`.
fn default_path(state: &AppState) -> String {
    let label = crate::app::record_view::type_label(state, state.list.type_id.as_deref().unwrap_or("records"));
    let slug: String = label
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    // Dated to the minute, so a second export does not run into the first.
    let ms = i64::try_from(state.bar.now_ms).unwrap_or(0);
    let at = crate::timefmt::iso_from_ms(ms);
    let stamp = match (at.get(..10), at.get(11..13), at.get(14..16)) {
        (Some(day), Some(h), Some(m)) => format!("{day}-{h}{m}"),
        _ => "export".to_owned(),
    };
    format!("{slug}-{stamp}.csv")
}

/// `E`: asks where to write (a suggested name in the current directory).
pub fn ask_path(state: &mut AppState) -> Vec<Command> {
    if state.list.type_id.is_none() {
        state.bar.toast("Choose an object type first", true);
        return Vec::new();
    }
    let mut p = Prompt::new(PromptKind::ExportPath);
    p.field = TextField::with_text(&default_path(state));
    if state.list.filter.is_some() {
        p.question = Some(
            "Export the records of this view to (.csv, .json or .jsonl) — every one of them: the / filter narrows only the rows loaded on screen:"
                .into(),
        );
    }
    state.modal = Modal::Prompt(p);
    Vec::new()
}

/// Enter in the prompt: starts the export (the format from the file's extension).
pub fn submit(state: &mut AppState) -> Vec<Command> {
    let Modal::Prompt(p) = &mut state.modal else { return Vec::new() };
    let path = p.field.text().trim().to_owned();
    if path.is_empty() || Format::of_path(&path).is_none() {
        p.error = Some("Name a .csv, .json or .jsonl file (the extension says the format)".into());
        return Vec::new();
    }
    let Some(type_id) = state.list.type_id.clone() else { return Vec::new() };
    state.modal = Modal::None;
    let l = &state.list;
    let search = l.search.as_ref().map(|s| Box::new(s.request.clone()));
    let by_id = l.search.as_ref().is_none_or(|s| s.by_id);
    let total = match &l.search {
        Some(s) => s.total,
        None if l.archived => None,
        None => state.types.counts.get(&type_id).copied(),
    };
    let (columns, archived) = (l.columns.clone(), l.archived);
    let req = state.req();
    state.reading.push(req);
    state.bar.toast(format!("Exporting to {path}…"), false);
    vec![Command::Export { req, type_id, path, columns, search, by_id, archived, total }]
}

/// How an export went: the toast says where and how many; a file that was there already
/// brings the prompt back with the name, to change it.
pub fn exported(
    state: &mut AppState,
    req: crate::app::state::ReqId,
    (path, count): (String, usize),
    note: Option<String>,
    error: Option<String>,
    exists: bool,
) -> Vec<Command> {
    if !state.finish(req) {
        return Vec::new();
    }
    state.bar.progress = None;
    if exists && state.modal == crate::app::modal::Modal::None {
        // Back to the prompt with the name, to change it.
        let mut p = crate::app::modal::Prompt::new(crate::app::modal::PromptKind::ExportPath);
        p.field = crate::app::text::TextField::with_text(&path);
        p.error = error;
        state.modal = crate::app::modal::Modal::Prompt(p);
        return Vec::new();
    }
    match error {
        None => {
            let note = note.map(|n| format!(" — {n}")).unwrap_or_default();
            state.bar.toast(
                format!("Exported {} records to {path}{note}", crate::app::record_view::group_count(count)),
                false,
            );
        }
        Some(e) => state.bar.toast(
            format!("Export to {path} failed after {} records: {e}", crate::app::record_view::group_count(count)),
            true,
        ),
    }
    Vec::new()
}
