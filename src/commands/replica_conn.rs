//! Connecting to a portal's replica (`--replica`, or `replica = true` in a profile): the
//! replica file is served in-process on 127.0.0.1:0 with the portal as its upstream (see
//! `replica::through`), so the app and every command talk to it like to any portal, and a
//! write goes to the portal first.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::CliError;
use crate::api::client::{Client, ClientConfig};
use crate::api::pacing::RateTier;
use crate::api::paths::ApiVersion;
use crate::emulator::launch::Embedded;
use crate::emulator::store::Store;
use crate::replica::through::{Upstream, through};
use crate::secret::Secret;

/// What a connection to a replica knows of it: the portal's client (for the background sync),
/// the replica's store and file.
#[derive(Debug, Clone)]
pub struct ReplicaLink {
    pub upstream: Client,
    pub store: Store,
    pub path: PathBuf,
    pub portal_id: i64,
}

impl ReplicaLink {
    /// `replica …/portal-N.db of http://… — portal N (profile prod)`, for a line before a write.
    #[must_use]
    pub fn destination(&self, profile: Option<&str>) -> String {
        let mut text = format!(
            "{} — portal {} (through the replica {})",
            self.upstream.base_url(),
            self.portal_id,
            self.path.display()
        );
        if let Some(p) = profile {
            text.push_str(&format!(" (profile {p})"));
        }
        text
    }
}

/// Opens the replica of the portal `upstream` reaches (`db`, or the data directory's file
/// for the portal) and serves it. Returns the link, the server and a client for it.
pub async fn open(
    upstream: Client,
    db: Option<PathBuf>,
    version: ApiVersion,
    read_only: bool,
) -> Result<(ReplicaLink, Embedded, Client), CliError> {
    // Offline (no network, HubSpot down) the replica still opens: reads are local, and
    // writes and the background sync say the portal cannot be reached.
    let probe = tokio::time::timeout(PROBE, upstream.account_details()).await;
    let probe = probe.unwrap_or(Err(crate::api::error::Error::Timeout(PROBE)));
    let portal = match probe {
        Ok(a) => Some(i64::try_from(a.portal_id).unwrap_or(0)),
        Err(e) if unreachable(&e) => {
            tracing::warn!(error = %e, "the portal cannot be reached: the replica opens offline");
            if db.is_none() {
                let dirs = crate::config::Dirs::from_env().map_err(|e| CliError::Local(e.to_string()))?;
                // Opening each file is blocking work: off the async threads.
                let (data, base, cause) = (dirs.data.clone(), upstream.base_url().to_owned(), e.to_string());
                let path = tokio::task::spawn_blocking(move || only_replica_of(&data, &base, &cause))
                    .await
                    .map_err(|e| CliError::Local(e.to_string()))??;
                return serve(upstream, path, None, version, read_only).await;
            }
            None
        }
        Err(e) => return Err(e.into()),
    };
    let path = match (db, portal) {
        (Some(p), _) => p,
        (None, portal) => {
            let dirs = crate::config::Dirs::from_env().map_err(|e| CliError::Local(e.to_string()))?;
            crate::replica::default_path(&dirs.data, portal.unwrap_or_default())
        }
    };
    if !path.exists() {
        return Err(CliError::Usage(format!(
            "no replica of portal {} at {}: `hubtui sync` with the same --profile (or token) makes it",
            portal.map_or_else(|| "?".to_owned(), |p| p.to_string()),
            path.display()
        )));
    }
    serve(upstream, path, portal, version, read_only).await
}

/// How long opening waits for the portal to say which it is before opening offline.
const PROBE: std::time::Duration = std::time::Duration::from_secs(5);

/// The portal cannot be reached (no network, a timeout, HubSpot down): not a refusal.
fn unreachable(e: &crate::api::error::Error) -> bool {
    e.unreachable() || matches!(e, crate::api::error::Error::Server { status: 500.., .. })
}

/// The one replica in the data directory copied from `base_url`, when the portal cannot say
/// which is its own.
fn only_replica_of(data: &Path, base_url: &str, cause: &str) -> Result<PathBuf, CliError> {
    let dir = data.join("replicas");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "db") && source_of(p).is_some_and(|s| s.base_url == base_url))
        .collect();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(CliError::Usage(format!(
            "the portal cannot be reached ({cause}), and {} holds no replica of {base_url}",
            dir.display()
        ))),
        n => Err(CliError::Usage(format!(
            "the portal cannot be reached ({cause}), and {} holds {n} replicas of {base_url}: name one with --db",
            dir.display()
        ))),
    }
}

fn source_of(p: &Path) -> Option<crate::replica::state::Source> {
    let conn = rusqlite::Connection::open_with_flags(p, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    crate::replica::state::source(&conn).ok().flatten()
}

/// Serves the replica at `path` with `upstream` as its portal (`portal`: the id the portal
/// gave, checked against the replica's; `None` offline).
async fn serve(
    upstream: Client,
    path: PathBuf,
    portal: Option<i64>,
    version: ApiVersion,
    read_only: bool,
) -> Result<(ReplicaLink, Embedded, Client), CliError> {
    let opening = path.clone();
    let store = tokio::task::spawn_blocking(move || Store::open(&opening))
        .await
        .map_err(|e| CliError::Local(e.to_string()))?
        .map_err(|e| CliError::Local(e.to_string()))?;
    let up = Upstream::new(upstream.clone(), store.clone())
        .map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?;
    if let Some(portal) = portal
        && up.portal_id() != portal
    {
        return Err(CliError::Usage(format!(
            "{} is the replica of portal {}, and the token reaches portal {portal}",
            path.display(),
            up.portal_id()
        )));
    }
    // Only this process may use the served replica (it writes to the portal with its token).
    let token = format!("{:016x}{:016x}", crate::rng::random_u64(), crate::rng::random_u64());
    let portal_id = up.portal_id();
    let up = Arc::new(up.read_only(read_only));
    if portal.is_none() {
        up.mark_down();
    }
    let server = Embedded::serve_store(store.clone(), token.clone(), move |r| {
        r.layer(axum::middleware::from_fn_with_state(up, through))
    })
    .await
    .map_err(|e| CliError::Local(e.to_string()))?;
    let mut config = ClientConfig::new(server.base_url().to_owned(), Some(Secret::new(token)));
    config.tier = RateTier::Unlimited;
    config.api_version = version;
    // The portal's own retries run behind the replica; a second layer here would repeat them.
    config.max_attempts = 2;
    config.timeout = std::time::Duration::from_secs(300);
    let local = Client::new(config)?;
    Ok((ReplicaLink { upstream, store, path, portal_id }, server, local))
}
