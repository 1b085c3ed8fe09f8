//! `hubtui log` (the write log, newest first) and `hubtui undo ENTRY [--dry-run]`.

use super::{CliError, Connection};
use crate::cli::{LogArgs, UndoArgs};
use crate::writelog::{Entry, Outcome};

/// `30m`, `1h`, `2d`, `45s` → milliseconds.
fn age_ms(s: &str) -> Result<i64, CliError> {
    let s = s.trim();
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: i64 =
        n.parse().map_err(|_| CliError::Usage(format!("--since {s:?}: use a number and s, m, h or d (1h)")))?;
    let per = match unit {
        "s" => 1_000,
        "m" | "" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return Err(CliError::Usage(format!("--since {s:?}: use a number and s, m, h or d (1h)"))),
    };
    Ok(n * per)
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
    let wanted = |e: &Entry| {
        since.is_none_or(|t| e.at >= t) && a.object_type.as_deref().is_none_or(|t| e.type_id.eq_ignore_ascii_case(t))
    };
    let entries: Vec<Entry> = log.entries().into_iter().filter(wanted).collect();
    if a.json {
        for e in &entries {
            println!("{}", serde_json::to_string(e).map_err(|e| CliError::Local(e.to_string()))?);
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
        println!("{}  {}  {}  by {}", e.id, when(e.at), e.summary(), e.by);
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
            println!("    {} {}{how}", if r.id.is_empty() { "(new)" } else { &r.id }, changes.join(", "));
        }
        if e.records.len() > 3 {
            println!("    … {} more (--json shows all)", e.records.len() - 3);
        }
    }
    Ok(())
}

pub async fn undo(conn: &Connection, a: &UndoArgs) -> Result<(), CliError> {
    if conn.read_only && !a.dry_run {
        return Err(CliError::Usage(format!("profile {} is read-only; undo writes records", conn.label)));
    }
    let log = conn.write_log();
    crate::runtime::effects::logged::resolve_interrupted(&conn.client, &log).await;
    if !a.dry_run {
        eprintln!("→ {}", conn.destination().await);
    }
    let done = crate::runtime::effects::undo::undo(&conn.client, &log, &a.entry, a.dry_run, None)
        .await
        .map_err(CliError::Usage)?;
    eprintln!("{}", done.describe(a.dry_run));
    for (id, ours, theirs) in &done.plan.held {
        for (k, v) in ours {
            eprintln!(
                "  held back {id}: {k} is {:?} now (the write set {v:?})",
                theirs.get(k).cloned().unwrap_or_default()
            );
        }
    }
    for id in &done.logged {
        eprintln!("logged as {id} (hubtui undo {id} undoes it)");
    }
    if done.errors.is_empty() {
        Ok(())
    } else {
        Err(CliError::Partial(format!("{} part(s) failed", done.errors.len())))
    }
}
