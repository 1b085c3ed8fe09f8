//! Colours: the built-in dark, light and high-contrast themes, a user theme file overriding
//! any colour, a per-profile accent (the status bar's badge and the focused border, so a
//! production portal is obvious), and `NO_COLOR` — where the focused pane keeps a double
//! border and a `▶` in its title, and marks are bold or underlined instead of coloured.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};

/// The colours a theme sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The focused border and the status bar's badge.
    pub accent: Color,
    /// Text on the accent.
    pub on_accent: Color,
    pub selected_bg: Color,
    pub selected_fg: Color,
    pub cursor_bg: Color,
    pub cursor_fg: Color,
    pub heading: Color,
    pub dim: Color,
    pub added: Color,
    pub error: Color,
}

/// The built-in themes, by the name `config.toml`'s `theme` uses.
pub const THEMES: [(&str, Palette); 3] = [
    (
        "dark",
        Palette {
            accent: Color::Cyan,
            on_accent: Color::Black,
            selected_bg: Color::Blue,
            selected_fg: Color::White,
            cursor_bg: Color::Cyan,
            cursor_fg: Color::Black,
            heading: Color::Cyan,
            dim: Color::DarkGray,
            added: Color::Green,
            error: Color::Red,
        },
    ),
    (
        "light",
        Palette {
            accent: Color::Blue,
            on_accent: Color::White,
            selected_bg: Color::LightBlue,
            selected_fg: Color::Black,
            cursor_bg: Color::Blue,
            cursor_fg: Color::White,
            heading: Color::Blue,
            dim: Color::DarkGray,
            added: Color::Green,
            error: Color::Red,
        },
    ),
    (
        "high-contrast",
        Palette {
            accent: Color::Yellow,
            on_accent: Color::Black,
            selected_bg: Color::White,
            selected_fg: Color::Black,
            cursor_bg: Color::Yellow,
            cursor_fg: Color::Black,
            heading: Color::LightYellow,
            dim: Color::White,
            added: Color::LightGreen,
            error: Color::LightRed,
        },
    ),
];

/// How the app is drawn: a palette, or (`NO_COLOR`) none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

impl Theme {
    /// The dark theme (the default).
    #[must_use]
    pub const fn dark() -> Self {
        Self { color: true, palette: THEMES[0].1 }
    }

    /// No colours at all (`NO_COLOR`).
    #[must_use]
    pub const fn no_color() -> Self {
        Self { color: false, palette: THEMES[0].1 }
    }

    /// A built-in theme by name.
    #[must_use]
    pub fn named(name: &str) -> Option<Self> {
        THEMES.iter().find(|(n, _)| *n == name).map(|(_, p)| Self { color: true, palette: *p })
    }

    /// The theme from the configuration: the named built-in theme, the user's overrides
    /// (`colour name = "red" | "#rrggbb"` lines of `theme.toml`), the profile's accent, and
    /// `NO_COLOR`. Anything it could not use is said in the warnings.
    #[must_use]
    pub fn configured(
        name: Option<&str>,
        overrides: &std::collections::BTreeMap<String, String>,
        accent: Option<&str>,
        no_color: bool,
    ) -> (Self, Vec<String>) {
        let mut warnings = Vec::new();
        let mut theme = match name {
            None => Self::dark(),
            Some(n) => Self::named(n).unwrap_or_else(|| {
                warnings.push(format!("theme {n:?} is not one of dark, light, high-contrast; using dark"));
                Self::dark()
            }),
        };
        for (key, value) in overrides {
            match (slot(&mut theme.palette, key), value.parse::<Color>()) {
                (Some(s), Ok(c)) => *s = c,
                (None, _) => warnings.push(format!(
                    "theme.toml: {key:?} is not a colour the theme has (accent, on_accent, selected_bg, selected_fg, cursor_bg, cursor_fg, heading, dim, added, error)"
                )),
                (_, Err(_)) => warnings.push(format!("theme.toml: {key} = {value:?} is not a colour")),
            }
        }
        if let Some(a) = accent {
            match a.parse::<Color>() {
                Ok(c) => theme.palette.accent = c,
                Err(_) => warnings.push(format!("the profile's color {a:?} is not a colour")),
            }
        }
        theme.color = !no_color;
        (theme, warnings)
    }

    /// The border of a pane, marked when focused: the accent colour, or without colour a
    /// double border and `▶` in the title.
    #[must_use]
    pub fn pane(&self, title: &str, focused: bool) -> Block<'static> {
        let block = Block::default().borders(Borders::ALL);
        match (focused, self.color) {
            (true, true) => block.border_style(Style::default().fg(self.palette.accent)).title(format!(" {title} ")),
            (true, false) => block
                .border_type(BorderType::Double)
                .border_style(Style::default().add_modifier(Modifier::BOLD))
                .title(format!(" ▶ {title} ")),
            (false, _) => block.title(format!(" {title} ")),
        }
    }

    /// The status bar's badge (the portal's name) in the accent colour.
    #[must_use]
    pub fn badge(&self) -> Style {
        if self.color {
            Style::default().bg(self.palette.accent).fg(self.palette.on_accent)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    /// The selected row.
    #[must_use]
    pub fn selected(&self) -> Style {
        if self.color {
            Style::default().bg(self.palette.selected_bg).fg(self.palette.selected_fg)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    /// The cell under the table's cell cursor (inside the selected row).
    #[must_use]
    pub fn cursor(&self) -> Style {
        let strong = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        if self.color { strong.bg(self.palette.cursor_bg).fg(self.palette.cursor_fg) } else { strong }
    }

    /// Headings (history groups, help sections): not to be mistaken for the selected row.
    #[must_use]
    pub fn heading(&self) -> Style {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        if self.color { bold.fg(self.palette.heading) } else { bold.add_modifier(Modifier::UNDERLINED) }
    }

    /// Dim text (labels, hints).
    #[must_use]
    pub fn dim(&self) -> Style {
        if self.color { Style::default().fg(self.palette.dim) } else { Style::default() }
    }

    /// Added text (diffs).
    #[must_use]
    pub fn added(&self) -> Style {
        if self.color {
            Style::default().fg(self.palette.added)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// Errors.
    #[must_use]
    pub fn error(&self) -> Style {
        if self.color { Style::default().fg(self.palette.error) } else { Style::default().add_modifier(Modifier::BOLD) }
    }
}

/// The palette entry a `theme.toml` key names.
fn slot<'a>(p: &'a mut Palette, key: &str) -> Option<&'a mut Color> {
    Some(match key {
        "accent" => &mut p.accent,
        "on_accent" => &mut p.on_accent,
        "selected_bg" => &mut p.selected_bg,
        "selected_fg" => &mut p.selected_fg,
        "cursor_bg" => &mut p.cursor_bg,
        "cursor_fg" => &mut p.cursor_fg,
        "heading" => &mut p.heading,
        "dim" => &mut p.dim,
        "added" => &mut p.added,
        "error" => &mut p.error,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_theme_then_the_users_colours_then_the_profiles_accent() {
        let overrides = [("dim".to_owned(), "#808080".to_owned())].into();
        let (t, warnings) = Theme::configured(Some("light"), &overrides, Some("red"), false);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(t.palette.dim, Color::Rgb(128, 128, 128));
        assert_eq!(t.palette.accent, Color::Red);
        assert_eq!(t.palette.selected_bg, Color::LightBlue, "the rest is the light theme");
    }

    #[test]
    fn what_cannot_be_used_is_said_and_the_rest_applies() {
        let overrides = [("dimm".to_owned(), "red".to_owned()), ("error".to_owned(), "reddish".to_owned())].into();
        let (t, warnings) = Theme::configured(Some("neon"), &overrides, Some("bleu"), true);
        assert_eq!(warnings.len(), 4, "{warnings:?}");
        assert!(!t.color, "NO_COLOR wins");
        assert_eq!(t.palette, Theme::dark().palette);
    }
}
