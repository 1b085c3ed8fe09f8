//! Searching every object type at once (`F`): one `query` search per type, results grouped
//! by type with their match counts as each type answers.

use super::state::{Loadable, ReqId};

/// The matches of one type: how many there are, and the first few `(id, title)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub total: usize,
    pub records: Vec<(String, String)>,
}

/// One type's search.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub type_id: String,
    pub label: String,
    pub found: Loadable<Found>,
}

/// The overlay: the query, each type's matches, the selected match.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Everywhere {
    pub query: String,
    pub groups: Vec<Group>,
    /// Index into [`Everywhere::rows`].
    pub selected: usize,
}

impl Everywhere {
    /// Every match shown, in order: `(type id, record id)`.
    #[must_use]
    pub fn rows(&self) -> Vec<(&str, &str)> {
        self.groups
            .iter()
            .filter_map(|g| g.found.ready().map(|f| (g, f)))
            .flat_map(|(g, f)| f.records.iter().map(move |(id, _)| (g.type_id.as_str(), id.as_str())))
            .collect()
    }

    /// Types still searching.
    #[must_use]
    pub fn pending(&self) -> usize {
        self.groups.iter().filter(|g| matches!(g.found, Loadable::Loading { .. })).count()
    }

    /// The group waiting for `req`.
    pub fn awaiting(&mut self, req: ReqId) -> Option<&mut Group> {
        self.groups.iter_mut().find(|g| g.found.awaits(req))
    }
}
