//! HubSpot's rate limits, emulated: a rolling 10-second window per token, 5 searches per
//! second, a daily quota; `X-HubSpot-RateLimit-*` headers on non-search responses; 429s with
//! the exact bodies HubSpot's own clients key their retries on. Off unless asked for.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::time::Instant;

use super::error::correlation_id;

const WINDOW: Duration = Duration::from_secs(10);
const SECOND: Duration = Duration::from_secs(1);

/// The limits of one tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Requests per rolling 10 seconds (search excluded).
    pub burst: usize,
    /// Requests per day.
    pub daily: u64,
    /// Searches per second.
    pub search_per_second: usize,
}

impl RateLimits {
    /// Parses `free`, `starter`, `pro`, `professional`, `enterprise` or `N/10s`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let tier = |burst, daily| Self { burst, daily, search_per_second: 5 };
        match s.trim().to_ascii_lowercase().as_str() {
            "free" | "starter" => Ok(tier(100, 250_000)),
            "pro" | "professional" => Ok(tier(190, 650_000)),
            "enterprise" => Ok(tier(190, 1_000_000)),
            other => other
                .strip_suffix("/10s")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| *n > 0)
                .map(|n| tier(n, 1_000_000))
                .ok_or_else(|| format!("rate limits {s:?}: use free, pro, enterprise or N/10s (e.g. 100/10s)")),
        }
    }
}

#[derive(Debug, Default)]
struct Window {
    recent: VecDeque<Instant>,
    searches: VecDeque<Instant>,
    day: i64,
    used_today: u64,
}

/// Per-token windows.
#[derive(Debug)]
pub struct Limiter {
    pub limits: RateLimits,
    portal_id: i64,
    windows: Mutex<HashMap<String, Window>>,
}

/// Which limit a request ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    TenSecondly,
    Secondly,
    Daily,
}

impl Policy {
    /// HubSpot's `policyName`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::TenSecondly => "TEN_SECONDLY_ROLLING",
            Self::Secondly => "SECONDLY",
            Self::Daily => "DAILY",
        }
    }

    /// HubSpot's `message`, exactly (the Node client compares it).
    #[must_use]
    pub fn message(self) -> &'static str {
        match self {
            Self::TenSecondly => "You have reached your ten_secondly_rolling limit.",
            Self::Secondly => "You have reached your secondly limit.",
            Self::Daily => "You have reached your daily limit.",
        }
    }

    /// Parses `ten_secondly`, `secondly` or `daily` (fault rules).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "ten_secondly" | "ten_secondly_rolling" => Some(Self::TenSecondly),
            "secondly" => Some(Self::Secondly),
            "daily" => Some(Self::Daily),
            _ => None,
        }
    }
}

/// A 429 as HubSpot sends it.
#[must_use]
pub fn too_many(policy: Policy, portal_id: i64, retry_after: Duration) -> Response {
    let group = match policy {
        Policy::TenSecondly => format!("publicapi:private-app-api-calls-ten-secondly:{portal_id}"),
        Policy::Secondly => format!("publicapi:crm-search-api-calls-secondly:{portal_id}"),
        Policy::Daily => format!("publicapi:private-app-api-calls-daily:{portal_id}"),
    };
    let body = serde_json::json!({"status": "error", "message": policy.message(), "errorType": "RATE_LIMIT",
        "correlationId": correlation_id(), "policyName": policy.name(), "groupName": group, "category": "RATE_LIMITS"});
    let mut resp = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
    let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
    if let Ok(v) = HeaderValue::from_str(&secs.max(1).to_string()) {
        resp.headers_mut().insert("retry-after", v);
    }
    resp
}

fn today() -> i64 {
    crate::timefmt::now_ms().div_euclid(86_400_000)
}

/// What the limiter decided.
enum Verdict {
    Allowed { remaining: usize, daily_remaining: u64 },
    AllowedSearch,
    Refused(Policy, Duration),
}

impl Limiter {
    /// A limiter with these limits.
    #[must_use]
    pub fn new(limits: RateLimits, portal_id: i64) -> Self {
        Self { limits, portal_id, windows: Mutex::new(HashMap::new()) }
    }

    fn admit(&self, token: &str, search: bool, now: Instant) -> Verdict {
        let mut map = self.windows.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let w = map.entry(token.to_owned()).or_default();
        let day = today();
        if w.day != day {
            w.day = day;
            w.used_today = 0;
        }
        if search {
            while w.searches.front().is_some_and(|t| now.duration_since(*t) >= SECOND) {
                w.searches.pop_front();
            }
            if w.searches.len() >= self.limits.search_per_second {
                let wait = w.searches.front().map_or(SECOND, |t| SECOND.saturating_sub(now.duration_since(*t)));
                return Verdict::Refused(Policy::Secondly, wait);
            }
            w.searches.push_back(now);
            return Verdict::AllowedSearch;
        }
        if w.used_today >= self.limits.daily {
            return Verdict::Refused(Policy::Daily, Duration::from_secs(3600));
        }
        while w.recent.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
            w.recent.pop_front();
        }
        if w.recent.len() >= self.limits.burst {
            let wait = w.recent.front().map_or(WINDOW, |t| WINDOW.saturating_sub(now.duration_since(*t)));
            return Verdict::Refused(Policy::TenSecondly, wait);
        }
        w.recent.push_back(now);
        w.used_today += 1;
        Verdict::Allowed {
            remaining: self.limits.burst - w.recent.len(),
            daily_remaining: self.limits.daily - w.used_today,
        }
    }
}

fn set(resp: &mut Response, name: &'static str, value: String) {
    if let Ok(v) = HeaderValue::from_str(&value) {
        resp.headers_mut().insert(name, v);
    }
}

/// The headers an admitted request's answer carries: `(remaining, daily remaining)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Admitted(usize, u64);

/// The limiter's verdict on a request: refused (the policy hit and how long to wait: see
/// [`refused`]), or what its answer's rate headers say (`None`: none, as for searches and the
/// admin API).
pub fn admit(limiter: &Limiter, req: &axum::extract::Request) -> Result<Option<Admitted>, (Policy, Duration)> {
    if req.uri().path().starts_with("/__hubtui") {
        return Ok(None);
    }
    let token = req.headers().get("authorization").and_then(|h| h.to_str().ok()).unwrap_or("");
    let search = req.method() == axum::http::Method::POST && req.uri().path().ends_with("/search");
    match limiter.admit(token, search, Instant::now()) {
        Verdict::Refused(policy, wait) => Err((policy, wait)),
        Verdict::AllowedSearch => Ok(None),
        Verdict::Allowed { remaining, daily_remaining } => Ok(Some(Admitted(remaining, daily_remaining))),
    }
}

/// The 429 of a refused request.
#[must_use]
pub fn refused(limiter: &Limiter, (policy, wait): (Policy, Duration)) -> Response {
    too_many(policy, limiter.portal_id, wait)
}

/// HubSpot's rate headers on an admitted request's answer.
pub fn stamp(resp: &mut Response, limiter: &Limiter, Admitted(remaining, daily_remaining): Admitted) {
    set(resp, "x-hubspot-ratelimit-max", limiter.limits.burst.to_string());
    set(resp, "x-hubspot-ratelimit-remaining", remaining.to_string());
    set(resp, "x-hubspot-ratelimit-interval-milliseconds", "10000".into());
    set(resp, "x-hubspot-ratelimit-daily", limiter.limits.daily.to_string());
    set(resp, "x-hubspot-ratelimit-daily-remaining", daily_remaining.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(v: &Verdict) -> bool {
        !matches!(v, Verdict::Refused(..))
    }

    #[test]
    fn the_ten_second_window_rolls() {
        let l = Limiter::new(RateLimits { burst: 2, daily: 100, search_per_second: 5 }, 1);
        let t0 = Instant::now();
        assert!(allowed(&l.admit("a", false, t0)));
        assert!(allowed(&l.admit("a", false, t0 + Duration::from_secs(4))));
        match l.admit("a", false, t0 + Duration::from_secs(6)) {
            Verdict::Refused(Policy::TenSecondly, wait) => assert_eq!(wait, Duration::from_secs(4)),
            _ => panic!("the third request inside 10 s is refused"),
        }
        assert!(allowed(&l.admit("a", false, t0 + Duration::from_secs(10))), "the first request left the window");
    }

    #[test]
    fn searches_have_their_own_five_per_second() {
        let l = Limiter::new(RateLimits { burst: 1, daily: 100, search_per_second: 5 }, 1);
        let t0 = Instant::now();
        for i in 0..5 {
            assert!(allowed(&l.admit("a", true, t0 + Duration::from_millis(i * 10))));
        }
        assert!(matches!(l.admit("a", true, t0 + Duration::from_millis(100)), Verdict::Refused(Policy::Secondly, _)));
        assert!(allowed(&l.admit("a", true, t0 + Duration::from_millis(1000))));
        assert!(allowed(&l.admit("a", false, t0)), "searches do not use the general budget");
    }

    #[test]
    fn the_daily_quota_refuses_with_daily() {
        let l = Limiter::new(RateLimits { burst: 100, daily: 2, search_per_second: 5 }, 1);
        let t0 = Instant::now();
        assert!(allowed(&l.admit("a", false, t0)));
        assert!(allowed(&l.admit("a", false, t0)));
        assert!(matches!(l.admit("a", false, t0), Verdict::Refused(Policy::Daily, _)));
    }
}
