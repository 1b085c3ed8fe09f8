//! A search as the user composes it (saved to and restored from TOML).

use serde::{Deserialize, Serialize};

/// One filter row: a property, an operator and its values (as typed).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FilterDraft {
    /// Empty until picked.
    pub property: String,
    pub operator: String,
    /// `value` (and `highValue` for BETWEEN); for IN / NOT_IN the picked or comma-separated values.
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub high_value: String,
    #[serde(default)]
    pub values: Vec<String>,
}

/// Filters that must all match.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GroupDraft {
    pub filters: Vec<FilterDraft>,
}

/// The one sort HubSpot applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortDraft {
    pub property: String,
    pub descending: bool,
}

/// A whole search: groups (any of), free text, one sort.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchDraft {
    #[serde(default)]
    pub groups: Vec<GroupDraft>,
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub sort: Option<SortDraft>,
}

impl SearchDraft {
    /// Whether nothing narrows the search.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.filters.is_empty()) && self.query.trim().is_empty()
    }

    /// ANDs a filter into the search: into every group (or a new one).
    pub fn and(&mut self, f: FilterDraft) {
        if self.groups.is_empty() {
            self.groups.push(GroupDraft::default());
        }
        for g in &mut self.groups {
            g.filters.push(f.clone());
        }
    }

    /// A one-line summary for the palette (internal names and values).
    #[must_use]
    pub fn summary(&self) -> String {
        self.summary_with(&[])
    }

    /// A one-line summary for titles: properties and options by label where `props` defines
    /// them (`Deal Stage EQ Appointment Scheduled`), else by internal name.
    #[must_use]
    pub fn summary_with(&self, props: &[crate::model::Property]) -> String {
        let def = |name: &str| props.iter().find(|p| p.name == name);
        let label = |name: &str| def(name).map_or_else(|| name.to_owned(), |p| p.label.clone());
        let value = |name: &str, v: &str| {
            let option = def(name).and_then(|p| p.options.iter().find(|o| o.value == v));
            option.map_or_else(|| v.to_owned(), |o| o.label.clone())
        };
        let groups: Vec<String> = self
            .groups
            .iter()
            .filter(|g| !g.filters.is_empty())
            .map(|g| {
                g.filters
                    .iter()
                    .map(|f| {
                        let p = f.property.as_str();
                        let v = match f.operator.as_str() {
                            "HAS_PROPERTY" | "NOT_HAS_PROPERTY" => String::new(),
                            "BETWEEN" => format!(" {}..{}", f.value, f.high_value),
                            "IN" | "NOT_IN" => {
                                format!(" {}", f.values.iter().map(|v| value(p, v)).collect::<Vec<_>>().join(","))
                            }
                            _ => format!(" {}", value(p, &f.value)),
                        };
                        format!("{} {}{v}", label(p), f.operator)
                    })
                    .collect::<Vec<_>>()
                    .join(" AND ")
            })
            .collect();
        let mut s = if groups.len() > 1 { format!("({})", groups.join(") OR (")) } else { groups.join("") };
        if !self.query.trim().is_empty() {
            if !s.is_empty() {
                s.push_str(" · ");
            }
            s.push_str(&format!("\"{}\"", self.query.trim()));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn titles_name_properties_and_options_by_label() {
        let stage: crate::model::Property = serde_json::from_value(serde_json::json!({
            "name": "dealstage", "label": "Deal Stage", "type": "enumeration", "fieldType": "radio",
            "options": [{"label": "Closed Won", "value": "closedwon", "displayOrder": 0, "hidden": false}]
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let mut d = SearchDraft::default();
        d.and(FilterDraft {
            property: "dealstage".into(),
            operator: "EQ".into(),
            value: "closedwon".into(),
            ..FilterDraft::default()
        });
        d.and(FilterDraft {
            property: "amount".into(),
            operator: "GT".into(),
            value: "5000".into(),
            ..FilterDraft::default()
        });
        assert_eq!(d.summary_with(&[stage]), "Deal Stage EQ Closed Won AND amount GT 5000");
        assert_eq!(d.summary(), "dealstage EQ closedwon AND amount GT 5000");
    }
}
