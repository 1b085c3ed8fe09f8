//! Small pseudo-random sources: a seeded, deterministic generator for the demo data and
//! fault rules, and an unseeded one for correlation ids, idempotency keys and jitter.

use std::sync::atomic::{AtomicU64, Ordering};

/// SplitMix64: tiny, fast, and stable across versions (unlike library RNGs whose streams may
/// change), so a seed always gives the same demo portal.
#[derive(Debug, Clone, Default)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a fixed seed.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi.saturating_sub(lo)).unwrap_or(0).saturating_add(1);
        lo.saturating_add(i64::try_from(self.below(span)).unwrap_or(0))
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let n = u64::try_from(items.len()).unwrap_or(1);
        let i = usize::try_from(self.below(n)).unwrap_or(0);
        &items[i.min(items.len().saturating_sub(1))]
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        #[allow(clippy::cast_precision_loss)]
        let x = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        x < p
    }
}

static STATE: AtomicU64 = AtomicU64::new(0);

/// Unseeded random bits (time-seeded once, then a counter through SplitMix64).
pub fn random_u64() -> u64 {
    if STATE.load(Ordering::Relaxed) == 0 {
        let t = u64::try_from(crate::timefmt::now_ms()).unwrap_or(1);
        let _ = STATE.compare_exchange(0, t ^ 0xA076_1D64_78BD_642F, Ordering::Relaxed, Ordering::Relaxed);
    }
    let s = STATE.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    SplitMix64::new(s).next_u64()
}

/// A random UUID-v4-shaped string.
#[must_use]
pub fn uuid_v4() -> String {
    let a = random_u64();
    let b = random_u64();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0x0fff,
        ((b >> 48) & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}
