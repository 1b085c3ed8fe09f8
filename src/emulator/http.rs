//! Request plumbing shared by the routes: the JSON body extractor ([`HubJson`]: malformed,
//! oversized or slow bodies answered in HubSpot's error shape), the query string
//! ([`QueryPairs`]: arrays in both the repeated and the comma-separated form, flags, limits,
//! cursors, and paging links that never echo a credential), the request's origin, and the
//! batch size limit.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use super::credentials::is_credential;
use super::error::EmuError;
use super::transport::{BodyReadTimeout, DEFAULT_BODY_READ_TIMEOUT, too_large, too_slow};
use crate::api::types::{NextPage, Paging};

/// A JSON body; errors become HubSpot-shaped 400/408/413 responses.
#[derive(Debug, Clone)]
pub struct HubJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for HubJson<T> {
    type Rejection = EmuError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let timeout = req.extensions().get::<BodyReadTimeout>().map_or(DEFAULT_BODY_READ_TIMEOUT, |t| t.0);
        let read =
            tokio::time::timeout(timeout, Bytes::from_request(req, state)).await.map_err(|_| too_slow(timeout))?;
        let bytes = read.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                EmuError::validation(format!("Could not read the request body: {e}"))
            }
        })?;
        parse_json(&bytes).map(HubJson)
    }
}

/// Parses a body as HubSpot does: errors name the line and column.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, EmuError> {
    let text = if bytes.iter().all(u8::is_ascii_whitespace) { &b"{}"[..] } else { bytes };
    serde_json::from_slice(text).map_err(|e| {
        EmuError::validation(format!(
            "Invalid input JSON on line {}, column {}: {}",
            e.line(),
            e.column(),
            strip_position(&e.to_string())
        ))
    })
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// The query string as key/value pairs.
#[derive(Debug, Clone, Default)]
pub struct QueryPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = EmuError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        Ok(Self(form_urlencoded::parse(q.as_bytes()).into_owned().collect()))
    }
}

impl QueryPairs {
    /// The last value of `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Every value of `key`, repeated or comma-joined, trimmed, empty ones dropped.
    #[must_use]
    pub fn list(&self, key: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (_, v) in self.0.iter().filter(|(k, _)| k == key) {
            for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                if !out.iter().any(|o| o == part) {
                    out.push(part.to_owned());
                }
            }
        }
        out
    }

    /// A boolean flag (`true`/`false`), default when absent.
    pub fn flag(&self, key: &str, default: bool) -> Result<bool, EmuError> {
        match self.get(key) {
            None | Some("") => Ok(default),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(v) => Err(EmuError::validation(format!("{key} must be true or false, not {v:?}"))),
        }
    }

    /// A positive integer in `1..=max`, or the default.
    pub fn limit(&self, key: &str, default: usize, max: usize) -> Result<usize, EmuError> {
        match self.get(key) {
            None | Some("") => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(EmuError::validation(format!("{key} must be a whole number from 1 to {max}, not {v:?}"))),
            },
        }
    }

    /// A list's `after` cursor: absent or empty is the start (0); anything but a whole
    /// number from 0 up is refused, so every list treats a bad cursor the same way.
    pub fn cursor(&self) -> Result<i64, EmuError> {
        match self.get("after") {
            None | Some("") => Ok(0),
            Some(a) => a.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                EmuError::validation(format!(
                    "after must be the cursor from a previous page's paging.next.after, not {a:?}"
                ))
            }),
        }
    }

    /// The query string rebuilt with `key` replaced by `value` (for paging links), leaving
    /// out every credential-like parameter so a response never echoes a secret.
    #[must_use]
    pub fn with(&self, key: &str, value: &str) -> String {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in self.0.iter().filter(|(k, _)| k != key && !is_credential(k)) {
            ser.append_pair(k, v);
        }
        ser.append_pair(key, value);
        ser.finish()
    }

    /// A list's `paging` for the page starting at `after`: the cursor, and the link to
    /// `link_base` with this query string and that cursor.
    #[must_use]
    pub fn next_page(&self, link_base: &str, after: String) -> Paging {
        Paging { next: NextPage { link: Some(format!("{link_base}?{}", self.with("after", &after))), after } }
    }
}

/// `http://host` of the request, for absolute paging links.
#[must_use]
pub fn origin(headers: &HeaderMap) -> String {
    let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    format!("http://{host}")
}

/// Checks a batch's size: 1..=100 inputs.
pub fn check_batch_size(n: usize) -> Result<(), EmuError> {
    if n > 100 {
        return Err(EmuError::validation(format!("Batch input is limited to 100 inputs; this request has {n}"))
            .with_context("limit", vec!["100".into()]));
    }
    Ok(())
}
