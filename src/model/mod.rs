//! The domain model: the types the app, the UI, the API client and the local CRM share —
//! records and their history (`record`), property definitions (`property`), search requests
//! with their filters, operators and sort directions (`search`), ids (`id`), a record
//! named by type and id (`record_ref`), and property validation rules with their checker
//! (`validation`). They carry
//! serde because they cross the wire as HubSpot's JSON; `app/` and `ui/` import them from
//! here, never from `api`, which re-exports them for the client and the emulator.

pub mod cursor;
pub mod id;
pub mod property;
pub mod record;
pub mod record_ref;
pub mod schema;
pub mod search;
pub mod validation;

pub use cursor::{Cursor, SearchCursor};
pub use id::WireId;
pub use property::{ConditionalRequired, ModificationMetadata, Property, PropertyOption, internal_name};
pub use record::{AssociatedId, AssociatedIdCollection, ObjectWarning, SimplePublicObject, ValueWithTimestamp};
pub use record_ref::RecordRef;
pub use search::{Direction, Filter, FilterGroup, OPERATORS, Operator, SearchRequest, SortSpec};
pub use validation::{PropertyValidation, ValidationRule};

/// A property definition (HubSpot's `Property`).
pub type PropertyDef = Property;
/// A record (HubSpot's `SimplePublicObject`).
pub type Record = SimplePublicObject;
