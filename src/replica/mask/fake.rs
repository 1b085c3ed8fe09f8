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

    fn hash(&self, kind: Kind, value: &str) -> u64 {
        use std::hash::BuildHasher;
        self.key.hash_one((kind as u8, value.trim().to_lowercase()))
    }

    /// The fake of `value`.
    #[must_use]
    pub fn fake(&self, kind: Kind, value: &str) -> String {
        let h = self.hash(kind, value);
        match kind {
            Kind::Email => format!("{}.{}.{:010x}@example.com", word(h, 2), word(h >> 20, 3), h >> 24),
            Kind::Name => value
                .split_whitespace()
                .zip(0u32..)
                .map(|(w, i)| title(&word(h.rotate_left(i * 13), w.len().div_ceil(3).clamp(1, 4))))
                .collect::<Vec<_>>()
                .join(" "),
            Kind::Phone | Kind::Shaped => shaped(h, value),
            Kind::Street => format!("{} {} Street", 1 + h % 9_899, title(&word(h >> 16, 2))),
            Kind::City => title(&word(h, 3)),
            Kind::Web => format!("https://{}-{:06x}.example.com", word(h, 2), h >> 40),
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
        let vin = f.fake(Kind::Shaped, "1GC9DNGBXHU000000");
        assert_eq!(vin.len(), 17);
        assert_eq!(f.fake(Kind::Name, "Ada Lovelace").split(' ').count(), 2);
        assert!(f.fake(Kind::Text, "call me back about the renewal").ends_with('.'));
    }
}
