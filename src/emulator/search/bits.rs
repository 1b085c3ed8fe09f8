//! A fixed-size bitset over the rows of a type's columns.

/// One bit per row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    /// All clear.
    #[must_use]
    pub fn none(len: usize) -> Self {
        Self { words: vec![0; len.div_ceil(64)], len }
    }

    /// All set.
    #[must_use]
    pub fn all(len: usize) -> Self {
        let mut b = Self { words: vec![u64::MAX; len.div_ceil(64)], len };
        b.trim();
        b
    }

    /// Bits set where `f(row)` holds.
    pub fn from_fn(len: usize, mut f: impl FnMut(usize) -> bool) -> Self {
        let mut b = Self::none(len);
        for (w, word) in b.words.iter_mut().enumerate() {
            let base = w * 64;
            let end = (base + 64).min(len);
            let mut acc = 0u64;
            for i in base..end {
                acc |= u64::from(f(i)) << (i - base);
            }
            *word = acc;
        }
        b
    }

    fn trim(&mut self) {
        let extra = self.words.len() * 64 - self.len;
        if let Some(last) = self.words.last_mut().filter(|_| extra > 0) {
            *last &= u64::MAX >> extra;
        }
    }

    /// Sets one bit.
    pub fn set(&mut self, i: usize) {
        if i < self.len {
            self.words[i / 64] |= 1 << (i % 64);
        }
    }

    /// Whether a bit is set.
    #[must_use]
    pub fn get(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] & (1 << (i % 64)) != 0
    }

    /// `self &= other`.
    pub fn and(&mut self, other: &Self) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// `self |= other`.
    pub fn or(&mut self, other: &Self) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// Flips every bit.
    pub fn not(&mut self) {
        for w in &mut self.words {
            *w = !*w;
        }
        self.trim();
    }

    /// Whether any bit is set.
    #[must_use]
    pub fn any(&self) -> bool {
        self.words.iter().any(|w| *w != 0)
    }

    /// How many bits are set.
    #[must_use]
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The set rows, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let t = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(w * 64 + t)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_logic_and_iteration() {
        let mut a = Bits::from_fn(130, |i| i % 2 == 0);
        let b = Bits::from_fn(130, |i| i % 3 == 0);
        assert_eq!(a.count(), 65);
        let mut c = a.clone();
        c.and(&b);
        assert_eq!(c.iter().take(3).collect::<Vec<_>>(), [0, 6, 12]);
        a.or(&b);
        assert_eq!(a.count(), 65 + 44 - 22);
        let mut all = Bits::all(130);
        assert_eq!(all.count(), 130);
        all.not();
        assert_eq!(all.count(), 0);
        let mut n = Bits::none(70);
        n.set(69);
        n.set(500);
        assert!(n.get(69) && !n.get(68) && !n.get(500));
    }
}
