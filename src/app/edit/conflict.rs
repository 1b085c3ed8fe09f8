//! The save conflict rule, pure: a staged change is held back when the record changed since
//! the user read it *and* a property the change touches no longer has the value the change
//! was made against. Someone else's edit of other properties (or the app's own pin or note)
//! is not a conflict.

use std::collections::BTreeMap;

/// Whether two HubSpot times are the same instant (ISO-8601 or epoch milliseconds).
#[must_use]
pub fn same_time(a: Option<&str>, b: Option<&str>) -> bool {
    let ms = |s: Option<&str>| s.and_then(crate::timefmt::ms_from_datetime);
    match (ms(a), ms(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Whether a save must be held back: `seen` / `now` are the record's last-modified times when
/// read and now; `old` the values the change was made against; `theirs` the values now.
#[must_use]
pub fn is_conflict(
    seen: Option<&str>,
    now: Option<&str>,
    old: &BTreeMap<String, String>,
    theirs: &BTreeMap<String, String>,
) -> bool {
    if seen.is_none() || same_time(now, seen) {
        return false;
    }
    theirs.iter().any(|(p, v)| old.get(p).is_none_or(|o| o != v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn only_a_changed_value_of_a_staged_property_is_a_conflict() {
        let (t1, t2) = (Some("2024-02-01T10:30:00.000Z"), Some("2024-03-01T00:00:00.000Z"));
        let old = map(&[("price", "19999")]);
        assert!(!is_conflict(t1, t1, &old, &map(&[("price", "5")])), "unchanged record");
        assert!(!is_conflict(t1, Some("1706783400000"), &old, &map(&[("price", "5")])), "same instant, other form");
        assert!(!is_conflict(t1, t2, &old, &map(&[("price", "19999")])), "changed elsewhere (a pin, a note)");
        assert!(is_conflict(t1, t2, &old, &map(&[("price", "33333")])), "someone changed the price");
        assert!(!is_conflict(None, t2, &old, &map(&[("price", "1")])), "never read: nothing to compare");
    }
}
