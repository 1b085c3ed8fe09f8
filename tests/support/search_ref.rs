//! A straightforward in-memory evaluator of HubSpot search filters, written independently of
//! the emulator's engine, and a schema with one property of every type to test it on.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};

/// One test record: property name → stored string (absent = no value).
pub type Rec = (String, std::collections::BTreeMap<String, String>);

/// The schema used by search tests: one property of every type.
pub fn gadget_schema() -> Value {
    json!({"name": "gadget", "labels": {"singular": "Gadget", "plural": "Gadgets"}, "primaryDisplayProperty": "title",
    "requiredProperties": [], "searchableProperties": ["title", "notes"],
    "properties": [
        {"name": "title", "label": "Title", "type": "string", "fieldType": "text"},
        {"name": "notes", "label": "Notes", "type": "string", "fieldType": "textarea"},
        {"name": "qty", "label": "Qty", "type": "number", "fieldType": "number"},
        {"name": "due", "label": "Due", "type": "date", "fieldType": "date"},
        {"name": "seen", "label": "Seen", "type": "datetime", "fieldType": "date"},
        {"name": "ok", "label": "OK", "type": "bool", "fieldType": "booleancheckbox",
         "options": [{"label": "True", "value": "true", "displayOrder": 0, "hidden": false}, {"label": "False", "value": "false", "displayOrder": 1, "hidden": false}]},
        {"name": "tier", "label": "Tier", "type": "enumeration", "fieldType": "select",
         "options": [{"label": "Gold", "value": "Gold", "displayOrder": 0, "hidden": false}, {"label": "silver", "value": "silver", "displayOrder": 1, "hidden": false}, {"label": "BRONZE", "value": "BRONZE", "displayOrder": 2, "hidden": false}]},
        {"name": "tags", "label": "Tags", "type": "enumeration", "fieldType": "checkbox",
         "options": [{"label": "A", "value": "a", "displayOrder": 0, "hidden": false}, {"label": "B", "value": "b", "displayOrder": 1, "hidden": false}, {"label": "C", "value": "C", "displayOrder": 2, "hidden": false}]}
    ]})
}

/// The type of each gadget property.
pub fn kind(prop: &str) -> &'static str {
    match prop {
        "title" | "notes" => "string",
        "qty" => "number",
        "due" => "date",
        "seen" => "datetime",
        "ok" => "bool",
        "tier" => "enumeration",
        "tags" => "multi",
        _ => "unknown",
    }
}

fn ms(s: &str) -> Option<f64> {
    if let Ok(n) = s.parse::<f64>() {
        return Some(n);
    }
    let d = chrono::NaiveDate::parse_from_str(&s[..s.len().min(10)], "%Y-%m-%d").ok()?;
    let mut t = d.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis() as f64;
    if s.len() > 10 {
        t = chrono::DateTime::parse_from_rfc3339(s).ok()?.timestamp_millis() as f64;
    }
    Some(t)
}

fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@');
        out.push(w.to_lowercase());
        out.extend(w.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase));
    }
    out.retain(|t| !t.is_empty());
    out
}

fn wildcard(p: &str, t: &str) -> bool {
    // A regex-free glob via dynamic programming.
    let (p, t): (Vec<char>, Vec<char>) = (p.chars().collect(), t.chars().collect());
    let mut dp = vec![vec![false; t.len() + 1]; p.len() + 1];
    dp[0][0] = true;
    for i in 1..=p.len() {
        dp[i][0] = dp[i - 1][0] && p[i - 1] == '*';
        for j in 1..=t.len() {
            dp[i][j] =
                if p[i - 1] == '*' { dp[i - 1][j] || dp[i][j - 1] } else { dp[i - 1][j - 1] && p[i - 1] == t[j - 1] };
        }
    }
    dp[p.len()][t.len()]
}

/// Compares one stored value with a filter value by the property's type.
fn cmp(prop: &str, stored: &str, v: &str) -> Option<std::cmp::Ordering> {
    match kind(prop) {
        "number" => stored.parse::<f64>().ok()?.partial_cmp(&v.parse::<f64>().ok()?),
        "date" | "datetime" => ms(stored)?.partial_cmp(&ms(v)?),
        "bool" => Some(stored.cmp(v.to_lowercase().as_str())),
        "enumeration" | "multi" => Some(stored.cmp(v)),
        _ => Some(stored.to_lowercase().cmp(&v.to_lowercase())),
    }
}

fn positive(prop: &str, stored: Option<&str>, op: &str, f: &Value) -> bool {
    let Some(stored) = stored else { return false };
    let v = f["value"].as_str().unwrap_or("");
    let values: Vec<&str> =
        f["values"].as_array().map(|a| a.iter().map(|x| x.as_str().unwrap()).collect()).unwrap_or_default();
    let options: Vec<&str> = if kind(prop) == "multi" { stored.split(';').collect() } else { vec![stored] };
    let any = |pred: &dyn Fn(&str) -> bool| options.iter().any(|o| pred(o));
    use std::cmp::Ordering::*;
    match op {
        "HAS_PROPERTY" => true,
        "EQ" => any(&|o| cmp(prop, o, v) == Some(Equal)),
        "LT" => any(&|o| cmp(prop, o, v) == Some(Less)),
        "LTE" => any(&|o| matches!(cmp(prop, o, v), Some(Less | Equal))),
        "GT" => any(&|o| cmp(prop, o, v) == Some(Greater)),
        "GTE" => any(&|o| matches!(cmp(prop, o, v), Some(Greater | Equal))),
        "BETWEEN" => {
            let hi = f["highValue"].as_str().unwrap_or("");
            any(&|o| matches!(cmp(prop, o, v), Some(Greater | Equal)) && matches!(cmp(prop, o, hi), Some(Less | Equal)))
        }
        "IN" => any(&|o| {
            values.iter().any(|x| match kind(prop) {
                // String IN values must be lowercase: they match the lowercased value exactly.
                "string" => o.to_lowercase() == *x,
                _ => cmp(prop, o, x) == Some(Equal),
            })
        }),
        "CONTAINS_TOKEN" => tokens(stored).iter().any(|t| wildcard(&v.to_lowercase(), t)),
        _ => false,
    }
}

/// Whether a record matches one filter.
pub fn matches(rec: &Rec, f: &Value) -> bool {
    let prop = f["propertyName"].as_str().unwrap();
    let stored = rec.1.get(prop).map(String::as_str);
    match f["operator"].as_str().unwrap() {
        "NEQ" => !positive(prop, stored, "EQ", f),
        "NOT_IN" => !positive(prop, stored, "IN", f),
        "NOT_HAS_PROPERTY" => !positive(prop, stored, "HAS_PROPERTY", f),
        "NOT_CONTAINS_TOKEN" => !positive(prop, stored, "CONTAINS_TOKEN", f),
        op => positive(prop, stored, op, f),
    }
}

/// The ids of records a search body's filter groups select, in id order.
pub fn expected(records: &[Rec], body: &Value) -> Vec<String> {
    let groups = body["filterGroups"].as_array().cloned().unwrap_or_default();
    let mut ids: Vec<String> = records
        .iter()
        .filter(|r| {
            groups.is_empty() || groups.iter().any(|g| g["filters"].as_array().unwrap().iter().all(|f| matches(r, f)))
        })
        .map(|r| r.0.clone())
        .collect();
    ids.sort_by_key(|id| id.parse::<i64>().unwrap());
    ids
}
