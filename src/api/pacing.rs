//! Client-side pacing: token buckets sized so that no rolling window HubSpot enforces can be
//! exceeded (general requests per 10 s, searches per second), corrected from the
//! `X-HubSpot-RateLimit-*` headers the server sends.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// A portal's rate tier (what the profile says).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RateTier {
    /// Free / Starter: 100 requests per 10 s.
    Free,
    /// Professional: 190 per 10 s.
    Pro,
    /// Enterprise: 190 per 10 s.
    Enterprise,
    /// No pacing (the local CRM without `--rate-limits`).
    Unlimited,
}

impl RateTier {
    /// Requests per rolling 10 seconds.
    #[must_use]
    pub fn burst(self) -> Option<u32> {
        match self {
            Self::Free => Some(100),
            Self::Pro | Self::Enterprise => Some(190),
            Self::Unlimited => None,
        }
    }
}

/// One bucket: at most `capacity` at once, refilled at `per_sec`.
#[derive(Debug)]
struct Bucket {
    capacity: f64,
    tokens: f64,
    per_sec: f64,
    last: Instant,
}

impl Bucket {
    /// A bucket that never lets more than `n` requests into any window of `window`.
    fn for_window(n: u32, window: Duration, now: Instant) -> Self {
        let n = f64::from(n.max(1));
        // A burst of a twentieth of the window (the app's quick pages), the rest spread: a
        // long run (a sync) goes at 95% of the limit.
        let capacity = (n / 20.0).max(1.0);
        let per_sec = ((n - capacity) / window.as_secs_f64()).max(0.1);
        Self { capacity, tokens: capacity, per_sec, last: now }
    }

    fn refill(&mut self, now: Instant) {
        let dt = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + dt * self.per_sec).min(self.capacity);
        self.last = now;
    }

    /// Takes a token, or says how long to wait for one.
    fn take(&mut self, now: Instant) -> Option<Duration> {
        self.refill(now);
        // A token short by a rounding error is there: waiting for it would be a sleep shorter
        // than the timer's tick, which returns at once (paused test time: forever).
        if self.tokens >= 1.0 - 1e-9 {
            self.tokens = (self.tokens - 1.0).max(0.0);
            None
        } else {
            Some(Duration::from_secs_f64((1.0 - self.tokens) / self.per_sec).max(Duration::from_millis(1)))
        }
    }
}

/// Which budget a request uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    General,
    Search,
}

/// The client's pacer. A tier without limits (a local CRM) learns them from the server: the
/// first response that states a window (`X-HubSpot-RateLimit-Max` / `-Interval-Milliseconds`)
/// installs a bucket for it and HubSpot's 5 searches a second (a server that states limits
/// enforces that one too), and a `SECONDLY` refusal installs the search bucket as well.
#[derive(Debug)]
pub struct Pacer {
    general: Mutex<Option<Bucket>>,
    search: Mutex<Option<Bucket>>,
}

fn lock(m: &Mutex<Option<Bucket>>) -> std::sync::MutexGuard<'_, Option<Bucket>> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Pacer {
    /// A pacer for a tier.
    #[must_use]
    pub fn new(tier: RateTier) -> Self {
        let now = Instant::now();
        match tier.burst() {
            None => Self { general: Mutex::new(None), search: Mutex::new(None) },
            Some(n) => Self {
                general: Mutex::new(Some(Bucket::for_window(n, Duration::from_secs(10), now))),
                search: Mutex::new(Some(Bucket::for_window(5, Duration::from_secs(1), now))),
            },
        }
    }

    fn bucket(&self, budget: Budget) -> &Mutex<Option<Bucket>> {
        match budget {
            Budget::General => &self.general,
            Budget::Search => &self.search,
        }
    }

    /// Waits until a request of this kind may go.
    pub async fn acquire(&self, budget: Budget) {
        loop {
            let wait = lock(self.bucket(budget)).as_mut().and_then(|b| b.take(Instant::now()));
            match wait {
                None => return,
                Some(d) => tokio::time::sleep(d).await,
            }
        }
    }

    /// Corrects the general budget from a response's headers: never think there is more
    /// room than the server says. A stated window the pacer has no bucket for (or a smaller
    /// one than its bucket allows) becomes its bucket.
    pub fn observe(&self, remaining: Option<u32>, window: Option<(u32, Duration)>) {
        if window.is_some() {
            self.learn_search_limit();
        }
        let mut g = lock(&self.general);
        if let Some((max, interval)) = window {
            let now = Instant::now();
            let allowed = |b: &Bucket| b.capacity + b.per_sec * interval.as_secs_f64();
            if g.as_ref().is_none_or(|b| allowed(b) > f64::from(max) + 0.5) {
                *g = Some(Bucket::for_window(max, interval, now));
            }
        }
        if let (Some(b), Some(r)) = (g.as_mut(), remaining) {
            b.tokens = b.tokens.min(f64::from(r));
        }
    }

    /// A stated window or a `SECONDLY` refusal: searches are held to HubSpot's 5 per second
    /// from now on.
    pub fn learn_search_limit(&self) {
        let mut s = lock(&self.search);
        if s.is_none() {
            *s = Some(Bucket::for_window(5, Duration::from_secs(1), Instant::now()));
        }
    }

    /// Empties a budget after a 429, so the next requests wait.
    pub fn drain(&self, budget: Budget) {
        if let Some(b) = lock(self.bucket(budget)).as_mut() {
            b.tokens = 0.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn no_ten_second_window_gets_more_than_the_burst() {
        let pacer = Pacer::new(RateTier::Free);
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..300 {
            pacer.acquire(Budget::General).await;
            times.push(Instant::now().duration_since(start));
        }
        for (i, t) in times.iter().enumerate() {
            let in_window = times[i..].iter().take_while(|u| **u < *t + Duration::from_secs(10)).count();
            assert!(in_window <= 100, "{in_window} requests in the 10 s from {t:?}");
        }
        // And it is not needlessly slow: 300 requests in about 32 s (90% of the allowed rate).
        assert!(times[299] <= Duration::from_secs(33), "{:?}", times[299]);
    }

    #[tokio::test(start_paused = true)]
    async fn searches_stay_at_five_per_second_and_unlimited_never_waits() {
        let pacer = Pacer::new(RateTier::Pro);
        let start = Instant::now();
        for _ in 0..21 {
            pacer.acquire(Budget::Search).await;
        }
        assert!(Instant::now().duration_since(start) >= Duration::from_secs(4));
        let free = Pacer::new(RateTier::Unlimited);
        let start = Instant::now();
        for _ in 0..1000 {
            free.acquire(Budget::General).await;
        }
        assert_eq!(Instant::now(), start);
    }

    /// A walkthrough found: against a local CRM enforcing the free tier (no tier configured),
    /// the client sent without pacing and met 429s. The first stated window paces it.
    #[tokio::test(start_paused = true)]
    async fn an_unlimited_pacer_learns_the_window_the_server_states() {
        let pacer = Pacer::new(RateTier::Unlimited);
        pacer.observe(Some(99), Some((100, Duration::from_secs(10))));
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..250 {
            pacer.acquire(Budget::General).await;
            times.push(Instant::now().duration_since(start));
        }
        for (i, t) in times.iter().enumerate() {
            let in_window = times[i..].iter().take_while(|u| **u < *t + Duration::from_secs(10)).count();
            assert!(in_window <= 100, "{in_window} requests in the 10 s from {t:?}");
        }
        // A window the bucket already respects changes nothing.
        pacer.observe(None, Some((190, Duration::from_secs(10))));
        // A walkthrough found: the first screen's count searches (one per type) met SECONDLY
        // 429s before the pacer learnt the search limit. A stated window teaches it at once.
        let start = Instant::now();
        for _ in 0..11 {
            pacer.acquire(Budget::Search).await;
        }
        assert!(Instant::now().duration_since(start) >= Duration::from_secs(2), "searches paced after a stated window");
        let searches = Pacer::new(RateTier::Unlimited);
        searches.learn_search_limit();
        let start = Instant::now();
        for _ in 0..11 {
            searches.acquire(Budget::Search).await;
        }
        assert!(Instant::now().duration_since(start) >= Duration::from_secs(2));
    }
}
