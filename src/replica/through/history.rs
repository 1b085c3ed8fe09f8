//! Property histories, kept lazily: the sync copies no history, so the first read of a
//! record's history is passed on to the portal and what it answers is written into the
//! replica's history table with a mark (the record's modification time and the properties
//! read). Later reads of the same properties are answered locally until the record changes.

use serde::{Deserialize, Serialize};

use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::store::defs::{meta, set_meta};
use crate::emulator::store::history::{self, Source};
use crate::emulator::store::records;
use crate::model::SimplePublicObject;
use crate::timefmt::ms_from_datetime;

#[derive(Debug, Serialize, Deserialize)]
struct Mark {
    updated: i64,
    names: Vec<String>,
}

fn key(id: i64) -> String {
    format!("replica_history:{id}")
}

/// Whether the replica holds the history of `names` of each of `ids` as of their current
/// versions.
pub fn held(conn: &rusqlite::Connection, ids: &[i64], names: &[String]) -> EmuResult<bool> {
    for id in ids {
        let Some(rec) = records::get(conn, *id)? else { return Ok(false) };
        let Some(mark) = meta(conn, &key(*id))? else { return Ok(false) };
        let mark: Mark = serde_json::from_str(&mark).map_err(|e| EmuError::internal(&e))?;
        if mark.updated != rec.updated_at || !names.iter().all(|n| mark.names.contains(n)) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Writes the histories a portal answered for a record (replacing the rows of those
/// properties) and marks them held at the record's modification time.
pub fn keep(conn: &rusqlite::Connection, o: &SimplePublicObject) -> EmuResult<()> {
    let Some(versions) = &o.properties_with_history else { return Ok(()) };
    let Ok(id) = o.id.parse::<i64>() else { return Ok(()) };
    let Some(updated) = ms_from_datetime(&o.updated_at) else { return Ok(()) };
    let mut del = conn.prepare_cached("DELETE FROM prop_history WHERE object_id = ?1 AND name = ?2")?;
    for (name, list) in versions {
        del.execute(rusqlite::params![id, name])?;
        // Stored oldest first so equal times keep the portal's order when read newest first.
        for v in list.iter().rev() {
            let ts = ms_from_datetime(&v.timestamp).unwrap_or(updated);
            let src = Source {
                source_type: v.source_type.clone(),
                source_id: v.source_id.clone(),
                source_label: v.source_label.clone(),
                user_id: v.updated_by_user_id,
            };
            history::append(conn, id, name, ts, &v.value, &src)?;
        }
    }
    let mut names: Vec<String> = versions.keys().cloned().collect();
    if let Some(old) = meta(conn, &key(id))?.and_then(|m| serde_json::from_str::<Mark>(&m).ok())
        && old.updated == updated
    {
        names.extend(old.names);
        names.sort();
        names.dedup();
    }
    set_meta(conn, &key(id), &serde_json::to_string(&Mark { updated, names })?)
}

/// The property names of a `propertiesWithHistory` query parameter (repeated or
/// comma-separated).
#[must_use]
pub fn names_in_query(query: &str) -> Vec<String> {
    query
        .split('&')
        .filter_map(|kv| kv.strip_prefix("propertiesWithHistory="))
        .flat_map(|v| v.replace("%2C", ",").replace("%2c", ",").split(',').map(str::to_owned).collect::<Vec<_>>())
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_every_form_of_the_parameter() {
        assert_eq!(
            names_in_query("properties=a&propertiesWithHistory=a%2Cb&propertiesWithHistory=c"),
            vec!["a", "b", "c"]
        );
        assert!(names_in_query("properties=a").is_empty());
    }
}
