//! Contact email addresses, checked as HubSpot does before it stores one (`INVALID_EMAIL`):
//! `local@domain`, stored trimmed and otherwise as sent (uniqueness already ignores case).
//!
//! The local part is 1–64 characters: letters and digits (any script) and
//! ``!#$%&'*+/=?^_`{|}~.-``, with no dot first, last or doubled. The domain is at most 253
//! characters of at least two dot-separated labels, each 1–63 letters, digits or hyphens
//! (not first or last), ending in a top-level label of two or more characters that is not
//! all digits. No whitespace or control character anywhere; no quoted local parts, comments
//! or IP literals; 254 characters at most in all.

/// Specials a local part may hold besides letters and digits.
const LOCAL_SPECIALS: &str = "!#$%&'*+/=?^_`{|}~.-";

/// The address to store, or `None` when `text` is not an email address.
#[must_use]
pub fn normalize(text: &str) -> Option<String> {
    let address = text.trim();
    if address.chars().count() > 254 || address.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let (local, domain) = address.split_once('@')?;
    (local_ok(local) && domain_ok(domain)).then(|| address.to_owned())
}

fn local_ok(local: &str) -> bool {
    (1..=64).contains(&local.chars().count())
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_alphanumeric() || LOCAL_SPECIALS.contains(c))
}

fn domain_ok(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.chars().count())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld_ok = labels.last().is_some_and(|t| t.chars().count() >= 2 && !t.chars().all(|c| c.is_ascii_digit()));
    domain.chars().count() <= 253 && labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn addresses() {
        assert_eq!(normalize(" Ada@Example.com ").as_deref(), Some("Ada@Example.com"));
        assert_eq!(normalize("jürgen@müller.de").as_deref(), Some("jürgen@müller.de"));
        for bad in ["", "a", "a@", "@b.co", "a@b", "a@b.c", "a@@b.co", "a b@c.co", "a..b@c.co", "a@b..co", "a@1.2.3.4"]
        {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }
}
