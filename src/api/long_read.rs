//! Reads whose property list would make the URL too long. HubSpot has no "every property"
//! flag, so a record read lists each name; a real portal's contacts carry several hundred
//! properties, and past about 8,000 characters HubSpot answers `414 URI Too Long`. Such a read
//! is split into GETs whose queries stay under [`MAX_QUERY`], merged into one record.

use super::objects::ReadParams;
use crate::model::SimplePublicObject;

/// The longest encoded query one read sends (HubSpot refuses URLs past about 8,000
/// characters; the rest is left for the host, the path and the other parameters).
pub const MAX_QUERY: usize = 6000;

/// The encoded length of a comma-separated list of names.
fn encoded_len(name: &str) -> usize {
    form_urlencoded::byte_serialize(name.as_bytes()).map(str::len).sum::<usize>() + "%2C".len()
}

impl ReadParams {
    /// The reads this one takes: itself when its lists fit in one query, else parts that each
    /// fit, the associations asked by the first only.
    pub fn split(&self, max_query: usize) -> Vec<ReadParams> {
        let total: usize = self.properties.iter().chain(&self.properties_with_history).map(|n| encoded_len(n)).sum();
        if total <= max_query {
            return vec![self.clone()];
        }
        let base = ReadParams { properties: Vec::new(), properties_with_history: Vec::new(), ..self.clone() };
        let mut parts = vec![base.clone()];
        let mut used = 0;
        let lists = [(false, &self.properties), (true, &self.properties_with_history)];
        for (history, names) in lists {
            for name in names {
                let len = encoded_len(name);
                if used + len > max_query && used > 0 {
                    parts.push(ReadParams { associations: Vec::new(), ..base.clone() });
                    used = 0;
                }
                let Some(part) = parts.last_mut() else { continue };
                if history { &mut part.properties_with_history } else { &mut part.properties }.push(name.clone());
                used += len;
            }
        }
        parts
    }
}

/// Adds a later part's values to the record the first part read.
pub fn merge_part(into: &mut SimplePublicObject, part: SimplePublicObject) {
    into.properties.extend(part.properties);
    if let Some(history) = part.properties_with_history {
        into.properties_with_history.get_or_insert_with(Default::default).extend(history);
    }
    if into.updated_at < part.updated_at {
        into.updated_at = part.updated_at;
    }
}

/// Adds a later part's page to the records the first part read, matched by id.
pub fn merge_page(into: &mut [SimplePublicObject], part: Vec<SimplePublicObject>) {
    let mut by_id: std::collections::HashMap<String, SimplePublicObject> =
        part.into_iter().map(|r| (r.id.clone(), r)).collect();
    for record in into.iter_mut() {
        if let Some(more) = by_id.remove(&record.id) {
            merge_part(record, more);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("hs_property_number_{i:04}")).collect()
    }

    #[test]
    fn a_short_read_is_one_read() {
        let p = ReadParams { properties: names(10), associations: vec!["contacts".into()], ..ReadParams::default() };
        assert_eq!(p.split(MAX_QUERY), vec![p]);
    }

    #[test]
    fn a_long_read_splits_into_parts_that_fit_and_lose_no_name() {
        let p = ReadParams {
            properties: names(500),
            properties_with_history: names(40),
            associations: vec!["contacts".into()],
            archived: true,
            id_property: Some("vin".into()),
        };
        let parts = p.split(MAX_QUERY);
        assert!(parts.len() >= 3, "{} parts", parts.len());
        for part in &parts {
            let len: usize = part.properties.iter().chain(&part.properties_with_history).map(|n| encoded_len(n)).sum();
            assert!(len <= MAX_QUERY, "a part of {len}");
            assert!(part.archived && part.id_property.as_deref() == Some("vin"), "each part reads the same record");
        }
        assert_eq!(parts[0].associations, vec!["contacts".to_owned()]);
        assert!(parts[1..].iter().all(|p| p.associations.is_empty()), "associations are read once");
        let all: Vec<String> = parts.iter().flat_map(|p| p.properties.clone()).collect();
        assert_eq!(all, p.properties);
        let hist: Vec<String> = parts.iter().flat_map(|p| p.properties_with_history.clone()).collect();
        assert_eq!(hist, p.properties_with_history);
    }
}
