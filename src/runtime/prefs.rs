//! Choices remembered between runs, in the config directory: `columns.toml` maps an object
//! type id to its table columns.

use std::collections::BTreeMap;
use std::path::Path;

const FILE: &str = "columns.toml";

/// The remembered columns (none when the file is missing or unreadable — logged).
#[must_use]
pub fn load_columns(config_dir: &Path) -> BTreeMap<String, Vec<String>> {
    let path = config_dir.join(FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).unwrap_or_else(|e| {
            tracing::warn!(path = %path.display(), error = %e, "ignoring unreadable column choices");
            BTreeMap::new()
        }),
        Err(_) => BTreeMap::new(),
    }
}

/// Writes the column choices (atomically: a temp file renamed into place).
pub async fn save_columns(config_dir: &Path, columns: &BTreeMap<String, Vec<String>>) -> std::io::Result<()> {
    let text = toml::to_string(columns).map_err(std::io::Error::other)?;
    tokio::fs::create_dir_all(config_dir).await?;
    let tmp = config_dir.join(format!("{FILE}.tmp"));
    tokio::fs::write(&tmp, text).await?;
    tokio::fs::rename(&tmp, config_dir.join(FILE)).await
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
}
