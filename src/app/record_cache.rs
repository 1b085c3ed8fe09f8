//! Records opened recently, shown at once when opened again (no call): the last
//! [`CAPACITY`], most recent first. Any write and `r` forget them all, so a record shown from
//! here is never older than the last write or refresh.

use std::collections::VecDeque;

use crate::model::{RecordRef, SimplePublicObject};

/// Records kept.
pub const CAPACITY: usize = 32;

/// The cache.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecordCache {
    entries: VecDeque<(RecordRef, SimplePublicObject)>,
}

impl RecordCache {
    /// The record read last under `key`, if kept.
    #[must_use]
    pub fn get(&self, key: &RecordRef) -> Option<&SimplePublicObject> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, r)| r)
    }

    /// Keeps `record` as the most recent (the oldest goes when full).
    pub fn put(&mut self, key: RecordRef, record: SimplePublicObject) {
        self.entries.retain(|(k, _)| *k != key);
        self.entries.push_front((key, record));
        self.entries.truncate(CAPACITY);
    }

    /// Forgets every record (a write, a refresh).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// How many records are kept.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none is.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str) -> SimplePublicObject {
        SimplePublicObject::with_properties(id, std::collections::BTreeMap::new())
    }

    #[test]
    fn keeps_the_most_recent_and_forgets_on_clear() {
        let mut c = RecordCache::default();
        for i in 0..(CAPACITY + 5) {
            c.put(RecordRef::new("2-1", i.to_string()), rec(&i.to_string()));
        }
        assert_eq!(c.len(), CAPACITY);
        assert!(c.get(&RecordRef::new("2-1", "0")).is_none(), "the oldest went");
        // Read again: it moves to the front and is kept.
        c.put(RecordRef::new("2-1", "5"), rec("5"));
        c.put(RecordRef::new("2-1", "100"), rec("100"));
        assert!(c.get(&RecordRef::new("2-1", "5")).is_some());
        c.clear();
        assert!(c.is_empty());
    }
}
