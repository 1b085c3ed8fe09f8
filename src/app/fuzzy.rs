//! Fuzzy matching for the palette and pickers: the query's characters in order (case
//! insensitive), scored higher for consecutive runs and word starts.

/// The score of `candidate` for `query`, or `None` when it does not match. An empty query
/// matches everything with score 0.
#[must_use]
pub fn score(query: &str, candidate: &str) -> Option<i32> {
    let mut total = 0;
    let mut last: Option<usize> = None;
    let chars: Vec<char> = candidate.chars().collect();
    let mut from = 0;
    for q in query.chars().filter(|c| !c.is_whitespace()) {
        let q = q.to_ascii_lowercase();
        let at = (from..chars.len()).find(|&i| chars[i].to_ascii_lowercase() == q)?;
        total += 1;
        if last.is_some_and(|l| l + 1 == at) {
            total += 5;
        }
        if at == 0 || !chars[at - 1].is_alphanumeric() {
            total += 3;
        }
        last = Some(at);
        from = at + 1;
    }
    // Shorter candidates win ties.
    Some(total * 100 - i32::try_from(chars.len()).unwrap_or(i32::MAX).min(99))
}

/// Indices of `items` matching `query`, best first (stable for equal scores).
#[must_use]
pub fn rank<'a>(query: &str, items: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let mut scored: Vec<(i32, usize)> = items.enumerate().filter_map(|(i, s)| Some((score(query, s)?, i))).collect();
    if !query.trim().is_empty() {
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsequence_matches_and_word_starts_rank_first() {
        assert!(score("gt", "go to record").is_some());
        assert!(score("xyz", "go to record").is_none());
        let items = ["refresh", "open in browser", "copy record JSON", "copy id"];
        let ranked = rank("cid", items.iter().copied());
        assert_eq!(items[ranked[0]], "copy id");
        assert_eq!(rank("", items.iter().copied()), vec![0, 1, 2, 3]);
    }
}
