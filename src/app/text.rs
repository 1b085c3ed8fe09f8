//! Text fields (palette, go-to, quick filter, search values — one line; a note — several,
//! word-wrapped): a `ratatui-textarea` kept in the state, fed the keys the keymap leaves
//! unbound.

use ratatui_textarea::{Input, Key as TaKey, TextArea};

use crate::keymap::{Key, KeyChord};

/// A single-line text field.
#[derive(Debug, Clone, Default)]
pub struct TextField {
    area: TextArea<'static>,
}

impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        self.area.lines() == other.area.lines() && self.area.cursor() == other.area.cursor()
    }
}

impl TextField {
    /// A field holding `text`, the cursor at its end.
    #[must_use]
    pub fn with_text(text: &str) -> Self {
        let mut area = TextArea::new(vec![text.to_owned()]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Self { area }
    }

    /// An empty field of several lines, wrapped at words (a note).
    #[must_use]
    pub fn multiline() -> Self {
        let mut area = TextArea::default();
        area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        Self { area }
    }

    /// The text (of the first line: one-line fields have no other).
    #[must_use]
    pub fn text(&self) -> &str {
        self.area.lines().first().map_or("", String::as_str)
    }

    /// Every line, joined by newlines.
    #[must_use]
    pub fn all_text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// How many lines the text has.
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.area.lines().len()
    }

    /// Starts a new line at the cursor (several-line fields).
    pub fn newline(&mut self) {
        self.area.insert_newline();
    }

    /// Replaces the text (the cursor at its end).
    pub fn set_text(&mut self, text: &str) {
        let mode = self.area.wrap_mode();
        *self = Self::with_text(text);
        self.area.set_wrap_mode(mode);
    }

    /// Feeds a key; Enter never adds a line ([`TextField::newline`] does). Returns whether
    /// the text changed.
    pub fn input(&mut self, k: KeyChord) -> bool {
        if k.ctrl && k.key == Key::Char('u') {
            // As in a shell: clear to the start of the line.
            return self.area.delete_line_by_head();
        }
        let key = match k.key {
            Key::Char(c) => TaKey::Char(c),
            Key::Backspace => TaKey::Backspace,
            Key::Delete => TaKey::Delete,
            Key::Left => TaKey::Left,
            Key::Right => TaKey::Right,
            Key::Home => TaKey::Home,
            Key::End => TaKey::End,
            Key::Up => TaKey::Up,
            Key::Down => TaKey::Down,
            _ => return false,
        };
        let shift = matches!(k.key, Key::Char(c) if c.is_uppercase());
        self.area.input(Input { key, ctrl: k.ctrl, alt: k.alt, shift })
    }

    /// The widget to draw (read-only use in `view`).
    #[must_use]
    pub fn widget(&self) -> &TextArea<'static> {
        &self.area
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A walkthrough found: ctrl-u did not clear a field (ctrl-w did).
    #[test]
    fn ctrl_u_clears_to_the_start() {
        let mut f = TextField::with_text("vin=ABC");
        assert!(f.input(KeyChord { key: Key::Char('u'), ctrl: true, alt: false }));
        assert_eq!(f.text(), "");
    }
}
