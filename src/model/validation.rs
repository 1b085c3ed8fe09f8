//! Property validation rules (HubSpot's property-validations API: `ruleType`,
//! `ruleArguments`, `shouldApplyNormalization`) and the one checker both sides use: the app
//! checks an edit before it sends it, the local CRM refuses a write that breaks a rule on the
//! 2026-09 paths. A rule this checker cannot judge (durations relative to "now", an unknown
//! rule type, a pattern that does not compile) is passed: the server has the last word.

use chrono::Datelike;
use serde::{Deserialize, Serialize};

/// One rule on a property (`PropertyValidationRule`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationRule {
    pub rule_type: String,
    #[serde(default)]
    pub rule_arguments: Vec<String>,
    #[serde(default)]
    pub should_apply_normalization: bool,
}

impl ValidationRule {
    /// A rule without normalization.
    #[must_use]
    pub fn new(rule_type: &str, args: &[&str]) -> Self {
        Self {
            rule_type: rule_type.to_owned(),
            rule_arguments: args.iter().map(|a| (*a).to_owned()).collect(),
            should_apply_normalization: false,
        }
    }
}

/// A property's rules as `GET /crm/property-validations/{V}/{objectTypeId}` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyValidation {
    pub property_name: String,
    pub property_validation_rules: Vec<ValidationRule>,
}

/// Every rule type HubSpot documents (the spec's `ruleType` enum).
pub const RULE_TYPES: [&str; 27] = [
    "AFTER_DATETIME_DURATION",
    "AFTER_DURATION",
    "ALPHANUMERIC",
    "BEFORE_DATETIME_DURATION",
    "BEFORE_DURATION",
    "DAYS_OF_WEEK",
    "DECIMAL",
    "DOMAIN",
    "EMAIL",
    "EMAIL_ALLOWED_DOMAINS",
    "EMAIL_BLOCKED_DOMAINS",
    "END_DATE",
    "END_DATETIME",
    "FORMAT",
    "MAX_LENGTH",
    "MAX_NUMBER",
    "MIN_LENGTH",
    "MIN_NUMBER",
    "PHONE_NUMBER_WITH_EXPLICIT_COUNTRY_CODE",
    "REGEX",
    "SPECIAL_CHARACTERS",
    "START_DATE",
    "START_DATETIME",
    "URL",
    "URL_ALLOWED_DOMAINS",
    "URL_BLOCKED_DOMAINS",
    "WHITESPACE",
];

/// Whether `rule` makes sense on a property of HubSpot type `kind`: its arguments in the form
/// its type needs (one number for lengths and ranges, a date for date bounds, day names,
/// domains, a pattern that compiles) and a type it applies to. Why not, in words.
pub fn check_rule(rule: &ValidationRule, kind: &str) -> Result<(), String> {
    let t = rule.rule_type.as_str();
    if !RULE_TYPES.contains(&t) {
        return Err(format!("Unknown ruleType {t}; it must be one of {}", RULE_TYPES.join(", ")));
    }
    let args: Vec<&str> = rule.rule_arguments.iter().map(|a| a.trim()).collect();
    let textual = matches!(kind, "string" | "phone_number");
    let dated = matches!(kind, "date" | "datetime");
    let (applies, on) = match t {
        "MIN_NUMBER" | "MAX_NUMBER" | "DECIMAL" => (kind == "number", "number"),
        "START_DATE"
        | "END_DATE"
        | "START_DATETIME"
        | "END_DATETIME"
        | "DAYS_OF_WEEK"
        | "AFTER_DURATION"
        | "BEFORE_DURATION"
        | "AFTER_DATETIME_DURATION"
        | "BEFORE_DATETIME_DURATION" => (dated, "date or datetime"),
        _ => (textual, "text"),
    };
    if !applies {
        return Err(format!("{t} applies to {on} properties, not to a {kind} property"));
    }
    let one = || match args.as_slice() {
        [a] if !a.is_empty() => Ok(*a),
        _ => Err(format!("{t} takes exactly one argument ({} given)", args.len())),
    };
    match t {
        "MIN_LENGTH" | "MAX_LENGTH" | "DECIMAL" => one()?.parse::<u32>().map(|_| ()).map_err(|_| {
            format!("{t} takes a whole number of {}", if t == "DECIMAL" { "places" } else { "characters" })
        }),
        "MIN_NUMBER" | "MAX_NUMBER" => one()?
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(|_| ())
            .ok_or_else(|| format!("{t} takes a number")),
        "START_DATE" | "END_DATE" | "START_DATETIME" | "END_DATETIME" => epoch_ms(one()?)
            .map(|_| ())
            .ok_or_else(|| format!("{t} takes a date (YYYY-MM-DD), an ISO datetime or epoch ms")),
        "DAYS_OF_WEEK" => {
            const DAYS: [&str; 7] = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"];
            let bad: Vec<&str> =
                args.iter().copied().filter(|a| !DAYS.iter().any(|d| d.eq_ignore_ascii_case(a))).collect();
            if args.is_empty() || !bad.is_empty() {
                Err(format!("DAYS_OF_WEEK takes day names (MONDAY … SUNDAY); not {}", bad.join(", ")))
            } else {
                Ok(())
            }
        }
        "EMAIL_ALLOWED_DOMAINS" | "EMAIL_BLOCKED_DOMAINS" | "URL_ALLOWED_DOMAINS" | "URL_BLOCKED_DOMAINS" => {
            if args.is_empty() || args.iter().any(|a| !is_domain(a.trim_start_matches('@'))) {
                Err(format!("{t} takes one or more domain names (example.com)"))
            } else {
                Ok(())
            }
        }
        "REGEX" => {
            regex::Regex::new(one()?).map(|_| ()).map_err(|e| format!("The REGEX rule's pattern does not compile: {e}"))
        }
        _ => Ok(()),
    }
}

/// What the rules make of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The value passes as it is.
    Pass,
    /// The value passes once normalized (a rule with `shouldApplyNormalization`): store this.
    Normalized(String),
    /// The value breaks a rule: the rule's type and why, in words for the user.
    Refused { rule_type: String, reason: String },
}

/// Checks `value` (as stored: numbers plain, dates `YYYY-MM-DD` or epoch ms) of a property of
/// HubSpot type `kind` labelled `label` against `rules`. An empty value passes (clearing is
/// never a rule's business; required-ness is checked elsewhere).
#[must_use]
pub fn check(rules: &[ValidationRule], kind: &str, label: &str, value: &str) -> Verdict {
    if value.is_empty() || rules.is_empty() {
        return Verdict::Pass;
    }
    let mut current = value.to_owned();
    for rule in rules.iter().filter(|r| r.should_apply_normalization) {
        if let Some(n) = normalize(rule, &current) {
            current = n;
        }
    }
    for rule in rules {
        if let Some(reason) = broken(rule, kind, label, &current) {
            return Verdict::Refused { rule_type: rule.rule_type.clone(), reason };
        }
    }
    if current == value { Verdict::Pass } else { Verdict::Normalized(current) }
}

fn normalize(rule: &ValidationRule, v: &str) -> Option<String> {
    match rule.rule_type.as_str() {
        "WHITESPACE" => Some(v.split_whitespace().collect::<Vec<_>>().join(" ")),
        "EMAIL" | "DOMAIN" | "URL" => Some(v.trim().to_owned()),
        _ => None,
    }
}

fn arg(rule: &ValidationRule, i: usize) -> Option<&str> {
    rule.rule_arguments.get(i).map(|s| s.trim())
}

fn num_arg(rule: &ValidationRule) -> Option<f64> {
    arg(rule, 0).and_then(|a| a.parse::<f64>().ok())
}

/// Why `v` breaks `rule`, or `None` when it does not (or the rule cannot be judged here).
fn broken(rule: &ValidationRule, kind: &str, label: &str, v: &str) -> Option<String> {
    let chars = v.chars().count();
    match rule.rule_type.as_str() {
        "MIN_LENGTH" => num_arg(rule)
            .filter(|&n| (chars as f64) < n)
            .map(|n| format!("{label} needs at least {n} characters ({chars} given)")),
        "MAX_LENGTH" => num_arg(rule)
            .filter(|&n| (chars as f64) > n)
            .map(|n| format!("{label} allows at most {n} characters ({chars} given)")),
        "MIN_NUMBER" | "MAX_NUMBER" | "DECIMAL" => number_rule(rule, label, v),
        "ALPHANUMERIC" => {
            (!v.chars().all(char::is_alphanumeric)).then(|| format!("{label} allows only letters and digits"))
        }
        "SPECIAL_CHARACTERS" => (!v.chars().all(|c| c.is_alphanumeric() || c == ' '))
            .then(|| format!("{label} allows no special characters")),
        "WHITESPACE" => (v.trim() != v || v.contains("  "))
            .then(|| format!("{label} may not start or end with spaces or hold double spaces")),
        "REGEX" => regex_rule(rule, label, v),
        "EMAIL" => (!is_email(v)).then(|| format!("{label} must be an email address")),
        "EMAIL_ALLOWED_DOMAINS" | "EMAIL_BLOCKED_DOMAINS" => {
            let domain = v.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase())?;
            domain_rule(rule, label, &domain)
        }
        "URL" => (!is_url(v)).then(|| format!("{label} must be a URL (https://…)")),
        "URL_ALLOWED_DOMAINS" | "URL_BLOCKED_DOMAINS" => domain_rule(rule, label, &url_host(v)?),
        "DOMAIN" => (!is_domain(v)).then(|| format!("{label} must be a domain name (example.com)")),
        "PHONE_NUMBER_WITH_EXPLICIT_COUNTRY_CODE" => (!is_phone_with_country(v))
            .then(|| format!("{label} must be a phone number with its country code (+44 20 …)")),
        "START_DATE" | "END_DATE" | "START_DATETIME" | "END_DATETIME" => date_rule(rule, kind, label, v),
        "DAYS_OF_WEEK" => days_rule(rule, label, v),
        _ => None,
    }
}

fn number_rule(rule: &ValidationRule, label: &str, v: &str) -> Option<String> {
    let x = v.trim().parse::<f64>().ok()?;
    let n = num_arg(rule)?;
    match rule.rule_type.as_str() {
        "MIN_NUMBER" => (x < n).then(|| format!("{label} must be at least {}", plain(n))),
        "MAX_NUMBER" => (x > n).then(|| format!("{label} must be at most {}", plain(n))),
        _ => {
            let places = v.trim().split_once('.').map_or(0, |(_, f)| f.len());
            ((places as f64) > n).then(|| format!("{label} allows at most {} decimal places", plain(n)))
        }
    }
}

fn plain(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

fn regex_rule(rule: &ValidationRule, label: &str, v: &str) -> Option<String> {
    let pattern = arg(rule, 0)?;
    let re = regex::Regex::new(&format!("^(?:{pattern})$")).ok()?;
    (!re.is_match(v)).then(|| format!("{label} must match the pattern {pattern}"))
}

fn domain_rule(rule: &ValidationRule, label: &str, domain: &str) -> Option<String> {
    let listed = rule.rule_arguments.iter().any(|d| {
        let d = d.trim().trim_start_matches('@').to_ascii_lowercase();
        domain == d || domain.ends_with(&format!(".{d}"))
    });
    let allowed = rule.rule_type.ends_with("ALLOWED_DOMAINS");
    if allowed && !listed {
        Some(format!("{label} must be at {}", rule.rule_arguments.join(", ")))
    } else if !allowed && listed {
        Some(format!("{label} may not be at {domain}"))
    } else {
        None
    }
}

fn is_email(v: &str) -> bool {
    v.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && !v.contains(char::is_whitespace) && is_domain(domain) && !domain.contains('@')
    })
}

fn is_domain(v: &str) -> bool {
    let labels: Vec<&str> = v.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().all(char::is_alphabetic))
}

fn url_host(v: &str) -> Option<String> {
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://")).unwrap_or(v);
    let host = rest.split(['/', '?', '#']).next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn is_url(v: &str) -> bool {
    (v.starts_with("https://") || v.starts_with("http://"))
        && !v.contains(char::is_whitespace)
        && url_host(v).is_some_and(|h| is_domain(&h) || h == "localhost")
}

fn is_phone_with_country(v: &str) -> bool {
    let Some(rest) = v.trim().strip_prefix('+') else { return false };
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    rest.chars().all(|c| c.is_ascii_digit() || " -().".contains(c)) && (8..=15).contains(&digits)
}

/// A date or datetime value (or argument) as epoch ms: `YYYY-MM-DD`, an ISO datetime or ms.
fn epoch_ms(v: &str) -> Option<i64> {
    let v = v.trim();
    v.parse::<i64>()
        .ok()
        .or_else(|| crate::timefmt::ms_from_date(v).ok())
        .or_else(|| crate::timefmt::ms_from_datetime(v))
}

fn date_rule(rule: &ValidationRule, kind: &str, label: &str, v: &str) -> Option<String> {
    let x = epoch_ms(v)?;
    let bound_text = arg(rule, 0)?;
    let bound = epoch_ms(bound_text)?;
    let shown = if kind == "date" { crate::timefmt::date_from_ms(bound) } else { crate::timefmt::iso_from_ms(bound) };
    if rule.rule_type.starts_with("START") {
        (x < bound).then(|| format!("{label} must be on or after {shown}"))
    } else {
        (x > bound).then(|| format!("{label} must be on or before {shown}"))
    }
}

fn days_rule(rule: &ValidationRule, label: &str, v: &str) -> Option<String> {
    let day = chrono::DateTime::from_timestamp_millis(epoch_ms(v)?)?.weekday();
    let name = match day {
        chrono::Weekday::Mon => "MONDAY",
        chrono::Weekday::Tue => "TUESDAY",
        chrono::Weekday::Wed => "WEDNESDAY",
        chrono::Weekday::Thu => "THURSDAY",
        chrono::Weekday::Fri => "FRIDAY",
        chrono::Weekday::Sat => "SATURDAY",
        chrono::Weekday::Sun => "SUNDAY",
    };
    let allowed = rule.rule_arguments.iter().any(|a| a.trim().eq_ignore_ascii_case(name));
    (!allowed).then(|| {
        let days: Vec<String> = rule.rule_arguments.iter().map(|a| a.trim().to_ascii_lowercase()).collect();
        format!("{label} must fall on {}", days.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(rules: &[ValidationRule], kind: &str, v: &str) -> Option<String> {
        match check(rules, kind, "X", v) {
            Verdict::Refused { reason, .. } => Some(reason),
            _ => None,
        }
    }

    #[test]
    fn lengths_and_characters() {
        let vin = [
            ValidationRule::new("ALPHANUMERIC", &[]),
            ValidationRule::new("MIN_LENGTH", &["17"]),
            ValidationRule::new("MAX_LENGTH", &["17"]),
        ];
        assert_eq!(check(&vin, "string", "VIN", "1GC9ABCDE12345678"), Verdict::Pass);
        assert_eq!(refused(&vin, "string", "1GC9").as_deref(), Some("X needs at least 17 characters (4 given)"));
        assert_eq!(refused(&vin, "string", "1GC9-BCDE12345678").as_deref(), Some("X allows only letters and digits"));
        assert!(refused(&vin, "string", "1GC9ABCDE123456789").is_some());
        assert_eq!(check(&vin, "string", "VIN", ""), Verdict::Pass);
    }

    #[test]
    fn numbers() {
        let price = [ValidationRule::new("MIN_NUMBER", &["0"]), ValidationRule::new("MAX_NUMBER", &["10000000"])];
        assert_eq!(check(&price, "number", "Price", "10000000"), Verdict::Pass);
        assert_eq!(refused(&price, "number", "10000000.5").as_deref(), Some("X must be at most 10000000"));
        assert_eq!(refused(&price, "number", "-1").as_deref(), Some("X must be at least 0"));
        let dec = [ValidationRule::new("DECIMAL", &["2"])];
        assert_eq!(check(&dec, "number", "X", "1.25"), Verdict::Pass);
        assert!(refused(&dec, "number", "1.255").is_some());
    }

    #[test]
    fn normalization_is_applied_before_the_checks() {
        let mut trim = ValidationRule::new("WHITESPACE", &[]);
        assert!(refused(std::slice::from_ref(&trim), "string", " a  b ").is_some());
        trim.should_apply_normalization = true;
        assert_eq!(check(&[trim], "string", "X", " a  b "), Verdict::Normalized("a b".into()));
    }

    #[test]
    fn formats_and_domains() {
        let email = [ValidationRule::new("EMAIL", &[]), ValidationRule::new("EMAIL_BLOCKED_DOMAINS", &["gmail.com"])];
        assert_eq!(check(&email, "string", "X", "ann@acme.io"), Verdict::Pass);
        assert!(refused(&email, "string", "ann@gmail.com").is_some());
        assert!(refused(&email, "string", "ann@").is_some());
        let url = [ValidationRule::new("URL", &[]), ValidationRule::new("URL_ALLOWED_DOMAINS", &["acme.io"])];
        assert_eq!(check(&url, "string", "X", "https://www.acme.io/x"), Verdict::Pass);
        assert!(refused(&url, "string", "https://other.com").is_some());
        assert!(refused(&url, "string", "acme.io").is_some());
        let phone = [ValidationRule::new("PHONE_NUMBER_WITH_EXPLICIT_COUNTRY_CODE", &[])];
        assert_eq!(check(&phone, "phone_number", "X", "+44 20 7946 0958"), Verdict::Pass);
        assert!(refused(&phone, "phone_number", "020 7946 0958").is_some());
        let re = [ValidationRule::new("REGEX", &["[A-Z]{3}-\\d+"])];
        assert_eq!(check(&re, "string", "X", "ABC-12"), Verdict::Pass);
        assert!(refused(&re, "string", "ABC-12x").is_some());
    }

    #[test]
    fn dates_and_days() {
        let range =
            [ValidationRule::new("START_DATE", &["2020-01-01"]), ValidationRule::new("END_DATE", &["2030-12-31"])];
        assert_eq!(check(&range, "date", "X", "2026-12-01"), Verdict::Pass);
        assert_eq!(refused(&range, "date", "2019-12-31").as_deref(), Some("X must be on or after 2020-01-01"));
        let weekdays = [ValidationRule::new("DAYS_OF_WEEK", &["MONDAY", "TUESDAY"])];
        assert_eq!(check(&weekdays, "date", "X", "2026-11-30"), Verdict::Pass);
        assert!(refused(&weekdays, "date", "2026-12-05").is_some());
    }

    #[test]
    fn a_rule_must_fit_its_property() {
        assert!(check_rule(&ValidationRule::new("MAX_NUMBER", &["10"]), "number").is_ok());
        assert_eq!(
            check_rule(&ValidationRule::new("MAX_NUMBER", &["abc"]), "number"),
            Err("MAX_NUMBER takes a number".into())
        );
        assert!(check_rule(&ValidationRule::new("MIN_LENGTH", &["5", "7"]), "string").is_err());
        assert_eq!(
            check_rule(&ValidationRule::new("MIN_LENGTH", &["5"]), "number"),
            Err("MIN_LENGTH applies to text properties, not to a number property".into())
        );
        assert!(check_rule(&ValidationRule::new("START_DATE", &["2020-01-01"]), "date").is_ok());
        assert!(check_rule(&ValidationRule::new("START_DATE", &["soon"]), "date").is_err());
        assert!(check_rule(&ValidationRule::new("DAYS_OF_WEEK", &["MONDAY", "FUNDAY"]), "date").is_err());
        assert!(check_rule(&ValidationRule::new("EMAIL_BLOCKED_DOMAINS", &["gmail.com"]), "string").is_ok());
        assert!(check_rule(&ValidationRule::new("REGEX", &["("]), "string").is_err());
        assert!(check_rule(&ValidationRule::new("NOPE", &[]), "string").is_err());
    }

    #[test]
    fn rules_it_cannot_judge_pass() {
        let odd = [
            ValidationRule::new("AFTER_DURATION", &["P30D"]),
            ValidationRule::new("REGEX", &["("]),
            ValidationRule::new("NOT_A_RULE", &[]),
        ];
        assert_eq!(check(&odd, "string", "X", "anything"), Verdict::Pass);
    }
}
