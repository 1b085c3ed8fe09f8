//! Effects `update` asks the runtime to perform. Each ends with exactly one result `Msg`.

use super::state::ReqId;

/// An effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Load the object types (custom schemas and the standard types).
    FetchTypes { req: ReqId },
    /// Load a type's property definitions.
    FetchProperties { req: ReqId, type_id: String },
    /// Load one page (100) of a type's records.
    FetchPage { req: ReqId, type_id: String, after: Option<String>, properties: Vec<String> },
    /// Load one record with these properties (and their history) and its associations to
    /// these object types.
    FetchRecord { req: ReqId, type_id: String, id: String, properties: Vec<String>, associations: Vec<String> },
}
