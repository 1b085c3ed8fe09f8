//! Checks a draft before anything is sent — HubSpot's limits (5 groups, 6 filters per group,
//! 18 in all, 3,000 characters of query), operators by type, values of the right type,
//! enumeration values from the options — and turns it into a search request.

use super::draft::{FilterDraft, SearchDraft};
use super::ops::{Arity, arity, convert, operators_for};
use crate::model::id::WireId;
use crate::model::{Filter, FilterGroup, Property, SearchRequest, SortSpec};

/// HubSpot's search limits.
pub const MAX_GROUPS: usize = 5;
pub const MAX_FILTERS_PER_GROUP: usize = 6;
pub const MAX_FILTERS: usize = 18;
pub const MAX_QUERY: usize = 3_000;

/// Where a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    Query,
    Sort,
    /// The search as a whole (group count, filter total).
    Groups,
    Group(usize),
    Filter(usize, usize),
}

/// A problem with a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub at: Where,
    pub reason: String,
}

fn issue(at: Where, reason: impl Into<String>) -> Issue {
    Issue { at, reason: reason.into() }
}

/// The filter as the API wants it, or why not.
fn filter(f: &FilterDraft, props: &[Property], now_ms: i64) -> Result<Filter, String> {
    if f.property.is_empty() {
        return Err("choose a property (enter)".into());
    }
    let p = props.iter().find(|p| p.name == f.property).ok_or_else(|| format!("unknown property {}", f.property))?;
    if f.operator.is_empty() {
        return Err(format!("choose an operator for {}", p.label));
    }
    if !operators_for(&p.kind).contains(&f.operator.as_str()) {
        return Err(format!("{} does not apply to {} (a {} property)", f.operator, p.label, p.kind));
    }
    let one = |raw: &str| -> Result<String, String> {
        let v = convert(&p.kind, raw, now_ms).map_err(|e| format!("{}: {e}", p.label))?;
        if p.kind == "enumeration" && !p.options.is_empty() && !p.options.iter().any(|o| o.value == v) {
            let known: Vec<&str> = p.options.iter().map(|o| o.value.as_str()).collect();
            return Err(format!("{}: {v:?} is not an option ({})", p.label, known.join(", ")));
        }
        Ok(v)
    };
    let mut out = Filter {
        property_name: f.property.clone(),
        operator: f.operator.clone(),
        value: None,
        high_value: None,
        values: None,
    };
    match arity(&f.operator) {
        Arity::None => {}
        Arity::One => out.value = Some(WireId(one(&f.value)?)),
        Arity::Two => {
            if f.value.trim().is_empty() || f.high_value.trim().is_empty() {
                return Err(format!("{}: BETWEEN needs two values", p.label));
            }
            out.value = Some(WireId(one(&f.value)?));
            out.high_value = Some(WireId(one(&f.high_value)?));
        }
        Arity::Many => {
            if f.values.is_empty() {
                return Err(format!("{}: {} needs at least one value", p.label, f.operator));
            }
            // Strings are matched lowercase by IN / NOT_IN; enumerations are case-sensitive.
            let lower = !matches!(p.kind.as_str(), "enumeration" | "number");
            let vals = f
                .values
                .iter()
                .map(|v| one(v).map(|v| WireId(if lower { v.to_lowercase() } else { v })))
                .collect::<Result<Vec<_>, _>>()?;
            out.values = Some(vals);
        }
    }
    Ok(out)
}

/// Every problem in the draft (empty when it can be sent).
#[must_use]
pub fn validate(d: &SearchDraft, props: &[Property], now_ms: i64) -> Vec<Issue> {
    let mut out = Vec::new();
    if d.query.chars().count() > MAX_QUERY {
        out.push(issue(
            Where::Query,
            format!("the query is {} characters; HubSpot takes {MAX_QUERY}", d.query.chars().count()),
        ));
    }
    if let Some(s) = &d.sort
        && !props.iter().any(|p| p.name == s.property)
    {
        out.push(issue(Where::Sort, format!("unknown sort property {}", s.property)));
    }
    if d.groups.len() > MAX_GROUPS {
        out.push(issue(Where::Groups, format!("{} groups; HubSpot allows {MAX_GROUPS}", d.groups.len())));
    }
    let total: usize = d.groups.iter().map(|g| g.filters.len()).sum();
    if total > MAX_FILTERS {
        out.push(issue(Where::Groups, format!("{total} filters in all; HubSpot allows {MAX_FILTERS}")));
    }
    for (gi, g) in d.groups.iter().enumerate() {
        if g.filters.is_empty() {
            out.push(issue(Where::Group(gi), "empty group: add a filter (a) or delete it (x)"));
        }
        if g.filters.len() > MAX_FILTERS_PER_GROUP {
            let n = g.filters.len();
            out.push(issue(Where::Group(gi), format!("{n} filters; HubSpot allows {MAX_FILTERS_PER_GROUP} per group")));
        }
        for (fi, f) in g.filters.iter().enumerate() {
            if let Err(e) = filter(f, props, now_ms) {
                out.push(issue(Where::Filter(gi, fi), e));
            }
        }
    }
    out
}

/// The request for a valid draft (asking for `properties`), or its problems.
pub fn to_request(
    d: &SearchDraft,
    props: &[Property],
    now_ms: i64,
    properties: Vec<String>,
) -> Result<SearchRequest, Vec<Issue>> {
    let issues = validate(d, props, now_ms);
    if !issues.is_empty() {
        return Err(issues);
    }
    let filter_groups = d
        .groups
        .iter()
        .map(|g| FilterGroup { filters: g.filters.iter().filter_map(|f| filter(f, props, now_ms).ok()).collect() })
        .collect();
    let sorts = d
        .sort
        .iter()
        .map(|s| {
            SortSpec::by(
                &s.property,
                if s.descending { crate::model::Direction::Descending } else { crate::model::Direction::Ascending },
            )
        })
        .collect();
    let query = Some(d.query.trim().to_owned()).filter(|q| !q.is_empty());
    Ok(SearchRequest { filter_groups, sorts, query, properties, limit: Some(100), after: None })
}
