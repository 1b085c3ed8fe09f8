//! The write log view (`L`): the portal's logged writes, newest first; an entry opens into
//! its records (old → new and how each went); Enter on a record opens it; `u` undoes the
//! entry through the conflict guard; `/` filters the entries (type, action, record, age, date).

use std::collections::BTreeMap;

use crate::app::table::state::QuickFilter;
use crate::writelog::Entry;

/// One row of the view: an entry, or one of the open entry's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Entry(usize),
    Record(usize, usize),
}

/// The view's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LogView {
    /// `None` while reading.
    pub entries: Option<Vec<Entry>>,
    pub cursor: usize,
    /// The entry shown open (its records listed under it).
    pub open: Option<String>,
    /// The read in flight (a late answer to an older one is dropped).
    pub reading: Option<crate::app::req::ReqId>,
    /// An undo in flight.
    pub undoing: bool,
    /// The filter over the entries (`/`).
    pub filter: Option<QuickFilter>,
    /// When the entries were read (ages in the filter count from it).
    pub read_at: i64,
    /// Names a type also goes by in the filter (its label), by type id.
    pub aliases: BTreeMap<String, Vec<String>>,
}

impl LogView {
    /// The rows shown, in order.
    #[must_use]
    pub fn rows(&self) -> Vec<Row> {
        let mut out = Vec::new();
        let query = self.filter.as_ref().map(|f| f.field.text()).unwrap_or_default();
        for (i, e) in self.entries.iter().flatten().enumerate() {
            let aliases = self.aliases.get(&e.type_id).map_or(&[][..], Vec::as_slice);
            if !e.matches(query, self.read_at, aliases) {
                continue;
            }
            out.push(Row::Entry(i));
            if self.open.as_deref() == Some(e.id.as_str()) {
                out.extend((0..e.records.len()).map(|r| Row::Record(i, r)));
            }
        }
        out
    }

    /// The entry the cursor is on (or in).
    #[must_use]
    pub fn entry(&self) -> Option<&Entry> {
        let i = match self.rows().get(self.cursor)? {
            Row::Entry(i) | Row::Record(i, _) => *i,
        };
        self.entries.as_ref()?.get(i)
    }
}
