//! Copying associations between the chosen types. Rows are kept per direction, so each
//! direction is read as the portal answers it (v4 `batch/read`, 1,000 records a call): a
//! sweep reads every live record's links from one type to each other chosen type; after an
//! incremental sync the changed records are read, and the records they were or are now
//! linked to are read back the other way.

use super::defs::Chosen;
use super::pull::link_rows;
use super::state::TypeState;
use super::write;
use super::{Run, SyncError};
use crate::api::associations::READ_BATCH;

/// The type numbers of two chosen types in the replica.
fn numbers(run: &Run<'_>, a: &Chosen, b: &Chosen) -> Option<(i64, i64)> {
    let cat = run.store.catalog();
    Some((cat.resolve(&a.local)?.def.no, cat.resolve(&b.local)?.def.no))
}

/// Reads the links of `ids` of `from` to `to` and replaces the replica's rows with them.
async fn refresh(
    run: &mut Run<'_>,
    from: &Chosen,
    to: &Chosen,
    ids: &[i64],
    st: &mut TypeState,
) -> Result<(), SyncError> {
    let Some((_, to_no)) = numbers(run, from, to) else { return Ok(()) };
    for chunk in ids.chunks(READ_BATCH) {
        let wire: Vec<String> = chunk.iter().map(ToString::to_string).collect();
        let before = run.client.calls();
        let answer = run.client.association_batch_read(&from.remote, &to.remote, &wire).await?;
        st.calls += run.client.calls() - before;
        let rows = link_rows(&answer);
        run.store.write_blocking(|tx, _| write::replace_links(tx, chunk, to_no, &rows))?;
    }
    Ok(())
}

/// Whether the replica knows association types from `a` to `b` (pairs without any are skipped).
fn linkable(run: &Run<'_>, a: &Chosen, b: &Chosen) -> bool {
    let Some((na, nb)) = numbers(run, a, b) else { return false };
    run.store
        .read_blocking(|conn, _| crate::emulator::store::assoc::types_between(conn, na, nb))
        .map(|t| !t.is_empty())
        .unwrap_or(false)
}

/// Reads every live record's links from `from` to every other chosen type, in id order,
/// from where the last sweep stopped. `Ok(false)` when the budget ran out.
pub async fn sweep(run: &mut Run<'_>, from: &Chosen, all: &[Chosen], st: &mut TypeState) -> Result<bool, SyncError> {
    let others: Vec<&Chosen> = all.iter().filter(|o| o.local != from.local && linkable(run, from, o)).collect();
    let Some(from_no) = run.store.catalog().resolve(&from.local).map(|t| t.def.no) else { return Ok(true) };
    let mut cursor = st.links_cursor.unwrap_or(0);
    loop {
        if run.out_of_budget() {
            return Ok(false);
        }
        let ids = run.store.read_blocking(|conn, _| write::live_ids(conn, from_no, cursor, READ_BATCH))?;
        let Some(&last) = ids.last() else { break };
        for to in &others {
            refresh(run, from, to, &ids, st).await?;
        }
        cursor = last;
        st.links_cursor = Some(cursor);
        run.save_state(&from.local, st)?;
        run.progress.advance(&from.local, "associations", ids.len(), None);
    }
    st.links_cursor = None;
    st.links_swept_ms = Some(crate::timefmt::now_ms());
    Ok(true)
}

/// After records of `from` changed: their links to each other chosen type, and the links
/// back from every record they were or are now linked to.
pub async fn after_changes(
    run: &mut Run<'_>,
    from: &Chosen,
    all: &[Chosen],
    changed: &[i64],
    st: &mut TypeState,
) -> Result<(), SyncError> {
    if changed.is_empty() {
        return Ok(());
    }
    for to in all.iter().filter(|o| o.local != from.local) {
        if !linkable(run, from, to) {
            continue;
        }
        let Some((_, to_no)) = numbers(run, from, to) else { continue };
        let was = run.store.read_blocking(|conn, _| write::linked_ids(conn, changed, to_no))?;
        refresh(run, from, to, changed, st).await?;
        let now = run.store.read_blocking(|conn, _| write::linked_ids(conn, changed, to_no))?;
        let mut back: Vec<i64> = was.into_iter().chain(now).collect();
        back.sort_unstable();
        back.dedup();
        let live = run.store.read_blocking(|conn, _| write::live_of(conn, &back, to_no))?;
        refresh(run, to, from, &live, st).await?;
    }
    Ok(())
}
