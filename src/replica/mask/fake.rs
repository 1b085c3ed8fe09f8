//! Deterministic fakes: the same value of the same kind becomes the same fake everywhere in
//! one masked copy (keyed SipHash with a key chosen at random per copy and never stored, so
//! a fake cannot be traced back by hashing guesses), of the same kind and near the same
//! length. Names are made of syllables,
//! not taken from a list of real names, so no fake is anyone's real value by design.

use super::rules::Kind;

/// A masking key and the fakes it makes.
#[derive(Debug, Clone)]
pub struct Faker {
    key: std::hash::RandomState,
}

const SYLLABLES: [&str; 32] = [
    "ka", "lo", "mi", "ra", "ve", "to", "zu", "ne", "sa", "qui", "dor", "fen", "gal", "hum", "ix", "jor", "kel", "lum",
    "mar", "nox", "pel", "quor", "rin", "sel", "tav", "ul", "vey", "wen", "xal", "yor", "zem", "bri",
];

impl Default for Faker {
    fn default() -> Self {
        Self::new()
    }
}

impl Faker {
    /// A faker with a fresh random key.
    #[must_use]
    pub fn new() -> Self {
        Self { key: std::hash::RandomState::new() }
    }

    fn hash(&self, kind: Kind, value: &str, salt: u32) -> u64 {
        use std::hash::BuildHasher;
        self.key.hash_one((kind as u8, value.trim().to_lowercase(), salt))
    }

    /// The fake of `value`.
    #[must_use]
    pub fn fake(&self, kind: Kind, value: &str) -> String {
        self.fake_salted(kind, value, 0)
    }

    /// The fake of `value` that is none of `originals` (a small space such as dates of birth
    /// would otherwise now and then fake one person's value as another's real one).
    #[must_use]
    pub fn fake_avoiding(&self, kind: Kind, value: &str, originals: &std::collections::HashSet<String>) -> String {
        (0..64)
            .map(|salt| self.fake_salted(kind, value, salt))
            .find(|f| !originals.contains(f))
            .unwrap_or_else(|| self.fake_salted(kind, value, 64))
    }

    fn fake_salted(&self, kind: Kind, value: &str, salt: u32) -> String {
        let h = self.hash(kind, value, salt);
        match kind {
            Kind::Email => format!("{}.{}.{:010x}@example.com", word(h, 2), word(h >> 20, 3), h >> 24),
            Kind::Name => value
                .split_whitespace()
                .zip(0u32..)
                .map(|(w, i)| title(&word(h.rotate_left(i * 13), w.len().div_ceil(3).clamp(1, 4))))
                .collect::<Vec<_>>()
                .join(" "),
            Kind::Phone => phone(h, value),
            Kind::Shaped => shaped(h, value),
            Kind::Birthdate => birthdate(h, value),
            Kind::Street => format!("{} {} Street", 1 + h % 9_899, title(&word(h >> 16, 2))),
            Kind::City => title(&word(h, 3)),
            // A bare domain stays a bare domain, an address stays an address.
            Kind::Web if value.contains("://") => format!("https://{}-{:06x}.example.com", word(h, 2), h >> 40),
            Kind::Web => format!("{}-{:06x}.example.com", word(h, 2), h >> 40),
            Kind::Text => text(h, value.split_whitespace().count().clamp(1, 200)),
        }
    }
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `n` syllables chosen by `h`.
fn word(h: u64, n: usize) -> String {
    (0..n).map(|i| SYLLABLES[usize::try_from((h >> (i * 5)) & 31).unwrap_or(0)]).collect()
}

fn title(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Digits for digits, letters for letters (case kept), the rest as it is.
/// A phone number of the same shape, keeping its country code (`+1 …`, `+49 …`): the
/// country says little of a person and keeps the number plausible.
fn phone(h: u64, value: &str) -> String {
    let trimmed = value.trim_start();
    let Some(rest) = trimmed.strip_prefix('+') else { return shaped(h, value) };
    let code = rest.chars().take_while(char::is_ascii_digit).count();
    // A number written with no separator after its code keeps one digit (the code's length is unknown).
    let code = if rest[code..].starts_with(|c: char| !c.is_ascii_digit()) { code } else { 1.min(code) };
    format!("+{}{}", &rest[..code], shaped(h, &rest[code..]))
}

/// A date of birth (`YYYY-MM-DD`) moved to another day in the same decade.
fn birthdate(h: u64, value: &str) -> String {
    let decade = value.get(..3).filter(|d| d.chars().all(|c| c.is_ascii_digit()));
    match decade {
        Some(d) if value.len() == 10 && value.as_bytes().get(4) == Some(&b'-') => {
            format!("{d}{}-{:02}-{:02}", h % 10, 1 + (h >> 8) % 12, 1 + (h >> 16) % 28)
        }
        _ => shaped(h, value),
    }
}

fn shaped(h: u64, value: &str) -> String {
    let mut state = h;
    value
        .chars()
        .map(|c| {
            state = splitmix(state);
            let pick = u32::try_from(state % 26).unwrap_or(0);
            if c.is_ascii_digit() {
                char::from_digit(pick % 10, 10).unwrap_or('0')
            } else if c.is_ascii_lowercase() {
                char::from(b'a' + u8::try_from(pick).unwrap_or(0))
            } else if c.is_ascii_uppercase() {
                char::from(b'A' + u8::try_from(pick).unwrap_or(0))
            } else if c.is_alphanumeric() {
                'x'
            } else {
                c
            }
        })
        .collect()
}

/// `n` words of syllables.
fn text(h: u64, n: usize) -> String {
    let mut state = h;
    let words: Vec<String> = (0..n)
        .map(|_| {
            state = splitmix(state);
            word(state, 1 + usize::try_from(state % 3).unwrap_or(0))
        })
        .collect();
    let mut out = words.join(" ");
    if let Some(f) = out.get(..1) {
        out = f.to_uppercase() + &out[1..];
    }
    out.push('.');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_value_masks_the_same_and_others_differ() {
        let f = Faker::new();
        let a = f.fake(Kind::Email, "Ada@Example.org");
        assert_eq!(a, f.fake(Kind::Email, "ada@example.org "), "case and spaces do not matter");
        assert_ne!(a, f.fake(Kind::Email, "bob@example.org"));
        assert_ne!(a, Faker::new().fake(Kind::Email, "ada@example.org"), "another key, another fake");
        assert!(a.ends_with("@example.com") && !a.contains("ada"), "{a}");
    }

    #[test]
    fn fakes_keep_the_kind_and_shape() {
        let f = Faker::new();
        let phone = f.fake(Kind::Phone, "+1 (617) 555-0142");
        assert_eq!(phone.len(), "+1 (617) 555-0142".len());
        assert!(phone.starts_with("+") && phone.contains(") ") && phone.contains('-'), "{phone}");
        assert_ne!(phone, "+1 (617) 555-0142");
        assert!(phone.starts_with("+1 ("), "the country code stays: {phone}");
        assert!(f.fake(Kind::Phone, "+4930123456").starts_with("+4"), "no separator: one digit stays");
        let born = f.fake(Kind::Birthdate, "1981-07-09");
        assert!(born.starts_with("198") && born.len() == 10 && born != "1981-07-09", "{born}");
        assert!(!f.fake(Kind::Web, "acme.example").contains("://"), "a domain stays a domain");
        assert!(f.fake(Kind::Web, "https://acme.example/about").starts_with("https://"));
        let taken: std::collections::HashSet<String> = [f.fake(Kind::Birthdate, "1981-07-09")].into();
        assert!(
            !taken.contains(&f.fake_avoiding(Kind::Birthdate, "1981-07-09", &taken)),
            "a fake is never an original"
        );
        let vin = f.fake(Kind::Shaped, "1GC9DNGBXHU000000");
        assert_eq!(vin.len(), 17);
        assert_eq!(f.fake(Kind::Name, "Ada Lovelace").split(' ').count(), 2);
        assert!(f.fake(Kind::Text, "call me back about the renewal").ends_with('.'));
    }
}
