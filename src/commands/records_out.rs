//! `hubtui export TYPE`: every record through the list endpoint (no search cap), streamed.

use std::io::Write;

use super::{CliError, Connection};
use crate::api::objects::ReadParams;
use crate::api::paging::ListPager;
use crate::cli::{ExportArgs, ExportFormat};

pub async fn export(conn: &Connection, a: ExportArgs) -> Result<(), CliError> {
    let params = ReadParams { properties: a.properties.clone(), ..ReadParams::default() };
    let mut pager = ListPager::new(conn.client.clone(), &a.object_type, params, 100);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| CliError::Local(e.to_string());
    let mut cols: Option<Vec<String>> = None;
    let mut first = true;
    if a.format == ExportFormat::Json {
        write!(out, "[").map_err(io)?;
    }
    while let Some(page) = pager.next_page().await {
        for rec in page? {
            match a.format {
                ExportFormat::Jsonl => {
                    writeln!(out, "{}", serde_json::to_string(&rec).map_err(|e| CliError::Local(e.to_string()))?)
                        .map_err(io)?
                }
                ExportFormat::Json => {
                    write!(
                        out,
                        "{}{}",
                        if first { "\n" } else { ",\n" },
                        serde_json::to_string(&rec).map_err(|e| CliError::Local(e.to_string()))?
                    )
                    .map_err(io)?;
                }
                ExportFormat::Csv => {
                    if cols.is_none() {
                        let names: Vec<String> = if a.properties.is_empty() {
                            rec.properties.keys().cloned().collect()
                        } else {
                            a.properties.clone()
                        };
                        out.write_all(&csv_line(std::iter::once("id".to_owned()).chain(names.iter().cloned()))?)
                            .map_err(io)?;
                        cols = Some(names);
                    }
                    let names = cols.as_deref().unwrap_or_default();
                    let row = std::iter::once(rec.id.clone())
                        .chain(names.iter().map(|c| rec.properties.get(c).cloned().flatten().unwrap_or_default()));
                    out.write_all(&csv_line(row)?).map_err(io)?;
                }
            }
            first = false;
        }
    }
    if a.format == ExportFormat::Json {
        writeln!(out, "\n]").map_err(io)?;
    }
    out.flush().map_err(io)
}

/// One CSV line (quoted as needed).
fn csv_line(fields: impl Iterator<Item = String>) -> Result<Vec<u8>, CliError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields.collect::<Vec<_>>()).map_err(|e| CliError::Local(e.to_string()))?;
    w.into_inner().map_err(|e| CliError::Local(e.to_string()))
}
