//! `hubtui log` (the write log, newest first) and `hubtui undo ENTRY [--dry-run]`.

use super::{CliError, Connection};
use crate::cli::{LogArgs, UndoArgs};
use crate::runtime::effects::undo::{self as undo_effects, Undone};
use crate::writelog::{Entry, Outcome};

/// `30m`, `1h`, `2d`, `45s` (a bare number: minutes) → milliseconds.
fn age_ms(s: &str) -> Result<i64, CliError> {
    let bare = s.trim().parse::<i64>().ok().map(|m| m.saturating_mul(60_000));
    bare.or_else(|| crate::timefmt::age_ms(s))
        .ok_or_else(|| CliError::Usage(format!("--since {s:?}: use a number and s, m, h or d (1h)")))
}

fn when(ms: i64) -> String {
    crate::timefmt::iso_from_ms(ms)
}

pub async fn list(conn: &Connection, a: &LogArgs) -> Result<(), CliError> {
    let log = conn.write_log();
    let settled = crate::runtime::effects::logged::resolve_interrupted(&conn.client, &log).await;
    if settled > 0 {
        eprintln!("{settled} interrupted write(s) settled (their result never arrived)");
    }
    let since = a.since.as_deref().map(age_ms).transpose()?.map(|age| crate::timefmt::now_ms() - age);
    let names = match &a.object_type {
        Some(t) => Some(type_names(conn, t).await),
        None => None,
    };
    let wanted = |e: &Entry| {
        since.is_none_or(|t| e.at >= t)
            && names.as_ref().is_none_or(|n| n.iter().any(|t| e.type_id.eq_ignore_ascii_case(t)))
    };
    let entries: Vec<Entry> = log.entries().into_iter().filter(wanted).collect();
    if a.json {
        for e in &entries {
            super::out(&serde_json::to_string(e).map_err(|e| CliError::Local(e.to_string()))?)?;
        }
        return Ok(());
    }
    if entries.is_empty() {
        eprintln!(
            "no logged writes{} ({})",
            if since.is_some() || a.object_type.is_some() { " match" } else { "" },
            log.path().display()
        );
    }
    for e in &entries {
        super::out(&format!("{}  {}  {}  by {}", e.id, when(e.at), e.summary(), e.by))?;
        for r in e.records.iter().take(3) {
            let changes: Vec<String> = r
                .after
                .iter()
                .map(|(k, v)| {
                    format!("{k}: {} → {v}", r.before.get(k).map_or("—", |b| if b.is_empty() { "—" } else { b }))
                })
                .collect();
            let how = match &r.result {
                Outcome::Ok => String::new(),
                Outcome::Pending => " (no answer)".into(),
                Outcome::Failed { why } => format!(" ✗ {why}"),
                Outcome::Held { .. } => " (held back: changed since)".into(),
            };
            super::out(&format!("    {} {}{how}", if r.id.is_empty() { "(new)" } else { &r.id }, changes.join(", ")))?;
        }
        if e.records.len() > 3 {
            super::out(&format!("    … {} more (--json shows all)", e.records.len() - 3))?;
        }
    }
    Ok(())
}

/// Every name a type goes by (id, name, qualified name, labels), so `--type cars` finds the
/// app's writes (logged as `2-3465404`) and the CLI's (logged as typed); just the name given
/// when the portal cannot say.
async fn type_names(conn: &Connection, t: &str) -> Vec<String> {
    let mut groups: Vec<Vec<String>> = crate::api::standard::STANDARD_TYPES
        .iter()
        .map(|(id, name, label, _)| vec![(*id).to_owned(), (*name).to_owned(), (*label).to_owned()])
        .collect();
    if let Ok(schemas) = conn.client.schemas().await {
        groups.extend(
            schemas
                .into_iter()
                .map(|s| vec![s.object_type_id, s.name, s.fully_qualified_name, s.labels.singular, s.labels.plural]),
        );
    }
    groups.into_iter().find(|g| g.iter().any(|n| n.eq_ignore_ascii_case(t))).unwrap_or_else(|| vec![t.to_owned()])
}

pub async fn undo(conn: &Connection, a: &UndoArgs) -> Result<(), CliError> {
    let dry_run = a.write.dry_run;
    if conn.read_only && !dry_run {
        return Err(CliError::Usage(format!("profile {} is read-only; undo writes records", conn.label)));
    }
    let log = conn.write_log();
    crate::runtime::effects::logged::resolve_interrupted(&conn.client, &log).await;
    let planned = undo_effects::plan_undo(&conn.client, &log, &a.entry).await.map_err(CliError::Usage)?;
    let gate = gate_plan(conn, &planned);
    if dry_run {
        eprintln!("{}", Undone { plan: planned.plan.clone(), ..Undone::default() }.describe(true));
        print_held(&planned.plan);
        gate.print(conn.client.tier(), conn.gate, &conn.label);
        return Ok(());
    }
    super::gate::check(&gate, conn.gate, &a.write, &conn.label)?;
    eprintln!("→ {}", conn.destination().await);
    let done = undo_effects::carry_out(&conn.client, &log, &planned, None).await;
    eprintln!("{}", done.describe(false));
    print_held(&done.plan);
    for id in &done.logged {
        eprintln!("logged as {id} (hubtui undo {id} undoes it)");
    }
    if done.errors.is_empty() {
        Ok(())
    } else {
        Err(CliError::Partial(format!("{} part(s) failed", done.errors.len())))
    }
}

fn print_held(plan: &crate::writelog::undo::Plan) {
    for (id, ours, theirs) in &plan.held {
        for (k, v) in ours {
            eprintln!(
                "  held back {id}: {k} is {:?} now (the write set {v:?})",
                theirs.get(k).cloned().unwrap_or_default()
            );
        }
    }
}

/// The undo as a gated plan: its digest covers the destination, the entry and every write.
fn gate_plan(conn: &Connection, planned: &undo_effects::Planned) -> super::gate::Plan {
    let p = &planned.plan;
    let mut parts = vec![conn.label.clone(), "undo".into(), planned.entry.id.clone()];
    for (id, back) in &p.writes {
        parts.push(format!("set {id} {back:?}"));
    }
    parts.extend(p.archive.iter().map(|id| format!("archive {id}")));
    parts.extend(p.restore.iter().map(|id| format!("restore {id}")));
    for (links, verb) in [(&p.associate, "associate"), (&p.dissociate, "dissociate")] {
        parts.extend(links.iter().map(|l| format!("{verb} {}:{} {}:{}", l.from_type, l.from_id, l.to_type, l.to_id)));
    }
    let counts: Vec<(String, usize)> = [
        ("set back", p.writes.len()),
        ("archive", p.archive.len()),
        ("restore", p.restore.len()),
        ("associate", p.associate.len()),
        ("dissociate", p.dissociate.len()),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(w, n)| (w.to_owned(), n))
    .collect();
    let records = counts.iter().map(|(_, n)| n).sum();
    let first = p
        .writes
        .iter()
        .take(5)
        .map(|(id, back)| {
            let now = planned.now.get(id);
            let vals: Vec<String> = back
                .iter()
                .map(|(k, v)| format!("{k}: {:?} → {v:?}", now.and_then(|n| n.get(k)).map_or("", String::as_str)))
                .collect();
            format!("{id} {}", vals.join(", "))
        })
        .collect();
    let calls = p.writes.len().div_ceil(crate::api::batch::CHUNK)
        + p.archive.len().div_ceil(crate::api::batch::CHUNK)
        + p.restore.len()
        + p.associate.len()
        + p.dissociate.len();
    super::gate::Plan {
        what: format!("undo of {} ({})", planned.entry.id, planned.entry.summary()),
        counts,
        records,
        calls,
        first,
        writing: p.writes.len(),
        notes: Vec::new(),
        digest: super::gate::digest(parts.iter().map(String::as_str)),
    }
}
