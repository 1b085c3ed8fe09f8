//! Key bindings: `assets/keymap.toml` per context, user overrides from the config directory,
//! keys written as strings (`"j"`, `"ctrl-d"`, `"shift-tab"`) parsed into [`KeyChord`]s.
//! Resolution is pure: modal context, then the focused pane, then global.

use std::collections::BTreeMap;
use std::fmt;

use crate::action::Action;

const DEFAULTS: &str = include_str!("../assets/keymap.toml");

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

/// A key with modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    pub key: Key,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeyChord {
    /// A plain key.
    #[must_use]
    pub fn plain(key: Key) -> Self {
        Self { key, ctrl: false, alt: false }
    }

    /// Parses `"j"`, `"G"`, `"ctrl-d"`, `"alt-x"`, `"shift-tab"`, `"enter"`, `"f1"`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let key = match rest {
            "enter" => Key::Enter,
            "esc" => Key::Esc,
            "tab" => Key::Tab,
            "shift-tab" | "backtab" => Key::BackTab,
            "backspace" => Key::Backspace,
            "delete" => Key::Delete,
            "up" => Key::Up,
            "down" => Key::Down,
            "left" => Key::Left,
            "right" => Key::Right,
            "pageup" => Key::PageUp,
            "pagedown" => Key::PageDown,
            "home" => Key::Home,
            "end" => Key::End,
            "space" => Key::Char(' '),
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                Key::F(f[1..].parse().unwrap_or(1))
            }
            c if c.chars().count() == 1 => Key::Char(c.chars().next().unwrap_or(' ')),
            other => return Err(format!("unknown key {other:?} in {s:?}")),
        };
        Ok(Self { key, ctrl, alt })
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::Enter => f.write_str("enter"),
            Key::Esc => f.write_str("esc"),
            Key::Tab => f.write_str("tab"),
            Key::BackTab => f.write_str("shift-tab"),
            Key::Backspace => f.write_str("backspace"),
            Key::Delete => f.write_str("delete"),
            Key::Up => f.write_str("up"),
            Key::Down => f.write_str("down"),
            Key::Left => f.write_str("left"),
            Key::Right => f.write_str("right"),
            Key::PageUp => f.write_str("pageup"),
            Key::PageDown => f.write_str("pagedown"),
            Key::Home => f.write_str("home"),
            Key::End => f.write_str("end"),
            Key::F(n) => write!(f, "f{n}"),
        }
    }
}

/// Where a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Types,
    List,
    Detail,
    Help,
    Palette,
    Prompt,
    Picker,
    Search,
    Changes,
    Confirm,
    Form,
    Import,
    Log,
    Props,
    PropForm,
    Freq,
    Board,
}

impl Context {
    /// Every context, in help order.
    pub const ALL: [Self; 18] = [
        Self::Global,
        Self::Types,
        Self::List,
        Self::Detail,
        Self::Changes,
        Self::Search,
        Self::Form,
        Self::Import,
        Self::Log,
        Self::Props,
        Self::PropForm,
        Self::Freq,
        Self::Board,
        Self::Confirm,
        Self::Picker,
        Self::Palette,
        Self::Prompt,
        Self::Help,
    ];

    /// Overlays and text fields: only their own bindings apply (no global fallback), and in
    /// the text-entry ones unbound keys are typed.
    #[must_use]
    pub fn is_modal(self) -> bool {
        matches!(
            self,
            Self::Help
                | Self::Palette
                | Self::Prompt
                | Self::Picker
                | Self::Search
                | Self::Changes
                | Self::Confirm
                | Self::Form
                | Self::Import
                | Self::Log
                | Self::Props
                | Self::PropForm
                | Self::Freq
                | Self::Board
        )
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "global" => Self::Global,
            "types" => Self::Types,
            "list" => Self::List,
            "detail" => Self::Detail,
            "help" => Self::Help,
            "palette" => Self::Palette,
            "prompt" => Self::Prompt,
            "picker" => Self::Picker,
            "search" => Self::Search,
            "changes" => Self::Changes,
            "confirm" => Self::Confirm,
            "form" => Self::Form,
            "import" => Self::Import,
            "log" => Self::Log,
            "props" => Self::Props,
            "propform" => Self::PropForm,
            "freq" => Self::Freq,
            "board" => Self::Board,
            _ => return None,
        })
    }

    /// The table name in keymap.toml.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Types => "types",
            Self::List => "list",
            Self::Detail => "detail",
            Self::Help => "help",
            Self::Palette => "palette",
            Self::Prompt => "prompt",
            Self::Picker => "picker",
            Self::Search => "search",
            Self::Changes => "changes",
            Self::Confirm => "confirm",
            Self::Form => "form",
            Self::Import => "import",
            Self::Log => "log",
            Self::Props => "props",
            Self::PropForm => "propform",
            Self::Freq => "freq",
            Self::Board => "board",
        }
    }
}

/// The resolved bindings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keymap {
    bindings: BTreeMap<(Context, KeyChord), Action>,
}

impl Keymap {
    /// The shipped defaults.
    pub fn defaults() -> Result<Self, String> {
        let mut k = Self::default();
        k.apply("assets/keymap.toml", DEFAULTS)?;
        Ok(k)
    }

    /// Applies a keymap file's text over the current bindings (per key); any bad line is an
    /// error naming the file, table and key.
    pub fn apply(&mut self, file: &str, text: &str) -> Result<(), String> {
        match self.apply_lines(file, text)?.into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Applies every good line of a keymap file and returns the bad ones, each named by file,
    /// table and key (the user's file: a typo must not keep the app from starting). Only text
    /// that is not TOML at all is an error.
    pub fn apply_lines(&mut self, file: &str, text: &str) -> Result<Vec<String>, String> {
        let tables: BTreeMap<String, BTreeMap<String, toml::Value>> =
            toml::from_str(text).map_err(|e| format!("{file}: {}", e.message()))?;
        let mut problems = Vec::new();
        for (ctx_name, keys) in tables {
            let Some(ctx) = Context::parse(&ctx_name) else {
                problems.push(format!("{file}: unknown context [{ctx_name}] (ignored)"));
                continue;
            };
            for (key, action) in keys {
                let chord = match KeyChord::parse(&key) {
                    Ok(c) => c,
                    Err(e) => {
                        problems.push(format!("{file} [{ctx_name}]: {e} (ignored)"));
                        continue;
                    }
                };
                let parsed = action
                    .as_str()
                    .and_then(|a| serde_json::from_value::<Action>(serde_json::Value::String(a.to_owned())).ok());
                match parsed {
                    Some(a) => {
                        self.bindings.insert((ctx, chord), a);
                    }
                    None => problems.push(format!("{file} [{ctx_name}] {key:?}: unknown action {action} (ignored)")),
                }
            }
        }
        Ok(problems)
    }

    /// The defaults with the user's overrides (if the file exists), and what was wrong with
    /// the user's file: bad lines are skipped, a file that cannot be read or parsed is skipped
    /// whole. Only broken defaults are an error.
    pub fn load(user_file: &std::path::Path) -> Result<(Self, Vec<String>), String> {
        let mut k = Self::defaults()?;
        let name = user_file.display().to_string();
        let problems = match std::fs::read_to_string(user_file) {
            Ok(text) => {
                let mut trial = k.clone();
                match trial.apply_lines(&name, &text) {
                    Ok(p) => {
                        k = trial;
                        p
                    }
                    Err(e) => vec![format!("{e} (the file is ignored)")],
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => vec![format!("{name}: {e} (the file is ignored)")],
        };
        Ok((k, problems))
    }

    /// The action of a key: the context's binding, else the global one (except in overlays).
    #[must_use]
    pub fn resolve(&self, ctx: Context, key: KeyChord) -> Option<Action> {
        self.bindings
            .get(&(ctx, key))
            .copied()
            .or_else(|| if ctx.is_modal() { None } else { self.bindings.get(&(Context::Global, key)).copied() })
    }

    /// The keys bound to an action in a context (and globally), for help and hints.
    #[must_use]
    pub fn keys_for(&self, ctx: Context, action: Action) -> Vec<KeyChord> {
        self.bindings
            .iter()
            .filter(|((c, _), a)| (*c == ctx || (*c == Context::Global && !ctx.is_modal())) && **a == action)
            .map(|((_, k), _)| *k)
            .collect()
    }

    /// Every binding, for the help screen.
    pub fn all(&self) -> impl Iterator<Item = (Context, KeyChord, Action)> + '_ {
        self.bindings.iter().map(|((c, k), a)| (*c, *k, *a))
    }
}
