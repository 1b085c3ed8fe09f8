//! `hubtui serve`: the local CRM as a standalone server.

use std::process::ExitCode;

use hubtui::cli::{SeedArg, ServeArgs};
use hubtui::emulator::launch::{DbChoice, SeedChoice, open_store};
use hubtui::emulator::{EmuState, serve};

/// Runs the server until Ctrl-C or SIGTERM.
pub fn run(args: &ServeArgs) -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HUBTUI_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let db = if args.memory {
        DbChoice::Memory
    } else if let Some(p) = &args.db {
        DbChoice::File(p.clone())
    } else {
        match directories::ProjectDirs::from("", "", "hubtui") {
            Some(dirs) => DbChoice::File(dirs.data_dir().join("local-crm.db")),
            None => {
                eprintln!("hubtui serve: no home directory to keep the database in; pass --db PATH or --memory");
                return ExitCode::from(2);
            }
        }
    };
    let seed = match args.seed {
        SeedArg::Demo => SeedChoice::Demo,
        SeedArg::Empty => SeedChoice::Empty,
    };
    let started = std::time::Instant::now();
    let (store, seeded) = match open_store(&db, seed, args.records) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("hubtui serve: {e}");
            return ExitCode::from(1);
        }
    };
    if seeded {
        tracing::info!(elapsed_ms = started.elapsed().as_millis(), "seeded a new database");
    }
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
    let warm = store.clone();
    let closer = store.clone();
    let mut state = EmuState::new(store, args.token.clone());
    let cache = state.search_cache.clone();
    if let Some(tier) = &args.rate_limits {
        match hubtui::emulator::limits::RateLimits::parse(tier) {
            Ok(limits) => state = state.with_rate_limits(limits),
            Err(e) => {
                eprintln!("hubtui serve: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(path) = &args.faults {
        let loaded = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                serde_json::from_str::<hubtui::emulator::faults::FaultConfig>(&text).map_err(|e| e.to_string())
            })
            .and_then(|config| state.faults.set(config).map_err(|e| e.message));
        if let Err(e) = loaded {
            eprintln!("hubtui serve: fault rules {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    state.search_limits.max_groups = args.search_max_groups;
    state.search_limits.max_filters_per_group = args.search_max_group_filters;
    state.search_limits.max_filters = args.search_max_filters;
    let addr = args.addr;
    runtime.block_on(async move {
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
        // Load the search columns in the background so the first search does not wait.
        tokio::task::spawn_blocking(move || {
            let started = std::time::Instant::now();
            match cache.warm(&warm) {
                Ok(()) => tracing::info!(elapsed_ms = started.elapsed().as_millis(), "search index ready"),
                Err(e) => tracing::warn!(error = %e, "could not preload the search index; it loads on first search"),
            }
        });
        let served = serve(listener, state, shutdown).await;
        // Checkpoint and close, so the database is left as one file (no -wal, no -shm).
        let closed = closer.close().await;
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
    })
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
