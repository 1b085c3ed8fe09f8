//! How the table's columns fit: each column as wide as its header and the visible rows need
//! (capped, or as the user set it), numbers and dates right-aligned, text cut with `…`, and
//! which columns show so the cell cursor's column is always on screen. Pure: the view and the
//! resize keys both use it.

use crate::app::record_view::display_value;
use crate::model::Property;

/// The narrowest a column gets (a resize stops here).
pub const MIN_WIDTH: u16 = 3;
/// The widest a column gets from its content alone (a resize may go past it).
pub const AUTO_MAX: u16 = 30;
/// The widest a resize makes a column.
pub const MAX_WIDTH: u16 = 120;
/// Columns are this far apart.
pub const GAP: u16 = 1;

/// Characters on screen (one cell each for the scripts HubSpot data is in).
#[must_use]
pub fn text_width(s: &str) -> u16 {
    u16::try_from(s.chars().count()).unwrap_or(u16::MAX)
}

/// Whether a column's values read right-aligned: numbers and dates.
#[must_use]
pub fn right_aligned(def: Option<&Property>) -> bool {
    def.is_some_and(|p| matches!(p.kind.as_str(), "number" | "date" | "datetime"))
}

/// `text` cut to `width` characters, with `…` where it was cut.
#[must_use]
pub fn fit_text(text: &str, width: u16) -> String {
    let width = usize::from(width);
    if text.chars().count() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out: String = text.chars().take(width - 1).collect();
    out.push('…');
    out
}

/// The width of each column: its header and visible values (capped at [`AUTO_MAX`]), or the
/// width the user gave it.
#[must_use]
pub fn widths<'a>(
    headers: &[String],
    defs: &[Option<&Property>],
    rows: impl Iterator<Item = &'a [String]>,
    set: &[Option<u16>],
) -> Vec<u16> {
    let mut w: Vec<u16> = headers.iter().map(|h| text_width(h).min(AUTO_MAX)).collect();
    for cells in rows {
        for (i, c) in cells.iter().enumerate() {
            if let Some(slot) = w.get_mut(i) {
                let shown = display_value(defs.get(i).copied().flatten(), c);
                *slot = (*slot).max(text_width(&shown).min(AUTO_MAX));
            }
        }
    }
    for (slot, s) in w.iter_mut().zip(set) {
        if let Some(s) = s {
            *slot = *s;
        }
    }
    w.iter().map(|x| (*x).max(MIN_WIDTH)).collect()
}

/// The columns that show in `room` cells: from the first that lets the cursor's column fit,
/// as many as fit after it (at least the cursor's, cut if it alone is too wide).
#[must_use]
pub fn visible(widths: &[u16], room: u16, cursor: usize) -> std::ops::Range<usize> {
    if widths.is_empty() {
        return 0..0;
    }
    let cursor = cursor.min(widths.len() - 1);
    let span = |a: usize, b: usize| widths[a..=b].iter().map(|w| u32::from(*w) + u32::from(GAP)).sum::<u32>();
    let room = u32::from(room);
    let mut first = 0;
    while first < cursor && span(first, cursor) > room {
        first += 1;
    }
    let mut end = cursor + 1;
    while end < widths.len() && span(first, end) <= room {
        end += 1;
    }
    first..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_text_ends_in_an_ellipsis() {
        assert_eq!(fit_text("Mercedes-Benz", 11), "Mercedes-B…");
        assert_eq!(fit_text("Audi", 11), "Audi");
        assert_eq!(fit_text("117,450", 7), "117,450");
        assert_eq!(fit_text("117,450", 6), "117,4…");
    }

    #[test]
    fn widths_follow_content_header_and_user_choice() {
        let headers = vec!["VIN".to_owned(), "Make".to_owned()];
        let rows = [vec!["1GC9DNGBXHU000000".to_owned(), "Kia".to_owned()]];
        let w = widths(&headers, &[None, None], rows.iter().map(Vec::as_slice), &[None, None]);
        assert_eq!(w, vec![17, 4]);
        let w = widths(&headers, &[None, None], rows.iter().map(Vec::as_slice), &[Some(8), None]);
        assert_eq!(w, vec![8, 4]);
    }

    #[test]
    fn the_cursor_column_is_always_shown() {
        let w = [10, 10, 10, 10];
        assert_eq!(visible(&w, 25, 0), 0..2);
        assert_eq!(visible(&w, 25, 3), 2..4);
        assert_eq!(visible(&w, 5, 1), 1..2, "a column too wide for the room still shows (cut)");
        assert_eq!(visible(&w, 100, 2), 0..4);
    }
}
