//! `hubtui export TYPE`: every record through the list endpoint (no search cap), streamed.

use std::io::Write;

use super::{CliError, Connection};
use crate::api::objects::ReadParams;
use crate::api::paging::ListPager;
use crate::cli::{ExportArgs, ExportFormat};
use crate::export::{Format, RecordWriter};

pub async fn export(conn: &Connection, a: ExportArgs) -> Result<(), CliError> {
    let params = ReadParams { properties: a.properties.clone(), ..ReadParams::default() };
    let mut pager = ListPager::new(conn.client.clone(), &a.object_type, params, 100);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let io = |e: std::io::Error| CliError::Local(e.to_string());
    let format = match a.format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Json => Format::Json,
        ExportFormat::Jsonl => Format::Jsonl,
    };
    let mut writer = RecordWriter::new(format, a.properties.clone());
    while let Some(page) = pager.next_page().await {
        out.write_all(&writer.records(&page?).map_err(CliError::Local)?).map_err(io)?;
    }
    out.write_all(&writer.finish()).map_err(io)?;
    out.flush().map_err(io)
}
