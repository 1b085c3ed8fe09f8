//! `hubtui import TYPE FILE --id-property P`: upsert rows in batches of 100 with progress on
//! stderr and a per-row report.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use super::{CliError, Connection};
use crate::api::id::WireId;
use crate::api::types::BatchUpdateItem;
use crate::cli::ImportArgs;

/// Reads rows from CSV, a JSON array, or JSON lines (by extension; CSV otherwise): the
/// shared reader, its errors as local problems.
pub fn read_rows(path: &Path) -> Result<Vec<crate::rows::Row>, CliError> {
    crate::rows::read_rows(path).map_err(|e| CliError::Local(e.to_string()))
}

pub async fn run(conn: &Connection, a: ImportArgs) -> Result<(), CliError> {
    let rows = read_rows(&a.file)?;
    if conn.read_only && !a.write.dry_run {
        return Err(CliError::Usage(format!("profile {} is read-only; import writes records", conn.label)));
    }
    let mut items = Vec::new();
    let mut local_failures = Vec::new();
    // `hubtui export` writes the record id as an `id` column: it is not a property (records
    // are matched on the id property), so a file exported and edited imports as it is.
    if a.id_property != "id" && rows.first().is_some_and(|r| r.contains_key("id")) {
        eprintln!("note: the id column is the record id, not a property: records are matched on {}", a.id_property);
    }
    for (i, mut row) in rows.into_iter().enumerate() {
        if a.id_property != "id" {
            row.remove("id");
        }
        match row.remove(&a.id_property) {
            Some(id) if !id.is_null() => {
                let id = id.as_str().map_or_else(|| id.to_string(), str::to_owned);
                items.push((
                    i,
                    BatchUpdateItem {
                        id: WireId(id),
                        id_property: Some(a.id_property.clone()),
                        properties: row,
                        object_write_trace_id: None,
                    },
                ));
            }
            _ => local_failures.push((i, format!("no {} value", a.id_property))),
        }
    }
    let plan = plan(conn, &a, &items, &local_failures).await?;
    if a.write.dry_run {
        plan.print(conn.client.tier(), conn.gate, &conn.label);
        return Ok(());
    }
    super::gate::check(&plan, conn.gate, &a.write, &conn.label)?;
    eprintln!("→ {}", conn.destination().await);
    let rows_of: Vec<usize> = items.iter().map(|(i, _)| *i).collect();
    let progress: crate::api::batch::Progress = Arc::new(|done, total| {
        eprint!("\rimporting: {done}/{total}");
        let _ = std::io::stderr().flush();
    });
    let inputs = items.into_iter().map(|(_, it)| it).collect();
    let report = crate::runtime::effects::logged::upsert(
        &conn.client,
        &conn.write_log(),
        &a.object_type,
        inputs,
        4,
        Some(progress),
    )
    .await;
    eprintln!();
    let created = report.created();
    let updated = report.succeeded.len() - created;
    let mut failures: Vec<(usize, String)> =
        report.failed.iter().map(|(i, m)| (rows_of.get(*i).copied().unwrap_or(*i), m.clone())).collect();
    failures.extend(local_failures);
    failures.sort();
    eprintln!("created {created}, updated {updated}, failed {} ({} calls)", failures.len(), report.calls);
    for (row, why) in failures.iter().take(20) {
        eprintln!("  row {}: {why}", row + 1);
    }
    if failures.len() > 20 {
        eprintln!("  … and {} more (hubtui log --json lists every row and why)", failures.len() - 20);
    }
    if failures.is_empty() { Ok(()) } else { Err(CliError::Partial(format!("{} of the rows failed", failures.len()))) }
}

fn text(v: &serde_json::Value) -> String {
    v.as_str().map_or_else(|| if v.is_null() { String::new() } else { v.to_string() }, str::to_owned)
}

/// What the import would write. The digest covers the destination, the type, the id
/// property and every row's values; on a dry run the records are read to say which rows are
/// new, which change what, and which would change nothing.
async fn plan(
    conn: &Connection,
    a: &ImportArgs,
    items: &[(usize, BatchUpdateItem)],
    skipped: &[(usize, String)],
) -> Result<super::gate::Plan, CliError> {
    let rows: Vec<String> = items
        .iter()
        .map(|(_, it)| {
            let props: Vec<String> = it.properties.iter().map(|(k, v)| format!("{k}={}", text(v))).collect();
            format!("{}\u{1e}{}", it.id, props.join("\u{1e}"))
        })
        .collect();
    let head = [conn.label.as_str(), "import", &a.object_type, &a.id_property];
    let digest = super::gate::digest(head.into_iter().chain(rows.iter().map(String::as_str)));
    let calls = 2 * items.len().div_ceil(crate::api::batch::CHUNK);
    let mut plan = super::gate::Plan {
        what: format!("upsert into {} by {}", a.object_type, a.id_property),
        counts: vec![("upsert".into(), items.len())],
        records: items.len(),
        calls,
        first: Vec::new(),
        writing: items.len(),
        notes: skipped.iter().map(|(row, why)| format!("row {} would be skipped: {why}", row + 1)).collect(),
        digest,
    };
    if a.write.dry_run {
        describe(conn, a, items, &mut plan).await?;
    }
    Ok(plan)
}

/// Reads the records the rows name: counts new, changed and unchanged rows, and lists the
/// first rows with each value's old → new.
async fn describe(
    conn: &Connection,
    a: &ImportArgs,
    items: &[(usize, BatchUpdateItem)],
    plan: &mut super::gate::Plan,
) -> Result<(), CliError> {
    let keys: Vec<String> = items.iter().map(|(_, it)| it.id.to_string()).collect();
    let mut props: Vec<String> = items.iter().flat_map(|(_, it)| it.properties.keys().cloned()).collect();
    props.sort();
    props.dedup();
    let now = crate::runtime::effects::logged::try_read_values(
        &conn.client,
        &a.object_type,
        Some(&a.id_property),
        &keys,
        &props,
    )
    .await?;
    let (mut new, mut changed, mut same) = (0, 0, 0);
    for (row, it) in items {
        let before = now.get(&it.id.to_string());
        let diffs: Vec<String> = it
            .properties
            .iter()
            .filter_map(|(k, v)| {
                let (old, new) = (before.and_then(|b| b.get(k)).map_or("", String::as_str), text(v));
                (before.is_none() || old != new)
                    .then(|| if before.is_none() { format!("{k}={new}") } else { format!("{k}: {old:?} → {new:?}") })
            })
            .collect();
        let kind = match before {
            None => {
                new += 1;
                "new"
            }
            Some(_) if diffs.is_empty() => {
                same += 1;
                "unchanged"
            }
            Some(_) => {
                changed += 1;
                "changes"
            }
        };
        if kind != "unchanged" && plan.first.len() < 5 {
            plan.first.push(format!("row {}: {} {} ({kind}) {}", row + 1, a.id_property, it.id, diffs.join(", ")));
        }
    }
    plan.writing = new + changed;
    if plan.writing == 0 {
        plan.notes.push("no row would change a value (the upsert still makes its calls)".into());
    }
    plan.counts = [("new", new), ("changed", changed), ("unchanged", same)]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(w, n)| (w.to_owned(), n))
        .collect();
    Ok(())
}
