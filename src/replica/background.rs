//! The replica kept fresh while the app is open: an incremental sync at start and then every
//! [`EVERY`], each within [`BUDGET`] calls (a sync stopped by the budget continues at the
//! next one), its state reported for the status bar — and the clock every
//! [`REPORT_EVERY`], so "synced 3 min ago" stays true.

use std::time::Duration;

use tokio::sync::watch;

use super::progress::Progress;
use super::{Options, state, sync};
use crate::api::client::Client;
use crate::app::bar::ReplicaStatus;
use crate::emulator::error::EmuResult;
use crate::emulator::store::Store;
use crate::timefmt::now_ms;

/// How often the open app syncs its replica.
pub const EVERY: Duration = Duration::from_secs(5 * 60);
/// The calls one background sync may make.
pub const BUDGET: u64 = 500;
/// How often the status is sent again (for the "ago").
pub const REPORT_EVERY: Duration = Duration::from_secs(30);

/// When the replica's stalest type last finished a sync (`None` while one never has).
pub fn synced_ms(conn: &rusqlite::Connection) -> EmuResult<Option<i64>> {
    let Some(source) = state::source(conn)? else { return Ok(None) };
    let mut oldest: Option<i64> = None;
    for t in &source.types {
        let Some(ms) = state::type_state(conn, t)?.synced_ms else { return Ok(None) };
        oldest = Some(oldest.map_or(ms, |o| o.min(ms)));
    }
    Ok(oldest)
}

/// The status now, from the store.
fn status(store: &Store, portal_id: i64, syncing: bool, error: Option<String>) -> ReplicaStatus {
    ReplicaStatus {
        portal_id,
        synced_ms: store.read_blocking(|conn, _| synced_ms(conn)).ok().flatten(),
        now_ms: now_ms(),
        syncing,
        error,
    }
}

/// The status before the first background sync, for the app's first frame.
#[must_use]
pub fn first_status(store: &Store, portal_id: i64) -> ReplicaStatus {
    status(store, portal_id, false, None)
}

/// Runs until every receiver is gone: a sync now, then one every [`EVERY`].
pub async fn keep_fresh(upstream: Client, store: Store, portal_id: i64, tx: watch::Sender<ReplicaStatus>) {
    let opts = Options { max_calls: Some(BUDGET), ..Options::default() };
    loop {
        if tx.send(status(&store, portal_id, true, None)).is_err() {
            return;
        }
        let mut quiet = Progress::new(true);
        let error = match sync(&upstream, &store, &opts, &mut quiet).await {
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(error = %e, "the background sync of the replica failed");
                // The status bar is one line: offline says so in a few words (the log has all).
                Some(match &e {
                    crate::replica::SyncError::Api(a) if a.unreachable() => "the portal cannot be reached".to_owned(),
                    _ => e.to_string(),
                })
            }
        };
        let next = tokio::time::Instant::now() + EVERY;
        while tokio::time::Instant::now() < next {
            if tx.send(status(&store, portal_id, false, error.clone())).is_err() {
                return;
            }
            tokio::time::sleep(REPORT_EVERY.min(next - tokio::time::Instant::now())).await;
        }
    }
}
