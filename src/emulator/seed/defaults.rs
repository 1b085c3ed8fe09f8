//! HubSpot's own property definitions of a fresh portal (`assets/seed/defaults.json`, gathered
//! from public sources named in `assets/seed/SOURCES.md`), merged into the demo's types: a
//! name the type already defines keeps its definition.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::api::types::{Property, PropertyGroup};

const DEFAULTS_JSON: &str = include_str!("../../../assets/seed/defaults.json");

/// The defaults file's shape: groups and property rows by type name.
#[derive(Debug, Default, Deserialize)]
pub struct SeedDefaults {
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<(String, String)>>,
    #[serde(default)]
    pub properties: BTreeMap<String, Vec<serde_json::Value>>,
}

/// Parses the embedded defaults file.
pub fn seed_defaults() -> Result<SeedDefaults, serde_json::Error> {
    serde_json::from_str(DEFAULTS_JSON)
}

impl SeedDefaults {
    /// Adds the type's default groups and the default properties it does not define yet.
    /// Groups follow the type's own, in the file's order.
    pub fn merge(&self, type_name: &str, props: &mut Vec<Property>, groups: &mut Vec<PropertyGroup>, created: &str) {
        let mut names: BTreeSet<String> = props.iter().map(|p| p.name.clone()).collect();
        for (name, label) in self.groups.get(type_name).into_iter().flatten() {
            if !groups.iter().any(|g| &g.name == name) {
                let display_order = i64::try_from(groups.len()).unwrap_or(0);
                groups.push(PropertyGroup { name: name.clone(), label: label.clone(), display_order, archived: false });
            }
        }
        let main = groups.first().map(|g| g.name.clone()).unwrap_or_default();
        for row in self.properties.get(type_name).into_iter().flatten() {
            let Some(p) = super::defs::parse_row(row, &main, false, created) else { continue };
            if !p.name.is_empty() && names.insert(p.name.clone()) {
                props.push(p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::property::FIELD_TYPES;

    #[test]
    fn every_default_row_parses_with_a_known_type_and_a_defined_group() {
        let d = seed_defaults().expect("defaults.json parses");
        let file = crate::emulator::seed::defs::seed_file().expect("types.json parses");
        for (t, rows) in &d.properties {
            let seed_type = file.types.iter().find(|s| &s.name == t).expect("a default's type is in types.json");
            let mut groups: BTreeSet<&str> = d.groups.get(t).into_iter().flatten().map(|g| g.0.as_str()).collect();
            groups.insert(seed_type.group.0.as_str());
            assert!(rows.len() > 100, "{t}: only {} defaults", rows.len());
            for row in rows {
                let p = crate::emulator::seed::defs::parse_row(row, "main", false, "2024-01-15T09:00:00.000Z")
                    .expect("row parses");
                assert!(FIELD_TYPES.iter().any(|(k, _)| *k == p.kind), "{t}.{}: type {}", p.name, p.kind);
                assert!(
                    p.group_name == "main" || groups.contains(p.group_name.as_str()),
                    "{t}.{}: group {} is not defined",
                    p.name,
                    p.group_name
                );
                assert!(p.hubspot_defined, "{t}.{} is HubSpot's own", p.name);
            }
        }
    }

    #[test]
    fn a_name_the_type_defines_keeps_its_definition() {
        let d = seed_defaults().expect("defaults.json parses");
        let mut props = vec![super::super::defs::property("email", "Mine", "string", "text", "contactinformation", "")];
        let mut groups = vec![PropertyGroup {
            name: "contactinformation".into(),
            label: "Contact information".into(),
            display_order: 0,
            archived: false,
        }];
        d.merge("contacts", &mut props, &mut groups, "");
        assert_eq!(props.iter().filter(|p| p.name == "email").count(), 1);
        assert_eq!(props[0].label, "Mine");
        assert!(props.len() > 300);
        assert!(groups.iter().any(|g| g.name == "emailinformation"));
        let names: BTreeSet<&str> = props.iter().map(|p| p.group_name.as_str()).collect();
        assert!(names.iter().all(|n| groups.iter().any(|g| g.name == *n)), "{names:?}");
    }
}
