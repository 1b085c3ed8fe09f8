//! Serde types for HubSpot's CRM JSON, field names as on the wire. Unknown fields are
//! tolerated on input; optional fields are skipped on output when absent.

mod batch;
mod error;

pub use crate::model::schema::*;
pub use batch::*;
pub use error::*;
// Records, properties and searches are the domain model's types (they are the same JSON).
pub use crate::model::property::*;
pub use crate::model::record::*;
pub use crate::model::search::*;
pub use crate::model::validation::{PropertyValidation, ValidationRule};
