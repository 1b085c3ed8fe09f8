//! The headless CLI (`hubtui get/search/export/import/log/undo/types/props/schema`) on the same client and
//! configuration as the TUI. JSON output is the API's JSON. Exit codes: 0 done, 1 a local
//! problem (config, files), 2 bad usage, 3 an API error, 4 some inputs failed.

mod connect;
mod filter_arg;
pub mod gate;
mod get;
pub mod import;
mod log;
mod records_out;
pub mod replica_conn;
mod schema;
pub mod search;
mod sync;
mod types;

use std::process::ExitCode;

pub use connect::{Connection, connect};
pub use filter_arg::{parse_filter, parse_sort};

use crate::api;
use crate::cli::Command;

/// Why a command failed, deciding its exit code.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Api(#[from] api::Error),
    #[error("{0}")]
    Partial(String),
    #[error("{0}")]
    Local(String),
}

impl CliError {
    /// The process exit code.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Local(_) => 1,
            Self::Usage(_) => 2,
            Self::Api(_) => 3,
            Self::Partial(_) => 4,
        }
    }
}

/// Runs a headless command on a fresh runtime.
pub fn run(command: Command) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("hubtui: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(dispatch(command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Local(m)) if m.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hubtui: {e}");
            if let CliError::Api(api::Error::Unauthorized { .. }) = e {
                eprintln!(
                    "hint: check HUBSPOT_ACCESS_TOKEN or the profile's token; run without one to use the local demo CRM"
                );
            }
            ExitCode::from(e.exit_code())
        }
    }
}

async fn dispatch(mut command: Command) -> Result<(), CliError> {
    // Two portals (or a file and a portal): connected one at a time by the command.
    if let Command::Schema(a) = command {
        return schema::run(a).await;
    }
    // A portal and a replica file, neither the embedded demo.
    if let Command::Sync(a) = command {
        return sync::run(a).await;
    }
    let Some(args) = command.conn_mut().cloned() else {
        return Err(CliError::Usage("not a headless command".into()));
    };
    // A file to import is read before anything is started: a missing one says so at once.
    if let Command::Import(a) = &command {
        import::read_rows(&a.file)?;
    }
    let conn = connect(&args).await?;
    let result = match command {
        Command::Get(a) => get::run(&conn, a).await,
        Command::Search(a) => search::run(&conn, a).await,
        Command::Export(a) => records_out::export(&conn, a).await,
        Command::Import(a) => import::run(&conn, a).await,
        Command::Log(a) => log::list(&conn, &a).await,
        Command::Undo(a) => log::undo(&conn, &a).await,
        Command::Types(a) => types::types(&conn, a).await,
        Command::Props(a) => match a.action {
            Some(crate::cli::PropsAction::Export(e)) => schema::export(&conn, e).await,
            None => types::props(&conn, a.object_type.unwrap_or_default()).await,
        },
        Command::Serve(_) | Command::Schema(_) | Command::Sync(_) | Command::Completions { .. } => {
            Err(CliError::Usage("not a headless command".into()))
        }
    };
    // The embedded CRM closes cleanly (no -wal/-shm left), whatever the command's outcome.
    conn.close().await;
    result
}

/// Prints one line to stdout (a closed pipe, as in `| head`, ends the command quietly).
pub(crate) fn out(line: &str) -> Result<(), CliError> {
    let mut o = std::io::stdout().lock();
    std::io::Write::write_all(&mut o, line.as_bytes())
        .and_then(|()| std::io::Write::write_all(&mut o, b"\n"))
        .map_err(|e| CliError::Local(e.to_string()))
}

/// Prints JSON to stdout, pretty.
pub(crate) fn print_json<T: serde::Serialize>(v: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(v).map_err(|e| CliError::Local(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    match std::io::Write::write_all(&mut out, text.as_bytes()).and_then(|()| std::io::Write::write_all(&mut out, b"\n"))
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Local(e.to_string())),
        _ => Ok(()),
    }
}
