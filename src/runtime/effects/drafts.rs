//! The staged-changes journal (`drafts.json` in the data directory, 0600: it may hold
//! customer data): written atomically whenever the staged changes change, read at start so
//! changes survive a crash.

use std::path::Path;

use crate::app::edit::Staged;
use crate::app::msg::Msg;

/// Journals the staged changes; only a failure shows (as an error notice).
pub async fn journal(data_dir: &Path, staged: &Staged) -> Msg {
    match save_drafts(data_dir, staged).await {
        Ok(()) => Msg::Notice { text: String::new(), error: false },
        Err(e) => Msg::Notice { text: format!("Staged changes not journalled: {e}"), error: true },
    }
}

/// Journals the staged changes (0600: they may hold customer data), atomically; none staged
/// removes the journal.
pub async fn save_drafts(data_dir: &Path, staged: &Staged) -> std::io::Result<()> {
    let path = data_dir.join("drafts.json");
    if staged.count() == 0 {
        return match tokio::fs::remove_file(&path).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let text = serde_json::to_vec_pretty(staged).map_err(std::io::Error::other)?;
    super::files::write_atomic(&path, &text, true).await
}

/// The journalled changes of an earlier session (none when there are none).
#[must_use]
pub fn load_drafts(data_dir: &Path) -> Staged {
    std::fs::read(data_dir.join("drafts.json")).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}
