//! Paging the record table: where a slice of records is taken when it pages by id (after a
//! jump to the end).

/// Where a slice of records is taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edge {
    /// The last records of the type.
    Last,
    /// The records just before this id.
    Before(String),
    /// The records just after this id.
    After(String),
}
