//! The write log around the effects that write: an entry is appended (pending) before a
//! command's write goes out and again with each record's result when its answer arrives
//! ([`begin`] / [`finish`], called by the executor around every writing command), and the
//! upsert both the app's and the CLI's import use ([`upsert`]). Undo lives in `undo.rs`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::api::Client;
use crate::api::batch::{Op, Progress, Report};
use crate::api::types::{BatchId, BatchReadInput, BatchUpdateItem};
use crate::app::command::Command;
use crate::app::msg::{BulkMsg, CreateMsg, EditMsg, Msg, RecordMsg};
use crate::timefmt::now_ms;
use crate::writelog::{Action, Entry, Link, Outcome, RecordChange, Status, WriteLog};

/// Appends `e`, off the async threads; a log that cannot be written is said in the log file
/// of the app (the write itself goes on: refusing it would lose the user's work).
pub async fn append(log: &WriteLog, e: &Entry) {
    let (log, e) = (log.clone(), e.clone());
    match tokio::task::spawn_blocking(move || log.append(&e)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "the write log could not be appended to"),
        Err(e) => tracing::warn!(error = %e, "the write log task failed"),
    }
}

fn records(
    pairs: impl IntoIterator<Item = (String, BTreeMap<String, String>, BTreeMap<String, String>)>,
) -> Vec<RecordChange> {
    pairs.into_iter().map(|(id, before, after)| RecordChange::pending(&id, before, after)).collect()
}

/// The pending entry of a writing command (`None` for the rest), appended. Removing an
/// association first reads the pair's labels, so an undo can put each back.
pub async fn begin(client: &Client, log: &WriteLog, cmd: &Command) -> Option<Entry> {
    let mut e = entry_of(cmd)?;
    if let (Command::Associate { from, to, assoc: None, .. }, Some(link)) = (cmd, e.links.first().cloned()) {
        match client.pair_kinds((&from.type_id, &from.id), (&to.type_id, &to.id)).await {
            Ok(kinds) => e.links = kinds.into_iter().map(|k| Link { kind: Some(k), ..link.clone() }).collect(),
            Err(err) => tracing::warn!(error = %err, "the labels of a removed association could not be read"),
        }
    }
    // A pin is an update of the record's pinned activity: its value before is read first.
    if let Command::Pin { type_id, id, .. } = cmd {
        let prop = "hs_pinned_engagement_id".to_owned();
        let now = read_values(client, type_id, None, std::slice::from_ref(id), std::slice::from_ref(&prop)).await;
        if let (Some(r), Some(v)) = (e.records.first_mut(), now.get(id).and_then(|v| v.get(&prop))) {
            r.before.insert(prop, v.clone());
        }
    }
    append(log, &e).await;
    Some(e)
}

fn entry_of(cmd: &Command) -> Option<Entry> {
    let now = now_ms();
    let (action, type_id, recs, links) = match cmd {
        Command::SaveChanges { type_id, items, .. } => {
            let recs = items.iter().map(|i| {
                let before =
                    i.properties.keys().map(|k| (k.clone(), i.old.get(k).cloned().unwrap_or_default())).collect();
                (i.id.clone(), before, i.properties.clone())
            });
            (Action::Update, type_id.clone(), records(recs), Vec::new())
        }
        Command::CreateRecord { type_id, properties, .. } => (
            Action::Create,
            type_id.clone(),
            records([(String::new(), BTreeMap::new(), properties.clone())]),
            Vec::new(),
        ),
        Command::CreateRecords { type_id, rows, .. } => {
            let recs = rows.iter().map(|r| (String::new(), BTreeMap::new(), r.clone()));
            (Action::Create, type_id.clone(), records(recs), Vec::new())
        }
        Command::Pin { type_id, id, engagement, .. } => {
            let after =
                BTreeMap::from([("hs_pinned_engagement_id".to_owned(), engagement.clone().unwrap_or_default())]);
            (Action::Update, type_id.clone(), records([(id.clone(), BTreeMap::new(), after)]), Vec::new())
        }
        Command::ArchiveRecords { type_id, ids, .. } => {
            let recs = ids.iter().map(|i| (i.clone(), BTreeMap::new(), BTreeMap::new()));
            (Action::Archive, type_id.clone(), records(recs), Vec::new())
        }
        Command::RestoreRecord { type_id, id, .. } => {
            (Action::Restore, type_id.clone(), records([(id.clone(), BTreeMap::new(), BTreeMap::new())]), Vec::new())
        }
        Command::Merge { type_id, primary, other, .. } => {
            let recs = [primary, other].map(|i| (i.clone(), BTreeMap::new(), BTreeMap::new()));
            (Action::Merge, type_id.clone(), records(recs), Vec::new())
        }
        Command::Associate { from, to, assoc, .. } => {
            let link = Link {
                from_type: from.type_id.clone(),
                from_id: from.id.clone(),
                to_type: to.type_id.clone(),
                to_id: to.id.clone(),
                kind: assoc.clone(),
            };
            let action = if assoc.is_some() { Action::Associate } else { Action::Dissociate };
            (action, from.type_id.clone(), Vec::new(), vec![link])
        }
        Command::AssociateMany { from_type, ids, to, assoc, .. } => {
            let links = ids
                .iter()
                .map(|id| Link {
                    from_type: from_type.clone(),
                    from_id: id.clone(),
                    to_type: to.type_id.clone(),
                    to_id: to.id.clone(),
                    kind: Some(assoc.clone()),
                })
                .collect();
            (Action::Associate, from_type.clone(), Vec::new(), links)
        }
        _ => return None,
    };
    let mut e = Entry::new(action, &type_id, now);
    e.records = recs;
    e.links = links;
    Some(e)
}

/// Fills the entry's results from the command's answer and appends it.
pub async fn finish(log: &WriteLog, e: Option<Entry>, msg: &Msg) {
    let Some(mut e) = e else { return };
    settle(&mut e, msg);
    e.status = Status::Done;
    append(log, &e).await;
}

fn fail_all(e: &mut Entry, why: &str) {
    for r in &mut e.records {
        r.result = Outcome::Failed { why: why.to_owned() };
    }
    if e.records.is_empty() {
        e.links.clear();
        e.note = Some(format!("failed: {why}"));
    }
}

fn settle(e: &mut Entry, msg: &Msg) {
    match msg {
        Msg::Edit(EditMsg::ChangesSaved { saved, failed, conflicts, .. }) => {
            for r in &mut e.records {
                r.result = if saved.iter().any(|s| s.id == r.id) {
                    Outcome::Ok
                } else if let Some((_, why)) = failed.iter().find(|(id, _)| *id == r.id) {
                    Outcome::Failed { why: why.clone() }
                } else if let Some((_, _, theirs)) = conflicts.iter().find(|(id, _, _)| *id == r.id) {
                    Outcome::Held { theirs: theirs.clone() }
                } else {
                    Outcome::Failed { why: "no answer for this record".into() }
                };
            }
        }
        Msg::Edit(EditMsg::ChangesFailed { error, .. }) | Msg::Create(CreateMsg::CreateFailed { error, .. }) => {
            fail_all(e, error);
        }
        Msg::Create(CreateMsg::Created { record, .. }) => {
            if let Some(r) = e.records.first_mut() {
                r.id.clone_from(&record.id);
                (r.created, r.result) = (true, Outcome::Ok);
            }
        }
        Msg::Create(CreateMsg::CreatedMany { created, failed, .. }) => {
            let mut ids = created.iter();
            for (i, r) in e.records.iter_mut().enumerate() {
                r.result = match failed.iter().find(|(row, _)| *row == i) {
                    Some((_, why)) => Outcome::Failed { why: why.clone() },
                    None => match ids.next() {
                        Some(id) => {
                            r.id.clone_from(id);
                            r.created = true;
                            Outcome::Ok
                        }
                        None => Outcome::Failed { why: "no answer for this row".into() },
                    },
                };
            }
        }
        Msg::Bulk(BulkMsg::Archived { count, error, .. }) => {
            for (i, r) in e.records.iter_mut().enumerate() {
                r.result = match error {
                    Some(why) if i >= *count => Outcome::Failed { why: why.clone() },
                    _ => Outcome::Ok,
                };
            }
        }
        Msg::Bulk(BulkMsg::Restored { error: Some(why), .. })
        | Msg::Record(RecordMsg::Pinned { error: Some(why), .. })
        | Msg::Record(RecordMsg::Merged { error: Some(why), .. })
        | Msg::Record(RecordMsg::Associated { error: Some(why), .. })
        | Msg::Bulk(BulkMsg::AssociatedMany { error: Some(why), .. }) => fail_all(e, why),
        _ => {
            for r in &mut e.records {
                r.result = Outcome::Ok;
            }
        }
    }
}

/// Reads `properties` of the records named by `id_property` = each id (100 per call), for an
/// entry's "before"; records not found are absent.
pub async fn read_values(
    client: &Client,
    type_id: &str,
    id_property: Option<&str>,
    ids: &[String],
    properties: &[String],
) -> BTreeMap<String, BTreeMap<String, String>> {
    read_records(client, type_id, id_property, ids, properties).await.into_iter().map(|(k, (_, v))| (k, v)).collect()
}

/// [`read_values`] with each record's id: key → (id, values).
pub async fn read_records(
    client: &Client,
    type_id: &str,
    id_property: Option<&str>,
    ids: &[String],
    properties: &[String],
) -> BTreeMap<String, (String, BTreeMap<String, String>)> {
    let mut out = BTreeMap::new();
    if let Err(e) = read_records_into(client, type_id, id_property, ids, properties, &mut out).await {
        tracing::warn!(error = %e, "values before a logged write could not be read");
    }
    out
}

/// [`read_values`], failing when a read fails (a dry run must not call a record it could
/// not read new).
///
/// # Errors
/// The first read that failed.
pub async fn try_read_values(
    client: &Client,
    type_id: &str,
    id_property: Option<&str>,
    ids: &[String],
    properties: &[String],
) -> Result<BTreeMap<String, BTreeMap<String, String>>, crate::api::error::Error> {
    let mut out = BTreeMap::new();
    read_records_into(client, type_id, id_property, ids, properties, &mut out).await?;
    Ok(out.into_iter().map(|(k, (_, v))| (k, v)).collect())
}

/// Reads into `out` chunk by chunk; stops at the first failure (what was read stays).
async fn read_records_into(
    client: &Client,
    type_id: &str,
    id_property: Option<&str>,
    ids: &[String],
    properties: &[String],
    out: &mut BTreeMap<String, (String, BTreeMap<String, String>)>,
) -> Result<(), crate::api::error::Error> {
    for chunk in ids.chunks(crate::api::batch::CHUNK) {
        let mut props = properties.to_vec();
        if let Some(p) = id_property {
            props.push(p.to_owned());
        }
        let input = BatchReadInput {
            properties: props,
            properties_with_history: Vec::new(),
            id_property: id_property.map(str::to_owned),
            inputs: chunk.iter().map(|i| BatchId { id: i.clone().into() }).collect(),
        };
        let batch = client.batch_read_current(type_id, &input).await?;
        for r in batch.results {
            let key = id_property.and_then(|p| r.properties.get(p).cloned().flatten()).unwrap_or_else(|| r.id.clone());
            let values = properties
                .iter()
                .map(|p| (p.clone(), r.properties.get(p).cloned().flatten().unwrap_or_default()))
                .collect();
            out.insert(key, (r.id.clone(), values));
        }
    }
    Ok(())
}

/// Upserts rows by a unique property (100 per call), logged: the existing records' values
/// are read first, and each row's result is kept — created rows by their new id.
pub async fn upsert(
    client: &Client,
    log: &WriteLog,
    type_id: &str,
    inputs: Vec<BatchUpdateItem>,
    concurrency: usize,
    progress: Option<Progress>,
) -> Report {
    let id_property = inputs.first().and_then(|i| i.id_property.clone());
    let keys: Vec<String> = inputs.iter().map(|i| i.id.to_string()).collect();
    let mut props: Vec<String> = inputs.iter().flat_map(|i| i.properties.keys().cloned()).collect();
    props.sort();
    props.dedup();
    let before = read_values(client, type_id, id_property.as_deref(), &keys, &props).await;
    let mut e = Entry::new(Action::Import, type_id, now_ms());
    e.id_property.clone_from(&id_property);
    e.records = inputs
        .iter()
        .map(|i| {
            let key = i.id.to_string();
            let after: BTreeMap<String, String> = i.properties.iter().map(|(k, v)| (k.clone(), text(v))).collect();
            RecordChange::pending(&key, before.get(&key).cloned().unwrap_or_default(), after)
        })
        .collect();
    append(log, &e).await;
    let report = client.batch_write(type_id, Op::Upsert, inputs, concurrency, progress).await;
    for (i, r) in &report.succeeded {
        if let Some(rc) = e.records.get_mut(*i) {
            rc.id.clone_from(&r.id);
            rc.created = r.new == Some(true);
            rc.result = Outcome::Ok;
        }
    }
    for (i, why) in &report.failed {
        if let Some(rc) = e.records.get_mut(*i) {
            rc.result = Outcome::Failed { why: why.clone() };
        }
    }
    e.status = Status::Done;
    append(log, &e).await;
    report
}

fn text(v: &Value) -> String {
    v.as_str().map_or_else(|| if v.is_null() { String::new() } else { v.to_string() }, str::to_owned)
}

/// Settles the entries a crash or a cut connection left pending (their result never came):
/// an update's or an import's records are read — a record holding the entry's "after" was
/// written, one holding its "before" (or an import's row still absent) was not — and what
/// reading cannot tell (a create, an archive, a record changed again since) stays unknown,
/// said in the entry's note. Returns how many entries it settled.
pub async fn resolve_interrupted(client: &Client, log: &WriteLog) -> usize {
    let l = log.clone();
    let pending = tokio::task::spawn_blocking(move || l.interrupted()).await.unwrap_or_default();
    for mut e in pending.clone() {
        let readable = e.records.iter().all(|r| !r.id.is_empty())
            && match e.action {
                Action::Update => true,
                // An import's rows are named by their unique value until the answer comes.
                Action::Import => e.id_property.is_some(),
                _ => false,
            };
        if readable {
            settle_records(client, &mut e).await;
        }
        let open = !readable || e.records.iter().any(|r| r.result == Outcome::Pending);
        e.status = if open { Status::Unknown } else { Status::Done };
        e.note = Some(if open {
            "the result never arrived (hubtui stopped mid-write) and reading the records could not tell: check them"
                .into()
        } else {
            "the result never arrived (hubtui stopped mid-write); settled by reading the records".into()
        });
        append(log, &e).await;
    }
    pending.len()
}

/// Reads an interrupted entry's records and says of each whether it was written.
async fn settle_records(client: &Client, e: &mut Entry) {
    let keys: Vec<String> = e.records.iter().map(|r| r.id.clone()).collect();
    let mut props: Vec<String> = e.records.iter().flat_map(|r| r.after.keys().cloned()).collect();
    props.sort();
    props.dedup();
    let import = e.action == Action::Import;
    let by = if import { e.id_property.as_deref() } else { None };
    let now = read_records(client, &e.type_id, by, &keys, &props).await;
    for r in &mut e.records {
        let found = now.get(&r.id);
        let is: BTreeMap<String, String> = r
            .after
            .keys()
            .map(|k| (k.clone(), found.and_then(|(_, v)| v.get(k)).cloned().unwrap_or_default()))
            .collect();
        let as_before =
            r.after.keys().all(|k| is.get(k).map_or("", String::as_str) == r.before.get(k).map_or("", String::as_str));
        r.result = match found {
            Some((id, _)) if is == r.after => {
                if import {
                    // Found before the write (its values were read) or made by it.
                    r.created = r.before.is_empty();
                    r.id.clone_from(id);
                }
                Outcome::Ok
            }
            None if import && r.before.is_empty() => {
                Outcome::Failed { why: "not written (the write was interrupted)".into() }
            }
            _ if as_before && (found.is_some() || !import) => {
                Outcome::Failed { why: "not written (the write was interrupted)".into() }
            }
            _ => Outcome::Pending,
        };
    }
}
