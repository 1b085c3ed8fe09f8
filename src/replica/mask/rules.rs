//! Which properties hold personal data, and what kind, pure: by field type (phone numbers,
//! multi-line and rich text) and by name (emails, names, addresses, phones, free text, web
//! handles), for strings only — options, numbers, dates and booleans say nothing about a
//! person and stay. HubSpot's own bookkeeping strings (`hs_object_id`, `hs_merged_object_ids`,
//! sources, keys) stay too, unless their name says they hold one of the above.

use crate::model::Property;

/// What a personal value is, for a fake of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Email,
    /// A person's or an organisation's name.
    Name,
    Phone,
    Street,
    City,
    /// A web address or a domain.
    Web,
    /// Multi-line, rich or free text (notes, email bodies, descriptions).
    Text,
    /// Anything else personal, shape kept (digits for digits, letters for letters): ids,
    /// postcodes, IP addresses.
    Shaped,
    /// A date of birth (a date property, the one date that describes a person).
    Birthdate,
}

/// Name fragments and the kind they mean, first match wins.
const BY_NAME: [(&str, Kind); 33] = [
    ("email", Kind::Email),
    ("phone", Kind::Phone),
    ("mobile", Kind::Phone),
    ("fax", Kind::Phone),
    ("firstname", Kind::Name),
    ("lastname", Kind::Name),
    ("name", Kind::Name),
    ("company", Kind::Name),
    ("jobtitle", Kind::Name),
    ("owner", Kind::Name),
    ("person", Kind::Name),
    ("manager", Kind::Name),
    ("contact", Kind::Name),
    ("job_title", Kind::Name),
    ("address", Kind::Street),
    ("street", Kind::Street),
    ("city", Kind::City),
    ("state", Kind::City),
    ("region", Kind::City),
    ("zip", Kind::Shaped),
    ("postal", Kind::Shaped),
    ("_ip", Kind::Shaped),
    ("website", Kind::Web),
    ("domain", Kind::Web),
    ("url", Kind::Web),
    ("linkedin", Kind::Web),
    ("twitter", Kind::Web),
    ("facebook", Kind::Web),
    ("body", Kind::Text),
    ("subject", Kind::Text),
    ("note", Kind::Text),
    ("description", Kind::Text),
    ("message", Kind::Text),
];

/// HubSpot strings that describe records, not people, though their names match above.
const KEEP: [&str; 8] = [
    "hs_object_id",
    "hs_merged_object_ids",
    "hs_unique_creation_key",
    "hs_object_source",
    "hs_object_source_id",
    "hs_object_source_label",
    "hs_pipeline",
    "hs_pipeline_stage",
];

/// The kind of personal data a property holds, `None` when it holds none.
#[must_use]
pub fn kind(p: &Property) -> Option<Kind> {
    if matches!(p.kind.as_str(), "date" | "datetime") && p.name.to_ascii_lowercase().contains("birth") {
        return Some(Kind::Birthdate);
    }
    if p.kind != "string" || KEEP.contains(&p.name.as_str()) {
        return None;
    }
    let name = p.name.to_ascii_lowercase();
    // Which-name and which-type strings (`hs_object_source_label`) say nothing of a person.
    if name.ends_with("_label") || name.ends_with("_type") || name.ends_with("_id") && name.starts_with("hs_") {
        return None;
    }
    if let Some((_, k)) = BY_NAME.iter().find(|(frag, _)| name.contains(frag)) {
        return Some(*k);
    }
    match p.field_type.as_str() {
        "phonenumber" => Some(Kind::Phone),
        "textarea" | "html" | "rich_text" => Some(Kind::Text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(name: &str, kind: &str, field_type: &str) -> Property {
        serde_json::from_value(serde_json::json!({"name": name, "label": name, "type": kind, "fieldType": field_type}))
            .unwrap()
    }

    #[test]
    fn personal_strings_are_found_by_name_and_field_type() {
        let k = |n: &str, t: &str, f: &str| kind(&prop(n, t, f));
        assert_eq!(k("email", "string", "text"), Some(Kind::Email));
        assert_eq!(k("hs_email_to_email", "string", "text"), Some(Kind::Email));
        assert_eq!(k("firstname", "string", "text"), Some(Kind::Name));
        assert_eq!(k("name", "string", "text"), Some(Kind::Name));
        assert_eq!(k("owner", "string", "text"), Some(Kind::Name), "a car's owner, typed in");
        assert_eq!(k("hubspot_owner_id", "enumeration", "select"), None, "an owner picked from the portal's users");
        assert_eq!(k("mobilephone", "string", "phonenumber"), Some(Kind::Phone));
        assert_eq!(k("emergency_line", "string", "phonenumber"), Some(Kind::Phone));
        assert_eq!(k("address", "string", "text"), Some(Kind::Street));
        assert_eq!(k("zip", "string", "text"), Some(Kind::Shaped));
        assert_eq!(k("state", "string", "text"), Some(Kind::City), "State/Region");
        assert_eq!(k("date_of_birth", "date", "date"), Some(Kind::Birthdate));
        assert_eq!(k("closedate", "date", "date"), None, "other dates stay");
        assert_eq!(k("hs_note_body", "string", "html"), Some(Kind::Text));
        assert_eq!(k("internal_remarks", "string", "textarea"), Some(Kind::Text));
    }

    #[test]
    fn options_numbers_dates_and_bookkeeping_stay() {
        let k = |n: &str, t: &str, f: &str| kind(&prop(n, t, f));
        assert_eq!(k("lifecyclestage", "enumeration", "select"), None);
        assert_eq!(k("price", "number", "number"), None);
        assert_eq!(k("hs_merged_object_ids", "string", "text"), None);
        assert_eq!(k("hs_object_source_label", "string", "text"), None);
        assert_eq!(k("model", "string", "text"), None);
        assert_eq!(k("closedate", "datetime", "date"), None);
    }
}
