//! Everything that happens is a `Msg`: keys, resizes, and API results.

use super::action::Action;
use super::state::{ReqId, TypeInfo};
use crate::api::types::{Property, SimplePublicObject};

/// A message to `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key resolved to an action by the keymap.
    Action(Action),
    Resize {
        width: u16,
        height: u16,
    },
    Api(Box<ApiMsg>),
}

/// Results of commands (past tense).
#[derive(Debug, Clone, PartialEq)]
pub enum ApiMsg {
    TypesLoaded { req: ReqId, types: Vec<TypeInfo> },
    TypesFailed { req: ReqId, error: String },
    PropertiesLoaded { req: ReqId, properties: Vec<Property> },
    PropertiesFailed { req: ReqId, error: String },
    PageLoaded { req: ReqId, records: Vec<SimplePublicObject>, next_after: Option<String> },
    PageFailed { req: ReqId, error: String },
    RecordLoaded { req: ReqId, record: SimplePublicObject },
    RecordFailed { req: ReqId, error: String },
}
