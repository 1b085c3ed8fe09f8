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

    /// A one-line summary for titles and the palette.
    #[must_use]
    pub fn summary(&self) -> String {
        let groups: Vec<String> = self
            .groups
            .iter()
            .filter(|g| !g.filters.is_empty())
            .map(|g| {
                g.filters
                    .iter()
                    .map(|f| {
                        let v = match f.operator.as_str() {
                            "HAS_PROPERTY" | "NOT_HAS_PROPERTY" => String::new(),
                            "BETWEEN" => format!(" {}..{}", f.value, f.high_value),
                            "IN" | "NOT_IN" => format!(" {}", f.values.join(",")),
                            _ => format!(" {}", f.value),
                        };
                        format!("{} {}{v}", f.property, f.operator)
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
