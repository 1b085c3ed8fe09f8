//! What a typed path could complete to: the entries of its folder (`~/` is the home
//! folder) whose names start with its last part, folders ending in `/`, hidden ones only
//! when the part starts with a dot.

use crate::app::msg::Msg;
use crate::app::state::ReqId;

/// Lists the candidates (none when the folder cannot be read).
pub async fn complete(req: ReqId, typed: String) -> Msg {
    let expanded = super::import::expand_home(&typed);
    let (folder, part) = match expanded.rfind('/') {
        Some(i) => (expanded[..=i].to_owned(), expanded[i + 1..].to_owned()),
        None => (String::new(), expanded.clone()),
    };
    let dir = if folder.is_empty() { ".".to_owned() } else { folder };
    let mut names = Vec::new();
    if let Ok(mut entries) = tokio::fs::read_dir(&dir).await {
        while let Ok(Some(e)) = entries.next_entry().await {
            let Some(name) = e.file_name().to_str().map(str::to_owned) else { continue };
            if !name.starts_with(&part) || (name.starts_with('.') && !part.starts_with('.')) {
                continue;
            }
            let is_dir = e.file_type().await.is_ok_and(|t| t.is_dir());
            names.push(if is_dir { format!("{name}/") } else { name });
        }
    }
    names.sort();
    Msg::PathsFound { req, typed, names }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_folders_entries_that_start_with_the_typed_part() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["cars.csv", "cars.jsonl", "contacts.csv", ".cars-hidden"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("cars-old")).unwrap();
        let typed = format!("{}/car", dir.path().display());
        let Msg::PathsFound { names, typed: back, .. } = complete(ReqId(1), typed.clone()).await else { panic!() };
        assert_eq!(back, typed);
        assert_eq!(names, ["cars-old/", "cars.csv", "cars.jsonl"]);
    }
}
