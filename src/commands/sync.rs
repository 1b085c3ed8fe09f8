//! `hubtui sync`: copy a portal into its local replica, or bring the replica up to date;
//! `--status` says what the replicas hold.

use std::path::{Path, PathBuf};

use super::connect::connect_to;
use super::{CliError, out};
use crate::cli::SyncArgs;
use crate::config::Dirs;
use crate::emulator::launch::{DbChoice, SeedChoice, open_store};
use crate::emulator::store::Store;
use crate::replica::{self, Options, SyncError, progress::Progress, status};

impl From<SyncError> for CliError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Usage(m) => Self::Usage(m),
            SyncError::Api(e) => Self::Api(e),
            e => Self::Local(e.to_string()),
        }
    }
}

pub async fn run(mut args: SyncArgs) -> Result<(), CliError> {
    let dirs = Dirs::from_env().map_err(|e| CliError::Local(e.to_string()))?;
    let replica_db = args.conn.db.take();
    if args.status {
        return show_status(replica_db.as_deref(), &dirs.data);
    }
    if let Some(to) = &args.mask {
        return mask(replica_db, to, &dirs.data).await;
    }
    let conn = connect_to(&args.conn, false).await?;
    let path = match replica_db {
        Some(p) => p,
        None => replica::default_path(
            &dirs.data,
            i64::try_from(conn.client.account_details().await?.portal_id).unwrap_or(0),
        ),
    };
    let new_file = !path.exists();
    let store = open(&path).await?;
    let opts = Options {
        types: Some(args.types.clone()).filter(|t| !t.is_empty()),
        max_calls: args.max_calls,
        full: args.full,
        sweep_links: args.sweep_associations,
    };
    let mut progress = Progress::new(args.quiet);
    let result = replica::sync(&conn.client, &store, &opts, &mut progress).await;
    let closing = store.clone();
    let closed = tokio::task::spawn_blocking(move || closing.close_blocking()).await;
    if result.is_err() && new_file {
        // A run refused before anything was copied leaves no file behind (a replica that got
        // somewhere is kept: the next run continues it).
        let empty = Store::open(&path)
            .ok()
            .and_then(|s| {
                let n = s.read_blocking(|c, _| replica::write::record_count(c));
                let _ = s.close_blocking();
                n.ok()
            })
            .is_some_and(|n| n == 0);
        if empty {
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
            }
        }
    }
    let report = result?;
    if let Ok(Err(e)) = closed {
        return Err(CliError::Local(format!("closing the replica failed: {}", e.message)));
    }
    for (name, n) in &report.written {
        out(&format!("{name}: {n} records written"))?;
    }
    out(&format!("replica: {}", path.display()))?;
    Ok(())
}

/// Writes a masked copy of a replica (the one named, or the only one in the data directory).
async fn mask(from: Option<PathBuf>, to: &Path, data: &Path) -> Result<(), CliError> {
    let from = match from {
        Some(p) => p,
        None => {
            let mut all = replicas_in(data);
            match all.len() {
                1 => all.remove(0),
                0 => {
                    return Err(CliError::Usage(
                        "no replica to mask: `hubtui sync` makes one (or give --db FILE)".into(),
                    ));
                }
                n => {
                    return Err(CliError::Usage(format!(
                        "{n} replicas in {}: say which with --db FILE",
                        data.join("replicas").display()
                    )));
                }
            }
        }
    };
    if !from.exists() {
        return Err(CliError::Usage(format!("no replica at {}", from.display())));
    }
    let (source, target) = (from.clone(), to.to_owned());
    let done = tokio::task::spawn_blocking(move || replica::mask::copy(&source, &target))
        .await
        .map_err(|e| CliError::Local(e.to_string()))?
        .map_err(|e| CliError::Usage(e.message))?;
    out(&format!(
        "masked copy of {}: {} ({} values of {} records replaced, in {} properties; property histories dropped)",
        from.display(),
        to.display(),
        done.values,
        done.records,
        done.properties.len()
    ))?;
    out(&format!("serve it: hubtui serve --db {}", to.display()))?;
    Ok(())
}

/// The replica files in the data directory, in name order.
fn replicas_in(data: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("replicas"))
        .map(|d| {
            d.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "db")).collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Opens (creating when new) a replica file.
async fn open(path: &Path) -> Result<Store, CliError> {
    let p = path.to_owned();
    let (store, _) = tokio::task::spawn_blocking(move || open_store(&DbChoice::File(p), SeedChoice::Empty, 0))
        .await
        .map_err(|e| CliError::Local(e.to_string()))?
        .map_err(|e| CliError::Local(e.to_string()))?;
    Ok(store)
}

/// Prints the status of one replica, or of every replica in the data directory.
fn show_status(db: Option<&Path>, data: &Path) -> Result<(), CliError> {
    let files: Vec<PathBuf> = match db {
        Some(p) => vec![p.to_owned()],
        None => {
            let dir = data.join("replicas");
            let files = replicas_in(data);
            if files.is_empty() {
                out(&format!("no replicas in {} yet: `hubtui sync --profile NAME` makes one", dir.display()))?;
            }
            files
        }
    };
    for f in files {
        if !f.exists() {
            return Err(CliError::Usage(format!("no replica at {}", f.display())));
        }
        let store = Store::open(&f).map_err(|e| CliError::Local(e.to_string()))?;
        let read = store.read_blocking(status::read).map_err(|e| CliError::Local(e.message))?;
        match read {
            Some((source, rows)) => {
                out(&format!("{}", f.display()))?;
                for line in status::render(&source, &rows).lines() {
                    out(line)?;
                }
            }
            None => out(&format!("{}: not a replica (a local CRM database no sync has written)", f.display()))?,
        }
        let _ = store.close_blocking();
    }
    Ok(())
}
