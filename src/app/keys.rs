//! From a key to a message: the context the state is in, the keymap's action for it, or —
//! in a text field — the key itself to type.

use super::msg::Msg;
use super::state::{AppState, Focus, Modal};
use crate::keymap::{Context, Key, KeyChord, Keymap};

/// The keymap context for the state: the overlay, a text field, else the focused pane.
#[must_use]
pub fn context(state: &AppState) -> Context {
    match &state.modal {
        Modal::Help => return Context::Help,
        Modal::Palette(_) => return Context::Palette,
        Modal::Prompt(_) => return Context::Prompt,
        Modal::Columns(_) => return Context::Picker,
        Modal::Edit(e) => return if e.is_pick() { Context::Picker } else { Context::Prompt },
        Modal::Changes { .. } => return Context::Changes,
        Modal::BulkProperty(_) => return Context::Picker,
        Modal::Import(i) => return if i.picker.is_some() { Context::Picker } else { Context::Import },
        Modal::Associate { step: crate::app::create::AssocStep::Query { .. }, .. } => return Context::Prompt,
        Modal::Associate { .. } => return Context::Picker,
        Modal::Create(f) => {
            return match (&f.editor, &f.step) {
                (Some(e), _) => {
                    if e.is_pick() {
                        Context::Picker
                    } else {
                        Context::Prompt
                    }
                }
                (None, Some(crate::app::create::AssocStep::Query { .. })) => Context::Prompt,
                (None, Some(_)) => Context::Picker,
                (None, None) => Context::Form,
            };
        }
        Modal::Confirm(_) => return Context::Confirm,
        Modal::SchemaForm(f) => return if f.typing.is_some() { Context::Prompt } else { Context::PropForm },
        Modal::Props(v) => {
            return match &v.form {
                Some(f) if f.typing.is_some() => Context::Prompt,
                Some(_) => Context::PropForm,
                None if v.filter.as_ref().is_some_and(|f| f.editing) => Context::Prompt,
                None => Context::Props,
            };
        }
        Modal::Freq(_) => return Context::Freq,
        Modal::Board(_) => return Context::Board,
        Modal::Log(v) => {
            return if v.filter.as_ref().is_some_and(|f| f.editing) { Context::Prompt } else { Context::Log };
        }
        Modal::Everywhere(_) => return Context::Picker,
        Modal::Search(b) => {
            return match &b.editor {
                Some(crate::app::search::Editor::Text { .. }) => Context::Prompt,
                Some(crate::app::search::Editor::Pick(_)) => Context::Picker,
                None => Context::Search,
            };
        }
        Modal::None => {}
    }
    match state.focus {
        Focus::Types => Context::Types,
        Focus::List if state.list.filter.as_ref().is_some_and(|f| f.editing) => Context::Prompt,
        Focus::List => Context::List,
        Focus::Detail if state.detail.filter.as_ref().is_some_and(|f| f.editing) => Context::Prompt,
        Focus::Detail => Context::Detail,
    }
}

/// The message a key sends, if any.
#[must_use]
pub fn key_msg(keymap: &Keymap, state: &AppState, key: KeyChord) -> Option<Msg> {
    let ctx = context(state);
    match keymap.resolve(ctx, key) {
        Some(a) => Some(Msg::Action(a)),
        None if matches!(ctx, Context::Palette | Context::Prompt | Context::Picker) => Some(Msg::Key(key)),
        // A row number typed in the table (then `G` goes there).
        None if ctx == Context::List
            && !key.ctrl
            && !key.alt
            && matches!(key.key, Key::Char(c) if c.is_ascii_digit()) =>
        {
            Some(Msg::Key(key))
        }
        None => None,
    }
}
