//! Which operators a property type allows, how many values each takes, and the conversion of
//! typed values into what the search API wants (dates as epoch milliseconds).

use crate::timefmt::{ms_from_date, ms_from_datetime};

const DAY: i64 = 86_400_000;

/// How many values an operator takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    None,
    One,
    Two,
    Many,
}

/// The operand count of an operator.
#[must_use]
pub fn arity(op: &str) -> Arity {
    match op {
        "HAS_PROPERTY" | "NOT_HAS_PROPERTY" => Arity::None,
        "BETWEEN" => Arity::Two,
        "IN" | "NOT_IN" => Arity::Many,
        _ => Arity::One,
    }
}

/// The operators offered for a property type (`string`, `number`, `date`, `datetime`, `bool`,
/// `enumeration`, `phone_number`).
#[must_use]
pub fn operators_for(kind: &str) -> &'static [&'static str] {
    match kind {
        "number" => {
            &["EQ", "NEQ", "GT", "GTE", "LT", "LTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"]
        }
        "date" | "datetime" => &["EQ", "NEQ", "GT", "GTE", "LT", "LTE", "BETWEEN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"],
        "bool" | "boolean" => &["EQ", "NEQ", "HAS_PROPERTY", "NOT_HAS_PROPERTY"],
        "enumeration" => &["EQ", "NEQ", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"],
        _ => &["EQ", "NEQ", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"],
    }
}

/// A relative time: `now`, `today`, `yesterday`, `tomorrow`, or `-7d` / `+2w` / `-3h` / `-30m`.
fn relative(s: &str, now_ms: i64) -> Option<i64> {
    match s {
        "now" => return Some(now_ms),
        "today" => return Some(now_ms),
        "yesterday" => return Some(now_ms - DAY),
        "tomorrow" => return Some(now_ms + DAY),
        _ => {}
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'-' => (-1, &s[1..]),
        b'+' => (1, &s[1..]),
        _ => return None,
    };
    let unit = rest.chars().last()?;
    let n: i64 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
    let ms = match unit {
        'm' => 60_000,
        'h' => 3_600_000,
        'd' => DAY,
        'w' => 7 * DAY,
        _ => return None,
    };
    Some(now_ms + sign * n * ms)
}

/// A number as typed: commas only as thousands separators (`50,000`, `1,234.5`); a comma
/// anywhere else is a decimal comma, refused with the dot it needs rather than dropped (`12,5`
/// would become 125).
fn number(v: &str) -> Result<String, String> {
    let (int, frac) = v.split_once('.').map_or((v, None), |(i, f)| (i, Some(f)));
    let grouped = |int: &str| {
        let mut groups = int.trim_start_matches(['-', '+']).split(',');
        let first = groups.next().unwrap_or_default();
        (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
    };
    if v.contains(',') && (frac.is_some_and(|f| f.contains(',')) || !grouped(int)) {
        return Err(format!("{v:?} is not a number: use a dot for decimals ({})", v.replace(',', ".")));
    }
    let plain = v.replace(',', "");
    match plain.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(plain),
        _ => Err(format!("{v:?} is not a number")),
    }
}

/// Converts one typed value for a property type into the API's form, or says why it cannot.
pub fn convert(kind: &str, raw: &str, now_ms: i64) -> Result<String, String> {
    let v = raw.trim();
    if v.is_empty() {
        return Err("needs a value".into());
    }
    match kind {
        "number" => number(v),
        "date" => relative(v, now_ms)
            .map(|ms| ms - ms.rem_euclid(DAY))
            .or_else(|| ms_from_date(v).ok())
            .map(|ms| ms.to_string())
            .ok_or_else(|| format!("{v:?} is not a date (2026-01-31, -7d, today)")),
        "datetime" => relative(v, now_ms)
            .or_else(|| ms_from_datetime(v))
            .map(|ms| ms.to_string())
            .ok_or_else(|| format!("{v:?} is not a date or time (2026-01-31, 2026-01-31T09:30:00Z, -7d, now)")),
        "bool" | "boolean" => match v.to_ascii_lowercase().as_str() {
            "true" | "yes" => Ok("true".into()),
            "false" | "no" => Ok("false".into()),
            _ => Err(format!("{v:?} is not true or false")),
        },
        _ => Ok(v.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_790_000_000_000; // 2026-09-21T...Z

    #[test]
    fn values_convert_by_type() {
        assert_eq!(convert("number", "50,000", NOW), Ok("50000".into()));
        assert_eq!(convert("number", "-1,234,567.25", NOW), Ok("-1234567.25".into()));
        for decimal_comma in ["12,5", "1,2,3.5", "0,75", "1.234,5"] {
            let e = convert("number", decimal_comma, NOW).unwrap_err();
            assert!(e.contains("use a dot for decimals"), "{decimal_comma}: {e}");
        }
        assert!(convert("number", "abc", NOW).unwrap_err().contains("not a number"));
        assert_eq!(convert("date", "2026-01-31", NOW), Ok("1769817600000".into()));
        assert_eq!(convert("date", "-7d", NOW), Ok(((NOW - 7 * DAY) - (NOW - 7 * DAY).rem_euclid(DAY)).to_string()));
        assert_eq!(convert("datetime", "-1h", NOW), Ok((NOW - 3_600_000).to_string()));
        assert!(convert("date", "2026-13-01", NOW).is_err());
        assert_eq!(convert("bool", "Yes", NOW), Ok("true".into()));
        assert!(convert("string", " ", NOW).is_err());
    }

    #[test]
    fn operators_follow_the_type() {
        assert!(operators_for("number").contains(&"BETWEEN"));
        assert!(!operators_for("enumeration").contains(&"GT"));
        assert!(!operators_for("bool").contains(&"IN"));
        assert_eq!(arity("BETWEEN"), Arity::Two);
        assert_eq!(arity("HAS_PROPERTY"), Arity::None);
    }
}
