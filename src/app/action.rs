//! Bindable intents, named as in `assets/keymap.toml`.

use serde::{Deserialize, Serialize};

/// What a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    Open,
    Back,
    Refresh,
    NextTab,
    PrevTab,
    Help,
    Palette,
    Filter,
    GoTo,
    Copy,
    CopyJson,
    OpenWeb,
    Columns,
    Toggle,
}

impl Action {
    /// Every action, for the help screen and the palette.
    pub const ALL: &[Self] = &[
        Self::Up,
        Self::Down,
        Self::PageUp,
        Self::PageDown,
        Self::Top,
        Self::Bottom,
        Self::NextPane,
        Self::PrevPane,
        Self::Open,
        Self::Back,
        Self::NextTab,
        Self::PrevTab,
        Self::Refresh,
        Self::Filter,
        Self::GoTo,
        Self::Copy,
        Self::CopyJson,
        Self::OpenWeb,
        Self::Columns,
        Self::Toggle,
        Self::Palette,
        Self::Help,
        Self::Quit,
    ];

    /// A short description for help and the palette.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::Quit => "quit",
            Self::Up => "move up",
            Self::Down => "move down",
            Self::PageUp => "page up",
            Self::PageDown => "page down",
            Self::Top => "first row",
            Self::Bottom => "last row",
            Self::NextPane => "next pane",
            Self::PrevPane => "previous pane",
            Self::Open => "open / confirm",
            Self::Back => "back / close",
            Self::Refresh => "reload or retry",
            Self::NextTab => "next record tab",
            Self::PrevTab => "previous record tab",
            Self::Help => "this help",
            Self::Palette => "command palette",
            Self::Filter => "filter loaded rows",
            Self::GoTo => "go to id / unique value",
            Self::Copy => "copy id or value",
            Self::CopyJson => "copy record JSON",
            Self::OpenWeb => "open in HubSpot / URL",
            Self::Columns => "choose table columns",
            Self::Toggle => "toggle item",
        }
    }
}
