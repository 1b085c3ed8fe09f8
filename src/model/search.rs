//! The search request (`PublicObjectSearchRequest`) and response.

use serde::{Deserialize, Serialize};

use super::id::WireId;
use super::record::{Paging, SimplePublicObject};

/// A search body. Every field is optional: `{}` returns everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filter_groups: Vec<FilterGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sorts: Vec<SortSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<WireId>,
}

/// HubSpot's 13 search operators (the wire carries their names; see [`Operator::parse`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    Eq,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
    Between,
    In,
    NotIn,
    HasProperty,
    NotHasProperty,
    ContainsToken,
    NotContainsToken,
}

impl Operator {
    /// Every operator, in HubSpot's order.
    pub const ALL: [Self; 13] = [
        Self::Eq,
        Self::Neq,
        Self::Lt,
        Self::Lte,
        Self::Gt,
        Self::Gte,
        Self::Between,
        Self::In,
        Self::NotIn,
        Self::HasProperty,
        Self::NotHasProperty,
        Self::ContainsToken,
        Self::NotContainsToken,
    ];

    /// The name on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        OPERATORS[Self::ALL.iter().position(|o| *o == self).unwrap_or(0)]
    }

    /// An operator by its wire name (exact, as HubSpot requires).
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        OPERATORS.iter().position(|o| *o == name).map(|i| Self::ALL[i])
    }
}

/// HubSpot's 13 search operators by name, in [`Operator::ALL`]'s order.
pub const OPERATORS: &[&str] = &[
    "EQ",
    "NEQ",
    "LT",
    "LTE",
    "GT",
    "GTE",
    "BETWEEN",
    "IN",
    "NOT_IN",
    "HAS_PROPERTY",
    "NOT_HAS_PROPERTY",
    "CONTAINS_TOKEN",
    "NOT_CONTAINS_TOKEN",
];

/// A sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Ascending,
    Descending,
}

impl Direction {
    /// The name on the wire.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ascending => "ASCENDING",
            Self::Descending => "DESCENDING",
        }
    }
}

impl SortSpec {
    /// Sort by a property in a direction (the object form, the one HubSpot honours).
    #[must_use]
    pub fn by(property: &str, direction: Direction) -> Self {
        Self::Object { property_name: property.to_owned(), direction: Some(direction.as_str().to_owned()) }
    }

    /// Whether this sorts by record id ascending (the order searches can page past 10,000 in).
    #[must_use]
    pub fn is_by_id_ascending(&self) -> bool {
        matches!(self, Self::Object { property_name, direction }
            if property_name == ID && direction.as_deref() != Some(Direction::Descending.as_str()))
    }
}

/// The record id property.
pub const ID: &str = "hs_object_id";

impl Filter {
    /// A filter on the record id: `hs_object_id GT 123`.
    #[must_use]
    pub fn on_id(operator: Operator, id: &str) -> Self {
        Self {
            property_name: ID.to_owned(),
            operator: operator.as_str().to_owned(),
            value: Some(WireId(id.to_owned())),
            high_value: None,
            values: None,
        }
    }
}

impl SearchRequest {
    /// Every record in id order, `after` an id when given (`hs_object_id GT after`): how
    /// paging goes on past HubSpot's 10,000-result cap.
    #[must_use]
    pub fn by_id_ascending(after: Option<&str>) -> Self {
        let filter_groups =
            after.map(|id| vec![FilterGroup { filters: vec![Filter::on_id(Operator::Gt, id)] }]).unwrap_or_default();
        Self { filter_groups, sorts: vec![SortSpec::by(ID, Direction::Ascending)], ..Self::default() }
    }

    /// The same request sorted by record id (replacing its sorts).
    #[must_use]
    pub fn sorted_by_id(mut self, direction: Direction) -> Self {
        self.sorts = vec![SortSpec::by(ID, direction)];
        self
    }
}

/// Filters ANDed together; groups are ORed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterGroup {
    #[serde(default)]
    pub filters: Vec<Filter>,
}

/// One filter. Values are strings on the wire (numbers and booleans are accepted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Filter {
    pub property_name: String,
    pub operator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<WireId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_value: Option<WireId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<WireId>>,
}

/// A sort: the object form `{propertyName, direction}` that works, or the bare string form
/// HubSpot's spec shows (a property name, `-name` for descending).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SortSpec {
    Object {
        #[serde(rename = "propertyName")]
        property_name: String,
        #[serde(default)]
        direction: Option<String>,
    },
    Name(String),
}

/// A search response page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub total: u64,
    pub results: Vec<SimplePublicObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_round_trip_and_the_id_order_request_is_built_once() {
        for o in Operator::ALL {
            assert_eq!(Operator::parse(o.as_str()), Some(o));
        }
        assert_eq!(Operator::parse("eq"), None, "HubSpot's names are exact");
        let r = SearchRequest::by_id_ascending(Some("42"));
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"filterGroups": [{"filters": [{"propertyName": "hs_object_id", "operator": "GT", "value": "42"}]}],
                               "sorts": [{"propertyName": "hs_object_id", "direction": "ASCENDING"}]})
        );
        assert!(r.sorts[0].is_by_id_ascending());
        assert!(!SortSpec::by(ID, Direction::Descending).is_by_id_ascending());
    }
}
