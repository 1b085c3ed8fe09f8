//! Connecting a command: to a portal, or to the embedded demo CRM started in-process on
//! 127.0.0.1:0 and reached over HTTP like any other.

use crate::api::client::{Client, ClientConfig};
use crate::api::pacing::RateTier;
use crate::api::paths::ApiVersion;
use crate::cli::ConnArgs;
use crate::config::{self, ConnectionFlags, Dirs, Target};
use crate::emulator::launch::{DbChoice, Embedded, SeedChoice};
use crate::emulator::seed::DEFAULT_CARS;
use crate::secret::Secret;

use super::CliError;

/// A live connection; the embedded CRM (if any) stops when this is dropped.
#[derive(Debug)]
pub struct Connection {
    pub client: Client,
    pub read_only: bool,
    /// `local CRM (…/demo.db)` or the profile / base URL, for messages.
    pub label: String,
    /// The profile used, if any.
    pub profile: Option<String>,
    /// Where writes go, for the confirmation gate (local or not, and the threshold).
    pub gate: super::gate::Destination,
    /// The embedded demo CRM, when that is what the connection reaches.
    embedded: Option<Embedded>,
    /// The replica worked on, when it is one (`--replica`).
    pub replica: Option<super::replica_conn::ReplicaLink>,
}

impl Connection {
    /// This portal's write log (the same file the app writes, in the user's data directory).
    #[must_use]
    pub fn write_log(&self) -> crate::writelog::WriteLog {
        let data = crate::config::Dirs::from_env().map(|d| d.data).unwrap_or_else(|_| std::path::PathBuf::from("."));
        crate::writelog::WriteLog::new(
            &crate::writelog::portal_dir(&data, &self.label),
            "cli",
            &self.label,
            self.profile.as_deref(),
        )
    }

    /// Where writes go, for a line on stderr before a write: `local demo CRM (…/demo.db)`, or
    /// `http://… — portal 48213567 (profile prod)` (the portal from account-info when it answers).
    pub async fn destination(&self) -> String {
        if let Some(r) = &self.replica {
            return r.destination(self.profile.as_deref());
        }
        if self.embedded.is_some() {
            return self.label.replacen("local CRM", "local demo CRM", 1);
        }
        let mut text = self.client.base_url().to_owned();
        if let Ok(account) = self.client.account_details().await {
            text.push_str(&format!(" — portal {}", account.portal_id));
        }
        if let Some(p) = &self.profile {
            text.push_str(&format!(" (profile {p})"));
        }
        text
    }
}

impl Connection {
    /// Ends the connection: the embedded CRM (if any) stops, checkpoints its WAL and closes
    /// its database, so no `-wal`/`-shm` files are left.
    pub async fn close(self) {
        if let Some(e) = self.embedded
            && let Err(err) = e.shutdown().await
        {
            tracing::warn!(error = %err, "the local CRM did not close cleanly");
        }
    }
}

/// `HUBSPOT_ACCESS_TOKEN`, when set and not empty.
fn env_token() -> Option<Secret> {
    std::env::var("HUBSPOT_ACCESS_TOKEN").ok().filter(|t| !t.trim().is_empty()).map(Secret::new)
}

/// Resolves flags, environment and config into a connection (to the portal's replica with
/// `--replica` or a profile's `replica = true`).
pub async fn connect(args: &ConnArgs) -> Result<Connection, CliError> {
    connect_to(args, true).await
}

/// Resolves flags, environment and config into a connection; `replica_ok: false` always
/// reaches a portal itself (what `hubtui sync` needs): never a replica, never the demo.
pub async fn connect_to(args: &ConnArgs, replica_ok: bool) -> Result<Connection, CliError> {
    let dirs = Dirs::from_env().map_err(|e| CliError::Local(e.to_string()))?;
    let (file, warning) = config::load(&dirs.config_file()).map_err(|e| CliError::Local(e.to_string()))?;
    if let Some(w) = warning {
        eprintln!("warning: {w}");
    }
    let version = api_version(args, &file)?;
    let profile_replica = args
        .profile
        .as_ref()
        .or(file.default_profile.as_ref())
        .and_then(|p| file.profiles.get(p))
        .is_some_and(|p| p.replica);
    let replica = replica_ok && (args.replica || profile_replica && args.db.is_none());
    let replica_db = if replica { args.db.clone() } else { None };
    let flags = ConnectionFlags {
        profile: args.profile.clone(),
        base_url: args.base_url.clone(),
        token: args.token.clone().filter(|t| !t.is_empty()).map(Secret::new),
        env_token: env_token(),
        db: if replica { None } else { args.db.clone() },
    };
    // Resolving may run a profile's token_command: keep it off the async threads.
    let resolving = file.clone();
    let target = tokio::task::spawn_blocking(move || config::resolve(&flags, &resolving, &dirs))
        .await
        .map_err(|e| CliError::Local(e.to_string()))?
        .map_err(|e| match e {
            config::ConfigError::Conflict(m) => CliError::Usage(m),
            e => CliError::Local(e.to_string()),
        })?;
    match target {
        Target::Remote { mut config, profile, read_only } => {
            let label = profile.clone().unwrap_or_else(|| config.base_url.clone());
            config.api_version = version;
            let confirm_above = profile
                .as_ref()
                .and_then(|p| file.profiles.get(p))
                .and_then(|p| p.confirm_above)
                .unwrap_or(super::gate::CONFIRM_ABOVE);
            let gate = super::gate::Destination { local: super::gate::is_loopback(&config.base_url), confirm_above };
            let client = Client::new(config)?;
            if replica {
                let (link, server, local) = super::replica_conn::open(client, replica_db, version, read_only).await?;
                return Ok(Connection {
                    client: local,
                    read_only,
                    label,
                    profile,
                    gate,
                    embedded: Some(server),
                    replica: Some(link),
                });
            }
            Ok(Connection { client, read_only, label, profile, gate, embedded: None, replica: None })
        }
        Target::Embedded { .. } if !replica_ok => Err(CliError::Usage(
            "sync copies a HubSpot portal: give --profile NAME, or a token (HUBSPOT_ACCESS_TOKEN or --token; \
             --base-url for another server such as `hubtui serve`)"
                .into(),
        )),
        Target::Embedded { .. } if replica => Err(CliError::Usage(
            "--replica works on the replica of a portal: give --profile NAME or a token (the replica is \
             made by `hubtui sync` with the same)"
                .into(),
        )),
        Target::Embedded { db } => embedded(db, version).await,
    }
}

/// The API version: the flag, else the profile's (the one named, or the default), else the
/// newest GA. A bad flag is a usage error; a bad profile value a configuration error naming
/// where it is.
fn api_version(args: &ConnArgs, file: &config::ConfigFile) -> Result<ApiVersion, CliError> {
    let hint = "use 2026-09 (the default), 2026-03 or v3";
    if let Some(v) = &args.api_version {
        return ApiVersion::parse(v).ok_or_else(|| CliError::Usage(format!("unknown --api-version {v:?}: {hint}")));
    }
    let name = args.profile.as_ref().or(file.default_profile.as_ref());
    match name.and_then(|n| file.profiles.get(n).map(|p| (n, p))).and_then(|(n, p)| Some((n, p.api_version.as_ref()?)))
    {
        None => Ok(ApiVersion::default()),
        Some((n, v)) => ApiVersion::parse(v).ok_or_else(|| {
            CliError::Local(format!(
                "config.toml: profile {n:?} has api_version = {v:?}, which hubtui does not know: {hint}"
            ))
        }),
    }
}

async fn embedded(db: std::path::PathBuf, version: ApiVersion) -> Result<Connection, CliError> {
    let server = Embedded::start(DbChoice::File(db.clone()), SeedChoice::Demo, DEFAULT_CARS)
        .await
        .map_err(|e| CliError::Local(e.to_string()))?;
    let mut config = ClientConfig::new(server.base_url().to_owned(), Some(Secret::new("local")));
    config.tier = RateTier::Unlimited;
    config.api_version = version;
    let client = Client::new(config)?;
    Ok(Connection {
        client,
        read_only: false,
        label: format!("local CRM ({})", db.display()),
        profile: None,
        gate: super::gate::Destination { local: true, confirm_above: super::gate::CONFIRM_ABOVE },
        embedded: Some(server),
        replica: None,
    })
}
