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

/// Runs the app.
pub fn run(conn: &ConnArgs) -> ExitCode {
    let dirs = match Dirs::from_env() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("hubtui: {e}");
            return ExitCode::from(1);
        }
    };
    let keymap = match Keymap::load(&dirs.config.join("keymap.toml")) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("hubtui: keymap: {e}");
            return ExitCode::from(1);
        }
    };
    let log = init_logging(&dirs);
    let theme = Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("hubtui: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(async {
        let connection = match hubtui::commands::connect(conn).await {
            Ok(c) => c,
            Err(e) => {
                eprintln!("hubtui: {e}");
                return ExitCode::from(e.exit_code());
            }
        };
        let mut terminal = ratatui::init();
        let result =
            hubtui::runtime::run(&mut terminal, connection.client.clone(), connection.label.clone(), keymap, theme)
                .await;
        ratatui::restore();
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
