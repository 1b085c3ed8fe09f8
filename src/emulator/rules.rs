//! The portal's write rules that HubSpot enforces on API writes from version 2026-09 (v3,
//! v4 and 2026-03 leave them to the UI): property validation rules (format, length, range —
//! checked by `model::validation`, the same checker the app uses before it sends), properties
//! required when another property has one of some values, and the create-record form's
//! required fields. HubSpot has no API to read the last two; the local CRM keeps them with the
//! type (seeded for the demo, set through `PUT /__hubtui/write-rules/{objectType}`).

use serde::{Deserialize, Serialize};

use super::error::EmuError;
use super::store::TypeEntry;
use super::store::records::Record;
use crate::api::types::ErrorDetail;

pub use crate::model::ConditionalRequired;

/// A type's write rules beyond the property validation rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WriteRules {
    #[serde(default)]
    pub conditional_required: Vec<ConditionalRequired>,
    /// Required on the create-record form (enforced on API creates only).
    #[serde(default)]
    pub create_form_required: Vec<String>,
}

impl WriteRules {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.conditional_required.is_empty() && self.create_form_required.is_empty()
    }

    /// Why these rules cannot be kept for `t`: a property that does not exist, a condition
    /// with no values, or a value that is not an option of the controlling enumeration.
    pub fn check(&self, t: &TypeEntry) -> Result<(), String> {
        let named = self.conditional_required.iter().flat_map(|r| [&r.property_name, &r.controlling_property]);
        if let Some(unknown) = named.chain(&self.create_form_required).find(|n| t.property(n).is_none()) {
            return Err(format!("Property {unknown} does not exist on {}", t.def.name));
        }
        for r in &self.conditional_required {
            if r.values.is_empty() {
                return Err(format!("The rule on {} names no values of {}", r.property_name, r.controlling_property));
            }
            let Some(p) = t.property(&r.controlling_property).filter(|p| !p.options.is_empty()) else { continue };
            if let Some(v) = r.values.iter().find(|v| !p.options.iter().any(|o| o.value == **v)) {
                return Err(format!("{v:?} is not an option of {}", r.controlling_property));
            }
        }
        Ok(())
    }
}

fn has(rec: &Record, name: &str) -> bool {
    rec.props.get(name).is_some_and(|v| !v.trim().is_empty())
}

/// One refusal in HubSpot's 2026-09 shape: `{code, message, context: {propertyName: [..]}}`.
fn detail(code: &str, name: &str, message: String) -> ErrorDetail {
    let mut context = std::collections::BTreeMap::new();
    context.insert("propertyName".to_owned(), vec![name.to_owned()]);
    ErrorDetail { message, code: Some(code.to_owned()), context, in_: None }
}

/// Values that break a property validation rule, in the 2026-09 shape: one detail each,
/// `(code, property, why)`, with `context.propertyName`.
#[must_use]
pub fn refused_values(errs: &[(&str, &str, &str)]) -> EmuError {
    let details = errs.iter().map(|(code, name, why)| detail(code, name, (*why).to_owned())).collect();
    refusal(INVALID, details).err().unwrap_or_else(|| EmuError::validation(INVALID))
}

const INVALID: &str = "The property values provided are invalid";

fn refusal(message: &str, details: Vec<ErrorDetail>) -> Result<(), EmuError> {
    if details.is_empty() {
        return Ok(());
    }
    let mut err = EmuError::validation(message.to_owned());
    for d in details {
        err = err.with_detail(d);
    }
    Err(err)
}

/// Checks a record about to be written: on a create, the form's required fields; always, the
/// conditionally required properties whose condition holds — on an update only when the write
/// names the controlling property or the required one (an old record is not refused for an
/// unrelated edit).
pub fn check(
    t: &TypeEntry,
    rec: &Record,
    written: &serde_json::Map<String, serde_json::Value>,
    creating: bool,
) -> Result<(), EmuError> {
    let rules = &t.def.write_rules;
    let mut missing: Vec<ErrorDetail> = Vec::new();
    if creating {
        missing.extend(
            rules
                .create_form_required
                .iter()
                .filter(|n| !has(rec, n))
                .map(|n| detail("MISSING_REQUIRED_PROPERTY", n, format!("A value for {n} must be provided"))),
        );
    }
    let touched = |n: &str| creating || written.contains_key(n);
    missing.extend(
        rules
            .conditional_required
            .iter()
            .filter(|r| touched(&r.controlling_property) || touched(&r.property_name))
            .filter(|r| rec.props.get(&r.controlling_property).is_some_and(|v| r.values.iter().any(|x| x == v)))
            .filter(|r| !has(rec, &r.property_name))
            .map(|r| {
                detail(
                    "MISSING_CONDITIONAL_REQUIRED_PROPERTY",
                    &r.property_name,
                    format!(
                        "{} is required because of a conditional property rule based on [{}]",
                        r.property_name, r.controlling_property
                    ),
                )
            }),
    );
    refusal(INVALID, missing)
}
