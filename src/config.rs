//! Configuration: `config.toml` in the user's config directory with named profiles, the
//! `HUBSPOT_ACCESS_TOKEN` variable, and the `--profile` / `--base-url` / `--token` flags;
//! with none of them, the embedded demo CRM. Files holding a token are written 0600, and a
//! warning is raised when one is readable by others.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::api::client::{ClientConfig, HUBSPOT_API};
use crate::api::pacing::RateTier;
use crate::secret::Secret;

/// One named way to reach a portal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// `https://api.hubapi.com` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    /// A command whose output is the token (e.g. `pass show hubspot/prod`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_command: Option<String>,
    /// Refuse every write.
    #[serde(default)]
    pub read_only: bool,
    /// Work on this portal's local replica (made by `hubtui sync`): reads are local, writes
    /// go to the portal first. Like `--replica`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replica: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_tier: Option<RateTier>,
    /// The HubSpot API version to speak: `v3`, `2026-03` or `2026-09`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// A CLI write of more than this many records asks first (on a terminal; without one it
    /// needs `--yes` or `--confirm DIGEST`). 100 when absent; never for the local CRM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_above: Option<usize>,
    /// The accent colour of this profile's status bar and focused border (`"red"` on a
    /// production portal makes it obvious).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// The config file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfigFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    /// The colour theme: `dark` (default), `light` or `high-contrast`; `theme.toml` next to
    /// this file overrides single colours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// Errors reading configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is not valid TOML: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("no profile named {0:?} in the config file")]
    NoProfile(String),
    #[error("the token command of profile {profile:?} failed: {why}")]
    TokenCommand { profile: String, why: String },
    #[error("no home directory found: set HUBTUI_CONFIG_DIR and HUBTUI_DATA_DIR")]
    NoHome,
    #[error("{0}")]
    Conflict(String),
}

/// Where hubtui keeps things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

impl Dirs {
    /// The user's directories, overridable with `HUBTUI_CONFIG_DIR` / `HUBTUI_DATA_DIR`.
    pub fn from_env() -> Result<Self, ConfigError> {
        let project = directories::ProjectDirs::from("", "", "hubtui");
        let config = std::env::var_os("HUBTUI_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| project.as_ref().map(|p| p.config_dir().to_owned()))
            .ok_or(ConfigError::NoHome)?;
        let data = std::env::var_os("HUBTUI_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| project.as_ref().map(|p| p.data_dir().to_owned()))
            .ok_or(ConfigError::NoHome)?;
        Ok(Self { config, data })
    }

    /// `config.toml`.
    #[must_use]
    pub fn config_file(&self) -> PathBuf {
        self.config.join("config.toml")
    }

    /// The embedded demo CRM's database.
    #[must_use]
    pub fn demo_db(&self) -> PathBuf {
        self.data.join("demo.db")
    }
}

/// Reads the config file (an absent file is an empty config). The second value is a warning
/// when the file holds a token and others can read it.
pub fn load(path: &Path) -> Result<(ConfigFile, Option<String>), ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((ConfigFile::default(), None)),
        Err(source) => return Err(ConfigError::Read { path: path.to_owned(), source }),
    };
    let file: ConfigFile = toml::from_str(&text)
        .map_err(|e| ConfigError::Parse { path: path.to_owned(), message: e.message().to_owned() })?;
    let has_token = file.profiles.values().any(|p| p.token.is_some());
    let warning = (has_token && readable_by_others(path)).then(|| {
        format!("{} holds a token and is readable by other users; run: chmod 600 {}", path.display(), path.display())
    });
    Ok((file, warning))
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> bool {
    false
}

/// Writes a file only its owner can read (0600), creating folders as needed.
pub fn write_private(path: &Path, contents: &str) -> Result<(), ConfigError> {
    let err = |source| ConfigError::Write { path: path.to_owned(), source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(err)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(err)?;
    }
    std::io::Write::write_all(&mut f, contents.as_bytes()).map_err(err)
}

/// Saves the config file (0600).
pub fn save(path: &Path, file: &ConfigFile) -> Result<(), ConfigError> {
    let text = toml::to_string_pretty(file)
        .map_err(|e| ConfigError::Parse { path: path.to_owned(), message: e.to_string() })?;
    write_private(path, &text)
}

/// What the command line and environment say about the connection.
#[derive(Debug, Clone, Default)]
pub struct ConnectionFlags {
    pub profile: Option<String>,
    pub base_url: Option<String>,
    pub token: Option<Secret>,
    /// `HUBSPOT_ACCESS_TOKEN`.
    pub env_token: Option<Secret>,
    pub db: Option<PathBuf>,
}

/// Where to connect.
#[derive(Debug, Clone)]
pub enum Target {
    /// A portal (HubSpot or a `hubtui serve` elsewhere).
    Remote { config: ClientConfig, profile: Option<String>, read_only: bool },
    /// The embedded local CRM on this database file.
    Embedded { db: PathBuf },
}

fn run_token_command(profile: &str, cmd: &str) -> Result<Secret, ConfigError> {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stderr(std::process::Stdio::null())
        .output()
        .map_err(|e| ConfigError::TokenCommand { profile: profile.to_owned(), why: e.to_string() })?;
    if !out.status.success() {
        return Err(ConfigError::TokenCommand {
            profile: profile.to_owned(),
            why: format!("it exited with {}", out.status),
        });
    }
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if token.is_empty() {
        return Err(ConfigError::TokenCommand { profile: profile.to_owned(), why: "it printed nothing".into() });
    }
    Ok(Secret::new(token))
}

/// Resolves the target: flags, then `HUBSPOT_ACCESS_TOKEN`, then the named or default
/// profile; with none of them, the embedded demo CRM.
pub fn resolve(flags: &ConnectionFlags, file: &ConfigFile, dirs: &Dirs) -> Result<Target, ConfigError> {
    if let Some(db) = &flags.db {
        if flags.token.is_some() || flags.base_url.is_some() || flags.profile.is_some() {
            return Err(ConfigError::Conflict(
                "--db names the embedded demo CRM's file; it cannot go with --token, --base-url or --profile".into(),
            ));
        }
        return Ok(Target::Embedded { db: db.clone() });
    }
    // The default profile stands in only when nothing else names a place or a token.
    let named_elsewhere = flags.base_url.is_some() || flags.env_token.is_some() && flags.token.is_none();
    let profile_name =
        flags.profile.clone().or_else(|| if named_elsewhere { None } else { file.default_profile.clone() });
    let profile = match &profile_name {
        Some(name) => Some(file.profiles.get(name).cloned().ok_or_else(|| ConfigError::NoProfile(name.clone()))?),
        None => None,
    };
    let token = match (&flags.token, &profile) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(p)) => match (&p.token, &p.token_command) {
            (Some(t), _) => Some(t.clone()),
            (None, Some(cmd)) => Some(run_token_command(profile_name.as_deref().unwrap_or(""), cmd)?),
            (None, None) => flags.env_token.clone(),
        },
        (None, None) => flags.env_token.clone(),
    };
    let base_url = flags.base_url.clone().or_else(|| profile.as_ref().and_then(|p| p.base_url.clone()));
    if token.is_none() && base_url.is_none() && profile.is_none() {
        return Ok(Target::Embedded { db: flags.db.clone().unwrap_or_else(|| dirs.demo_db()) });
    }
    let base = base_url.unwrap_or_else(|| HUBSPOT_API.to_owned());
    let mut config = ClientConfig::new(base, token);
    config.tier = profile.as_ref().and_then(|p| p.rate_tier).unwrap_or(if config.base_url.contains("hubapi.com") {
        RateTier::Free
    } else {
        RateTier::Unlimited
    });
    Ok(Target::Remote { config, profile: profile_name, read_only: profile.is_some_and(|p| p.read_only) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dirs() -> Dirs {
        Dirs { config: "/c".into(), data: "/d".into() }
    }

    #[test]
    fn nothing_configured_means_the_embedded_demo() {
        let t = resolve(&ConnectionFlags::default(), &ConfigFile::default(), &dirs()).unwrap();
        assert!(matches!(t, Target::Embedded { db } if db == std::path::Path::new("/d/demo.db")));
    }

    #[test]
    fn flags_beat_env_beat_profiles() {
        let mut file = ConfigFile::default();
        file.profiles.insert(
            "prod".into(),
            Profile { token: Some(Secret::new("from-file")), read_only: true, ..Profile::default() },
        );
        file.default_profile = Some("prod".into());
        let flags = ConnectionFlags { token: Some(Secret::new("from-flag")), ..ConnectionFlags::default() };
        let Target::Remote { config, read_only, .. } = resolve(&flags, &file, &dirs()).unwrap() else { panic!() };
        assert_eq!(config.token.unwrap().expose(), "from-flag");
        assert!(read_only);
        assert_eq!(config.base_url, HUBSPOT_API);
        let Target::Remote { config, .. } = resolve(&ConnectionFlags::default(), &file, &dirs()).unwrap() else {
            panic!()
        };
        assert_eq!(config.token.unwrap().expose(), "from-file");
        let env = ConnectionFlags { env_token: Some(Secret::new("from-env")), ..ConnectionFlags::default() };
        let Target::Remote { config, .. } = resolve(&env, &ConfigFile::default(), &dirs()).unwrap() else { panic!() };
        assert_eq!(config.token.unwrap().expose(), "from-env");
        assert!(matches!(
            resolve(&ConnectionFlags { profile: Some("nope".into()), ..ConnectionFlags::default() }, &file, &dirs()),
            Err(ConfigError::NoProfile(_))
        ));
    }

    /// Issue 12.1: the default profile's token must not go to a URL the flags name, and the
    /// environment's token beats the default profile (as the README says).
    #[test]
    fn the_default_profile_yields_to_a_named_place_or_the_environment() {
        let mut file = ConfigFile::default();
        file.profiles.insert("prod".into(), Profile { token: Some(Secret::new("prod-token")), ..Profile::default() });
        file.default_profile = Some("prod".into());
        let flags = ConnectionFlags { base_url: Some("http://127.0.0.1:9".into()), ..ConnectionFlags::default() };
        let Target::Remote { config, profile, .. } = resolve(&flags, &file, &dirs()).unwrap() else { panic!() };
        assert!(config.token.is_none() && profile.is_none());
        let env = ConnectionFlags { env_token: Some(Secret::new("from-env")), ..ConnectionFlags::default() };
        let Target::Remote { config, profile, .. } = resolve(&env, &file, &dirs()).unwrap() else { panic!() };
        assert_eq!((config.token.unwrap().expose(), profile), ("from-env", None));
        let named = ConnectionFlags { profile: Some("prod".into()), ..env.clone() };
        let Target::Remote { config, .. } = resolve(&named, &file, &dirs()).unwrap() else { panic!() };
        assert_eq!(config.token.unwrap().expose(), "prod-token", "an explicit --profile beats the environment");
        let db = ConnectionFlags { db: Some("/x.db".into()), ..env };
        assert!(matches!(resolve(&db, &file, &dirs()).unwrap(), Target::Embedded { .. }), "--db beats the environment");
        let both = ConnectionFlags { db: Some("/x.db".into()), ..flags };
        assert!(matches!(resolve(&both, &file, &dirs()), Err(ConfigError::Conflict(_))));
    }

    #[test]
    fn token_command_output_is_the_token_and_failures_do_not_echo_it() {
        let mut file = ConfigFile::default();
        file.profiles
            .insert("pw".into(), Profile { token_command: Some("echo pat-na1-xyz".into()), ..Profile::default() });
        let flags = ConnectionFlags { profile: Some("pw".into()), ..ConnectionFlags::default() };
        let Target::Remote { config, .. } = resolve(&flags, &file, &dirs()).unwrap() else { panic!() };
        assert_eq!(config.token.unwrap().expose(), "pat-na1-xyz");
        file.profiles.insert(
            "bad".into(),
            Profile { token_command: Some("echo secret-output; exit 3".into()), ..Profile::default() },
        );
        let e = resolve(&ConnectionFlags { profile: Some("bad".into()), ..ConnectionFlags::default() }, &file, &dirs())
            .unwrap_err();
        assert!(!e.to_string().contains("secret-output"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn saved_config_is_0600_and_a_readable_one_warns() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        let mut file = ConfigFile::default();
        file.profiles.insert("prod".into(), Profile { token: Some(Secret::new("t")), ..Profile::default() });
        save(&path, &file).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let (back, warning) = load(&path).unwrap();
        assert_eq!(back, file);
        assert!(warning.is_none());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(load(&path).unwrap().1.unwrap().contains("chmod 600"));
    }
}
