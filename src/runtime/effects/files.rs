//! Writing the small files hubtui keeps (preferences, the drafts journal) safely: one write
//! at a time, each through its own temporary file renamed into place, so two saves close
//! together neither collide on the temporary file nor leave a half-written file behind.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// One write at a time: a later save never lands under an earlier one.
static WRITES: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
static NEXT: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically (creating its directory); `private` makes the file
/// readable by its owner only (0600) from the moment it exists.
pub async fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    let _one = WRITES.lock().await;
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let mut opts = tokio::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        opts.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let written = async {
        use tokio::io::AsyncWriteExt;
        let mut f = opts.open(&tmp).await?;
        f.write_all(bytes).await?;
        f.sync_all().await?;
        tokio::fs::rename(&tmp, path).await
    }
    .await;
    if written.is_err() {
        let _ = tokio::fs::remove_file(&tmp).await;
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn saves_close_together_all_land_and_the_last_one_wins() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("prefs.toml");
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let path = path.clone();
                tokio::spawn(async move { write_atomic(&path, format!("v{i}").as_bytes(), true).await })
            })
            .collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
        assert!(std::fs::read_to_string(&path).unwrap().starts_with('v'));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }
}
