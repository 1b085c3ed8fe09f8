//! Pure geometry shared by `update` (scrolling, mouse hits) and `view` (drawing).

use ratatui::layout::{Constraint, Layout, Rect};

use super::state::Focus;

/// Smallest usable terminal.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// Below this width only the focused pane is drawn.
pub const NARROW: u16 = 90;

/// Rows of records visible in the table for a terminal size (borders, header, status bar).
#[must_use]
pub fn list_rows(size: (u16, u16)) -> usize {
    usize::from(size.1.saturating_sub(4)).max(1)
}

/// Whether the terminal is too small to draw the panes.
#[must_use]
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_SIZE.0 || size.1 < MIN_SIZE.1
}

/// Where each pane is (`None` when a narrow terminal hides it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub types: Option<Rect>,
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    pub status: Rect,
}

/// The panes for a terminal size and focus: the focused side gets the room; narrow
/// terminals show the focused pane alone.
#[must_use]
pub fn panes(size: (u16, u16), focus: Focus) -> Panes {
    let area = Rect::new(0, 0, size.0, size.1);
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    if main.width < NARROW {
        let only = |f: Focus| (focus == f).then_some(main);
        return Panes { types: only(Focus::Types), list: only(Focus::List), detail: only(Focus::Detail), status };
    }
    let list_share = if focus == Focus::Detail { 35 } else { 55 };
    let [types, list, detail] =
        Layout::horizontal([Constraint::Length(20), Constraint::Percentage(list_share), Constraint::Min(20)])
            .areas(main);
    Panes { types: Some(types), list: Some(list), detail: Some(detail), status }
}

/// Where the search builder is drawn: over the table and record view (the types pane stays
/// visible when there is room), above the status bar.
#[must_use]
pub fn builder_area(size: (u16, u16), focus: Focus) -> Rect {
    let p = panes(size, focus);
    let r = match p.types {
        Some(t) if p.list.is_some() => Rect { x: t.x + t.width, width: size.0.saturating_sub(t.width), ..p.status },
        _ => Rect::new(0, 0, size.0, size.1),
    };
    Rect { y: 0, height: size.1.saturating_sub(1), ..r }
}

/// The JSON / curl text area inside the builder (borders and the footer line taken off).
#[must_use]
pub fn json_view_size(size: (u16, u16), focus: Focus) -> (usize, usize) {
    let r = builder_area(size, focus);
    (usize::from(r.width.saturating_sub(2)).max(1), usize::from(r.height.saturating_sub(3)).max(1))
}

/// Screen rows a text takes when its lines wrap at spaces within `width` characters (as the
/// view's word wrap does).
#[must_use]
pub fn wrapped_rows<'a>(lines: impl IntoIterator<Item = &'a str>, width: usize) -> usize {
    lines.into_iter().map(|l| wrap(l, width.max(1)).len()).sum()
}

/// Splits text into lines of at most `width` characters at spaces (a longer word is split).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width {
            let head: String = line.chars().take(width).collect();
            line = line.chars().skip(width).collect();
            out.push(head);
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("go to id or unique value", 10), ["go to id", "or unique", "value"]);
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
