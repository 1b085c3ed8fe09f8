//! A portal's definitions as one portable document, and the differences between two:
//! what `hubtui props export`, `hubtui schema diff` and `hubtui schema apply` work on.
//!
//! - [`doc`]: the document (types, schemas' settings, groups, properties with their
//!   options and validation rules, association labels and definitions), as JSON.
//! - [`read`]: reading it from a portal through the client.
//! - [`diff`]: the differences (which items are "the same" across portals and which of
//!   their fields are compared), as rows for a table and as JSON.
//! - [`plan`]: the writes that make a target like a source, and [`apply`] sending them.

pub mod apply;
pub mod diff;
pub mod doc;
pub mod plan;
pub mod read;

pub use doc::{Definitions, LabelDef, PropertyDef, SchemaSettings, TypeDefs};
