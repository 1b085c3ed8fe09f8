//! The local replica of a HubSpot portal: `hubtui sync` copies a portal's definitions,
//! records and associations into a local CRM database (the same file `hubtui serve --db`
//! serves), then keeps it in step incrementally. Reads of the replica are local: exact
//! totals, any sort, no 10,000 cap, no rate limit.
//!
//! One room per concern: [`state`] is what the replica remembers (in its own `meta` table,
//! committed with each page), [`defs`] copies definitions, [`pull`] records, [`links`]
//! associations, [`write`] is every write into the store, [`progress`] the lines on stderr.

pub mod background;
pub mod defs;
pub mod lanes;
pub mod links;
pub mod mask;
pub mod progress;
pub mod pull;
pub mod state;
pub mod status;
pub mod through;
pub mod write;

use std::path::{Path, PathBuf};

use crate::api::client::Client;
use crate::api::error::Error as ApiError;
use crate::emulator::error::EmuError;
use crate::emulator::store::Store;
use crate::timefmt::now_ms;
use defs::Chosen;
use progress::Progress;
use state::{Source, TypeState};

/// How often associations are read in full (their changes need not touch a record's
/// modification time, so the incremental sync cannot see all of them).
pub const LINK_SWEEP_MS: i64 = 24 * 60 * 60 * 1000;

/// Why a sync stopped.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error("the replica: {0}")]
    Store(String),
    #[error("{0}")]
    Portal(String),
}

impl From<EmuError> for SyncError {
    fn from(e: EmuError) -> Self {
        Self::Store(e.message)
    }
}

/// What to sync.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Type names (`None`: every custom type and contacts, companies, deals, tickets; or the
    /// replica's own types once it has some).
    pub types: Option<Vec<String>>,
    /// Stop cleanly before making more than this many calls.
    pub max_calls: Option<u64>,
    /// Pull every record again (and read every association).
    pub full: bool,
    /// Read every association now, not only when the daily sweep is due.
    pub sweep_links: bool,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub portal_id: i64,
    /// Per type: records written by this run.
    pub written: Vec<(String, u64)>,
    pub calls: u64,
    /// The budget ran out before everything was done (the next run continues).
    pub stopped_by_budget: bool,
}

/// One sync in progress: the portal, the replica and the budget.
pub struct Run<'a> {
    pub client: &'a Client,
    pub store: &'a Store,
    pub progress: &'a mut Progress,
    start_calls: u64,
    max_calls: Option<u64>,
}

impl Run<'_> {
    /// Whether the next call could go past the budget.
    #[must_use]
    pub fn out_of_budget(&self) -> bool {
        // A list page of a wide type is a few calls: keep room for one.
        self.max_calls.is_some_and(|m| self.client.calls() - self.start_calls + 3 > m)
    }

    /// Calls made by this run.
    #[must_use]
    pub fn spent(&self) -> u64 {
        self.client.calls() - self.start_calls
    }

    /// Saves a type's state on its own (pages save theirs with their records).
    pub fn save_state(&self, name: &str, st: &TypeState) -> Result<(), SyncError> {
        self.store.write_blocking(|tx, _| state::set_type_state(tx, name, st))?;
        Ok(())
    }

    /// How many pages of calls the budget leaves room for (each up to 3 calls: a wide
    /// type's page takes a GET per part of its property list).
    #[must_use]
    pub fn room(&self) -> usize {
        self.max_calls.map_or(usize::MAX, |m| usize::try_from(m.saturating_sub(self.spent()) / 3).unwrap_or(usize::MAX))
    }

    /// How many live records the portal says a type has, and one past its highest id (one
    /// search, sorted by id): for progress and for cutting the pull into lanes.
    pub async fn estimate(&mut self, c: &Chosen) -> Option<(u64, Option<i64>)> {
        if self.out_of_budget() {
            return None;
        }
        let req = crate::model::SearchRequest {
            limit: Some(1),
            sorts: vec![crate::model::SortSpec::Object {
                property_name: "hs_object_id".into(),
                direction: Some("DESCENDING".into()),
            }],
            properties: vec!["hs_object_id".into()],
            ..Default::default()
        };
        let r = self.client.search(&c.remote, &req).await.ok()?;
        let top = r.results.first().and_then(|o| o.id.parse::<i64>().ok()).map(|id| id + 1);
        Some((r.total, top))
    }
}

/// The replica file of a portal in the data directory.
#[must_use]
pub fn default_path(data_dir: &Path, portal_id: i64) -> PathBuf {
    data_dir.join("replicas").join(format!("portal-{portal_id}.db"))
}

/// Syncs `store` (a replica, or a new empty local CRM) from the portal `client` reaches.
pub async fn sync(
    client: &Client,
    store: &Store,
    opts: &Options,
    progress: &mut Progress,
) -> Result<Report, SyncError> {
    let account = client.account_details().await?;
    let portal =
        i64::try_from(account.portal_id).map_err(|_| SyncError::Portal("the portal id is out of range".into()))?;
    let held = store.read_blocking(|conn, _| state::source(conn))?;
    let held = held.as_ref();
    if let Some(h) = held
        && h.portal_id != portal
    {
        return Err(SyncError::Usage(format!(
            "this replica copies portal {}, and the token reaches portal {}: give another --db",
            h.portal_id, portal
        )));
    }
    let mut run = Run { client, store, progress, start_calls: client.calls(), max_calls: opts.max_calls };
    if held.is_none() {
        let records: i64 = store.read_blocking(|conn, _| write::record_count(conn))?;
        if records > 0 {
            return Err(SyncError::Usage(format!(
                "this file is a local CRM database with {records} records of its own, not a replica: give a new --db path"
            )));
        }
    }
    let chosen = definitions(&mut run, opts, held, portal).await?;
    let mut report = Report { portal_id: portal, ..Report::default() };
    let mut complete = true;
    // The stalest first (never finished, then the oldest sync): a budget that ends a run
    // early never starves the same types run after run.
    let mut order = Vec::with_capacity(chosen.len());
    for c in &chosen {
        let st = store.read_blocking(|conn, _| state::type_state(conn, &c.local))?;
        order.push((st.synced_ms.unwrap_or(i64::MIN), c));
    }
    order.sort_by_key(|(t, _)| *t);
    for (_, c) in order {
        let (written, done) = sync_type(&mut run, c, &chosen, opts).await?;
        report.written.push((c.local.clone(), written));
        complete &= done;
    }
    report.calls = run.spent();
    report.stopped_by_budget = !complete;
    let spent = report.calls;
    store.write_blocking(|tx, _| {
        if let Some(mut s) = state::source(tx)? {
            s.calls += spent;
            state::set_source(tx, &s)?;
        }
        Ok(())
    })?;
    run.progress.finish(&report);
    Ok(report)
}

/// Reads and writes the definitions; returns the chosen types with their property lists.
async fn definitions(
    run: &mut Run<'_>,
    opts: &Options,
    held: Option<&Source>,
    portal_id: i64,
) -> Result<Vec<Chosen>, SyncError> {
    let schemas = run.client.schemas().await?;
    let asked = opts.types.clone().or_else(|| held.map(|h| h.types.clone()));
    let mut chosen = defs::choose(asked.as_deref(), &schemas, &run.store.catalog())?;
    check_budget(opts.max_calls, chosen.len() as u64)?;
    run.store
        .write_blocking(|tx, _| crate::emulator::store::defs::set_meta(tx, "portal_id", &portal_id.to_string()))?;
    for c in &mut chosen {
        let d = defs::read_type(run.client, c, &schemas).await?;
        c.properties = d.properties.iter().filter(|p| !p.archived).map(|p| p.name.clone()).collect();
        defs::write_type(run.store, c, &d)?;
    }
    defs::write_owners(run.store, &run.client.owners().await?)?;
    for (i, a) in chosen.iter().enumerate() {
        for b in &chosen[i + 1..] {
            let ab = run.client.association_labels(&a.remote, &b.remote).await.unwrap_or_default();
            let ba = run.client.association_labels(&b.remote, &a.remote).await.unwrap_or_default();
            defs::write_labels(run.store, (&a.local, &b.local), &ab, &ba)?;
        }
    }
    let mut types: Vec<String> = held.map(|h| h.types.clone()).unwrap_or_default();
    for c in &chosen {
        if !types.contains(&c.local) {
            types.push(c.local.clone());
        }
    }
    let source = Source {
        portal_id,
        base_url: run.client.base_url().to_owned(),
        types,
        defs_synced_ms: Some(now_ms()),
        calls: held.map_or(0, |h| h.calls),
    };
    run.store.write_blocking(|tx, _| state::set_source(tx, &source))?;
    Ok(chosen)
}

/// Refuses a budget too small for a run to move at all.
fn check_budget(max_calls: Option<u64>, n: u64) -> Result<(), SyncError> {
    let Some(max) = max_calls else { return Ok(()) };
    // Account, schemas, owners; per type its properties, groups, pipelines, a count, the
    // changes and the archived set; per pair of types its labels both ways.
    let need = 3 + 6 * n + n * n.saturating_sub(1) + 10;
    if max < need {
        let types = if n == 1 { "type" } else { "types" };
        return Err(SyncError::Usage(format!(
            "--max-calls {max} is below what a sync of {n} {types} needs to move at all (about {need} calls)"
        )));
    }
    Ok(())
}

/// One type: the pull (or the changes), the archived set, merges, associations. Returns the
/// records written and whether it finished within the budget.
async fn sync_type(run: &mut Run<'_>, c: &Chosen, all: &[Chosen], opts: &Options) -> Result<(u64, bool), SyncError> {
    let mut st = run.store.read_blocking(|conn, _| state::type_state(conn, &c.local))?;
    if opts.full && st.pulled {
        st = TypeState { calls: st.calls, records_written: st.records_written, ..TypeState::default() };
    }
    let before = st.records_written;
    run.progress.start(&c.local);
    let fresh_pull = !st.pulled;
    if !st.pulled && !pull::initial(run, c, &mut st).await? {
        return Ok((st.records_written - before, false));
    }
    if fresh_pull {
        pull::compact_text(run, c)?;
    }
    let Some(changed) = pull::incremental(run, c, &mut st).await? else {
        return Ok((st.records_written - before, false));
    };
    if !pull::archived(run, c, &mut st).await? {
        run.save_state(&c.local, &st)?;
        return Ok((st.records_written - before, false));
    }
    pull::apply_merges(run, c)?;
    let due = st.links_swept_ms.is_none_or(|t| now_ms() - t > LINK_SWEEP_MS);
    if fresh_pull || due || opts.sweep_links || st.links_cursor.is_some() {
        if !links::sweep(run, c, all, &mut st).await? {
            run.save_state(&c.local, &st)?;
            return Ok((st.records_written - before, false));
        }
    } else {
        links::after_changes(run, c, all, &changed, &mut st).await?;
    }
    st.synced_ms = Some(now_ms());
    run.save_state(&c.local, &st)?;
    run.progress.done(&c.local);
    Ok((st.records_written - before, true))
}
