//! Property values: normalising what a client writes into HubSpot's stored string form
//! (by the property's type), and deriving the typed index entries that make every property
//! filterable and sortable.

use serde_json::Value;

use super::number::{self, NumberError};
use crate::api::types::Property;
use crate::timefmt::{self, DateError};

/// Longest value a string property accepts.
pub const MAX_STRING_LEN: usize = 65_536;

/// Why a value was refused: HubSpot's error code and a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    pub code: &'static str,
    pub message: String,
}

impl ValueError {
    fn new(code: &'static str, message: String) -> Self {
        Self { code, message }
    }
}

/// What a write does to one property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `""`: clear the value.
    Clear,
    /// Set to this stored form.
    Set(String),
}

/// The text of a JSON value as HubSpot reads it: strings as they are, numbers and booleans
/// as their text. `null` means "no change" and gives `None`.
pub fn wire_text(name: &str, v: &Value) -> Result<Option<String>, ValueError> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Array(_) | Value::Object(_) => Err(ValueError::new(
            "INVALID_PROPERTY_VALUE",
            format!(
                "Property \"{name}\" must be a string, number or boolean, not a JSON {}",
                if v.is_array() { "array" } else { "object" }
            ),
        )),
    }
}

/// A contact's `email`, trimmed, or HubSpot's `INVALID_EMAIL`.
pub fn normalize_email(text: &str) -> Result<Change, ValueError> {
    if text.is_empty() {
        return Ok(Change::Clear);
    }
    super::email::normalize(text)
        .map(Change::Set)
        .ok_or_else(|| ValueError::new("INVALID_EMAIL", format!("Email address {} is invalid", text.escape_debug())))
}

/// Normalises a written value for `prop`. `existing` is the current stored value, used by
/// multi-select appends (`;a;b`).
pub fn normalize(prop: &Property, text: &str, existing: Option<&str>) -> Result<Change, ValueError> {
    if text.is_empty() {
        return Ok(Change::Clear);
    }
    let name = &prop.name;
    match prop.kind.as_str() {
        "number" => match number::canonical(text) {
            Ok(n) => Ok(Change::Set(n)),
            Err(NumberError::NotANumber) => {
                Err(ValueError::new("INVALID_INTEGER", format!("{text} was not a valid number.")))
            }
            Err(NumberError::OutOfRange) => Err(ValueError::new(
                "INVALID_INTEGER",
                format!("{text} is out of range: a number property holds magnitudes from 2.2e-308 to 1.7e308."),
            )),
        },
        "bool" => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Ok(Change::Set("true".to_owned())),
            "false" => Ok(Change::Set("false".to_owned())),
            _ => Err(ValueError::new("INVALID_BOOLEAN", format!("{text} was not a valid boolean; use true or false."))),
        },
        "date" => match timefmt::ms_from_date(text) {
            Ok(ms) => Ok(Change::Set(timefmt::date_from_ms(ms))),
            Err(DateError::NotMidnight) => Err(ValueError::new(
                "INVALID_DATE",
                format!(
                    "{text} is not at midnight UTC; a date property takes YYYY-MM-DD or epoch milliseconds at midnight UTC."
                ),
            )),
            Err(DateError::Unparseable) => Err(ValueError::new(
                "INVALID_DATE",
                format!("{text} was not a valid date; use YYYY-MM-DD or epoch milliseconds at midnight UTC."),
            )),
        },
        "datetime" => match timefmt::ms_from_datetime(text) {
            Some(ms) => Ok(Change::Set(timefmt::iso_from_ms(ms))),
            None => Err(ValueError::new(
                "INVALID_DATETIME",
                format!(
                    "{text} was not a valid datetime; use ISO-8601 (2020-02-29T03:30:17.000Z) or epoch milliseconds."
                ),
            )),
        },
        "enumeration" => normalize_enumeration(prop, text, existing),
        _ => {
            if text.len() > MAX_STRING_LEN {
                return Err(ValueError::new(
                    "INVALID_LENGTH",
                    format!("{name} is longer than {MAX_STRING_LEN} characters."),
                ));
            }
            Ok(Change::Set(text.to_owned()))
        }
    }
}

fn normalize_enumeration(prop: &Property, text: &str, existing: Option<&str>) -> Result<Change, ValueError> {
    let allowed = |v: &str| prop.external_options || prop.options.iter().any(|o| o.value == v);
    let refuse = |v: &str| {
        let names: Vec<&str> = prop.options.iter().map(|o| o.value.as_str()).collect();
        ValueError::new("INVALID_OPTION", format!("{v} was not one of the allowed options: [{}]", names.join(", ")))
    };
    if !prop.is_multi_select() {
        return if allowed(text) { Ok(Change::Set(text.to_owned())) } else { Err(refuse(text)) };
    }
    let appending = text.starts_with(';');
    let mut picked: Vec<String> = Vec::new();
    if appending {
        for v in existing.unwrap_or("").split(';').filter(|v| !v.is_empty()) {
            if !picked.iter().any(|p| p == v) {
                picked.push(v.to_owned());
            }
        }
    }
    for v in text.split(';').filter(|v| !v.is_empty()) {
        if !allowed(v) {
            return Err(refuse(v));
        }
        if !picked.iter().any(|p| p == v) {
            picked.push(v.to_owned());
        }
    }
    if picked.is_empty() { Ok(Change::Clear) } else { Ok(Change::Set(picked.join(";"))) }
}

/// One row of the typed value index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    /// Case-folded text (strings), exact text (enumerations), canonical text otherwise.
    pub norm: String,
    /// Numbers, dates and datetimes (epoch ms), bools (0/1).
    pub num: Option<f64>,
}

/// The index rows for a stored value: one per selected option for multi-selects, else one.
#[must_use]
pub fn index_entries(kind: &str, multi: bool, stored: &str) -> Vec<IndexEntry> {
    match kind {
        "number" => vec![IndexEntry { norm: stored.to_owned(), num: stored.trim().parse().ok() }],
        "bool" => vec![IndexEntry { norm: stored.to_owned(), num: Some(if stored == "true" { 1.0 } else { 0.0 }) }],
        "date" | "datetime" => vec![IndexEntry {
            norm: stored.to_owned(),
            #[allow(clippy::cast_precision_loss)]
            num: timefmt::ms_from_datetime(stored).map(|ms| ms as f64),
        }],
        "enumeration" if multi => {
            stored.split(';').filter(|v| !v.is_empty()).map(|v| IndexEntry { norm: v.to_owned(), num: None }).collect()
        }
        "enumeration" => vec![IndexEntry { norm: stored.to_owned(), num: None }],
        _ => vec![IndexEntry { norm: stored.to_lowercase(), num: None }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::{ModificationMetadata, PropertyOption};

    fn prop(kind: &str, field_type: &str, options: &[&str]) -> Property {
        Property {
            name: "p".into(),
            label: "P".into(),
            kind: kind.into(),
            field_type: field_type.into(),
            description: String::new(),
            group_name: String::new(),
            options: options
                .iter()
                .map(|v| PropertyOption {
                    label: v.to_uppercase(),
                    value: (*v).into(),
                    display_order: 0,
                    hidden: false,
                    description: None,
                })
                .collect(),
            display_order: 0,
            calculated: false,
            external_options: false,
            has_unique_value: false,
            hidden: false,
            hubspot_defined: false,
            modification_metadata: ModificationMetadata::default(),
            form_field: true,
            referenced_object_type: None,
            number_display_hint: None,
            created_at: None,
            updated_at: None,
            archived: false,
            archived_at: None,
            validation_rules: Vec::new(),
            required_when: Vec::new(),
        }
    }

    #[test]
    fn numbers_are_validated_and_stored_canonically() {
        let p = prop("number", "number", &[]);
        assert_eq!(normalize(&p, "51000", None), Ok(Change::Set("51000".into())));
        assert_eq!(normalize(&p, "12.5", None), Ok(Change::Set("12.5".into())));
        assert_eq!(normalize(&p, "abc", None).unwrap_err().code, "INVALID_INTEGER");
        assert_eq!(normalize(&p, "NaN", None).unwrap_err().code, "INVALID_INTEGER");
    }

    #[test]
    fn empty_string_clears_any_type() {
        assert_eq!(normalize(&prop("number", "number", &[]), "", None), Ok(Change::Clear));
    }

    #[test]
    fn dates_store_as_iso_day_and_refuse_non_midnight() {
        let p = prop("date", "date", &[]);
        assert_eq!(normalize(&p, "1430438400000", None), Ok(Change::Set("2015-05-01".into())));
        assert_eq!(normalize(&p, "1430438400001", None).unwrap_err().code, "INVALID_DATE");
    }

    #[test]
    fn datetimes_store_as_iso_millis() {
        let p = prop("datetime", "date", &[]);
        assert_eq!(normalize(&p, "1430438400000", None), Ok(Change::Set("2015-05-01T00:00:00.000Z".into())));
    }

    #[test]
    fn enumeration_options_are_case_sensitive() {
        let p = prop("enumeration", "select", &["basic", "premium"]);
        assert!(normalize(&p, "basic", None).is_ok());
        let e = normalize(&p, "Basic", None).unwrap_err();
        assert_eq!(e.code, "INVALID_OPTION");
        assert_eq!(e.message, "Basic was not one of the allowed options: [basic, premium]");
    }

    #[test]
    fn multi_select_leading_semicolon_appends() {
        let p = prop("enumeration", "checkbox", &["a", "b", "c"]);
        assert_eq!(normalize(&p, ";c", Some("a;b")), Ok(Change::Set("a;b;c".into())));
        assert_eq!(normalize(&p, "c", Some("a;b")), Ok(Change::Set("c".into())));
        assert_eq!(normalize(&p, ";a", Some("a")), Ok(Change::Set("a".into())));
    }

    #[test]
    fn wire_text_reads_numbers_and_bools() {
        assert_eq!(wire_text("p", &serde_json::json!(123_456_789)).unwrap(), Some("123456789".into()));
        assert_eq!(wire_text("p", &serde_json::json!(true)).unwrap(), Some("true".into()));
        assert_eq!(wire_text("p", &Value::Null).unwrap(), None);
        assert!(wire_text("p", &serde_json::json!([1])).is_err());
    }

    #[test]
    fn index_entries_split_multi_select_and_fold_strings() {
        assert_eq!(index_entries("enumeration", true, "a;b").len(), 2);
        assert_eq!(index_entries("string", false, "BMW")[0].norm, "bmw");
        assert_eq!(index_entries("number", false, "10")[0].num, Some(10.0));
    }
}
