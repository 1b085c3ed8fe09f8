//! A record named by its object type and id — what the record view shows, what the back
//! stack holds, what an association joins.

/// A record's object type id (`0-1`, `2-3465404`, `contacts`) and its id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct RecordRef {
    pub type_id: String,
    pub id: String,
}

impl RecordRef {
    /// The record `id` of type `type_id`.
    #[must_use]
    pub fn new(type_id: impl Into<String>, id: impl Into<String>) -> Self {
        Self { type_id: type_id.into(), id: id.into() }
    }

    /// Whether this is record `id` of type `type_id`.
    #[must_use]
    pub fn is(&self, type_id: &str, id: &str) -> bool {
        self.type_id == type_id && self.id == id
    }
}

impl std::fmt::Display for RecordRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.type_id, self.id)
    }
}
