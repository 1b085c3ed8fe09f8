//! An in-memory columnar copy of one object type's searchable values, so any filter, sort
//! and exact count runs as a tight scan instead of index probes per row. SQLite stays the
//! source of truth: columns are loaded from it on first use and refreshed from it after
//! every committed write (see `cache.rs`).

use std::collections::HashMap;
use std::sync::OnceLock;

use rusqlite::Connection;

use crate::emulator::error::EmuResult;
use crate::emulator::store::TypeEntry;
use crate::emulator::store::records::{self, Record};
use crate::emulator::value::index_entries;

/// The code of a missing value in a text column.
pub const MISSING: u32 = u32::MAX;

/// Distinct values of a text column, each with a code.
#[derive(Debug, Default)]
pub struct Dict {
    pub values: Vec<String>,
    index: HashMap<String, u32>,
    ranks: OnceLock<Vec<u32>>,
}

impl Dict {
    /// The code of a value, if present.
    #[must_use]
    pub fn code(&self, v: &str) -> Option<u32> {
        self.index.get(v).copied()
    }

    pub(crate) fn intern(&mut self, v: &str) -> u32 {
        if let Some(&c) = self.index.get(v) {
            return c;
        }
        let c = u32::try_from(self.values.len()).unwrap_or(MISSING - 1);
        self.values.push(v.to_owned());
        self.index.insert(v.to_owned(), c);
        self.ranks = OnceLock::new();
        c
    }

    /// Each code's position in sorted order (computed once per dictionary change).
    pub fn ranks(&self) -> &[u32] {
        self.ranks.get_or_init(|| {
            let mut order: Vec<u32> = (0..u32::try_from(self.values.len()).unwrap_or(0)).collect();
            order.sort_unstable_by(|a, b| self.values[*a as usize].cmp(&self.values[*b as usize]));
            let mut ranks = vec![0; order.len()];
            for (rank, code) in order.into_iter().enumerate() {
                ranks[code as usize] = u32::try_from(rank).unwrap_or(u32::MAX);
            }
            ranks
        })
    }
}

/// One property's values, one entry per row.
#[derive(Debug)]
pub enum Column {
    /// Numbers, dates (epoch ms) and bools (0/1); NaN when missing.
    Num(Vec<f64>),
    /// Strings (case-folded) and single-select enumerations (exact).
    Text { codes: Vec<u32>, dict: Dict },
    /// Multi-select enumerations: the selected options' codes (empty when missing).
    Multi { codes: Vec<Vec<u32>>, dict: Dict },
}

impl Column {
    fn for_property(kind: &str, multi: bool, rows: usize) -> Self {
        match kind {
            "number" | "date" | "datetime" | "bool" => Self::Num(vec![f64::NAN; rows]),
            "enumeration" if multi => Self::Multi { codes: vec![Vec::new(); rows], dict: Dict::default() },
            _ => Self::Text { codes: vec![MISSING; rows], dict: Dict::default() },
        }
    }

    fn push_missing(&mut self) {
        match self {
            Self::Num(v) => v.push(f64::NAN),
            Self::Text { codes, .. } => codes.push(MISSING),
            Self::Multi { codes, .. } => codes.push(Vec::new()),
        }
    }

    fn set(&mut self, row: usize, kind: &str, multi: bool, stored: Option<&str>) {
        let entries = stored.map(|s| index_entries(kind, multi, s)).unwrap_or_default();
        match self {
            Self::Num(v) => v[row] = entries.first().and_then(|e| e.num).unwrap_or(f64::NAN),
            Self::Text { codes, dict } => codes[row] = entries.first().map_or(MISSING, |e| dict.intern(&e.norm)),
            Self::Multi { codes, dict } => codes[row] = entries.iter().map(|e| dict.intern(&e.norm)).collect(),
        }
    }
}

/// All searchable values of one object type.
#[derive(Debug, Default)]
pub struct TypeColumns {
    /// Record ids, ascending; a record's row is its position here.
    pub ids: Vec<i64>,
    /// Whether the record is live (not archived, not merged away).
    pub live: Vec<bool>,
    pub created: Vec<i64>,
    pub updated: Vec<i64>,
    pub cols: HashMap<String, Column>,
}

impl TypeColumns {
    /// Loads every record of a type.
    pub fn load(conn: &Connection, t: &TypeEntry) -> EmuResult<Self> {
        let mut me = Self::default();
        records::for_each_of_type(conn, t.def.no, |rec| me.apply(t, &rec))?;
        Ok(me)
    }

    /// The row of a record id.
    #[must_use]
    pub fn row(&self, id: i64) -> Option<usize> {
        self.ids.binary_search(&id).ok()
    }

    /// Number of rows (live or not).
    #[must_use]
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn insert_row(&mut self, id: i64) -> usize {
        let pos = match self.ids.binary_search(&id) {
            Ok(p) => return p,
            Err(p) => p,
        };
        if pos == self.ids.len() {
            self.ids.push(id);
            self.live.push(false);
            self.created.push(0);
            self.updated.push(0);
            for c in self.cols.values_mut() {
                c.push_missing();
            }
            return pos;
        }
        // Out of order (rare: ids are one ascending sequence): rebuild positions by inserting.
        self.ids.insert(pos, id);
        self.live.insert(pos, false);
        self.created.insert(pos, 0);
        self.updated.insert(pos, 0);
        for c in self.cols.values_mut() {
            match c {
                Column::Num(v) => v.insert(pos, f64::NAN),
                Column::Text { codes, .. } => codes.insert(pos, MISSING),
                Column::Multi { codes, .. } => codes.insert(pos, Vec::new()),
            }
        }
        pos
    }

    /// Brings a record's row up to date with its stored state.
    pub fn apply(&mut self, t: &TypeEntry, rec: &Record) {
        let row = self.insert_row(rec.id);
        self.live[row] = !rec.archived && rec.merged_into.is_none();
        self.created[row] = rec.created_at;
        self.updated[row] = rec.updated_at;
        let rows = self.ids.len();
        for (name, col) in &mut self.cols {
            if !rec.props.contains_key(name) {
                let (kind, multi) =
                    t.property_any(name).map_or(("string", false), |p| (p.kind.as_str(), p.is_multi_select()));
                col.set(row, kind, multi, None);
            }
        }
        for (name, value) in &rec.props {
            let (kind, multi) =
                t.property_any(name).map_or(("string", false), |p| (p.kind.as_str(), p.is_multi_select()));
            let col = self.cols.entry(name.clone()).or_insert_with(|| Column::for_property(kind, multi, rows));
            col.set(row, kind, multi, Some(value));
        }
    }
}
