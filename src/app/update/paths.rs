//! Tab in the import and export prompts: completes the file path typed so far, as a shell
//! does — as far as every candidate agrees, then lists the candidates under the field.

use crate::app::command::Command;
use crate::app::modal::Modal;
use crate::app::state::AppState;

/// Tab: asks the runtime what the typed path could be.
pub fn complete_prompt(state: &mut AppState) -> Vec<Command> {
    let req = state.req();
    let Modal::Prompt(p) = &mut state.modal else { return Vec::new() };
    p.completing = Some(req);
    let typed = p.field.text().to_owned();
    state.reading.push(req);
    vec![Command::CompletePath { req, typed }]
}

/// The longest start every name shares.
fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else { return String::new() };
    let mut end = first.len();
    for n in &names[1..] {
        end = end.min(first.bytes().zip(n.bytes()).take_while(|(a, b)| a == b).count());
    }
    while !first.is_char_boundary(end) {
        end -= 1;
    }
    first[..end].to_owned()
}

/// The candidates arrived: complete as far as they agree, list them when several remain.
pub fn found(state: &mut AppState, req: crate::app::state::ReqId, typed: &str, names: &[String]) -> Vec<Command> {
    if !state.finish(req) {
        return Vec::new();
    }
    let Modal::Prompt(p) = &mut state.modal else { return Vec::new() };
    if p.completing != Some(req) || p.field.text() != typed {
        // Typed on meanwhile: the answer is about an older text.
        return Vec::new();
    }
    p.completing = None;
    let folder = typed.rfind('/').map_or("", |i| &typed[..=i]);
    let part = &typed[folder.len()..];
    let prefix = common_prefix(names);
    if prefix.len() > part.len() {
        p.field.set_text(&format!("{folder}{prefix}"));
    }
    p.hint = match names.len() {
        0 => Some(format!("nothing in {} starts with {part:?}", if folder.is_empty() { "." } else { folder })),
        1 => None,
        n => {
            let shown: Vec<&str> = names.iter().take(12).map(String::as_str).collect();
            let more = if n > 12 { format!(" … and {} more", n - 12) } else { String::new() };
            Some(format!("{}{more}", shown.join("  ")))
        }
    };
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::common_prefix;

    #[test]
    fn the_shared_start_of_the_names() {
        let names = ["cars-2026.csv".to_owned(), "cars-2025.csv".to_owned(), "cars.json".to_owned()];
        assert_eq!(common_prefix(&names), "cars");
        assert_eq!(common_prefix(&["only/".to_owned()]), "only/");
        assert_eq!(common_prefix(&[]), "");
    }
}
