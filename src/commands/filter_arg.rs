//! Parsing `--filter 'PROPERTY OPERATOR [VALUE]'` and `--sort [-]PROPERTY`.

use crate::api::id::WireId;
use crate::api::types::{Filter, OPERATORS, SortSpec};

/// Parses one filter: `year EQ 2026`, `make IN bmw,audi`, `price BETWEEN 1 5`,
/// `owner HAS_PROPERTY`, `dealership EQ Mountain Mazda` (the value may hold spaces).
pub fn parse_filter(text: &str) -> Result<Filter, String> {
    let mut parts = text.split_whitespace();
    let (Some(prop), Some(op)) = (parts.next(), parts.next()) else {
        return Err(format!("filter {text:?} should read PROPERTY OPERATOR [VALUE], e.g. 'year EQ 2026'"));
    };
    let op = op.to_ascii_uppercase();
    if crate::model::Operator::parse(&op).is_none() {
        return Err(format!("filter {text:?}: unknown operator {op}; use one of {}", OPERATORS.join(", ")));
    }
    let rest: Vec<&str> = parts.collect();
    let value = rest.join(" ");
    let mut f =
        Filter { property_name: prop.to_owned(), operator: op.clone(), value: None, high_value: None, values: None };
    match op.as_str() {
        "HAS_PROPERTY" | "NOT_HAS_PROPERTY" => {
            if !value.is_empty() {
                return Err(format!("filter {text:?}: {op} takes no value"));
            }
        }
        "IN" | "NOT_IN" => {
            let values: Vec<WireId> =
                value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(|v| WireId(v.to_owned())).collect();
            if values.is_empty() {
                return Err(format!("filter {text:?}: {op} needs comma-separated values, e.g. 'make IN bmw,audi'"));
            }
            f.values = Some(values);
        }
        "BETWEEN" => {
            let bounds: Vec<&str> =
                if value.contains(',') { value.split(',').map(str::trim).collect() } else { rest.clone() };
            let [lo, hi] = bounds.as_slice() else {
                return Err(format!("filter {text:?}: BETWEEN needs two values, e.g. 'price BETWEEN 10000 50000'"));
            };
            f.value = Some(WireId((*lo).to_owned()));
            f.high_value = Some(WireId((*hi).to_owned()));
        }
        _ => {
            if value.is_empty() {
                return Err(format!("filter {text:?}: {op} needs a value"));
            }
            f.value = Some(WireId(value));
        }
    }
    Ok(f)
}

/// Parses `price` (ascending) or `-price` (descending).
#[must_use]
pub fn parse_sort(text: &str) -> SortSpec {
    match text.strip_prefix('-') {
        Some(p) => SortSpec::by(p, crate::model::Direction::Descending),
        None => SortSpec::by(text.trim_start_matches('+'), crate::model::Direction::Ascending),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_by_operator_shape() {
        let f = parse_filter("year EQ 2026").unwrap();
        assert_eq!(
            (f.property_name.as_str(), f.operator.as_str(), f.value.unwrap().0.as_str()),
            ("year", "EQ", "2026")
        );
        assert_eq!(parse_filter("dealership eq Mountain Mazda").unwrap().value.unwrap().0, "Mountain Mazda");
        assert_eq!(parse_filter("make IN bmw, audi").unwrap().values.unwrap().len(), 2);
        let b = parse_filter("price BETWEEN 10 20").unwrap();
        assert_eq!((b.value.unwrap().0, b.high_value.unwrap().0), ("10".into(), "20".into()));
        assert!(parse_filter("owner HAS_PROPERTY").unwrap().value.is_none());
        for bad in ["year", "year LIKE 2", "year EQ", "price BETWEEN 1", "make IN", "owner HAS_PROPERTY x"] {
            assert!(parse_filter(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_sort("-price"),
            SortSpec::Object { property_name: "price".into(), direction: Some("DESCENDING".into()) }
        );
    }
}
