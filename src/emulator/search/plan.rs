//! Compiling a search request into a typed plan, validating it the way HubSpot does: limits
//! on groups and filters, known properties, operators, and values of the right shape.

use crate::api::id::WireId;
use crate::api::types::{Filter, SearchRequest, SortSpec};
use crate::emulator::error::{EmuError, EmuResult};
use crate::emulator::store::{Catalog, TypeEntry};
use crate::timefmt;

/// HubSpot's search limits (configurable for the emulator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchLimits {
    pub max_groups: usize,
    pub max_filters_per_group: usize,
    pub max_filters: usize,
    pub max_limit: usize,
    /// Results past this offset are refused (HubSpot's 10,000 cap).
    pub max_results: usize,
    pub max_query_chars: usize,
}

impl Default for SearchLimits {
    fn default() -> Self {
        Self {
            max_groups: 5,
            max_filters_per_group: 6,
            max_filters: 18,
            max_limit: 200,
            max_results: 10_000,
            max_query_chars: 3_000,
        }
    }
}

/// How a property's values compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Strings: case-insensitive.
    Text,
    /// Enumerations: case-sensitive, multi-selects match on any option.
    Enum,
    /// Numbers, dates and datetimes (epoch ms), bools (0/1).
    Num,
}

/// What a filter looks at.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Prop {
        name: String,
        kind: Kind,
    },
    /// `hs_object_id`.
    Id,
    /// `hs_createdate` / `createdate`.
    Created,
    /// `hs_lastmodifieddate` / `lastmodifieddate`.
    Updated,
    /// `associations.{type}`: records associated with the given ids of that type.
    Assoc {
        to_no: i64,
    },
}

/// The 13 operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
    Between,
    In,
    NotIn,
    Has,
    NotHas,
    Token,
    NotToken,
}

impl Op {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "EQ" => Self::Eq,
            "NEQ" => Self::Neq,
            "LT" => Self::Lt,
            "LTE" => Self::Lte,
            "GT" => Self::Gt,
            "GTE" => Self::Gte,
            "BETWEEN" => Self::Between,
            "IN" => Self::In,
            "NOT_IN" => Self::NotIn,
            "HAS_PROPERTY" => Self::Has,
            "NOT_HAS_PROPERTY" => Self::NotHas,
            "CONTAINS_TOKEN" => Self::Token,
            "NOT_CONTAINS_TOKEN" => Self::NotToken,
            _ => return None,
        })
    }

    /// The positive operator whose matches a negative one excludes.
    #[must_use]
    pub fn positive(self) -> (Self, bool) {
        match self {
            Self::Neq => (Self::Eq, true),
            Self::NotIn => (Self::In, true),
            Self::NotHas => (Self::Has, true),
            Self::NotToken => (Self::Token, true),
            other => (other, false),
        }
    }
}

/// A comparable value.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(String),
    Num(f64),
}

/// One compiled filter.
#[derive(Debug, Clone, PartialEq)]
pub struct Cond {
    pub target: Target,
    pub op: Op,
    pub vals: Vec<Val>,
}

/// The sort: a target and direction.
#[derive(Debug, Clone, PartialEq)]
pub struct Sort {
    pub target: Target,
    pub descending: bool,
}

/// A validated search.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// OR of groups, AND inside a group; empty means everything.
    pub groups: Vec<Vec<Cond>>,
    pub query: Option<String>,
    pub sort: Option<Sort>,
    pub limit: usize,
    pub offset: usize,
    pub properties: Vec<String>,
}

fn target(cat: &Catalog, t: &TypeEntry, name: &str) -> EmuResult<Target> {
    if let Some(rest) = name.strip_prefix("associations.") {
        let to = cat.resolve(rest).filter(|to| !to.def.custom).ok_or_else(|| {
            EmuError::validation(format!(
                "{name} is not a searchable association: use associations.<standard object>, e.g. associations.contact"
            ))
        })?;
        return Ok(Target::Assoc { to_no: to.def.no });
    }
    match name {
        "hs_object_id" => return Ok(Target::Id),
        "hs_createdate" => return Ok(Target::Created),
        "createdate" if t.def.has_legacy_createdate => return Ok(Target::Created),
        "hs_lastmodifieddate" => return Ok(Target::Updated),
        "lastmodifieddate" if t.def.legacy_lastmodified => return Ok(Target::Updated),
        _ => {}
    }
    let p = t.property(name).ok_or_else(|| {
        EmuError::validation(format!(
            "There was a problem with the request: property {name} does not exist on {}",
            t.def.name
        ))
    })?;
    let kind = match p.kind.as_str() {
        "number" | "date" | "datetime" | "bool" => Kind::Num,
        "enumeration" => Kind::Enum,
        _ => Kind::Text,
    };
    Ok(Target::Prop { name: name.to_owned(), kind })
}

fn kind_of(target: &Target) -> Kind {
    match target {
        Target::Prop { kind, .. } => *kind,
        _ => Kind::Num,
    }
}

/// Converts one filter value by the target's type.
fn value(cat_t: &TypeEntry, target: &Target, op: Op, raw: &str, prop: &str) -> EmuResult<Val> {
    match kind_of(target) {
        Kind::Text if matches!(op, Op::In | Op::NotIn) => Ok(Val::Text(raw.to_owned())),
        Kind::Text => Ok(Val::Text(raw.to_lowercase())),
        Kind::Enum => Ok(Val::Text(raw.to_owned())),
        Kind::Num => {
            let p = cat_t.property(prop);
            let kind = p.map_or("number", |p| p.kind.as_str());
            let is_date = matches!(target, Target::Created | Target::Updated) || kind == "date" || kind == "datetime";
            let n = if kind == "bool" {
                match raw.trim().to_ascii_lowercase().as_str() {
                    "true" => Some(1.0),
                    "false" => Some(0.0),
                    _ => None,
                }
            } else if is_date {
                #[allow(clippy::cast_precision_loss)]
                timefmt::ms_from_datetime(raw).map(|ms| ms as f64)
            } else {
                raw.trim().parse::<f64>().ok().filter(|n| n.is_finite())
            };
            n.map(Val::Num).ok_or_else(|| {
                let what = if kind == "bool" {
                    "true or false"
                } else if is_date {
                    "a date (epoch milliseconds or ISO-8601)"
                } else {
                    "a number"
                };
                EmuError::validation(format!("{raw:?} is not a valid value for {prop}: expected {what}"))
            })
        }
    }
}

fn need<'a>(f: &'a Filter, v: Option<&'a WireId>, field: &str) -> EmuResult<&'a str> {
    v.map(WireId::as_str).ok_or_else(|| {
        EmuError::validation(format!("Filter on {} with operator {} needs a {field}", f.property_name, f.operator))
    })
}

fn compile_filter(cat: &Catalog, t: &TypeEntry, f: &Filter) -> EmuResult<Cond> {
    let op = Op::parse(&f.operator).ok_or_else(|| {
        EmuError::validation(format!(
            "Unknown operator {:?}; use one of {}",
            f.operator,
            crate::api::types::OPERATORS.join(", ")
        ))
    })?;
    let target = target(cat, t, &f.property_name)?;
    let name = f.property_name.as_str();
    let mut vals = Vec::new();
    match op {
        Op::Has | Op::NotHas => {}
        Op::Between => {
            vals.push(value(t, &target, op, need(f, f.value.as_ref(), "value")?, name)?);
            vals.push(value(t, &target, op, need(f, f.high_value.as_ref(), "highValue")?, name)?);
        }
        Op::In | Op::NotIn => {
            let list = f.values.as_ref().filter(|v| !v.is_empty()).ok_or_else(|| {
                EmuError::validation(format!(
                    "Filter on {name} with operator {} needs a non-empty values list",
                    f.operator
                ))
            })?;
            for v in list {
                vals.push(value(t, &target, op, v.as_str(), name)?);
            }
        }
        Op::Token | Op::NotToken => {
            if !matches!(kind_of(&target), Kind::Text | Kind::Enum) {
                return Err(EmuError::validation(format!(
                    "{} works on text properties; {name} is not one",
                    f.operator
                )));
            }
            vals.push(Val::Text(need(f, f.value.as_ref(), "value")?.to_lowercase()));
        }
        _ => vals.push(value(t, &target, op, need(f, f.value.as_ref(), "value")?, name)?),
    }
    if matches!(target, Target::Assoc { .. })
        && !matches!(op, Op::Eq | Op::Neq | Op::In | Op::NotIn | Op::Has | Op::NotHas)
    {
        return Err(EmuError::validation(format!(
            "{name} supports EQ, NEQ, IN, NOT_IN, HAS_PROPERTY and NOT_HAS_PROPERTY"
        )));
    }
    Ok(Cond { target, op, vals })
}

fn compile_sort(cat: &Catalog, t: &TypeEntry, sorts: &[SortSpec]) -> EmuResult<Option<Sort>> {
    // HubSpot applies one sort rule: the first.
    let Some(first) = sorts.first() else { return Ok(None) };
    let (name, descending) = match first {
        SortSpec::Object { property_name, direction } => {
            let desc = match direction.as_deref().map(str::to_ascii_uppercase).as_deref() {
                None | Some("ASCENDING" | "ASC") => false,
                Some("DESCENDING" | "DESC") => true,
                Some(other) => {
                    return Err(EmuError::validation(format!(
                        "Sort direction {other:?} must be ASCENDING or DESCENDING"
                    )));
                }
            };
            (property_name.as_str(), desc)
        }
        SortSpec::Name(s) => match s.strip_prefix('-') {
            Some(rest) => (rest, true),
            None => (s.as_str(), false),
        },
    };
    let target = target(cat, t, name)?;
    if matches!(target, Target::Assoc { .. }) {
        return Err(EmuError::validation("Sorting by an association is not supported"));
    }
    Ok(Some(Sort { target, descending }))
}

/// Refuses more filter groups, or more filters in all, than the limits allow.
fn check_counts(req: &SearchRequest, limits: &SearchLimits) -> EmuResult<()> {
    if req.filter_groups.len() > limits.max_groups {
        return Err(EmuError::validation(format!(
            "Too many filter groups: {} (at most {} are allowed)",
            req.filter_groups.len(),
            limits.max_groups
        )));
    }
    let total: usize = req.filter_groups.iter().map(|g| g.filters.len()).sum();
    if total > limits.max_filters {
        return Err(EmuError::validation(format!(
            "Too many filters: {total} in all (at most {} are allowed)",
            limits.max_filters
        )));
    }
    Ok(())
}

/// The page a request asks for, `(limit, offset)`, inside HubSpot's cap on results.
fn page_window(req: &SearchRequest, limits: &SearchLimits) -> EmuResult<(usize, usize)> {
    let limit = match req.limit {
        None => 10,
        Some(n) if n >= 1 && usize::try_from(n).is_ok_and(|n| n <= limits.max_limit) => {
            usize::try_from(n).unwrap_or(10)
        }
        Some(n) => return Err(EmuError::validation(format!("limit must be from 1 to {}, not {n}", limits.max_limit))),
    };
    let offset = match &req.after {
        None => 0,
        Some(a) if a.as_str().is_empty() => 0,
        Some(a) => a.as_str().parse::<usize>().map_err(|_| {
            EmuError::validation(format!(
                "after must be an integer offset (the paging.next.after of the previous page), not {:?}",
                a.as_str()
            ))
        })?,
    };
    if offset + limit > limits.max_results {
        return Err(EmuError::validation(format!(
            "Search results are limited to {} in total; paging past them (after {offset}, limit {limit}) is not allowed. Narrow the filters, or continue with hs_object_id GT the last id sorted ascending",
            limits.max_results
        )));
    }
    Ok((limit, offset))
}

/// Validates and compiles a request.
pub fn compile(cat: &Catalog, t: &TypeEntry, req: &SearchRequest, limits: &SearchLimits) -> EmuResult<Plan> {
    check_counts(req, limits)?;
    let mut groups = Vec::new();
    for (i, g) in req.filter_groups.iter().enumerate() {
        if g.filters.len() > limits.max_filters_per_group {
            return Err(EmuError::validation(format!(
                "Too many filters in filter group {}: {} (at most {} per group are allowed)",
                i + 1,
                g.filters.len(),
                limits.max_filters_per_group
            )));
        }
        if !g.filters.is_empty() {
            groups.push(g.filters.iter().map(|f| compile_filter(cat, t, f)).collect::<EmuResult<Vec<_>>>()?);
        }
    }
    let query = req.query.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(str::to_owned);
    if query.as_ref().is_some_and(|q| q.chars().count() > limits.max_query_chars) {
        return Err(EmuError::validation(format!("query is longer than {} characters", limits.max_query_chars)));
    }
    let (limit, offset) = page_window(req, limits)?;
    Ok(Plan {
        groups,
        query,
        sort: compile_sort(cat, t, &req.sorts)?,
        limit,
        offset,
        properties: req.properties.clone(),
    })
}
