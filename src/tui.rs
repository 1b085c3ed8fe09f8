//! `hubtui` with no subcommand: the terminal app. Errors before the terminal is taken over go
//! to stderr; after, the terminal is restored on every exit path (and on panic, by ratatui's
//! hook) before anything is printed.

use std::process::ExitCode;

use hubtui::cli::ConnArgs;
use hubtui::config::Dirs;
use hubtui::keymap::Keymap;
use hubtui::ui::Theme;

fn init_logging(dirs: &Dirs) -> Option<std::path::PathBuf> {
    std::fs::create_dir_all(&dirs.data).ok()?;
    let path = dirs.data.join("hubtui.log");
    let file = std::fs::OpenOptions::new().create(true).append(true).open(&path).ok()?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("HUBTUI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_writer(std::sync::Mutex::new(file)).with_ansi(false).with_env_filter(filter).init();
    Some(path)
}

/// Turns mouse reporting on or off (best effort: a terminal without it still works).
fn mouse_capture(on: bool) {
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    let mut out = std::io::stdout();
    let _ = if on {
        ratatui::crossterm::execute!(out, EnableMouseCapture)
    } else {
        ratatui::crossterm::execute!(out, DisableMouseCapture)
    };
}

/// A panic hook that turns mouse reporting off before ratatui's restores the terminal.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        mouse_capture(false);
        previous(info);
    }));
}

/// `local CRM (/home/ada/.local/share/hubtui/demo.db)` → `local CRM (demo.db)`.
fn short_portal(label: &str) -> String {
    match label.strip_prefix("local CRM (").and_then(|p| p.strip_suffix(')')) {
        Some(path) => {
            let file = std::path::Path::new(path).file_name().map_or(path.into(), |f| f.to_string_lossy());
            format!("local CRM ({file})")
        }
        None => label.to_owned(),
    }
}

/// What earlier runs left for this portal, and where its staged changes are journalled:
/// per portal, so changes made on one are never offered (or saved) on another.
async fn saved_for(dirs: &Dirs, portal: &str) -> (std::path::PathBuf, hubtui::runtime::prefs::Saved) {
    let drafts = hubtui::writelog::portal_dir(&dirs.data, portal);
    let (config_dir, load_from) = (dirs.config.clone(), drafts.clone());
    let saved = tokio::task::spawn_blocking(move || hubtui::runtime::prefs::Saved::load(&config_dir, &load_from))
        .await
        .unwrap_or_default();
    (drafts, saved)
}

/// The theme `config.toml` names, `theme.toml`'s colours, the profile's accent, `NO_COLOR`.
fn theme_for(dirs: &Dirs, profile: Option<&str>) -> (Theme, Vec<String>) {
    let file = hubtui::config::load(&dirs.config_file()).map(|(f, _)| f).unwrap_or_default();
    let accent = profile.and_then(|p| file.profiles.get(p)).and_then(|p| p.color.clone());
    let path = dirs.config.join("theme.toml");
    let mut warnings = Vec::new();
    let overrides: std::collections::BTreeMap<String, String> = match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).unwrap_or_else(|e| {
            warnings.push(format!("{} is not a table of colours: {e}", path.display()));
            std::collections::BTreeMap::new()
        }),
        Err(_) => std::collections::BTreeMap::new(),
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (theme, more) = Theme::configured(file.theme.as_deref(), &overrides, accent.as_deref(), no_color);
    warnings.extend(more);
    (theme, warnings)
}

/// Runs the app.
/// Help's first lines: where this is connected, the API version spoken and what it means, the
/// log and the keymap file.
fn about(connection: &hubtui::commands::Connection, log: Option<&std::path::Path>, dirs: &Dirs) -> String {
    let version = connection.client.api_version();
    format!(
        "{} · API {} ({}; --api-version 2026-09|2026-03|v3) · log: {} · keymap: {}",
        connection.label,
        version.as_str(),
        version.summary(),
        log.map_or_else(|| "off".to_owned(), |p| p.display().to_string()),
        dirs.config.join("keymap.toml").display()
    )
}

/// The multi-threaded async runtime, or `None` (said on stderr) when it cannot start.
fn async_runtime() -> Option<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| eprintln!("hubtui: cannot start the async runtime: {e}"))
        .ok()
}

/// On a replica, a background sync keeps it fresh and tells the status bar.
fn keep_replica_fresh(
    r: &hubtui::commands::replica_conn::ReplicaLink,
) -> tokio::sync::watch::Receiver<hubtui::app::bar::ReplicaStatus> {
    let (tx, rx) = tokio::sync::watch::channel(hubtui::replica::background::first_status(&r.store, r.portal_id));
    tokio::spawn(hubtui::replica::background::keep_fresh(r.upstream.clone(), r.store.clone(), r.portal_id, tx));
    rx
}

pub fn run(conn: &ConnArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let dirs = match Dirs::from_env() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("hubtui: {e}");
            return ExitCode::from(1);
        }
    };
    let (keymap, warnings) = match Keymap::load(&dirs.config.join("keymap.toml")) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("hubtui: keymap: {e}");
            return ExitCode::from(1);
        }
    };
    for w in &warnings {
        eprintln!("hubtui: warning: {w}");
    }
    let log = init_logging(&dirs);
    let Some(runtime) = async_runtime() else { return ExitCode::from(1) };
    runtime.block_on(async {
        let connection = match hubtui::commands::connect(conn).await {
            Ok(c) => c,
            Err(e) => {
                eprintln!("hubtui: {e}");
                return ExitCode::from(e.exit_code());
            }
        };
        tracing::debug!(ms = started.elapsed().as_millis(), "connected");
        let (drafts, saved) = saved_for(&dirs, &connection.label).await;
        // File reads: off the async threads, like the saved choices.
        let (theme_dirs, profile) = (dirs.clone(), connection.profile.clone());
        let (theme, theme_warnings) =
            tokio::task::spawn_blocking(move || theme_for(&theme_dirs, profile.as_deref())).await.unwrap_or_default();
        let mut warnings = warnings;
        warnings.extend(theme_warnings);
        tracing::debug!(ms = started.elapsed().as_millis(), "saved choices and theme read");
        let replica = connection.replica.as_ref().map(keep_replica_fresh);
        let mut terminal = ratatui::init();
        install_panic_hook();
        mouse_capture(true);
        let opts = hubtui::runtime::Options {
            // Short: the status bar has room for more than the path (help shows it).
            portal: short_portal(&connection.label),
            keymap,
            theme,
            config_dir: dirs.config.clone(),
            data_dir: drafts,
            saved,
            read_only: connection.read_only.then(|| "this profile is marked read_only in config.toml".to_owned()),
            about: about(&connection, log.as_deref(), &dirs),
            started,
            warnings,
            profile: connection.profile.clone(),
            replica,
            api_base: connection.replica.as_ref().map(|r| r.upstream.base_url().to_owned()),
        };
        let result = hubtui::runtime::run(&mut terminal, connection.client.clone(), opts).await;
        mouse_capture(false);
        ratatui::restore();
        // The embedded demo CRM closes its database cleanly (no -wal/-shm left).
        connection.close().await;
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("hubtui: terminal error: {e}");
                if let Some(p) = log {
                    eprintln!("the log is at {}", p.display());
                }
                ExitCode::from(1)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    /// A walkthrough found: changes staged on one portal came back (and were saved) on another.
    #[test]
    fn each_portal_has_its_own_journal() {
        let d = std::path::Path::new("/d");
        let demo = hubtui::writelog::portal_dir(d, "local CRM (/d/demo.db)");
        assert_ne!(demo, hubtui::writelog::portal_dir(d, "http://127.0.0.1:18282"));
        assert_ne!(demo, hubtui::writelog::portal_dir(d, "prod"));
        assert_eq!(demo, hubtui::writelog::portal_dir(d, "local CRM (/d/demo.db)"));
        assert!(demo.starts_with("/d/drafts"));
    }
}
