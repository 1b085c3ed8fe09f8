//! Reading what a write changed back from the portal into the replica, so what the replica
//! shows is what the portal has: records (every property the replica keeps), archives,
//! merges, associations both ways, and definitions.

use serde_json::Value;

use super::Upstream;
use crate::api::types::{BatchId, BatchReadInput};
use crate::emulator::store::TypeEntry;
use crate::emulator::store::records;
use crate::replica::SyncError;
use crate::replica::defs::{self, Chosen};
use crate::replica::pull::link_rows;
use crate::replica::write;

/// How the portal's paths name a replica type: a custom type by its objectTypeId.
#[must_use]
pub fn remote_of(t: &TypeEntry) -> String {
    if t.def.custom { t.def.type_id.clone() } else { t.def.name.clone() }
}

/// A replica type as the sync's definitions code takes it.
#[must_use]
pub fn chosen_of(t: &TypeEntry) -> Chosen {
    Chosen {
        remote: remote_of(t),
        local: t.def.name.clone(),
        lastmodified: t.def.lastmodified_name(),
        properties: t.properties.iter().filter(|p| !p.archived).map(|p| p.name.clone()).collect(),
    }
}

fn wire_ids(ids: &[i64]) -> Vec<BatchId> {
    ids.iter().map(|id| BatchId { id: id.to_string().into() }).collect()
}

/// Reads `ids` of a held type with every property the replica keeps and writes them; ids
/// the portal no longer has live are read as archived (and marked so when it has them not
/// at all: a GDPR delete).
pub async fn records(up: &Upstream, object_type: &str, ids: &[i64]) -> Result<(), SyncError> {
    let Some(c) = up.held_type(object_type) else { return Ok(()) };
    for chunk in ids.chunks(100) {
        let input = BatchReadInput {
            properties: c.properties.clone(),
            properties_with_history: Vec::new(),
            id_property: None,
            inputs: wire_ids(chunk),
        };
        let live = up.client.batch_read(&c.remote, &input, false).await?;
        let mut missing: Vec<i64> = chunk.to_vec();
        missing.retain(|id| !live.results.iter().any(|r| r.id == id.to_string()));
        let archived = if missing.is_empty() {
            Vec::new()
        } else {
            let input = BatchReadInput { inputs: wire_ids(&missing), ..input };
            up.client.batch_read(&c.remote, &input, true).await?.results
        };
        missing.retain(|id| !archived.iter().any(|r| r.id == id.to_string()));
        up.store.write_blocking(|tx, cat| {
            let t = c.entry(cat)?;
            for o in live.results.iter().chain(&archived) {
                write::upsert(tx, t, &write::to_record(t, o)?)?;
            }
            for id in &missing {
                if let Some(mut gone) = records::get(tx, *id)?.filter(|r| !r.archived) {
                    gone.archived = true;
                    gone.archived_at = Some(crate::timefmt::now_ms());
                    write::upsert(tx, t, &gone)?;
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Reads the associations of `from_ids` (of `from`) to `to` and replaces the replica's rows.
async fn links_one_way(up: &Upstream, from: &Chosen, to: &Chosen, from_ids: &[i64]) -> Result<(), SyncError> {
    let Some(to_no) = up.store.catalog().resolve(&to.local).map(|t| t.def.no) else { return Ok(()) };
    for chunk in from_ids.chunks(crate::api::associations::READ_BATCH) {
        let wire: Vec<String> = chunk.iter().map(ToString::to_string).collect();
        let answer = up.client.association_batch_read(&from.remote, &to.remote, &wire).await?;
        let rows = link_rows(&answer);
        up.store.write_blocking(|tx, _| write::replace_links(tx, chunk, to_no, &rows))?;
    }
    Ok(())
}

/// Associations between two held types, both ways, of the records named on each side.
pub async fn links(up: &Upstream, from: &str, to: &str, from_ids: &[i64], to_ids: &[i64]) -> Result<(), SyncError> {
    let (Some(a), Some(b)) = (up.held_type(from), up.held_type(to)) else { return Ok(()) };
    if !from_ids.is_empty() {
        links_one_way(up, &a, &b, from_ids).await?;
    }
    if !to_ids.is_empty() {
        links_one_way(up, &b, &a, to_ids).await?;
    }
    Ok(())
}

/// Every association of `ids` (of `from`) to every other held type, and back from the
/// records they were or are now linked to.
pub async fn all_links(up: &Upstream, from: &str, ids: &[i64]) -> Result<(), SyncError> {
    let Some(a) = up.held_type(from) else { return Ok(()) };
    for b in up.held_types().into_iter().filter(|b| b.local != a.local) {
        let Some(b_no) = up.store.catalog().resolve(&b.local).map(|t| t.def.no) else { continue };
        let was = up.store.read_blocking(|conn, _| write::linked_ids(conn, ids, b_no))?;
        links_one_way(up, &a, &b, ids).await?;
        let now = up.store.read_blocking(|conn, _| write::linked_ids(conn, ids, b_no))?;
        let mut back: Vec<i64> = was.into_iter().chain(now).collect();
        back.sort_unstable();
        back.dedup();
        let live = up.store.read_blocking(|conn, _| write::live_of(conn, &back, b_no))?;
        links_one_way(up, &b, &a, &live).await?;
    }
    Ok(())
}

/// A merge: the winner read again, the loser pointed at it, the winner's links both ways.
pub async fn merge(up: &Upstream, object_type: &str, winner: i64, loser: i64) -> Result<(), SyncError> {
    if up.held_type(object_type).is_none() {
        return Ok(());
    }
    records(up, object_type, &[winner]).await?;
    up.store.write_blocking(|tx, _| write::merged_away(tx, loser, winner))?;
    all_links(up, object_type, &[winner]).await
}

/// The definitions of a held type (properties, groups, pipelines, its schema) and its
/// association labels with the other held types; of every held type when `None`.
pub async fn definitions(up: &Upstream, object_type: Option<&str>) -> Result<(), SyncError> {
    let schemas = up.client.schemas().await?;
    let held = up.held_types();
    let targets: Vec<Chosen> = match object_type {
        Some(t) => up.held_type(t).into_iter().collect(),
        None => held.clone(),
    };
    for c in &targets {
        let d = defs::read_type(&up.client, c, &schemas).await?;
        defs::write_type(&up.store, c, &d)?;
        for other in held.iter().filter(|o| o.local != c.local) {
            let ab = up.client.association_labels(&c.remote, &other.remote).await.unwrap_or_default();
            let ba = up.client.association_labels(&other.remote, &c.remote).await.unwrap_or_default();
            defs::write_labels(&up.store, (&c.local, &other.local), &ab, &ba)?;
        }
    }
    Ok(())
}

/// Record ids in a write's answer: `id`, or `results[].id`.
#[must_use]
pub fn answer_ids(answer: &Value) -> Vec<i64> {
    let one = answer.get("id").and_then(id_of).into_iter();
    let many = answer
        .get("results")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("id").and_then(id_of));
    one.chain(many).collect()
}

/// Ids named by a write's body: `inputs[].id`, `objectId`.
#[must_use]
pub fn body_ids(body: &Value) -> Vec<i64> {
    let one = body.get("objectId").and_then(id_of).into_iter();
    let many =
        body.get("inputs").and_then(Value::as_array).into_iter().flatten().filter_map(|r| r.get("id").and_then(id_of));
    one.chain(many).collect()
}

/// The `from` and `to` ids of an association batch (`to` one object, or a list of them).
#[must_use]
pub fn link_ids(body: &Value) -> (Vec<i64>, Vec<i64>) {
    let (mut from, mut to) = (Vec::new(), Vec::new());
    for input in body.get("inputs").and_then(Value::as_array).into_iter().flatten() {
        from.extend(input.get("from").and_then(|f| f.get("id")).and_then(id_of));
        match input.get("to") {
            Some(Value::Array(list)) => to.extend(list.iter().filter_map(|t| t.get("id").and_then(id_of))),
            Some(t) => to.extend(t.get("id").and_then(id_of)),
            None => {}
        }
    }
    for v in [&mut from, &mut to] {
        v.sort_unstable();
        v.dedup();
    }
    (from, to)
}

/// Whether a create's body sets associations (`associations` on it or on any input).
#[must_use]
pub fn sets_links(body: &Value) -> bool {
    let has = |v: &Value| v.get("associations").and_then(Value::as_array).is_some_and(|a| !a.is_empty());
    has(body) || body.get("inputs").and_then(Value::as_array).is_some_and(|i| i.iter().any(has))
}

fn id_of(v: &Value) -> Option<i64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}
