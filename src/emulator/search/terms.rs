//! The words of a free-text `query`, reduced to the ones that decide what it matches.
//!
//! Every word must match a token of the record as a prefix, so a word repeated, or a word
//! that another word of the query starts with (`f` beside `ford`: any record with a token
//! starting `ford` has one starting `f`), adds nothing. What is left is a set in which no
//! word is a prefix of another, and such words match disjoint sets of indexed terms: however
//! long the query, FTS5 reads each indexed term at most once for it.

/// The query's words, lowercased, without repeats or words implied by a longer one; sorted.
#[must_use]
pub fn query_terms(q: &str) -> Vec<String> {
    let mut words: Vec<String> =
        q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    words.sort_unstable();
    words.dedup();
    // In sorted order the words starting with `w` directly follow it, so `w` is implied
    // exactly when the next word starts with it.
    let implied: Vec<bool> = words.windows(2).map(|p| p[1].starts_with(p[0].as_str())).chain([false]).collect();
    words.into_iter().zip(implied).filter(|(_, implied)| !implied).map(|(w, _)| w).collect()
}

/// FTS5 syntax for a free-text `query`: every remaining word must match a token as a
/// prefix. `None` when the query has no words.
#[must_use]
pub fn fts_match(q: &str) -> Option<String> {
    let terms = query_terms(q);
    if terms.is_empty() {
        return None;
    }
    Some(terms.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_and_implied_words_are_dropped() {
        assert_eq!(query_terms("a a a ab abc b"), ["abc", "b"]);
        assert_eq!(query_terms("Ford F-150 ford f"), ["150", "ford"]);
        assert_eq!(query_terms("ab ac a"), ["ab", "ac"]);
        assert_eq!(query_terms("  ,;  "), Vec::<String>::new());
    }

    #[test]
    fn the_work_of_a_long_query_is_bounded_by_its_distinct_words() {
        let same = ["a"; 1500].join(" ");
        assert_eq!(query_terms(&same).len(), 1);
        let letters: Vec<char> = ('a'..='z').chain('0'..='9').collect();
        let cycling: String = (0..1500).map(|i| format!("{} ", letters[i % letters.len()])).collect();
        assert_eq!(cycling.chars().count(), 3000, "inside the 3,000-character limit");
        assert_eq!(query_terms(&cycling).len(), 36);
        let chain: String = (1..=70).map(|n| format!("{} ", "x".repeat(n))).collect();
        assert_eq!(query_terms(&chain), ["x".repeat(70)], "a chain of prefixes is one word");
    }

    #[test]
    fn no_remaining_word_is_a_prefix_of_another() {
        let q = "car cart c ca carton d do dog dogs zebra z zeb e";
        let t = query_terms(q);
        for a in &t {
            for b in &t {
                assert!(a == b || !b.starts_with(a.as_str()), "{a} is a prefix of {b}");
            }
        }
        assert_eq!(t, ["carton", "dogs", "e", "zebra"]);
    }

    #[test]
    fn match_syntax_quotes_every_word_as_a_prefix() {
        assert_eq!(fts_match("Mazda mazda 3").as_deref(), Some("\"3\"* AND \"mazda\"*"));
        assert_eq!(fts_match("--"), None);
    }
}
