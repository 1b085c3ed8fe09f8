//! What a replica remembers about its source and its progress, kept in the replica's own
//! `meta` table so it commits with the records it describes: a kill at any moment leaves the
//! state of the last committed page, and the next run continues from there.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::store::defs::{meta, set_meta};

/// The portal a replica copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub portal_id: i64,
    pub base_url: String,
    /// The object types kept in step (names as the portal's paths take them).
    pub types: Vec<String>,
    /// When the definitions were last read (ms).
    #[serde(default)]
    pub defs_synced_ms: Option<i64>,
    /// HTTP calls made by every sync so far.
    #[serde(default)]
    pub calls: u64,
}

/// Where one type's copy stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeState {
    /// The list cursor of the initial pull; `None` before it starts and once it is done.
    #[serde(default)]
    pub after: Option<String>,
    /// The lanes of the initial pull, once its first page showed the cursor is an id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lanes: Option<super::lanes::Plan>,
    /// When the initial pull began (ms, this machine's clock): the first incremental sync
    /// reads changes from then on (less the overlap).
    #[serde(default)]
    pub pull_started_ms: Option<i64>,
    /// Whether every live record has been pulled once.
    #[serde(default)]
    pub pulled: bool,
    /// Changes up to here (a last-modified time the portal reported, ms) have been applied.
    #[serde(default)]
    pub watermark_ms: Option<i64>,
    /// The last sync of this type that finished (ms).
    #[serde(default)]
    pub synced_ms: Option<i64>,
    /// How far the running association sweep got (the last record id done).
    #[serde(default)]
    pub links_cursor: Option<i64>,
    /// When associations were last read in full (ms).
    #[serde(default)]
    pub links_swept_ms: Option<i64>,
    /// Records written by every sync of this type.
    #[serde(default)]
    pub records_written: u64,
    /// HTTP calls spent on this type.
    #[serde(default)]
    pub calls: u64,
}

const SOURCE_KEY: &str = "replica_source";

fn type_key(name: &str) -> String {
    format!("replica_type:{name}")
}

/// The replica's source, `None` when the file is not a replica.
pub fn source(conn: &Connection) -> EmuResult<Option<Source>> {
    meta(conn, SOURCE_KEY)?.map(|s| serde_json::from_str(&s).map_err(|e| EmuError::internal(&e))).transpose()
}

pub fn set_source(conn: &Connection, s: &Source) -> EmuResult<()> {
    set_meta(conn, SOURCE_KEY, &serde_json::to_string(s)?)
}

/// A type's progress (the default before its first sync).
pub fn type_state(conn: &Connection, name: &str) -> EmuResult<TypeState> {
    Ok(meta(conn, &type_key(name))?
        .map(|s| serde_json::from_str(&s).map_err(|e| EmuError::internal(&e)))
        .transpose()?
        .unwrap_or_default())
}

pub fn set_type_state(conn: &Connection, name: &str, s: &TypeState) -> EmuResult<()> {
    set_meta(conn, &type_key(name), &serde_json::to_string(s)?)
}
