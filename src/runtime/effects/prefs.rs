//! Choices remembered between runs, in the config directory: `columns.toml` maps an object
//! type id to its table columns, `widths.toml` to the widths set for its columns, `searches/{type}.toml` holds a type's saved searches and
//! last search. Read at start (with the drafts journal, as [`Saved`]); written on command.

use std::collections::BTreeMap;
use std::path::Path;

use crate::app::msg::Msg;
use crate::app::search::SearchDraft;
use crate::app::state::Searches;

const FILE: &str = "columns.toml";
const WIDTHS: &str = "widths.toml";

/// Column widths per type id and property.
pub type Widths = BTreeMap<String, BTreeMap<String, u16>>;

/// Everything earlier runs left for this one.
#[derive(Debug, Default)]
pub struct Saved {
    pub columns: BTreeMap<String, Vec<String>>,
    pub widths: Widths,
    pub searches: Searches,
    pub staged: crate::app::edit::Staged,
}

impl Saved {
    /// Reads the column choices, searches and journalled drafts (blocking file reads: call
    /// it before the async runtime starts).
    #[must_use]
    pub fn load(config_dir: &Path, data_dir: &Path) -> Self {
        Self {
            columns: load_columns(config_dir),
            widths: load_toml(config_dir, WIDTHS),
            searches: load_searches(config_dir),
            staged: super::drafts::load_drafts(data_dir),
        }
    }
}

/// Remembers the table columns; a notice says how it went.
pub async fn remember_columns(config_dir: &Path, columns: &BTreeMap<String, Vec<String>>) -> Msg {
    match save_columns(config_dir, columns).await {
        Ok(()) => Msg::Notice { text: "Columns saved".into(), error: false },
        Err(e) => Msg::Notice { text: format!("Columns not saved: {e}"), error: true },
    }
}

/// Remembers the column widths; only a failure shows (the resize's toast said the width).
pub async fn remember_widths(config_dir: &Path, widths: &Widths) -> Msg {
    match save_toml(config_dir, WIDTHS, widths).await {
        Ok(()) => Msg::Notice { text: String::new(), error: false },
        Err(e) => Msg::Notice { text: format!("Column widths not saved: {e}"), error: true },
    }
}

/// Remembers a type's searches; only a failure shows.
pub async fn remember_searches(
    config_dir: &Path,
    type_id: &str,
    saved: &BTreeMap<String, SearchDraft>,
    last: Option<&SearchDraft>,
) -> Msg {
    match save_searches(config_dir, type_id, saved, last).await {
        Ok(()) => Msg::Notice { text: String::new(), error: false },
        Err(e) => Msg::Notice { text: format!("Searches not saved: {e}"), error: true },
    }
}

/// The remembered columns (none when the file is missing or unreadable — logged).
#[must_use]
pub fn load_columns(config_dir: &Path) -> BTreeMap<String, Vec<String>> {
    load_toml(config_dir, FILE)
}

/// A remembered map from `file` in the config directory (empty when missing or unreadable —
/// logged).
fn load_toml<T: serde::de::DeserializeOwned + Default>(config_dir: &Path, file: &str) -> T {
    let path = config_dir.join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).unwrap_or_else(|e| {
            tracing::warn!(path = %path.display(), error = %e, "ignoring an unreadable preferences file");
            T::default()
        }),
        Err(_) => T::default(),
    }
}

/// Writes the column choices (atomically: a temp file renamed into place).
pub async fn save_columns(config_dir: &Path, columns: &BTreeMap<String, Vec<String>>) -> std::io::Result<()> {
    save_toml(config_dir, FILE, columns).await
}

/// Writes `value` to `file` in the config directory, atomically.
async fn save_toml<T: serde::Serialize>(config_dir: &Path, file: &str, value: &T) -> std::io::Result<()> {
    let text = toml::to_string(value).map_err(std::io::Error::other)?;
    super::files::write_atomic(&config_dir.join(file), text.as_bytes(), false).await
}

/// One type's searches on disk.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct SearchFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last: Option<SearchDraft>,
    #[serde(default)]
    saved: BTreeMap<String, SearchDraft>,
}

fn search_path(config_dir: &Path, type_id: &str) -> std::path::PathBuf {
    // Type ids are `2-3465404` / `0-1`; keep anything else out of the path.
    let safe: String =
        type_id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    config_dir.join("searches").join(format!("{safe}.toml"))
}

/// Every type's saved searches and last search, from `searches/*.toml`.
#[must_use]
pub fn load_searches(config_dir: &Path) -> Searches {
    let mut out = Searches::default();
    let Ok(dir) = std::fs::read_dir(config_dir.join("searches")) else { return out };
    for entry in dir.flatten() {
        let path = entry.path();
        let Some(type_id) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else { continue };
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| toml::from_str::<SearchFile>(&t).map_err(|e| e.to_string()))
        {
            Ok(f) => {
                if let Some(last) = f.last {
                    out.drafts.insert(type_id.clone(), last);
                }
                if !f.saved.is_empty() {
                    out.saved.insert(type_id, f.saved);
                }
            }
            Err(e) => tracing::warn!(path = %path.display(), error = %e, "ignoring an unreadable searches file"),
        }
    }
    out
}

/// Writes a type's searches (atomically).
pub async fn save_searches(
    config_dir: &Path,
    type_id: &str,
    saved: &BTreeMap<String, SearchDraft>,
    last: Option<&SearchDraft>,
) -> std::io::Result<()> {
    let file = SearchFile { last: last.cloned(), saved: saved.clone() };
    let text = toml::to_string(&file).map_err(std::io::Error::other)?;
    super::files::write_atomic(&search_path(config_dir, type_id), text.as_bytes(), false).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn column_choices_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_columns(dir.path()).is_empty());
        let cols = BTreeMap::from([("2-3465404".to_owned(), vec!["vin".to_owned(), "price".to_owned()])]);
        save_columns(dir.path(), &cols).await.unwrap();
        assert_eq!(load_columns(dir.path()), cols);
    }

    #[tokio::test]
    async fn searches_round_trip_per_type() {
        use crate::app::search::{FilterDraft, GroupDraft};
        let dir = tempfile::tempdir().unwrap();
        let d = SearchDraft {
            groups: vec![GroupDraft {
                filters: vec![FilterDraft {
                    property: "year".into(),
                    operator: "EQ".into(),
                    value: "2026".into(),
                    ..FilterDraft::default()
                }],
            }],
            ..SearchDraft::default()
        };
        let saved = BTreeMap::from([("new cars".to_owned(), d.clone())]);
        save_searches(dir.path(), "2-3465404", &saved, Some(&d)).await.unwrap();
        let s = load_searches(dir.path());
        assert_eq!(s.saved["2-3465404"]["new cars"], d);
        assert_eq!(s.drafts["2-3465404"], d);
    }
}
