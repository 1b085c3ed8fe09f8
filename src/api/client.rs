//! The one HTTP client every part of hubtui uses: base URL and bearer token, pacing, timeouts,
//! and retries — with backoff and jitter, only for requests that are safe to repeat.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::Error;
use super::pacing::{Budget, Pacer, RateTier};
use crate::secret::Secret;

/// HubSpot's production API.
pub const HUBSPOT_API: &str = "https://api.hubapi.com";

/// How to reach a portal.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub base_url: String,
    pub token: Option<Secret>,
    pub tier: RateTier,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Attempts per request, the first included.
    pub max_attempts: u32,
    /// First backoff; doubles each retry (with jitter), capped at 30 s.
    pub backoff: Duration,
    /// The API version requests are made in (paths from `api::paths`).
    pub api_version: super::paths::ApiVersion,
}

impl ClientConfig {
    /// Defaults for a base URL and token.
    #[must_use]
    pub fn new(base_url: impl Into<String>, token: Option<Secret>) -> Self {
        Self {
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            token,
            tier: RateTier::Free,
            timeout: Duration::from_secs(30),
            max_attempts: 6,
            backoff: Duration::from_millis(500),
            api_version: super::paths::ApiVersion::default(),
        }
    }
}

/// Whether a request may be sent again after an ambiguous failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    /// Reads, and writes whose repetition changes nothing (updates, upserts, deletes).
    Repeatable,
    /// Creates: repeated only when the server certainly did not apply them.
    Once,
}

struct Inner {
    http: reqwest::Client,
    config: ClientConfig,
    pacer: Pacer,
    /// The rate-limit headers of the latest response that had them.
    rate: std::sync::Mutex<Option<RateHeaders>>,
    /// The latest retry being waited for, with the number of the send that waits.
    waiting: std::sync::Mutex<Option<(u64, Waiting)>>,
    sends: std::sync::atomic::AtomicU64,
    /// HTTP requests made, retries included (what HubSpot's rate limits count).
    attempts: std::sync::atomic::AtomicU64,
}

/// A request waiting to be retried: why, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    /// `rate limited by HubSpot (TEN_SECONDLY_ROLLING)`, `HubSpot answered 502`, …
    pub reason: String,
    pub until: tokio::time::Instant,
}

/// HubSpot's `X-HubSpot-RateLimit-*` headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateHeaders {
    pub remaining: u32,
    pub max: u32,
    pub daily_remaining: Option<u32>,
}

/// A HubSpot API client; cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.config.base_url)
            .field("token", &self.inner.config.token)
            .finish()
    }
}

/// A final HTTP answer: its status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub text: String,
}

/// What one attempt ended with.
enum Attempt<T> {
    Done(Result<T, Error>),
    Retry { error: Error, wait: Duration },
}

impl Client {
    /// A client; fails only if the TLS stack cannot start.
    pub fn new(config: ClientConfig) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("hubtui/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Network { message: e.to_string() })?;
        let pacer = Pacer::new(config.tier);
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                config,
                pacer,
                rate: std::sync::Mutex::new(None),
                waiting: std::sync::Mutex::new(None),
                sends: std::sync::atomic::AtomicU64::new(0),
                attempts: std::sync::atomic::AtomicU64::new(0),
            }),
        })
    }

    /// The path of a call to `api` in the version this client speaks (see `api::paths`).
    #[must_use]
    pub fn path(&self, api: super::paths::Api, rest: &str) -> String {
        super::paths::path(api, self.inner.config.api_version, rest)
    }

    /// HTTP requests this client has made so far, retries included.
    #[must_use]
    pub fn calls(&self) -> u64 {
        self.inner.attempts.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The API version this client speaks.
    #[must_use]
    pub fn api_version(&self) -> super::paths::ApiVersion {
        self.inner.config.api_version
    }

    /// The rate tier this client paces to.
    #[must_use]
    pub fn tier(&self) -> RateTier {
        self.inner.config.tier
    }

    /// The retry being waited for right now, if any (for a status line).
    #[must_use]
    pub fn waiting(&self) -> Option<Waiting> {
        self.inner.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref().map(|(_, w)| w.clone())
    }

    fn set_waiting(&self, send: u64, w: Option<Waiting>) {
        let mut slot = self.inner.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match w {
            Some(w) => *slot = Some((send, w)),
            None if slot.as_ref().is_some_and(|(n, _)| *n == send) => *slot = None,
            None => {}
        }
    }

    /// Why a request is being retried, in words for the status bar.
    fn retry_reason(&self, error: &Error) -> String {
        let server = if self.is_hubspot() { "HubSpot" } else { "the server" };
        match error {
            Error::RateLimited { policy, .. } => format!("rate limited by {server} ({policy})"),
            Error::Server { status, .. } => format!("{server} answered {status}"),
            Error::Network { .. } => format!("cannot reach {server}"),
            Error::Timeout(_) => format!("{server} did not answer in time"),
            other => other.to_string(),
        }
    }

    /// The rate-limit headers of the latest response that carried them.
    #[must_use]
    pub fn rate_headers(&self) -> Option<RateHeaders> {
        *self.inner.rate.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The base URL.
    #[must_use]
    pub fn base_url(&self) -> &str {
        &self.inner.config.base_url
    }

    /// Whether this client talks to HubSpot itself (not a local CRM).
    #[must_use]
    pub fn is_hubspot(&self) -> bool {
        self.base_url().contains("hubapi.com")
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let base =
            self.inner.config.backoff.as_secs_f64() * 2f64.powi(i32::try_from(attempt.saturating_sub(1)).unwrap_or(10));
        #[allow(clippy::cast_precision_loss)]
        let jitter = 0.5 + (crate::rng::random_u64() % 1000) as f64 / 1000.0;
        Duration::from_secs_f64((base * jitter).min(30.0))
    }

    /// Sends a request and decodes a JSON answer (`()` for an empty one).
    pub async fn send<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&B>,
        safety: Safety,
    ) -> Result<T, Error> {
        self.send_with(method, path, query, body, safety, &[]).await
    }

    /// [`Client::send`] with extra request headers.
    pub async fn send_with<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&B>,
        safety: Safety,
        headers: &[(&str, &str)],
    ) -> Result<T, Error> {
        let body = body.map(serde_json::to_vec).transpose().map_err(|e| Error::Decode { message: e.to_string() })?;
        let answer = self.exchange(&method, path, query, body.as_deref(), safety, headers).await?;
        if !(200..300).contains(&answer.status) {
            return Err(Error::from_response(answer.status, &answer.text));
        }
        let text = if answer.text.trim().is_empty() { "null" } else { answer.text.as_str() };
        serde_json::from_str(text).map_err(|e| Error::Decode { message: format!("{path}: {e}") })
    }

    /// Sends a request as it is (a body already encoded, extra headers) with the client's
    /// pacing and retries, and returns the final answer, error statuses included: for a
    /// local CRM that passes writes on to the portal it copies. `Err` when no answer came
    /// (transport) or the retries ran out.
    pub async fn forward(
        &self,
        method: &Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&[u8]>,
        safety: Safety,
        headers: &[(&str, &str)],
    ) -> Result<Answer, Error> {
        self.exchange(method, path, query, body, safety, headers).await
    }

    /// One request to its final answer: paced, and sent again while a retry is safe.
    async fn exchange(
        &self,
        method: &Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&[u8]>,
        safety: Safety,
        headers: &[(&str, &str)],
    ) -> Result<Answer, Error> {
        let budget = if method == Method::POST && path.ends_with("/search") { Budget::Search } else { Budget::General };
        let send = self.inner.sends.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // The path only: a query may carry values, a token never reaches here.
        tracing::debug!(%method, %path, "request");
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.inner.pacer.acquire(budget).await;
            match self.attempt(method, path, query, body, budget, safety, headers).await {
                Attempt::Done(r) => {
                    self.set_waiting(send, None);
                    return r;
                }
                Attempt::Retry { error, wait } => {
                    if attempt >= self.inner.config.max_attempts {
                        self.set_waiting(send, None);
                        return Err(error);
                    }
                    let wait = if wait.is_zero() { self.backoff(attempt) } else { wait };
                    tracing::debug!(%path, attempt, ?wait, error = %error, "retrying");
                    let reason = self.retry_reason(&error);
                    self.set_waiting(send, Some(Waiting { reason, until: tokio::time::Instant::now() + wait }));
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn attempt(
        &self,
        method: &Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&[u8]>,
        budget: Budget,
        safety: Safety,
        headers: &[(&str, &str)],
    ) -> Attempt<Answer> {
        self.inner.attempts.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let url = format!("{}{path}", self.inner.config.base_url);
        let mut req = self.inner.http.request(method.clone(), url).query(query);
        if let Some(t) = &self.inner.config.token {
            req = req.bearer_auth(t.expose());
        }
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        if let Some(b) = body {
            req = req.header("content-type", "application/json").body(b.to_vec());
        }
        let repeatable = safety == Safety::Repeatable;
        let resp = match req.send().await {
            Ok(r) => r,
            Err(e) => return self.transport_failure(&e, repeatable),
        };
        let status = resp.status().as_u16();
        let remaining = header_u32(&resp, "x-hubspot-ratelimit-remaining");
        let retry_after = header_u32(&resp, "retry-after").map(|s| Duration::from_secs(u64::from(s)));
        let window = match (
            header_u32(&resp, "x-hubspot-ratelimit-max"),
            header_u32(&resp, "x-hubspot-ratelimit-interval-milliseconds"),
        ) {
            (Some(max), Some(ms)) if ms > 0 => Some((max, Duration::from_millis(u64::from(ms)))),
            _ => None,
        };
        self.inner.pacer.observe(remaining, window);
        if let (Some(remaining), Some(max)) = (remaining, header_u32(&resp, "x-hubspot-ratelimit-max")) {
            let daily_remaining = header_u32(&resp, "x-hubspot-ratelimit-daily-remaining");
            *self.inner.rate.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
                Some(RateHeaders { remaining, max, daily_remaining });
        }
        let text = match resp.text().await {
            Ok(t) => t,
            Err(e) => return self.transport_failure(&e, repeatable),
        };
        if (200..300).contains(&status) {
            return Attempt::Done(Ok(Answer { status, text }));
        }
        let error = Error::from_response(status, &text);
        match (status, &error) {
            (429, Error::RateLimited { policy, .. }) if policy != "DAILY" => {
                if policy == "SECONDLY" {
                    self.inner.pacer.learn_search_limit();
                }
                self.inner.pacer.drain(budget);
                let wait = retry_after.unwrap_or(if policy == "SECONDLY" {
                    Duration::from_secs(1)
                } else {
                    Duration::from_secs(10)
                });
                let error = Error::RateLimited { policy: policy.clone(), retry_after: wait };
                Attempt::Retry { error, wait }
            }
            (423, _) => Attempt::Retry { error, wait: Duration::from_secs(2) },
            (500 | 502 | 503 | 504 | 524, _) if repeatable => Attempt::Retry { error, wait: Duration::ZERO },
            _ => Attempt::Done(Ok(Answer { status, text })),
        }
    }
}

impl Client {
    /// A request that failed in transport: retried when repeatable, reported otherwise (a
    /// create may or may not have happened; its caller resolves that).
    fn transport_failure<T>(&self, e: &reqwest::Error, repeatable: bool) -> Attempt<T> {
        let error = network_error(e, self.inner.config.timeout);
        if repeatable { Attempt::Retry { error, wait: Duration::ZERO } } else { Attempt::Done(Err(error)) }
    }
}

fn header_u32(resp: &reqwest::Response, name: &str) -> Option<u32> {
    resp.headers().get(name)?.to_str().ok()?.trim().parse().ok()
}

fn network_error(e: &reqwest::Error, timeout: Duration) -> Error {
    if e.is_timeout() {
        Error::Timeout(timeout)
    } else {
        // reqwest's Display names the URL, never headers: the token cannot leak here.
        Error::Network { message: e.to_string() }
    }
}
