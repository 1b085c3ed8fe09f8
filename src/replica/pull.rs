//! Copying one type's records: the initial pull (every live record by the list API's cursor,
//! which has no 10,000 cap), the changes since the watermark (search by last-modified time,
//! ascending, restarted from the newest time seen before the search's 10,000-result cap),
//! and the archived set. Each page commits with the state that says how far it got.

use futures_util::future::join_all;

use super::defs::Chosen;
use super::lanes::Plan;
use super::state::{self, TypeState};
use super::write::{self, LinkRow};
use super::{Run, SyncError};
use crate::api::objects::ReadParams;
use crate::model::{Filter, FilterGroup, SearchRequest, SimplePublicObject, SortSpec};
use crate::timefmt::now_ms;

/// A list page's size (HubSpot's largest).
pub const LIST_PAGE: usize = 100;
/// A search page's size (HubSpot's largest).
pub const SEARCH_PAGE: i64 = 200;
/// Search stops answering past this many results of one query.
const SEARCH_CAP: i64 = 10_000;
/// How far before the watermark each incremental sync reads again: HubSpot's search index
/// lags writes by seconds, and the first watermark comes from this machine's clock.
pub const OVERLAP_MS: i64 = 5 * 60 * 1000;

/// Writes a page of records and the type's new state in one transaction; returns the ids.
fn commit_page(run: &Run<'_>, c: &Chosen, page: &[SimplePublicObject], st: &TypeState) -> Result<Vec<i64>, SyncError> {
    let ids = run.store.write_blocking(|tx, cat| {
        let t = c.entry(cat)?;
        let mut ids = Vec::with_capacity(page.len());
        for o in page {
            let rec = write::to_record(t, o)?;
            write::upsert(tx, t, &rec)?;
            ids.push(rec.id);
        }
        state::set_type_state(tx, &c.local, st)?;
        Ok(ids)
    })?;
    Ok(ids)
}

/// The initial pull, from where the last run stopped; `Ok(false)` when the budget ran out.
/// The first page is listed alone; the rest in lanes when the portal's cursor allows it.
pub async fn initial(run: &mut Run<'_>, c: &Chosen, st: &mut TypeState) -> Result<bool, SyncError> {
    let params = ReadParams { properties: c.properties.clone(), ..ReadParams::default() };
    if st.pull_started_ms.is_none() {
        st.pull_started_ms = Some(now_ms());
    }
    let (total, top) = run.estimate(c).await.unzip();
    while !st.pulled {
        if st.lanes.is_some() {
            return in_lanes(run, c, st, &params, total).await;
        }
        if run.out_of_budget() {
            return Ok(false);
        }
        let before = run.client.calls();
        let page = run.client.list_page(&c.remote, &params, LIST_PAGE, st.after.as_deref()).await?;
        st.calls += run.client.calls() - before;
        if st.after.is_none()
            && let (Some(total), Some(Some(top))) = (total, top)
        {
            st.lanes = Plan::after_first(&page, LIST_PAGE, total, top);
        }
        st.after = page.paging.map(|p| p.next.after).filter(|_| st.lanes.is_none());
        st.records_written += page.results.len() as u64;
        if st.after.is_none() && st.lanes.is_none() {
            finish_pull(st);
        }
        commit_page(run, c, &page.results, st)?;
        run.progress.advance(&c.local, "pulling", page.results.len(), total);
    }
    Ok(true)
}

/// After a first pull: the text index, written a page at a time, merged into one segment (a
/// `query` then reads one list per word; at 1M records its first count takes half as long).
pub fn compact_text(run: &Run<'_>, c: &Chosen) -> Result<(), SyncError> {
    run.store.write_blocking(|tx, cat| {
        let t = c.entry(cat)?;
        crate::emulator::store::fts::optimize(tx, t.def.no)
    })?;
    Ok(())
}

fn finish_pull(st: &mut TypeState) {
    st.pulled = true;
    st.lanes = None;
    st.watermark_ms = st.pull_started_ms.map(|t| t - OVERLAP_MS);
}

/// The rest of the pull in lanes: a page of each lane at once, committed together with the
/// lanes' new cursors; `Ok(false)` when the budget ran out.
async fn in_lanes(
    run: &mut Run<'_>,
    c: &Chosen,
    st: &mut TypeState,
    params: &ReadParams,
    total: Option<u64>,
) -> Result<bool, SyncError> {
    let client = run.client;
    while let Some(mut plan) = st.lanes.clone() {
        let n = plan.lanes.len().min(run.room());
        if n == 0 {
            return Ok(false);
        }
        let afters: Vec<String> = plan.lanes[..n].iter().map(|l| l.after.to_string()).collect();
        let before = client.calls();
        let pages = join_all(afters.iter().map(|a| client.list_page(&c.remote, params, LIST_PAGE, Some(a)))).await;
        st.calls += client.calls() - before;
        let mut records = Vec::new();
        let mut failed = None;
        for (i, page) in pages.into_iter().enumerate() {
            match page {
                Ok(p) => records.extend(plan.advance(i, p)),
                Err(e) => {
                    failed.get_or_insert(e);
                }
            }
        }
        plan.settle();
        st.records_written += records.len() as u64;
        st.lanes = Some(plan).filter(|p| !p.lanes.is_empty());
        if st.lanes.is_none() {
            finish_pull(st);
        }
        commit_page(run, c, &records, st)?;
        run.progress.advance(&c.local, "pulling", records.len(), total);
        if let Some(e) = failed {
            return Err(e.into());
        }
    }
    Ok(true)
}

/// The search for records modified at or after `since`, oldest first.
fn changes_since(c: &Chosen, since: i64, after: Option<i64>) -> SearchRequest {
    SearchRequest {
        filter_groups: vec![FilterGroup {
            filters: vec![Filter {
                property_name: c.lastmodified.to_owned(),
                operator: "GTE".to_owned(),
                value: Some(since.to_string().into()),
                high_value: None,
                values: None,
            }],
        }],
        sorts: vec![SortSpec::Object { property_name: c.lastmodified.to_owned(), direction: Some("ASCENDING".into()) }],
        query: None,
        properties: c.properties.clone(),
        limit: Some(SEARCH_PAGE),
        after: after.map(|a| a.to_string().into()),
    }
}

/// Applies changes since the watermark; returns the ids written (`None`: budget ran out).
pub async fn incremental(run: &mut Run<'_>, c: &Chosen, st: &mut TypeState) -> Result<Option<Vec<i64>>, SyncError> {
    let mut since = st.watermark_ms.unwrap_or(0).saturating_sub(OVERLAP_MS).max(0);
    // A time after this run began (a clock ahead of this one's) is not a watermark: what
    // changes meanwhile would sort below it.
    let began = now_ms();
    let mut offset: Option<i64> = None;
    let mut written = Vec::new();
    loop {
        if run.out_of_budget() {
            return Ok(None);
        }
        let before = run.client.calls();
        let page = run.client.search(&c.remote, &changes_since(c, since, offset)).await?;
        st.calls += run.client.calls() - before;
        let newest = page
            .results
            .iter()
            .filter_map(|o| o.properties.get(c.lastmodified).cloned().flatten().or(Some(o.updated_at.clone())))
            .filter_map(|v| crate::timefmt::ms_from_datetime(&v).or_else(|| v.parse().ok()))
            .max();
        if let Some(n) = newest {
            st.watermark_ms = Some(st.watermark_ms.unwrap_or(0).max(n.min(began)));
        }
        st.records_written += page.results.len() as u64;
        written.extend(commit_page(run, c, &page.results, st)?);
        run.progress.advance(&c.local, "changes", page.results.len(), None);
        let next: Option<i64> = page.paging.and_then(|p| p.next.after.parse().ok());
        match next {
            None => return Ok(Some(written)),
            Some(n) if n + SEARCH_PAGE <= SEARCH_CAP => offset = Some(n),
            Some(_) => {
                // The cap: search again from the newest time seen (records at that very
                // time are read again; more than 10,000 at one millisecond would loop).
                let from = newest.unwrap_or(since);
                if from <= since {
                    return Err(SyncError::Portal(format!(
                        "more than {SEARCH_CAP} records of {} were modified in the same millisecond; \
                         run `hubtui sync --full --types {}`",
                        c.local, c.local
                    )));
                }
                since = from;
                offset = None;
            }
        }
    }
}

/// Reads the archived set and writes it (archived records, kept with their merge).
pub async fn archived(run: &mut Run<'_>, c: &Chosen, st: &mut TypeState) -> Result<bool, SyncError> {
    let params =
        ReadParams { properties: vec!["hs_merged_object_ids".into()], archived: true, ..ReadParams::default() };
    let mut after: Option<String> = None;
    loop {
        if run.out_of_budget() {
            return Ok(false);
        }
        let before = run.client.calls();
        let page = run.client.list_page(&c.remote, &params, LIST_PAGE, after.as_deref()).await?;
        st.calls += run.client.calls() - before;
        run.store.write_blocking(|tx, cat| {
            let t = c.entry(cat)?;
            for o in &page.results {
                let rec = write::to_record(t, o)?;
                match crate::emulator::store::records::get(tx, rec.id)? {
                    // Held: only its archived state changes (its values are as last read).
                    Some(mut held) if !held.archived => {
                        held.archived = true;
                        held.archived_at = rec.archived_at;
                        write::upsert(tx, t, &held)?;
                    }
                    Some(_) => {}
                    None => write::upsert(tx, t, &rec)?,
                }
            }
            Ok(())
        })?;
        after = page.paging.map(|p| p.next.after);
        if after.is_none() {
            return Ok(true);
        }
    }
}

/// Applies every merge the type's live records name (losers point at their winner).
pub fn apply_merges(run: &Run<'_>, c: &Chosen) -> Result<(), SyncError> {
    run.store.write_blocking(|tx, cat| {
        let Some(t) = cat.resolve(&c.local) else { return Ok(()) };
        for (winner, loser) in write::merges_named(tx, t.def.no)? {
            write::merged_away(tx, loser, winner)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Rows of `from` records' associations as the portal answered them.
pub fn link_rows(
    answer: &std::collections::BTreeMap<String, Vec<crate::api::associations::LinkedRecord>>,
) -> Vec<LinkRow> {
    let mut rows = Vec::new();
    for (from, links) in answer {
        let Ok(from_id) = from.parse::<i64>() else { continue };
        for l in links {
            let Ok(to_id) = l.to_id.parse::<i64>() else { continue };
            for (category, type_id) in &l.types {
                rows.push(LinkRow { from_id, to_id, category: category.clone(), type_id: *type_id });
            }
        }
    }
    rows
}
