//! Pure geometry shared by `update` (scrolling) and `view` (drawing).

/// Smallest usable terminal.
pub const MIN_SIZE: (u16, u16) = (60, 16);

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
