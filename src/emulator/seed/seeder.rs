//! Bulk insertion for seeding: records with their history and index rows, written straight
//! through the store (the data is generated valid, so the API's validation is skipped).

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::store::history::{self, Source};
use crate::emulator::store::records::{self, Record};
use crate::emulator::store::{Catalog, TypeEntry, assoc, index};
use crate::rng::SplitMix64;

/// Inserts generated records.
pub struct Seeder<'a> {
    pub conn: &'a Connection,
    pub cat: &'a Catalog,
    pub rng: SplitMix64,
    next_id: i64,
}

/// A later change: `(timestamp, value, sourceType)`.
pub type Change<'s> = (i64, String, &'s str);

/// One generated record before insertion.
pub struct NewRecord<'s> {
    pub type_key: &'s str,
    pub created: i64,
    pub updated: i64,
    pub source: &'s str,
    pub props: Vec<(&'s str, String)>,
    /// Later changes per property, oldest first: `(timestamp, value, sourceType)`. The last
    /// one becomes the current value; the value in `props` is the one set at creation.
    pub changes: Vec<(&'s str, Vec<Change<'s>>)>,
}

impl<'a> Seeder<'a> {
    pub fn new(conn: &'a Connection, cat: &'a Catalog, seed: u64) -> EmuResult<Self> {
        let next_id = records::next_id(conn)?;
        Ok(Self { conn, cat, rng: SplitMix64::new(seed), next_id })
    }

    pub fn entry(&self, key: &str) -> EmuResult<&'a TypeEntry> {
        self.cat.resolve(key).ok_or_else(|| EmuError::validation(format!("seed names an unknown type {key}")))
    }

    /// Inserts a record, its history (the creation values, then any later changes) and its
    /// index rows. Creation values that never changed are implied, not written (`history.rs`).
    pub fn insert(&mut self, r: NewRecord<'_>) -> EmuResult<i64> {
        let t = self.entry(r.type_key)?;
        let id = self.next_id;
        self.next_id += 1;
        let mut props: BTreeMap<String, String> =
            r.props.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k.to_owned(), v)).collect();
        let src = |s: &str| Source { source_type: s.to_owned(), source_id: None, source_label: None, user_id: None };
        let created_src = src(r.source);
        for (name, value) in props.iter().filter(|(name, _)| r.changes.iter().any(|(n, _)| n == name)) {
            history::append(self.conn, id, name, r.created, value, &created_src)?;
        }
        history::imply_creation(self.conn, id, r.source)?;
        for (name, entries) in &r.changes {
            for (ts, value, source) in entries {
                history::append(self.conn, id, name, *ts, value, &src(source))?;
                props.insert((*name).to_owned(), value.clone());
            }
        }
        let rec = Record {
            id,
            type_no: t.def.no,
            archived: false,
            archived_at: None,
            created_at: r.created,
            updated_at: r.updated,
            merged_into: None,
            props,
        };
        records::insert(self.conn, &rec)?;
        index::index(self.conn, t, &rec)?;
        Ok(id)
    }

    /// Sets a property directly (pins made after the associations exist).
    pub fn set(&self, id: i64, name: &str, value: &str, ts: i64) -> EmuResult<()> {
        let Some(mut rec) = records::get(self.conn, id)? else { return Ok(()) };
        let t = self.cat.by_no(rec.type_no).ok_or_else(|| EmuError::validation("seed record of unknown type"))?;
        // A first value leaves the implied creation versions true (and the seed's history
        // has no index to look them up by); replacing one writes them down.
        let first = rec.props.insert(name.to_owned(), value.to_owned()).is_none();
        if first {
            records::write_back(self.conn, &rec)?
        } else {
            records::save(self.conn, &rec)?
        }
        history::append(self.conn, id, name, ts, value, &Source::api())?;
        index::reindex(self.conn, t, &rec)
    }

    /// Associates two records with the unlabeled type (and Primary when asked and defined).
    pub fn link(&self, from: (i64, &str), to: (i64, &str), primary: bool) -> EmuResult<()> {
        let ft = self.entry(from.1)?;
        let tt = self.entry(to.1)?;
        let types = assoc::types_between(self.conn, ft.def.no, tt.def.no)?;
        for t in types.iter().filter(|t| t.label.is_none() || (primary && t.label.as_deref() == Some("Primary"))) {
            assoc::link(self.conn, (from.0, ft.def.no), (to.0, tt.def.no), t)?;
        }
        Ok(())
    }
}
