//! What the server changed about a write without refusing it (record `warnings`, e.g. a
//! 2026-09 rule's `PROPERTY_VALUE_NORMALIZED`), said in one line for the save's toast.

use crate::model::SimplePublicObject;

/// "VIN was normalized to "1GC…"" for the saved records' warnings (the first two, then a
/// count), or `None` when there were none.
#[must_use]
pub fn note(saved: &[SimplePublicObject]) -> Option<String> {
    let said: Vec<String> = saved
        .iter()
        .flat_map(|r| &r.warnings)
        .map(|w| match (w.context_value("propertyName"), w.context_value("normalizedValue")) {
            (Some(p), Some(v)) if w.category == "PROPERTY_VALUE_NORMALIZED" => format!("{p} was normalized to {v:?}"),
            _ if !w.message.is_empty() => w.message.clone(),
            _ => w.category.clone(),
        })
        .collect();
    match said.len() {
        0 => None,
        1 | 2 => Some(said.join("; ")),
        n => Some(format!("{}; {} more warnings", said[..2].join("; "), n - 2)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_normalized_value_is_named_with_its_new_form() {
        let rec: SimplePublicObject = serde_json::from_value(serde_json::json!({
            "id": "1", "properties": {}, "createdAt": "", "updatedAt": "", "archived": false,
            "warnings": [{"category": "PROPERTY_VALUE_NORMALIZED", "message": "m",
                          "context": {"propertyName": ["VIN"], "rawValue": [" a"], "normalizedValue": ["a"]}}]
        }))
        .unwrap();
        assert_eq!(note(&[rec]).as_deref(), Some("VIN was normalized to \"a\""));
        assert_eq!(note(&[]), None);
    }
}
