//! The property form (`n` / `e` in the Properties view): a new property or the one
//! highlighted, with only what HubSpot accepts — the valid type/fieldType pairs, the type's
//! groups, options for enumerations (add, rename, hide, reorder; stored values never change)
//! and the flags that may be set. The internal name follows the label until typed, and is
//! fixed once the property exists, as is "unique".

use std::collections::BTreeMap;

use super::req::ReqId;
use super::text::TextField;
use crate::model::property::{FIELD_TYPES, PropertyCreate, PropertyUpdate};
use crate::model::{Property, PropertyOption, internal_name};

/// A write of a property definition.
#[derive(Debug, Clone, PartialEq)]
pub enum PropertyWrite {
    Create(Box<PropertyCreate>),
    Update { name: String, body: Box<PropertyUpdate> },
    Archive { name: String },
}

/// A row of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Label,
    Name,
    Kind,
    Group,
    Description,
    Unique,
    Hidden,
    FormField,
    /// An option, by index; the row after the last adds one.
    Option(usize),
    AddOption,
}

impl Row {
    /// The row's field name, as HubSpot's errors name it.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Label => "label",
            Self::Name => "name",
            Self::Kind => "type",
            Self::Group => "groupName",
            Self::Description => "description",
            Self::Unique => "hasUniqueValue",
            Self::Hidden => "hidden",
            Self::FormField => "formField",
            Self::Option(_) | Self::AddOption => "options",
        }
    }
}

/// What is typed into, while a text row is edited.
#[derive(Debug, Clone, PartialEq)]
pub struct Typing {
    pub row: Row,
    pub field: TextField,
}

/// The form's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PropForm {
    pub type_id: String,
    /// The property edited (`None`: a new one).
    pub editing: Option<Property>,
    pub label: String,
    pub name: String,
    /// The name was typed (it no longer follows the label).
    pub name_typed: bool,
    /// Index into [`pairs`].
    pub pair: usize,
    /// The groups offered `(name, label)`, and the one chosen.
    pub groups: Vec<(String, String)>,
    pub group: usize,
    pub description: String,
    pub unique: bool,
    pub hidden: bool,
    pub form_field: bool,
    pub options: Vec<PropertyOption>,
    pub cursor: usize,
    pub typing: Option<Typing>,
    /// Problems by field word (`label`, `options`…), from the check or HubSpot's refusal.
    pub issues: BTreeMap<&'static str, String>,
    /// A refusal naming no field.
    pub error: Option<String>,
    pub saving: Option<ReqId>,
}

/// The type/fieldType pairs a form offers (calculated ones need a formula: not here).
#[must_use]
pub fn pairs() -> Vec<(&'static str, &'static str)> {
    FIELD_TYPES
        .iter()
        .flat_map(|(k, fs)| fs.iter().filter(|f| **f != "calculation_equation").map(move |f| (*k, *f)))
        .collect()
}

impl PropForm {
    /// A form for a new property of `type_id`, in `groups` (the first chosen).
    #[must_use]
    pub fn new(type_id: &str, groups: Vec<(String, String)>) -> Self {
        let pair = pairs().iter().position(|p| *p == ("string", "text")).unwrap_or(0);
        Self { type_id: type_id.to_owned(), groups, pair, form_field: true, ..Self::default() }
    }

    /// A form editing `p`.
    #[must_use]
    pub fn edit(type_id: &str, p: &Property, mut groups: Vec<(String, String)>) -> Self {
        if !groups.iter().any(|(n, _)| *n == p.group_name) {
            groups.push((p.group_name.clone(), p.group_name.clone()));
        }
        let all = pairs();
        let pair = all.iter().position(|(k, f)| *k == p.kind && *f == p.field_type).unwrap_or(0);
        Self {
            type_id: type_id.to_owned(),
            editing: Some(p.clone()),
            label: p.label.clone(),
            name: p.name.clone(),
            name_typed: true,
            pair,
            group: groups.iter().position(|(n, _)| *n == p.group_name).unwrap_or(0),
            groups,
            description: p.description.clone(),
            unique: p.has_unique_value,
            hidden: p.hidden,
            form_field: p.form_field,
            options: p.options.clone(),
            ..Self::default()
        }
    }

    /// The chosen `(type, fieldType)`.
    #[must_use]
    pub fn kind(&self) -> (&'static str, &'static str) {
        pairs().get(self.pair).copied().unwrap_or(("string", "text"))
    }

    /// Whether the chosen type has options.
    #[must_use]
    pub fn has_options(&self) -> bool {
        matches!(self.kind().0, "enumeration")
    }

    /// The rows shown, in order.
    #[must_use]
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Label, Row::Name, Row::Kind, Row::Group, Row::Description];
        if self.editing.is_none() {
            rows.push(Row::Unique);
        }
        rows.extend([Row::Hidden, Row::FormField]);
        if self.has_options() {
            rows.extend((0..self.options.len()).map(Row::Option));
            rows.push(Row::AddOption);
        }
        rows
    }

    /// The row under the cursor.
    #[must_use]
    pub fn row(&self) -> Row {
        let rows = self.rows();
        rows.get(self.cursor.min(rows.len().saturating_sub(1))).copied().unwrap_or(Row::Label)
    }

    /// Sets the label; the internal name follows it on a new property until typed.
    pub fn set_label(&mut self, label: &str) {
        label.trim().clone_into(&mut self.label);
        if self.editing.is_none() && !self.name_typed {
            self.name = internal_name(label);
        }
    }

    /// Adds an option with this label (its value made from the label, kept unique).
    pub fn add_option(&mut self, label: &str) -> Result<(), String> {
        let label = label.trim();
        if label.is_empty() {
            return Err("An option needs a label".into());
        }
        if self.options.iter().any(|o| o.label.eq_ignore_ascii_case(label)) {
            return Err(format!("There is an option {label:?} already"));
        }
        let base = match internal_name(label) {
            v if v.is_empty() => "option".to_owned(),
            v => v,
        };
        let mut value = base.clone();
        let mut n = 2;
        while self.options.iter().any(|o| o.value == value) {
            value = format!("{base}_{n}");
            n += 1;
        }
        let order = i64::try_from(self.options.len()).unwrap_or(0);
        self.options.push(PropertyOption {
            label: label.to_owned(),
            value,
            display_order: order,
            hidden: false,
            description: None,
        });
        Ok(())
    }

    /// Moves option `i` by `by` places (display orders follow the list).
    pub fn move_option(&mut self, i: usize, up: bool) -> Option<usize> {
        let j = if up { i.checked_sub(1)? } else { i + 1 };
        if j >= self.options.len() {
            return None;
        }
        self.options.swap(i, j);
        self.renumber();
        Some(j)
    }

    fn renumber(&mut self) {
        for (n, o) in self.options.iter_mut().enumerate() {
            o.display_order = i64::try_from(n).unwrap_or(0);
        }
    }

    /// What is wrong before sending, by field (empty: send it).
    #[must_use]
    pub fn check(&self) -> BTreeMap<&'static str, String> {
        let mut issues = BTreeMap::new();
        if self.label.trim().is_empty() {
            issues.insert("label", "A label is required".to_owned());
        }
        let n = &self.name;
        let valid = n.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if self.editing.is_none() && !valid {
            issues.insert("name", "Lowercase letters, digits and _, starting with a letter".to_owned());
        }
        if self.has_options() && self.options.is_empty() {
            issues.insert("options", "An enumeration needs at least one option (a: add)".to_owned());
        }
        issues
    }

    fn group_name(&self) -> String {
        self.groups.get(self.group).map(|(n, _)| n.clone()).unwrap_or_default()
    }

    /// The body creating the property.
    #[must_use]
    pub fn create_body(&self) -> PropertyCreate {
        let (kind, field_type) = self.kind();
        PropertyCreate {
            name: self.name.clone(),
            label: self.label.clone(),
            kind: kind.to_owned(),
            field_type: field_type.to_owned(),
            group_name: self.group_name(),
            description: Some(self.description.clone()).filter(|d| !d.is_empty()),
            options: self.has_options().then(|| self.options.clone()),
            has_unique_value: Some(self.unique),
            hidden: Some(self.hidden),
            form_field: Some(self.form_field),
            ..PropertyCreate::default()
        }
    }

    /// The patch with what changed from the property edited (`None`: nothing did).
    #[must_use]
    pub fn update_body(&self) -> Option<PropertyUpdate> {
        let old = self.editing.as_ref()?;
        let (kind, field_type) = self.kind();
        let mut u = PropertyUpdate::default();
        let changed = |a: &str, b: &str| (a != b).then(|| a.to_owned());
        u.label = changed(&self.label, &old.label);
        u.kind = changed(kind, &old.kind);
        u.field_type = changed(field_type, &old.field_type);
        u.group_name = changed(&self.group_name(), &old.group_name);
        u.description = changed(&self.description, &old.description);
        u.hidden = (self.hidden != old.hidden).then_some(self.hidden);
        u.form_field = (self.form_field != old.form_field).then_some(self.form_field);
        u.options = (self.has_options() && self.options != old.options).then(|| self.options.clone());
        (u != PropertyUpdate::default()).then_some(u)
    }

    /// Puts a refusal on the field it names (else on the form): HubSpot's messages name the
    /// field (`Property group "x" does not exist`, `fieldType … is not valid`, `options`).
    pub fn refused(&mut self, message: &str) {
        let m = message.to_lowercase();
        let field = [
            ("group", "groupName"),
            ("fieldtype", "type"),
            ("type ", "type"),
            ("option", "options"),
            ("label", "label"),
            ("name", "name"),
        ]
        .iter()
        .find(|(k, _)| m.contains(k))
        .map(|(_, f)| *f);
        match field {
            Some(f) if self.rows().iter().any(|r| r.word() == f) => {
                self.issues.insert(f, message.to_owned());
                if let Some(i) = self.rows().iter().position(|r| r.word() == f) {
                    self.cursor = i;
                }
            }
            _ => self.error = Some(message.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_follows_the_label_until_typed_and_options_keep_their_values() {
        let mut f = PropForm::new("0-1", vec![("contactinformation".into(), "Contact information".into())]);
        f.set_label("Preferred Dealer (2026)");
        assert_eq!(f.name, "preferred_dealer_2026");
        f.name_typed = true;
        f.set_label("Dealer");
        assert_eq!(f.name, "preferred_dealer_2026");
        f.pair = pairs().iter().position(|p| *p == ("enumeration", "select")).unwrap();
        assert_eq!(
            f.check().get("options").map(String::as_str),
            Some("An enumeration needs at least one option (a: add)")
        );
        f.add_option("Gold").unwrap();
        f.add_option("Gold!").unwrap();
        assert!(f.add_option("gold").is_err());
        assert_eq!(f.options.iter().map(|o| o.value.as_str()).collect::<Vec<_>>(), ["gold", "gold_2"]);
        f.options[0].label = "Gold tier".into();
        assert_eq!(f.move_option(1, true), Some(0));
        assert_eq!(
            f.options.iter().map(|o| (o.value.as_str(), o.display_order)).collect::<Vec<_>>(),
            [("gold_2", 0), ("gold", 1)]
        );
        let body = f.create_body();
        assert_eq!(body.kind, "enumeration");
        assert_eq!(body.group_name, "contactinformation");
        assert!(f.check().is_empty());
    }

    #[test]
    fn an_edit_sends_only_what_changed_and_a_refusal_lands_on_its_field() {
        let p: Property = serde_json::from_value(serde_json::json!({
            "name": "tier", "label": "Tier", "type": "enumeration", "fieldType": "select", "groupName": "g",
            "options": [{"label": "Gold", "value": "gold", "displayOrder": 0, "hidden": false}]
        }))
        .unwrap();
        let mut f = PropForm::edit("0-1", &p, vec![("g".into(), "G".into()), ("h".into(), "H".into())]);
        assert_eq!(f.update_body(), None);
        assert!(!f.rows().contains(&Row::Unique), "unique is set on create only");
        f.add_option("Silver").unwrap();
        let u = f.update_body().unwrap();
        assert_eq!(u.options.as_ref().map(Vec::len), Some(2));
        assert_eq!(u.label, None);
        f.refused("Property group \"zz\" does not exist on contacts");
        assert!(f.issues.contains_key("groupName"));
        assert_eq!(f.row(), Row::Group);
    }
}
