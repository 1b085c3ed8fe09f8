//! `hubtui serve`: the local CRM as a standalone server. It opens (and, when new, seeds) the
//! database, applies the command line's settings to the server state, serves until Ctrl-C or
//! SIGTERM, and closes the database so it is left as one file.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use hubtui::cli::{SeedArg, ServeArgs};
use hubtui::emulator::faults::FaultConfig;
use hubtui::emulator::launch::{DbChoice, SeedChoice, open_store};
use hubtui::emulator::limits::RateLimits;
use hubtui::emulator::{EmuState, Store, serve};

/// Runs the server until Ctrl-C or SIGTERM.
pub fn run(args: &ServeArgs) -> ExitCode {
    init_logging();
    let store = match open(args) {
        Ok(store) => store,
        Err(code) => return code,
    };
    if !args.addr.ip().is_loopback() && args.token.is_none() {
        tracing::warn!(addr = %args.addr, "listening beyond loopback without --token: anyone who can reach this address can read and write the CRM");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("hubtui serve: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let state = match configure(store, args) {
        Ok(state) => state,
        Err(code) => return code,
    };
    runtime.block_on(serve_until_signal(args.addr, state))
}

/// Logs to stderr at the level `HUBTUI_LOG` names (default `info`).
fn init_logging() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HUBTUI_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
}

/// Where the database lives: `--memory`, `--db PATH`, or `local-crm.db` in the data folder.
fn db_choice(args: &ServeArgs) -> Result<DbChoice, ExitCode> {
    if args.memory {
        return Ok(DbChoice::Memory);
    }
    if let Some(p) = &args.db {
        return Ok(DbChoice::File(p.clone()));
    }
    match directories::ProjectDirs::from("", "", "hubtui") {
        Some(dirs) => Ok(DbChoice::File(dirs.data_dir().join("local-crm.db"))),
        None => {
            eprintln!("hubtui serve: no home directory to keep the database in; pass --db PATH or --memory");
            Err(ExitCode::from(2))
        }
    }
}

/// Opens the database, seeding it as `--seed` says when it is new.
fn open(args: &ServeArgs) -> Result<Store, ExitCode> {
    let db = db_choice(args)?;
    let seed = match args.seed {
        SeedArg::Demo => SeedChoice::Demo,
        SeedArg::Empty => SeedChoice::Empty,
    };
    let started = std::time::Instant::now();
    let (store, seeded) = open_store(&db, seed, args.records).map_err(|e| {
        eprintln!("hubtui serve: {e}");
        ExitCode::from(1)
    })?;
    if seeded {
        tracing::info!(elapsed_ms = started.elapsed().as_millis(), "seeded a new database");
    }
    Ok(store)
}

/// The server state with the command line's token, rate limits, fault rules and search limits.
fn configure(store: Store, args: &ServeArgs) -> Result<EmuState, ExitCode> {
    let mut state = EmuState::new(store, args.token.clone());
    if let Some(tier) = &args.rate_limits {
        match RateLimits::parse(tier) {
            Ok(limits) => state = state.with_rate_limits(limits),
            Err(e) => {
                eprintln!("hubtui serve: {e}");
                return Err(ExitCode::from(2));
            }
        }
    }
    if let Some(path) = &args.faults {
        let loaded = read_faults(path).and_then(|config| state.faults.set(config).map_err(|e| e.message));
        if let Err(e) = loaded {
            eprintln!("hubtui serve: fault rules {}: {e}", path.display());
            return Err(ExitCode::from(2));
        }
    }
    state.search_limits.max_groups = args.search_max_groups;
    state.search_limits.max_filters_per_group = args.search_max_group_filters;
    state.search_limits.max_filters = args.search_max_filters;
    Ok(state)
}

/// A `--faults` file's rules.
fn read_faults(path: &Path) -> Result<FaultConfig, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    serde_json::from_str::<FaultConfig>(&text).map_err(|e| e.to_string())
}

/// Listens on `addr`, prints the ready line, serves until a signal, then checkpoints and closes
/// the database, so it is left as one file (no -wal, no -shm).
async fn serve_until_signal(addr: SocketAddr, state: EmuState) -> ExitCode {
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("hubtui serve: cannot listen on {addr}: {e}");
            return ExitCode::from(1);
        }
    };
    let local = listener.local_addr().map_or_else(|_| addr.to_string(), |a| a.to_string());
    let shutdown = shutdown_signal();
    println!("hubtui emulator listening on http://{local}");
    warm_search(&state);
    let store = state.store.clone();
    let served = serve(listener, state, shutdown).await;
    let closed = store.close().await;
    match (served, closed) {
        (Ok(()), Ok(())) => ExitCode::SUCCESS,
        (Err(e), _) => {
            eprintln!("hubtui serve: {e}");
            ExitCode::from(1)
        }
        (Ok(()), Err(e)) => {
            eprintln!("hubtui serve: closing the database failed: {}", e.message);
            ExitCode::from(1)
        }
    }
}

/// Loads the search columns in the background so the first search does not wait.
fn warm_search(state: &EmuState) {
    let store = state.store.clone();
    let cache = state.search_cache.clone();
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        match cache.warm(&store) {
            Ok(()) => tracing::info!(elapsed_ms = started.elapsed().as_millis(), "search index ready"),
            Err(e) => tracing::warn!(error = %e, "could not preload the search index; it loads on first search"),
        }
    });
}

/// Resolves on Ctrl-C or SIGTERM. The handlers are installed when this is called (before the
/// ready line is printed), so a signal sent right after the line is never missed.
fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        async move {
            match (term, int) {
                (Ok(mut term), Ok(mut int)) => {
                    tokio::select! {
                        _ = term.recv() => {}
                        _ = int.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
            tracing::info!("shutting down");
        }
    }
    #[cfg(not(unix))]
    async move {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    }
}
