//! Command-line interface: `hubtui` (the TUI) and its subcommands.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A keyboard-driven terminal browser and editor for HubSpot CRM records.
///
/// With no HubSpot token, hubtui works against a local HubSpot-compatible CRM seeded with a
/// demo portal, so it runs on a fresh machine with no account and no network.
#[derive(Debug, Parser)]
#[command(name = "hubtui", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the local HubSpot-compatible CRM as an HTTP server.
    ///
    /// It speaks HubSpot's CRM v3 API (objects, batches, merge, properties, schemas,
    /// pipelines, owners) from a SQLite file, so HubSpot's own client libraries and your
    /// integrations can run against it. Prints one line when ready:
    /// `hubtui emulator listening on http://ADDR`.
    Serve(ServeArgs),
}

/// What a new database is seeded with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeedArg {
    /// The demo portal: Cars (2-3465404), contacts, companies, deals, tickets, activities.
    Demo,
    /// Standard object types only, no records.
    Empty,
}

/// Options of `hubtui serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port. Binds loopback unless told otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// SQLite database file (created and seeded when new). Default: local-crm.db in the
    /// user's data directory.
    #[arg(long, conflicts_with = "memory")]
    pub db: Option<PathBuf>,
    /// Keep everything in memory; nothing survives the process.
    #[arg(long)]
    pub memory: bool,
    /// What a new database is seeded with.
    #[arg(long, value_enum, default_value_t = SeedArg::Demo)]
    pub seed: SeedArg,
    /// Number of Cars in a new demo portal (for benchmarks: 1000000 seeds in well under a minute).
    #[arg(long, default_value_t = crate::emulator::seed::DEFAULT_CARS)]
    pub records: usize,
    /// Accept only this bearer token (otherwise any non-empty token is accepted). Also read
    /// from HUBTUI_SERVE_TOKEN, which keeps it out of the process list.
    #[arg(long, env = "HUBTUI_SERVE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Enforce HubSpot's rate limits: free, pro, enterprise, or N/10s. Off when absent.
    #[arg(long, value_name = "TIER")]
    pub rate_limits: Option<String>,
    /// Fault-injection rules (JSON: {"seed": 7, "rules": [{"method": "POST", "path":
    /// "/crm/v3/objects/*", "probability": 0.3, "action": {"type": "status", "status": 502}}]}).
    /// Also settable at runtime with PUT /__hubtui/faults.
    #[arg(long, value_name = "FILE")]
    pub faults: Option<PathBuf>,
    /// Most filter groups a search may have (HubSpot: 5).
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub search_max_groups: usize,
    /// Most filters in one search filter group (HubSpot: 6).
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub search_max_group_filters: usize,
    /// Most filters in one search in all (HubSpot: 18).
    #[arg(long, default_value_t = 18, value_name = "N")]
    pub search_max_filters: usize,
}
