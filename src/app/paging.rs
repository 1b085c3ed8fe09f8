//! Paging the record table: what the request in flight targets — a page by its number (with
//! the cursor HubSpot gave for it), or a slice by id order (after a jump to the end) — and
//! where a slice is taken.

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

/// What the table's request in flight will fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Page `n` (100 rows from row `n * 100`).
    Page(usize),
    /// A slice by id order.
    Slice(Edge),
}
