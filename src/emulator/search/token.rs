//! `CONTAINS_TOKEN`: a value is split into tokens (whitespace-separated words, and the
//! alphanumeric runs inside each word), and the filter value — which may use `*` as a
//! wildcard, as in `*@hubspot.com` — must match one token whole. Case-insensitive.

/// The tokens of a text: each whitespace-separated word (punctuation at its ends trimmed),
/// and each alphanumeric run inside it.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace().flat_map(|word| {
        let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '@');
        std::iter::once(trimmed).chain(trimmed.split(|c: char| !c.is_alphanumeric())).filter(|t| !t.is_empty())
    })
}

/// Whether `pattern` (`*` matches any run of characters) matches all of `token`.
#[must_use]
pub fn glob(pattern: &str, token: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = token.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            pi += 1;
            mark = ti;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Whether `text` contains a token matching `pattern` (both compared lowercased).
#[must_use]
pub fn contains_token(text: &str, pattern: &str) -> bool {
    let text = text.to_lowercase();
    let pattern = pattern.trim().to_lowercase();
    if pattern.is_empty() {
        return false;
    }
    tokens(&text).any(|t| glob(&pattern, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_their_parts_are_tokens() {
        let t: Vec<&str> = tokens("Ford F-350 SD, (ada@hubspot.com)").collect();
        assert_eq!(t, ["Ford", "Ford", "F-350", "F", "350", "SD", "SD", "ada@hubspot.com", "ada", "hubspot", "com"]);
    }

    #[test]
    fn wildcards_match_whole_tokens() {
        assert!(contains_token("ada@hubspot.com", "*@hubspot.com"));
        assert!(!contains_token("ada@hubspot.com.evil", "*@hubspot.com"));
        assert!(contains_token("Mountain Mazda", "mazda"));
        assert!(contains_token("Mountain Mazda", "MOUNT*"));
        assert!(!contains_token("Mountain Mazda", "mount"));
        assert!(contains_token("F-350 SD", "350"));
        assert!(!contains_token("anything", ""));
        assert!(glob("*", "x") && glob("a*c", "abbbc") && !glob("a*c", "abcd"));
    }
}
