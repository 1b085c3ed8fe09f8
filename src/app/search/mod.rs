//! The search builder's model: a draft of OR-ed groups of AND-ed filters, the operators and
//! values each property type allows, validation against HubSpot's limits, and conversion
//! into the request the API takes. Pure: time comes in as `now_ms`.

pub mod builder;
pub mod draft;
pub mod ops;
pub mod validate;

pub use builder::{Builder, Cell, Editor, Picker, PickerKind, Row};
pub use draft::{FilterDraft, GroupDraft, SearchDraft, SortDraft};
pub use validate::{Issue, Where, to_request, validate};
