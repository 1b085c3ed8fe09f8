//! `hubtui sync --status`: what a replica holds and how fresh it is, per type.

use rusqlite::Connection;

use super::state;
use crate::emulator::error::EmuResult;
use crate::emulator::store::Catalog;
use crate::timefmt::now_ms;

/// One type's row of the status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeStatus {
    pub name: String,
    pub live: i64,
    pub archived: i64,
    /// `up to date`, `pulling (cursor …)`, `never synced`.
    pub state: String,
    pub synced_ms: Option<i64>,
    pub calls: u64,
}

/// The status of a replica; `None` when the file is not one.
pub fn read(conn: &Connection, cat: &Catalog) -> EmuResult<Option<(state::Source, Vec<TypeStatus>)>> {
    let Some(source) = state::source(conn)? else { return Ok(None) };
    let mut rows = Vec::new();
    for name in &source.types {
        let st = state::type_state(conn, name)?;
        let (live, archived) = match cat.resolve(name) {
            Some(t) => conn.query_row(
                "SELECT COALESCE(SUM(archived = 0), 0), COALESCE(SUM(archived = 1 AND merged_into IS NULL), 0) FROM object WHERE type_no = ?1",
                [t.def.no],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?,
            None => (0, 0),
        };
        let state = if !st.pulled && (st.after.is_some() || st.lanes.is_some()) {
            "initial pull under way".to_owned()
        } else if !st.pulled {
            "never synced".to_owned()
        } else if st.links_cursor.is_some() {
            "association sweep under way".to_owned()
        } else {
            "synced".to_owned()
        };
        rows.push(TypeStatus { name: name.clone(), live, archived, state, synced_ms: st.synced_ms, calls: st.calls });
    }
    Ok(Some((source, rows)))
}

/// `3 min ago`, `2 h ago`, `just now`.
#[must_use]
pub fn ago(ms: i64) -> String {
    let secs = (now_ms() - ms).max(0) / 1000;
    match secs {
        0..=9 => "just now".to_owned(),
        10..=119 => format!("{secs} s ago"),
        120..=7199 => format!("{} min ago", secs / 60),
        7200..=172_799 => format!("{} h ago", secs / 3600),
        _ => format!("{} days ago", secs / 86_400),
    }
}

/// The status as text, a line per type.
#[must_use]
pub fn render(source: &state::Source, rows: &[TypeStatus]) -> String {
    let mut out = format!("replica of portal {} ({})\n", source.portal_id, source.base_url);
    out.push_str(&format!(
        "{:<22} {:>10} {:>9}  {:<28} {:>8}  {}\n",
        "TYPE", "RECORDS", "ARCHIVED", "STATE", "CALLS", "LAST SYNC"
    ));
    for r in rows {
        let last = r.synced_ms.map_or_else(|| "never".to_owned(), ago);
        out.push_str(&format!(
            "{:<22} {:>10} {:>9}  {:<28} {:>8}  {last}\n",
            r.name,
            super::progress::group(u64::try_from(r.live).unwrap_or(0)),
            super::progress::group(u64::try_from(r.archived).unwrap_or(0)),
            r.state,
            super::progress::group(r.calls)
        ));
    }
    out.push_str(&format!("{} calls in all\n", super::progress::group(source.calls)));
    out
}
