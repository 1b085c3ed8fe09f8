//! Serde types for HubSpot's CRM JSON, field names as on the wire. Unknown fields are
//! tolerated on input; optional fields are skipped on output when absent.

mod batch;
mod error;
mod object;
mod property;
mod schema;
mod search;

pub use batch::*;
pub use error::*;
pub use object::*;
pub use property::*;
pub use schema::*;
pub use search::*;
