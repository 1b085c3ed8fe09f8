//! HubSpot's time formats: datetimes are ISO-8601 UTC with milliseconds and `Z` on the wire
//! (`2024-11-20T20:12:09.236Z`), accepted as ISO or epoch milliseconds; dates are `YYYY-MM-DD`
//! or epoch milliseconds at midnight UTC.

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, TimeZone, Utc};

const MS_PER_DAY: i64 = 86_400_000;

/// Formats epoch milliseconds as HubSpot's ISO form, e.g. `2024-11-20T20:12:09.236Z`.
#[must_use]
pub fn iso_from_ms(ms: i64) -> String {
    match Utc.timestamp_millis_opt(ms).single() {
        Some(dt) => dt.to_rfc3339_opts(SecondsFormat::Millis, true),
        None => String::from("1970-01-01T00:00:00.000Z"),
    }
}

/// Parses an ISO-8601 datetime (with offset or `Z`, or a bare date) or an epoch-ms string.
#[must_use]
pub fn ms_from_datetime(input: &str) -> Option<i64> {
    let s = input.trim();
    if let Ok(ms) = s.parse::<i64>() {
        return Some(ms);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.timestamp_millis());
    }
    if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(naive.and_utc().timestamp_millis());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(|d| d.and_time(NaiveTime::MIN).and_utc().timestamp_millis())
}

/// Why a date value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any accepted form.
    Unparseable,
    /// Epoch milliseconds that are not midnight UTC.
    NotMidnight,
}

/// Parses a `date` value: `YYYY-MM-DD`, or epoch ms at midnight UTC, or an ISO datetime at
/// midnight UTC. Returns epoch ms of that midnight.
pub fn ms_from_date(input: &str) -> Result<i64, DateError> {
    let s = input.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d.and_time(NaiveTime::MIN).and_utc().timestamp_millis());
    }
    let ms = ms_from_datetime(s).ok_or(DateError::Unparseable)?;
    if ms.rem_euclid(MS_PER_DAY) == 0 { Ok(ms) } else { Err(DateError::NotMidnight) }
}

/// Formats epoch ms (midnight) as `YYYY-MM-DD`.
#[must_use]
pub fn date_from_ms(ms: i64) -> String {
    match Utc.timestamp_millis_opt(ms).single() {
        Some(dt) => dt.format("%Y-%m-%d").to_string(),
        None => String::from("1970-01-01"),
    }
}

/// The current time in epoch milliseconds.
#[must_use]
pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

/// An age such as `45s`, `30m`, `2h` or `1d`, in milliseconds (`None` for anything else).
#[must_use]
pub fn age_ms(s: &str) -> Option<i64> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit())?;
    let (n, unit) = s.split_at(split);
    let per = match unit {
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return None,
    };
    n.parse::<i64>().ok().map(|n| n.saturating_mul(per))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trips_with_milliseconds() {
        let ms = ms_from_datetime("2024-11-20T20:12:09.236Z");
        assert_eq!(ms, Some(1_732_133_529_236));
        assert_eq!(iso_from_ms(1_732_133_529_236), "2024-11-20T20:12:09.236Z");
    }

    #[test]
    fn datetime_accepts_epoch_ms_offsets_and_bare_dates() {
        assert_eq!(ms_from_datetime("1430438400000"), Some(1_430_438_400_000));
        assert_eq!(ms_from_datetime("2015-05-01T02:00:00+02:00"), Some(1_430_438_400_000));
        assert_eq!(ms_from_datetime("2015-05-01"), Some(1_430_438_400_000));
        assert_eq!(ms_from_datetime("yesterday"), None);
    }

    #[test]
    fn date_requires_midnight_utc() {
        assert_eq!(ms_from_date("2015-05-01"), Ok(1_430_438_400_000));
        assert_eq!(ms_from_date("1430438400000"), Ok(1_430_438_400_000));
        assert_eq!(ms_from_date("1430438400001"), Err(DateError::NotMidnight));
        assert_eq!(ms_from_date("May 1st"), Err(DateError::Unparseable));
        assert_eq!(date_from_ms(1_430_438_400_000), "2015-05-01");
    }
}
