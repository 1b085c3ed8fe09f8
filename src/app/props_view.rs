//! The Properties view (`D`): every definition of the table's type with its flags and fill
//! rate — how many records have a value, counted by a `HAS_PROPERTY` search per property —
//! sortable by fill rate so dead properties surface, filtered with `/`; Enter shows one
//! definition whole, and Enter again searches the records that have a value.

use std::collections::BTreeMap;

use crate::app::req::ReqId;
use crate::app::table::state::QuickFilter;
use crate::model::Property;

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PropSort {
    /// By group, then label (as HubSpot lists them).
    #[default]
    Group,
    /// Emptiest first: the dead properties on top.
    FillAscending,
    FillDescending,
}

impl PropSort {
    /// The next order (`s`).
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Group => Self::FillAscending,
            Self::FillAscending => Self::FillDescending,
            Self::FillDescending => Self::Group,
        }
    }

    /// What the header says.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Group => "by group",
            Self::FillAscending => "by fill rate, emptiest first",
            Self::FillDescending => "by fill rate, fullest first",
        }
    }
}

/// Fill counts of one type, kept with when they were counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FillRates {
    /// Records with a value, by property.
    pub counts: BTreeMap<String, usize>,
    /// Records of the type when counted.
    pub total: Option<usize>,
    /// When the count finished (epoch ms); `None` while counting.
    pub at: Option<i64>,
    /// Why some counts are missing.
    pub error: Option<String>,
}

/// The view's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PropsView {
    pub type_id: String,
    /// The type's label (`Cars`).
    pub label: String,
    pub properties: Vec<Property>,
    pub fill: FillRates,
    /// The count in flight (its partial answers fill `fill` as they come).
    pub counting: Option<ReqId>,
    /// Properties to count in all (for the progress bar).
    pub to_count: usize,
    pub sort: PropSort,
    pub filter: Option<QuickFilter>,
    pub cursor: usize,
    /// The property shown whole.
    pub open: Option<String>,
    /// The property form, over the list.
    pub form: Option<Box<super::prop_form::PropForm>>,
    /// The type's property groups, once read (the form offers them).
    pub groups: Vec<crate::model::property::PropertyGroup>,
}

impl PropsView {
    /// The share of records with a value, 0–1, once counted.
    #[must_use]
    pub fn rate(&self, name: &str) -> Option<f64> {
        let (n, total) = (*self.fill.counts.get(name)?, self.fill.total?);
        #[allow(clippy::cast_precision_loss)]
        Some(if total == 0 { 0.0 } else { n as f64 / total as f64 })
    }

    /// The properties shown, in order: the filter's matches, sorted.
    #[must_use]
    pub fn rows(&self) -> Vec<&Property> {
        let q = self.filter.as_ref().map(|f| f.field.text().trim().to_lowercase()).unwrap_or_default();
        let mut rows: Vec<&Property> = self
            .properties
            .iter()
            .filter(|p| {
                q.is_empty()
                    || [&p.label, &p.name, &p.kind, &p.field_type, &p.group_name]
                        .iter()
                        .any(|s| s.to_lowercase().contains(&q))
            })
            .collect();
        let by_group = |a: &&Property, b: &&Property| {
            a.group_name.cmp(&b.group_name).then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase()))
        };
        // Not counted yet sorts after every counted one, either way.
        let fill = |p: &Property| self.fill.counts.get(&p.name).copied();
        match self.sort {
            PropSort::Group => rows.sort_by(by_group),
            PropSort::FillAscending => rows.sort_by(|a, b| {
                (fill(a).is_none(), fill(a)).cmp(&(fill(b).is_none(), fill(b))).then_with(|| by_group(a, b))
            }),
            PropSort::FillDescending => rows.sort_by(|a, b| {
                (fill(a).is_none(), std::cmp::Reverse(fill(a)))
                    .cmp(&(fill(b).is_none(), std::cmp::Reverse(fill(b))))
                    .then_with(|| by_group(a, b))
            }),
        }
        rows
    }

    /// The property under the cursor.
    #[must_use]
    pub fn current(&self) -> Option<&Property> {
        self.rows().get(self.cursor).copied()
    }

    /// A property's flags in words (`unique · read-only · 2 rules`).
    #[must_use]
    pub fn flags(p: &Property) -> String {
        let mut f: Vec<String> = Vec::new();
        for (on, word) in [
            (p.has_unique_value, "unique"),
            (p.read_only_value(), "read-only"),
            (p.calculated, "calculated"),
            (p.hidden, "hidden"),
            (p.hubspot_defined, "HubSpot's"),
            (p.form_field, "form"),
        ] {
            if on {
                f.push(word.to_owned());
            }
        }
        match p.validation_rules.len() {
            0 => {}
            1 => f.push("1 rule".into()),
            n => f.push(format!("{n} rules")),
        }
        f.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(name: &str, group: &str) -> Property {
        serde_json::from_value(serde_json::json!({
            "name": name, "label": name.to_uppercase(), "type": "string", "fieldType": "text", "groupName": group
        }))
        .unwrap()
    }

    #[test]
    fn rows_sort_by_fill_with_the_uncounted_last_and_filter_by_any_name() {
        let mut v = PropsView {
            properties: vec![prop("b", "g1"), prop("a", "g2"), prop("c", "g1"), prop("d", "g1")],
            ..PropsView::default()
        };
        v.fill.counts = BTreeMap::from([("a".into(), 5), ("b".into(), 0), ("c".into(), 9)]);
        v.fill.total = Some(10);
        let names = |v: &PropsView| v.rows().iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&v), ["b", "c", "d", "a"], "by group, then label");
        v.sort = v.sort.next();
        assert_eq!(names(&v), ["b", "a", "c", "d"], "emptiest first; d not counted");
        v.sort = v.sort.next();
        assert_eq!(names(&v), ["c", "a", "b", "d"]);
        assert_eq!(v.rate("c"), Some(0.9));
        v.filter = Some(QuickFilter { field: crate::app::text::TextField::with_text("g2"), editing: false });
        assert_eq!(names(&v), ["a"]);
    }
}
