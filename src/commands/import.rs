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
    if conn.read_only {
        return Err(CliError::Usage(format!("profile {} is read-only; import writes records", conn.label)));
    }
    eprintln!("→ {}", conn.destination().await);
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
    if a.dry_run {
        return dry_run(&a, &items, &local_failures);
    }
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
    for (row, why) in &failures {
        eprintln!("  row {}: {why}", row + 1);
    }
    if failures.is_empty() { Ok(()) } else { Err(CliError::Partial(format!("{} of the rows failed", failures.len()))) }
}

/// `--dry-run`: what the import would write, and nothing written.
fn dry_run(a: &ImportArgs, items: &[(usize, BatchUpdateItem)], skipped: &[(usize, String)]) -> Result<(), CliError> {
    let calls = items.len().div_ceil(crate::api::batch::CHUNK);
    eprintln!(
        "dry run: would upsert {} row(s) into {} by {} in {calls} batch/upsert call(s) (plus {calls} batch/read for the write log); nothing written",
        items.len(),
        a.object_type,
        a.id_property
    );
    for (row, it) in items.iter().take(5) {
        let props: Vec<String> = it
            .properties
            .iter()
            .map(|(k, v)| format!("{k}={}", v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
            .collect();
        eprintln!("  row {}: {} {} → {}", row + 1, a.id_property, it.id, props.join(", "));
    }
    if items.len() > 5 {
        eprintln!("  … and {} more", items.len() - 5);
    }
    for (row, why) in skipped {
        eprintln!("  row {} would be skipped: {why}", row + 1);
    }
    Ok(())
}
