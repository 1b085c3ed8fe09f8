//! Undo of a logged write, for the app and the CLI alike: the entry's records are read now,
//! `writelog::undo::plan` decides what to write back (a record changed since is held back
//! with both values), and the writes go out — each logged as an entry of its own that names
//! the entry it undid, so an undo can be undone too.

use std::collections::BTreeMap;

use serde_json::Value;

use super::logged::{append, read_values};
use crate::api::Client;
use crate::api::batch::{Op, Progress};
use crate::api::types::{AssociationSpec, BatchUpdateItem};
use crate::runtime::error_text::error_text;
use crate::timefmt::now_ms;
use crate::writelog::undo::{Plan, plan, refusal, to_read};
use crate::writelog::{Action, Entry, Outcome, RecordChange, Status, WriteLog};

/// How an undo went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Undone {
    /// What it did (or, on a dry run, would do).
    pub plan: Plan,
    /// The entries it logged.
    pub logged: Vec<String>,
    /// What failed, in words.
    pub errors: Vec<String>,
}

impl Undone {
    /// The toast after undoing entry `id`: what was undone, or why nothing was.
    #[must_use]
    pub fn toast(&self, id: &str) -> String {
        let held = self.plan.held.len();
        if self.plan.is_empty() && held == 0 {
            return format!("Nothing to undo in {id}: none of its writes went through");
        }
        if self.plan.is_empty() {
            return format!("Held back all of {id}: {held} record(s) changed since it (L lists both values)");
        }
        format!("Undid {id}: {}", self.describe(false))
    }

    /// One line for a toast or stderr.
    #[must_use]
    pub fn describe(&self, dry_run: bool) -> String {
        let mut s = if dry_run { format!("would be: {}", self.plan.describe()) } else { self.plan.describe() };
        if !self.errors.is_empty() {
            s.push_str(&format!("; {} failed: {}", self.errors.len(), self.errors.join("; ")));
        }
        s
    }
}

/// An undo planned: the entry, its records' values now, and the writes that reverse it.
#[derive(Debug, Clone)]
pub struct Planned {
    pub entry: Entry,
    pub now: BTreeMap<String, BTreeMap<String, String>>,
    pub plan: Plan,
}

/// Plans (and unless `dry_run`, carries out) the undo of entry `id` (or a unique prefix).
///
/// # Errors
/// No such entry, or one that cannot be undone (a merge, an unknown result), in words.
pub async fn undo(
    client: &Client,
    log: &WriteLog,
    id: &str,
    dry_run: bool,
    progress: Option<Progress>,
) -> Result<Undone, String> {
    let planned = plan_undo(client, log, id).await?;
    if dry_run {
        return Ok(Undone { plan: planned.plan, ..Undone::default() });
    }
    Ok(carry_out(client, log, &planned, progress).await)
}

/// Reads the entry's records now and plans its undo (nothing written).
///
/// # Errors
/// No such entry, or one that cannot be undone (a merge, an unknown result), in words.
pub async fn plan_undo(client: &Client, log: &WriteLog, id: &str) -> Result<Planned, String> {
    let hits: Vec<Entry> = log.entries().into_iter().filter(|e| e.id.starts_with(id)).collect();
    let entry = match hits.as_slice() {
        [] => return Err(format!("No logged write {id} (hubtui log lists them)")),
        [one] => one.clone(),
        many => {
            let ids: Vec<&str> = many.iter().take(3).map(|e| e.id.as_str()).collect();
            return Err(format!(
                "{id:?} starts {} logged writes' ids ({}{}): give more of the id",
                many.len(),
                ids.join(", "),
                if many.len() > 3 { ", …" } else { "" }
            ));
        }
    };
    if let Some(why) = refusal(&entry) {
        return Err(format!("{} can't be undone: {why}", entry.id));
    }
    let mut now = BTreeMap::new();
    let reads = to_read(&entry);
    if !reads.is_empty() {
        let ids: Vec<String> = reads.keys().cloned().collect();
        let mut props: Vec<String> = reads.values().flatten().cloned().collect();
        props.sort();
        props.dedup();
        now = read_values(client, &entry.type_id, None, &ids, &props).await;
    }
    let plan = plan(&entry, &now);
    Ok(Planned { entry, now, plan })
}

/// Writes a planned undo, each part logged as an entry naming the one it undid.
pub async fn carry_out(client: &Client, log: &WriteLog, planned: &Planned, progress: Option<Progress>) -> Undone {
    let (entry, p, now) = (&planned.entry, &planned.plan, &planned.now);
    let mut out = Undone { plan: p.clone(), ..Undone::default() };
    if p.is_empty() && p.held.is_empty() {
        return out;
    }
    set_back(client, log, entry, p, now, progress, &mut out).await;
    archive(client, log, entry, &p.archive, &mut out).await;
    restore(client, log, entry, &p.restore, &mut out).await;
    relink(client, log, entry, p, &mut out).await;
    out
}

fn undo_entry(of: &Entry, action: Action) -> Entry {
    let mut e = Entry::new(action, &of.type_id, now_ms());
    e.undoes = Some(of.id.clone());
    e
}

async fn set_back(
    client: &Client,
    log: &WriteLog,
    of: &Entry,
    p: &Plan,
    now: &BTreeMap<String, BTreeMap<String, String>>,
    progress: Option<Progress>,
    out: &mut Undone,
) {
    if p.writes.is_empty() && p.held.is_empty() {
        return;
    }
    let mut e = undo_entry(of, Action::Update);
    for (id, back) in &p.writes {
        let before = now.get(id).cloned().unwrap_or_default();
        e.records.push(RecordChange::pending(id, before, back.clone()));
    }
    // A record held back: what it holds now → what the undo would have set, and why not.
    for (id, ours, theirs) in &p.held {
        let was = of.records.iter().find(|r| r.id == *id).map(|r| &r.before);
        let back = ours.keys().map(|k| (k.clone(), was.and_then(|b| b.get(k)).cloned().unwrap_or_default())).collect();
        let mut r = RecordChange::pending(id, theirs.clone(), back);
        r.result = Outcome::Held { theirs: theirs.clone() };
        e.records.push(r);
    }
    append(log, &e).await;
    let inputs: Vec<BatchUpdateItem> = p
        .writes
        .iter()
        .map(|(id, back)| BatchUpdateItem {
            id: id.clone().into(),
            id_property: None,
            properties: back.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect(),
            object_write_trace_id: None,
        })
        .collect();
    let report = client.batch_write(&of.type_id, Op::Update, inputs, 2, progress).await;
    for (i, _) in &report.succeeded {
        e.records[*i].result = Outcome::Ok;
    }
    for (i, why) in &report.failed {
        e.records[*i].result = Outcome::Failed { why: why.clone() };
        out.errors.push(format!("{}: {why}", e.records[*i].id));
    }
    e.status = Status::Done;
    append(log, &e).await;
    out.logged.push(e.id);
}

async fn archive(client: &Client, log: &WriteLog, of: &Entry, ids: &[String], out: &mut Undone) {
    if ids.is_empty() {
        return;
    }
    let mut e = undo_entry(of, Action::Archive);
    e.records = ids.iter().map(|id| RecordChange::pending(id, BTreeMap::new(), BTreeMap::new())).collect();
    append(log, &e).await;
    for (k, chunk) in ids.chunks(crate::api::batch::CHUNK).enumerate() {
        let result = match client.batch_archive_raw(&of.type_id, chunk).await {
            Ok(()) => Outcome::Ok,
            Err(err) => {
                out.errors.push(format!("archiving {} record(s): {}", chunk.len(), error_text(&err)));
                Outcome::Failed { why: error_text(&err) }
            }
        };
        for r in e.records.iter_mut().skip(k * crate::api::batch::CHUNK).take(chunk.len()) {
            r.result = result.clone();
        }
    }
    e.status = Status::Done;
    append(log, &e).await;
    out.logged.push(e.id);
}

async fn restore(client: &Client, log: &WriteLog, of: &Entry, ids: &[String], out: &mut Undone) {
    if ids.is_empty() {
        return;
    }
    let mut e = undo_entry(of, Action::Restore);
    e.records = ids.iter().map(|id| RecordChange::pending(id, BTreeMap::new(), BTreeMap::new())).collect();
    append(log, &e).await;
    for r in &mut e.records {
        r.result = match client.restore(&of.type_id, &r.id).await {
            Ok(()) => Outcome::Ok,
            Err(crate::api::Error::NotFound { .. }) => {
                let why = "HubSpot's API cannot restore from the recycle bin: restore it in HubSpot's web app (the object's index → Restore records)";
                out.errors.push(format!("{}: {why}", r.id));
                Outcome::Failed { why: why.into() }
            }
            Err(err) => {
                out.errors.push(format!("{}: {}", r.id, error_text(&err)));
                Outcome::Failed { why: error_text(&err) }
            }
        };
    }
    e.status = Status::Done;
    append(log, &e).await;
    out.logged.push(e.id);
}

async fn relink(client: &Client, log: &WriteLog, of: &Entry, p: &Plan, out: &mut Undone) {
    for (links, action) in [(&p.dissociate, Action::Dissociate), (&p.associate, Action::Associate)] {
        if links.is_empty() {
            continue;
        }
        let mut e = undo_entry(of, action);
        e.links.clone_from(links);
        append(log, &e).await;
        for l in links {
            let (from, to) = ((l.from_type.as_str(), l.from_id.as_str()), (l.to_type.as_str(), l.to_id.as_str()));
            let r = match (&l.kind, action) {
                (Some((category, type_id)), Action::Associate) => {
                    let spec =
                        AssociationSpec { association_category: category.clone(), association_type_id: *type_id };
                    client.associate(from, to, &spec).await
                }
                (None, Action::Associate) => Err(crate::api::Error::Validation {
                    message: "the removed associations' labels were not logged".into(),
                    fields: Vec::new(),
                }),
                _ => client.disassociate(from, to).await,
            };
            if let Err(err) = r {
                out.errors.push(format!("{} → {}: {}", l.from_id, l.to_id, error_text(&err)));
            }
        }
        e.status = Status::Done;
        append(log, &e).await;
        out.logged.push(e.id);
    }
}
