//! HubSpot's error bodies: the top-level `Error` and the per-input `StandardError` of 207s.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A top-level error body. Every field is optional when parsing (HubSpot's advice); the
/// emulator always sends `status`, `message`, `correlationId` and `category`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub correlation_id: String,
    #[serde(default)]
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_category: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorDetail>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub links: BTreeMap<String, String>,
}

/// One detail of an error: what was wrong with which input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetail {
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "in")]
    pub in_: Option<String>,
}

/// A per-input error inside a 207 batch response.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StandardError {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub context: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub errors: Vec<ErrorDetail>,
    #[serde(default)]
    pub links: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl StandardError {
    /// Why the input failed, in words: its details' messages when it has them (2026-09 says
    /// only "The property values provided are invalid" above them), else the message.
    #[must_use]
    pub fn reason(&self) -> String {
        details_or(&self.message, self.errors.iter().map(|d| d.message.as_str()))
    }
}

/// The details' own messages joined, or `message` when there are none: the words a refusal
/// is said in (a validation error's details name each property's reason).
#[must_use]
pub fn details_or<'a>(message: &str, details: impl IntoIterator<Item = &'a str>) -> String {
    let said: Vec<&str> = details.into_iter().filter(|m| !m.is_empty()).collect();
    if said.is_empty() { message.to_owned() } else { said.join("; ") }
}
