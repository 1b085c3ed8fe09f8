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
    #[command(flatten)]
    pub conn: ConnArgs,
}

impl Cli {
    /// Parses a command line: groups `--filter`s at each `--or` by position, and lets the
    /// connection flags stand before or after the subcommand.
    ///
    /// # Errors
    /// A usage error, ready for `clap::Error::exit`.
    pub fn parse_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Self::command().try_get_matches_from(args)?;
        let mut cli = Self::from_arg_matches(&matches)?;
        if let (Some(Command::Search(args)), Some(("search", m))) = (&mut cli.command, matches.subcommand()) {
            args.groups = filter_groups(m);
        }
        let outer = cli.conn.clone();
        match &mut cli.command {
            Some(Command::Serve(_)) if outer.any() => {
                return Err(Self::command().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "connection flags (--profile, --base-url, --token, --db) go after `serve`: \
                     hubtui serve --db FILE --token TOKEN",
                ));
            }
            Some(c) => {
                if let Some(conn) = c.conn_mut() {
                    conn.fill_from(&outer);
                }
            }
            None => {}
        }
        Ok(cli)
    }
}

/// Splits `--filter` values into groups at each `--or`, by their positions on the line.
fn filter_groups(m: &clap::ArgMatches) -> Vec<Vec<String>> {
    let filters: Vec<(usize, String)> = match (m.indices_of("filter"), m.get_many::<String>("filter")) {
        (Some(i), Some(v)) => i.zip(v.cloned()).collect(),
        _ => Vec::new(),
    };
    let ors: Vec<usize> = m.indices_of("or").map(Iterator::collect).unwrap_or_default();
    let mut groups = vec![Vec::new()];
    let mut ors = ors.into_iter().peekable();
    for (idx, f) in filters {
        while ors.peek().is_some_and(|o| *o < idx) {
            ors.next();
            if groups.last().is_some_and(|g: &Vec<String>| !g.is_empty()) {
                groups.push(Vec::new());
            }
        }
        if let Some(g) = groups.last_mut() {
            g.push(f);
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

impl Command {
    /// The subcommand's connection flags, for the commands that talk to a portal.
    pub fn conn_mut(&mut self) -> Option<&mut ConnArgs> {
        match self {
            Self::Get(a) => Some(&mut a.conn),
            Self::Search(a) => Some(&mut a.conn),
            Self::Export(a) => Some(&mut a.conn),
            Self::Import(a) => Some(&mut a.conn),
            Self::Log(a) => Some(&mut a.conn),
            Self::Undo(a) => Some(&mut a.conn),
            Self::Types(a) => Some(&mut a.conn),
            Self::Sync(a) => Some(&mut a.conn),
            Self::Props(a) => Some(a.conn_mut()),
            Self::Schema(a) => Some(match &mut a.action {
                SchemaAction::Diff(d) => &mut d.conn,
                SchemaAction::Apply(d) => &mut d.conn,
            }),
            Self::Serve(_) | Self::Completions { .. } => None,
        }
    }
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
    /// Print one record as the API's JSON.
    ///
    /// Examples: `hubtui get cars 10000691 --properties make,model,price --history price`,
    /// `hubtui get cars 1GC9DNGBXHU000000 --id-property VIN`.
    Get(GetArgs),
    /// Search records with HubSpot's filter groups.
    ///
    /// Filters read `PROPERTY OPERATOR [VALUE]`: `'year EQ 2026'`, `'make IN bmw,audi'`,
    /// `'price BETWEEN 10000 50000'`, `'owner HAS_PROPERTY'`. Filters are ANDed; `--or` starts
    /// a new group, and groups are ORed:
    /// `hubtui search cars --filter 'year EQ 2026' --filter 'price GT 50000' --or --filter 'make EQ Acura'`.
    Search(SearchArgs),
    /// Export every record of a type as CSV, JSON or JSON lines (no 10,000 cap).
    Export(ExportArgs),
    /// Upsert records from a CSV or JSON file by a unique property, 100 per call.
    ///
    /// Columns (or keys) are property names; the `--id-property` column identifies records.
    /// Progress goes to stderr; rows that fail are listed with their reason, and the exit code
    /// is 4 when some rows failed.
    Import(ImportArgs),
    /// List the write log: every write hubtui made to this portal, newest first.
    ///
    /// Each entry has an id (for `hubtui undo`), when, what, the type and its records.
    /// Examples: `hubtui log --since 1h`, `hubtui log --type cars --json`.
    Log(LogArgs),
    /// Undo a logged write: set back what it changed, archive what it created, restore what
    /// it archived (where the API allows), put back associations it removed.
    ///
    /// Records someone changed since are held back and listed with both values. The undo is
    /// itself logged (and can be undone). `--dry-run` shows what it would write.
    Undo(UndoArgs),
    /// List the object types (standard and custom) of the portal.
    Types(TypesArgs),
    /// List the properties of an object type, or export types' definitions as JSON.
    ///
    /// `hubtui props cars` lists them; `hubtui props export cars contacts > defs.json`
    /// writes the definitions (schemas' settings, groups, properties with options and
    /// validation rules, association definitions and labels) for `hubtui schema diff/apply`.
    Props(PropsArgs),
    /// Compare two portals' definitions, or make a portal's like a file's.
    ///
    /// `hubtui schema diff --from prod --to sandbox` lists what differs;
    /// `hubtui schema apply defs.json --to sandbox --dry-run` says what it would write.
    /// A portal is a profile name, a base URL (token from --token or HUBSPOT_ACCESS_TOKEN),
    /// `demo` (the embedded demo CRM), or (for --from) a file from `hubtui props export`.
    Schema(SchemaArgs),
    /// Copy a HubSpot portal into a local replica, or bring the replica up to date.
    ///
    /// The first run copies the definitions, every record of the chosen types (all their
    /// properties) and the associations between them into a local CRM file; later runs read
    /// only what changed since. Every page is committed as it arrives: stop it at any moment
    /// and the next run continues. The replica is a local CRM database: `hubtui --db FILE`
    /// browses it and `hubtui serve --db FILE` serves it, with exact totals and no cap.
    /// Examples: `hubtui sync --profile prod`, `hubtui sync --profile prod --types cars,contacts
    /// --max-calls 5000`, `hubtui sync --status`.
    Sync(SyncArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// How to reach a portal (shared by the commands that talk to one). The flags may stand
/// before or after the subcommand; after it, they win.
#[derive(Debug, Clone, Default, Args)]
pub struct ConnArgs {
    /// A profile from config.toml.
    #[arg(long)]
    pub profile: Option<String>,
    /// The API's base URL (default https://api.hubapi.com when a token is given).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// An access token — a service key, a legacy private app's token or an OAuth token, sent
    /// as a bearer token; beats HUBSPOT_ACCESS_TOKEN (prefer that variable: flags show in `ps`).
    #[arg(long)]
    pub token: Option<String>,
    /// A local CRM database file: the embedded demo's (default: demo.db in the data directory), any
    /// local CRM or replica file opened as a local CRM of its own; with `--replica`, the replica.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// HubSpot API version to speak: 2026-09 (the default), 2026-03 (date-based paths) or
    /// v3 (v3/v4 paths); beats a profile's `api_version`.
    #[arg(long, value_name = "VERSION")]
    pub api_version: Option<String>,
    /// Work on the portal's local replica (made by `hubtui sync`; `--db` names another file):
    /// reads, lists and searches are local, writes go to the portal first and are read back.
    #[arg(long)]
    pub replica: bool,
}

impl ConnArgs {
    /// Whether any connection flag was given.
    #[must_use]
    pub fn any(&self) -> bool {
        self.profile.is_some() || self.base_url.is_some() || self.token.is_some() || self.db.is_some() || self.replica
    }

    /// Fills the flags not given here from `outer` (the ones before the subcommand).
    pub fn fill_from(&mut self, outer: &ConnArgs) {
        self.profile = self.profile.take().or_else(|| outer.profile.clone());
        self.base_url = self.base_url.take().or_else(|| outer.base_url.clone());
        self.token = self.token.take().or_else(|| outer.token.clone());
        self.db = self.db.take().or_else(|| outer.db.clone());
        self.api_version = self.api_version.take().or_else(|| outer.api_version.clone());
        self.replica |= outer.replica;
    }
}

/// Options of `hubtui sync`.
#[derive(Debug, Args)]
#[command(mut_arg("db", |a| a.help("The replica file (default: replicas/portal-ID.db in the data directory)")))]
#[command(mut_arg("replica", |a| a.hide(true)))]
pub struct SyncArgs {
    /// The portal (`--profile`, or `--base-url`/`--token`); `--db` is the replica file
    /// (default: replicas/portal-ID.db in the data directory).
    #[command(flatten)]
    pub conn: ConnArgs,
    /// Object types to copy, comma-separated (default: every custom object, contacts,
    /// companies, deals and tickets; later runs: the replica's types).
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,
    /// Stop cleanly before making more than this many API calls (the next run continues).
    #[arg(long, value_name = "N")]
    pub max_calls: Option<u64>,
    /// Pull every record again, not only the changes.
    #[arg(long)]
    pub full: bool,
    /// Read every association now (otherwise once a day, and those of changed records).
    #[arg(long)]
    pub sweep_associations: bool,
    /// Show what the replicas hold and how fresh they are, and make no calls.
    #[arg(long)]
    pub status: bool,
    /// Write a masked copy of the replica (`--db`, or the only one in the data directory) to
    /// this new file, and make no calls: personal values (names, emails, phones, addresses,
    /// free text) replaced by consistent fakes, ids and associations kept, no upstream — for
    /// `hubtui serve --db FILE`.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["status", "full", "types", "max_calls"])]
    pub mask: Option<PathBuf>,
    /// No progress on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Options of `hubtui types`.
#[derive(Debug, Args)]
pub struct TypesArgs {
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// Options of `hubtui get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// Object type: cars, contacts, 2-3465404, p48213567_cars, ...
    pub object_type: String,
    /// Record id (or a unique value with --id-property).
    pub id: String,
    /// Properties to return, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub properties: Vec<String>,
    /// Properties to return with their history, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub history: Vec<String>,
    /// Associated object types to list, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub associations: Vec<String>,
    /// A unique property identifying the record (e.g. VIN).
    #[arg(long)]
    pub id_property: Option<String>,
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// Options of `hubtui search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Object type: cars, contacts, 2-3465404, p48213567_cars, ...
    pub object_type: String,
    /// A filter: PROPERTY OPERATOR [VALUE]. Repeat to AND.
    #[arg(long)]
    pub filter: Vec<String>,
    /// Start a new filter group (groups are ORed); every `--or` starts one.
    #[arg(long, action = clap::ArgAction::Append, num_args = 0, default_missing_value = "true",
          value_parser = clap::value_parser!(bool))]
    pub or: Vec<bool>,
    /// Sort by a property; `-price` sorts descending.
    #[arg(long, allow_hyphen_values = true)]
    pub sort: Option<String>,
    /// Free text over the type's searchable properties.
    #[arg(long)]
    pub query: Option<String>,
    /// Properties to return, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub properties: Vec<String>,
    /// Results per page (1-200).
    #[arg(long, default_value_t = 10, conflicts_with = "all")]
    pub limit: u32,
    /// Every match, past HubSpot's 10,000 cap (sorted by record id).
    #[arg(long)]
    pub all: bool,
    /// The filters grouped by `--or` (filled from the arguments' positions).
    #[arg(skip)]
    pub groups: Vec<Vec<String>>,
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Jsonl,
}

/// Options of `hubtui export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Object type: cars, contacts, 2-3465404, p48213567_cars, ...
    pub object_type: String,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Properties to export, comma-separated (default: the type's defaults).
    #[arg(long, value_delimiter = ',')]
    pub properties: Vec<String>,
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// Options of `hubtui import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Object type: cars, contacts, 2-3465404, p48213567_cars, ...
    pub object_type: String,
    /// A .csv, .json (an array of objects) or .jsonl file.
    pub file: PathBuf,
    /// The unique property that identifies records (e.g. VIN).
    #[arg(long)]
    pub id_property: String,
    #[command(flatten)]
    pub write: WriteFlags,
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// The flags every CLI write takes.
#[derive(Debug, Clone, Default, Args)]
pub struct WriteFlags {
    /// Say what would be written (counts per action, the first rows, the calls and rate
    /// budget, and the plan's digest — alone on stdout) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write without asking, however many records. (On a HubSpot portal, a write of more
    /// than the profile's `confirm_above` records — 100 unless set — asks first.)
    #[arg(long)]
    pub yes: bool,
    /// Write only if the plan's digest is this one (printed by `--dry-run` of the same plan).
    #[arg(long, value_name = "DIGEST")]
    pub confirm: Option<String>,
}

/// Options of `hubtui log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only entries this recent: `30m`, `1h`, `2d`.
    #[arg(long, value_name = "AGE")]
    pub since: Option<String>,
    /// Only writes to this object type: its id, name or label (2-3465404, cars, Cars).
    #[arg(long = "type", value_name = "TYPE")]
    pub object_type: Option<String>,
    /// Print the entries as JSON lines (with every record's values before and after).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// Options of `hubtui undo`.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The entry's id (or a unique prefix), as `hubtui log` lists it.
    pub entry: String,
    #[command(flatten)]
    pub write: WriteFlags,
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// Options of `hubtui props`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct PropsArgs {
    #[command(subcommand)]
    pub action: Option<PropsAction>,
    /// Object type: cars, contacts, 2-3465404, p48213567_cars, ...
    #[arg(required = true)]
    pub object_type: Option<String>,
    #[command(flatten)]
    pub conn: ConnArgs,
}

impl PropsArgs {
    /// The connection flags of the command run (an `export`'s own, filled from these).
    pub fn conn_mut(&mut self) -> &mut ConnArgs {
        match &mut self.action {
            Some(PropsAction::Export(e)) => {
                e.conn.fill_from(&self.conn);
                &mut e.conn
            }
            None => &mut self.conn,
        }
    }
}

/// Subcommands of `hubtui props`.
#[derive(Debug, Subcommand)]
pub enum PropsAction {
    /// Write the definitions of types as JSON (stdout, or --output).
    Export(PropsExportArgs),
}

/// Options of `hubtui props export`.
#[derive(Debug, Args)]
pub struct PropsExportArgs {
    /// Object types (names, ids or labels); every type of the portal when none.
    pub types: Vec<String>,
    /// Write to this file instead of stdout (refused if it exists).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// Options of `hubtui schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    #[command(subcommand)]
    pub action: SchemaAction,
}

/// Subcommands of `hubtui schema`.
#[derive(Debug, Subcommand)]
pub enum SchemaAction {
    /// List what differs between two portals' definitions (or a file's and a portal's).
    Diff(SchemaDiffArgs),
    /// Create what a portal lacks and update what differs, from a definitions file.
    Apply(SchemaApplyArgs),
}

/// Options of `hubtui schema diff`.
#[derive(Debug, Args)]
pub struct SchemaDiffArgs {
    /// The source: a profile, a base URL, `demo`, or a `props export` file.
    #[arg(long, value_name = "PORTAL")]
    pub from: String,
    /// The target: a profile, a base URL or `demo`.
    #[arg(long, value_name = "PORTAL")]
    pub to: String,
    /// Only these types (comma-separated names); default: every type of the source.
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,
    /// Print the differences as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// Options of `hubtui schema apply`.
#[derive(Debug, Args)]
pub struct SchemaApplyArgs {
    /// A definitions file from `hubtui props export`.
    pub file: PathBuf,
    /// The portal to change: a profile, a base URL or `demo`.
    #[arg(long, value_name = "PORTAL")]
    pub to: String,
    /// Only these types of the file (comma-separated names).
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,
    /// Say what would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also delete properties and groups only the target has (asks first; --yes does not).
    #[arg(long)]
    pub prune: bool,
    /// Delete without asking (with --prune).
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub conn: ConnArgs,
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
