//! Connecting to a portal's replica (`--replica`, or `replica = true` in a profile): the
//! replica file is served in-process on 127.0.0.1:0 with the portal as its upstream (see
//! `replica::through`), so the app and every command talk to it like to any portal, and a
//! write goes to the portal first.

use std::path::PathBuf;
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
    let portal = i64::try_from(upstream.account_details().await?.portal_id).unwrap_or(0);
    let path = match db {
        Some(p) => p,
        None => {
            let dirs = crate::config::Dirs::from_env().map_err(|e| CliError::Local(e.to_string()))?;
            crate::replica::default_path(&dirs.data, portal)
        }
    };
    if !path.exists() {
        return Err(CliError::Usage(format!(
            "no replica of portal {portal} at {}: `hubtui sync` with the same --profile (or token) makes it",
            path.display()
        )));
    }
    let opening = path.clone();
    let store = tokio::task::spawn_blocking(move || Store::open(&opening))
        .await
        .map_err(|e| CliError::Local(e.to_string()))?
        .map_err(|e| CliError::Local(e.to_string()))?;
    let up = Upstream::new(upstream.clone(), store.clone())
        .map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?;
    if up.portal_id() != portal {
        return Err(CliError::Usage(format!(
            "{} is the replica of portal {}, and the token reaches portal {portal}",
            path.display(),
            up.portal_id()
        )));
    }
    // Only this process may use the served replica (it writes to the portal with its token).
    let token = format!("{:016x}{:016x}", crate::rng::random_u64(), crate::rng::random_u64());
    let up = Arc::new(up.read_only(read_only));
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
    Ok((ReplicaLink { upstream, store, path, portal_id: portal }, server, local))
}
