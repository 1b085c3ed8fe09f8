//! The custom-object form (`n` in the Objects pane, or "new custom object" in the palette):
//! singular and plural labels, the internal name (from the singular label until typed),
//! a description, and the first properties — the first is the primary display property;
//! each may be required (required ones are searchable too). What HubSpot accepts for a
//! schema, checked before sending; a refusal stays on the form.

use std::collections::BTreeMap;

use super::prop_form::{Typing, pairs};
use super::req::ReqId;
use crate::model::internal_name;
use crate::model::property::PropertyCreate;
use crate::model::schema::{ObjectLabels, ObjectSchemaEgg};

/// The types a new custom object is associated with `(id, label)`.
pub const ASSOCIATED: [(&str, &str); 3] = [("0-1", "Contacts"), ("0-2", "Companies"), ("0-3", "Deals")];

/// One of the first properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstProperty {
    pub label: String,
    /// Index into [`pairs`].
    pub pair: usize,
    pub required: bool,
}

impl FirstProperty {
    /// Its internal name (from the label).
    #[must_use]
    pub fn name(&self) -> String {
        internal_name(&self.label)
    }
}

/// A row of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaRow {
    Singular,
    Plural,
    Name,
    Description,
    Property(usize),
    AddProperty,
}

impl SchemaRow {
    /// The field the row holds, as problems are keyed.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Singular => "singular",
            Self::Plural => "plural",
            Self::Name => "name",
            Self::Description => "description",
            Self::Property(_) | Self::AddProperty => "properties",
        }
    }
}

/// The form's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SchemaForm {
    pub singular: String,
    pub plural: String,
    pub name: String,
    pub name_typed: bool,
    pub description: String,
    pub properties: Vec<FirstProperty>,
    pub cursor: usize,
    /// What is typed (rows reuse the property form's [`Typing`] by row index).
    pub typing: Option<(SchemaRow, Typing)>,
    pub issues: BTreeMap<&'static str, String>,
    pub error: Option<String>,
    pub saving: Option<ReqId>,
}

/// The `(type, fieldType)` pair a new property starts with: a single-line text.
fn text_pair() -> usize {
    pairs().iter().position(|p| *p == ("string", "text")).unwrap_or(0)
}

impl SchemaForm {
    /// An empty form with one required "Name" property.
    #[must_use]
    pub fn new() -> Self {
        Self {
            properties: vec![FirstProperty { label: "Name".into(), pair: text_pair(), required: true }],
            ..Self::default()
        }
    }

    /// The rows, in order.
    #[must_use]
    pub fn rows(&self) -> Vec<SchemaRow> {
        let mut rows = vec![SchemaRow::Singular, SchemaRow::Plural, SchemaRow::Name, SchemaRow::Description];
        rows.extend((0..self.properties.len()).map(SchemaRow::Property));
        rows.push(SchemaRow::AddProperty);
        rows
    }

    #[must_use]
    pub fn row(&self) -> SchemaRow {
        let rows = self.rows();
        rows.get(self.cursor.min(rows.len().saturating_sub(1))).copied().unwrap_or(SchemaRow::Singular)
    }

    /// Sets the singular label: the plural (`s` added) and the name follow until typed.
    pub fn set_singular(&mut self, label: &str) {
        let old_plural = format!("{}s", self.singular);
        label.trim().clone_into(&mut self.singular);
        if self.plural.is_empty() || self.plural == old_plural {
            self.plural = format!("{}s", self.singular);
        }
        if !self.name_typed {
            self.name = internal_name(&self.singular);
        }
    }

    /// Adds a property by label (a text, not required).
    pub fn add_property(&mut self, label: &str) -> Result<(), String> {
        let label = label.trim();
        let name = internal_name(label);
        if name.is_empty() {
            return Err("A property needs a label with a letter or digit".into());
        }
        if self.properties.iter().any(|p| p.name() == name) {
            return Err(format!("There is a property {name} already"));
        }
        self.properties.push(FirstProperty { label: label.to_owned(), pair: text_pair(), required: false });
        Ok(())
    }

    /// What is wrong before sending, by field.
    #[must_use]
    pub fn check(&self) -> BTreeMap<&'static str, String> {
        let mut issues = BTreeMap::new();
        if self.singular.is_empty() {
            issues.insert("singular", "A singular label is required (Car)".to_owned());
        }
        if self.plural.is_empty() {
            issues.insert("plural", "A plural label is required (Cars)".to_owned());
        }
        if !self.name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
            issues.insert("name", "Lowercase letters, digits and _, starting with a letter".to_owned());
        }
        match self.properties.first() {
            None => {
                issues.insert("properties", "The first property names records: add one (a)".to_owned());
            }
            Some(p) if pairs().get(p.pair).is_none_or(|(k, _)| *k != "string") => {
                issues.insert("properties", "The first property names records: it must be a text".to_owned());
            }
            Some(_) => {}
        }
        issues
    }

    /// The schema to create.
    #[must_use]
    pub fn egg(&self) -> ObjectSchemaEgg {
        let names: Vec<String> = self.properties.iter().map(FirstProperty::name).collect();
        let required: Vec<String> = self.properties.iter().filter(|p| p.required).map(FirstProperty::name).collect();
        let properties = self
            .properties
            .iter()
            .map(|p| {
                let (kind, field_type) = pairs().get(p.pair).copied().unwrap_or(("string", "text"));
                PropertyCreate {
                    name: p.name(),
                    label: p.label.clone(),
                    kind: kind.to_owned(),
                    field_type: field_type.to_owned(),
                    has_unique_value: Some(false),
                    form_field: Some(true),
                    ..PropertyCreate::default()
                }
            })
            .collect();
        let mut searchable = required.clone();
        if let Some(first) = names.first().filter(|n| !searchable.contains(n)) {
            searchable.insert(0, first.clone());
        }
        ObjectSchemaEgg {
            name: self.name.clone(),
            labels: ObjectLabels { singular: self.singular.clone(), plural: self.plural.clone() },
            description: Some(self.description.clone()).filter(|d| !d.is_empty()),
            primary_display_property: names.first().cloned(),
            secondary_display_properties: names.iter().skip(1).take(2).cloned().collect(),
            searchable_properties: searchable,
            required_properties: required,
            properties,
            // Records of a new type are associated with contacts, companies and deals.
            associated_objects: ASSOCIATED.iter().map(|(id, _)| (*id).to_owned()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lead_the_plural_and_name_and_the_first_property_is_primary() {
        let mut f = SchemaForm::new();
        f.set_singular("Service plan");
        assert_eq!((f.plural.as_str(), f.name.as_str()), ("Service plans", "service_plan"));
        f.add_property("Renewal date").unwrap();
        assert!(f.add_property("renewal  date!").is_err());
        f.properties[1].required = true;
        let egg = f.egg();
        assert_eq!(egg.primary_display_property.as_deref(), Some("name"));
        assert_eq!(egg.required_properties, ["name", "renewal_date"]);
        assert_eq!(egg.secondary_display_properties, ["renewal_date"]);
        assert!(f.check().is_empty());
        f.properties.clear();
        assert!(f.check().contains_key("properties"));
    }
}
